"""The main window: navigation for the modules the account may use, the status bar, the window lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox,
                               QStackedWidget, QWidget)

from app.domain.accounts import role_labels
from app.domain.errors import DomainError
from app.domain.permissions import Permission
from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.idle import IdleWatcher
from ui.messages import text_for
from ui.pages.accounts_page import AccountsPage
from ui.pages.audit_page import AuditPage
from ui.pages.calendar_page import CalendarPage, RulesPage
from ui.pages.home_page import HomePage
from ui.pages.maintenance_page import MaintenancePage
from ui.pages.policy_page import PolicyPage
from ui.pages.records_page import RecordsPage
from ui.pages.subjects_page import SubjectsPage
from ui.widgets.lock_screen import LockScreen

WINDOW_TITLE = "涉密领域失信信息管理系统"
LOCK_REASONS = {"idle": "长时间无操作，窗口已自动锁定。", "resume": "计算机从睡眠中恢复，窗口已锁定。",
                "manual": "窗口已手动锁定。"}


class MainWindow(QMainWindow):
    """Signals:
        signed_out: the session ended (by the user, or after too many wrong passwords at the lock screen)
        restore_requested: the 系统管理员 chose a backup to restore; arg: Path
    """

    signed_out = Signal()
    restore_requested = Signal(object)

    def __init__(self, services, about_facts=None, parent: QWidget | None = None, idle_watcher=None) -> None:
        super().__init__(parent)
        self.services = services
        self._about_facts = about_facts
        self._hidden_dialogs: list[QDialog] = []
        self.locked = False
        self.setWindowTitle(WINDOW_TITLE)
        self.pages = self._build_pages()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(160)
        self.page_stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.title)
            self.page_stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._on_nav)
        content = QWidget()
        row = QHBoxLayout(content)
        row.addWidget(self.nav)
        row.addWidget(self.page_stack, 1)
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self._on_unlock_requested)
        self.lock_screen.sign_out_requested.connect(self.sign_out)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self.user_label = QLabel()
        self.user_label.setObjectName("user_label")
        self.calendar_warning = QLabel()
        self.calendar_warning.setObjectName("calendar_warning")
        self.calendar_warning.setStyleSheet("color: #b00020;")
        self.statusBar().addWidget(self.calendar_warning)
        self.statusBar().addPermanentWidget(self.user_label)
        self._update_user_label()
        self.update_calendar_warning()
        self._build_menus()
        self.nav.setCurrentRow(0)
        policy = services.security_policy()
        self.idle = idle_watcher or IdleWatcher(policy.idle_lock_minutes * 60, parent=self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.idle.resumed.connect(lambda: self.lock("resume"))
        self.resize(1100, 700)

    # -- construction -----------------------------------------------------------------------------------
    def _build_pages(self) -> list[QWidget]:
        s = self.services
        pages: list[QWidget] = []
        if s.can(Permission.RECORD_READ):
            pages += [RecordsPage(s), SubjectsPage(s)]
        if s.can(Permission.RECORD_READ) or not s.session.account.admin_role:
            pages.append(HomePage(s))
        if s.can(Permission.ACCOUNT_MANAGE) or s.can(Permission.ROLE_ASSIGN):
            pages.append(AccountsPage(s))
        if s.can(Permission.POLICY_EDIT):
            pages.append(PolicyPage(s, saved_callback=self._on_policy_saved))
        if s.can(Permission.AUDIT_READ):
            pages.append(AuditPage(s))
        if s.can(Permission.CALENDAR_EDIT):
            pages += [CalendarPage(s, changed_callback=self._on_calendar_changed), RulesPage(s)]
        if s.can(Permission.BACKUP):
            maintenance = MaintenancePage(s)
            maintenance.restore_requested.connect(self.restore_requested)
            pages.append(maintenance)
        return pages

    def _build_menus(self) -> None:
        system = self.menuBar().addMenu("系统(&S)")
        self.lock_action = QAction("锁定窗口", self, shortcut=QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock("manual"))
        change = QAction("修改密码…", self)
        change.triggered.connect(self._on_change_password)
        sign_out = QAction("退出登录", self)
        sign_out.triggered.connect(self.sign_out)
        for action in (self.lock_action, change, sign_out):
            system.addAction(action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于…", self)
        about.triggered.connect(self._on_about)
        help_menu.addAction(about)

    def _update_user_label(self) -> None:
        account = self.services.session.account
        roles = role_labels(account.roles) or "未授权"
        self.user_label.setText(f"当前用户：{account.display_name}（{account.username}）　角色：{roles}")

    def update_calendar_warning(self) -> None:
        """From 1 November: say that next year's holidays are missing, so its deadlines are provisional."""
        missing = self.services.next_year_missing()
        self.calendar_warning.setText(f"注意：{missing}年节假日安排尚未载入，涉及{missing}年的期限为暂定。" if missing else "")

    def _on_calendar_changed(self) -> None:
        if hasattr(self, "calendar_warning"):
            self.update_calendar_warning()

    def page(self, title: str) -> QWidget:
        return next(p for p in self.pages if p.title == title)

    def show_page(self, title: str) -> None:
        self.nav.setCurrentRow([p.title for p in self.pages].index(title))

    def _on_nav(self, row: int) -> None:
        if row >= 0:
            self.page_stack.setCurrentIndex(row)
            self.update_calendar_warning()

    def start(self) -> None:
        self.show()
        QApplication.instance().installEventFilter(self.idle)
        self.idle.start()

    # -- lock -------------------------------------------------------------------------------------------
    def lock(self, reason: str) -> None:
        """Hide everything (open dialogs too); keep unsaved input in the hidden widgets."""
        if self.locked:
            return
        self.locked = True
        self.idle.paused = True
        try:
            self.services.lock(reason)
            self.services.store.close()
        except DomainError:
            pass  # the lock itself must never fail: the window is hidden either way
        visible = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in visible:  # a pending question must not be answered silently later: cancel it
            if isinstance(dialog, (QMessageBox, QFileDialog, QPrintDialog)):
                dialog.reject()
        self._hidden_dialogs = [d for d in visible if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self.menuBar().setEnabled(False)
        self.stack.setCurrentWidget(self.lock_screen)
        account = self.services.session.account
        self.lock_screen.prepare(f"{account.display_name}（{account.username}）", LOCK_REASONS.get(reason, ""))

    def _on_unlock_requested(self, password: str) -> None:
        try:
            self.services.unlock(password)
        except DomainError as error:
            if error.code in ("auth.account_locked_now", "auth.account_locked"):
                QMessageBox.warning(self, "账户已锁定", text_for(error))
                self._end_session(audit=False)
                return
            if error.code == "auth.wrong_credentials":  # only the password was asked for here
                self.lock_screen.error.show_text(
                    f"密码不正确。再失败 {error.params.get('remaining', '')} 次，账户将被锁定。")
            else:
                self.lock_screen.error.show_text(text_for(error))
            return
        self.locked = False
        self.menuBar().setEnabled(True)
        self.stack.setCurrentIndex(0)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.paused = False
        self.idle.note_input()

    # -- session ----------------------------------------------------------------------------------------
    def sign_out(self) -> None:
        self._end_session(audit=True)

    def _end_session(self, audit: bool) -> None:
        self.idle.stop()
        QApplication.instance().removeEventFilter(self.idle)
        if audit:
            try:
                self.services.sign_out()
            except DomainError:
                pass
        try:
            self.services.store.close()
        except DomainError:
            pass
        self.hide()
        self.signed_out.emit()
        self.deleteLater()

    def _on_change_password(self) -> None:
        self._password_dialog = ChangePasswordDialog(self.services, parent=self)
        self._password_dialog.open()

    def _on_policy_saved(self, policy) -> None:
        self.idle.timeout_s = policy.idle_lock_minutes * 60

    def about_text(self) -> str:
        facts = self._about_facts(self.services) if self._about_facts else {}
        lines = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in facts.items())
        return (f"<h3>{WINDOW_TITLE}</h3><table>{lines}</table>"
                "<p>依据《广州市涉密领域失信信息管理暂行办法》（穗密规字〔2021〕1号）。</p>")

    def _on_about(self) -> None:
        QMessageBox.about(self, "关于", self.about_text())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.isVisible():
            try:
                self.services.sign_out()  # recorded even when closed while locked
                self.services.store.close()
            except DomainError:
                pass
        self.idle.stop()
        super().closeEvent(event)
