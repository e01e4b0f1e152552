"""Driving the real application in GUI tests: a real encrypted store in tmp_path, the real controller.

``GuiApp`` plays the user: it starts the controller on a data folder, types into the login dialog and the
forced password change, and tears everything down so no engine, lock or event filter outlives the test.
Only the idle watcher's clock is replaced: it reads the same ``FixedClock`` as the use cases, so advancing
that clock is "the user walked away".
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QFormLayout, QWidget
from shiboken6 import isValid

from app.domain.accounts import Role
from app.ports import AuditFilter
from app.usecases.accounts import CreateAccount
from storage.keyslots import FAST_TEST_KDF
from storage.store import STORE_FILES
from tests.fakes import FixedClock
from ui.app_controller import AppController
from ui.composition import Context
from ui.idle import IdleWatcher
from ui.main_window import MainWindow

ADMIN, ADMIN_NAME, ADMIN_PW = "admin", "王管理", "Guard-Passw0rd"
TEMP_PW = "Temp-Passw0rd-1"
OWN_PW = "Own-Passw0rd-22"
RECOVERY_KEY = re.compile(r"^[A-Z2-9]{4}(-[A-Z2-9]{4}){7}$")

# The 三员 and one business account, created by the 系统管理员 before a test signs them in.
STAFF = {"baomi": ("李保密", Role.SECADMIN), "shenji": ("赵审计", Role.AUDITOR), "yewu": ("陈业务", None)}


def click(qtbot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def toggle(qtbot, box: QAbstractButton) -> None:
    """Click a check box on its indicator (its centre may be empty space in a stretched layout)."""
    assert box.isVisible() and box.isEnabled()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def ok_button(dialog: QWidget) -> QWidget:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def type_into(qtbot, edit, text: str) -> None:
    """Type like a user: ASCII on the keyboard, Chinese through the input method (QTest cannot key it)."""
    edit.clear()
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(edit, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(edit, event)


def assert_error_at(form: QFormLayout, field: QWidget, label: QWidget, *words: str) -> None:
    """The message is shown, in Chinese, on the form row right below the field it is about."""
    assert label.isVisible(), f"no message shown below {field.objectName() or field!r}"
    text = label.text()
    assert re.search(r"[\u4e00-\u9fff]", text), f"message is not Chinese: {text!r}"
    for word in words:
        assert word in text
    field_row, _ = form.getWidgetPosition(field)
    label_row, _ = form.getWidgetPosition(label)
    assert label_row == field_row + 1, "the message is not at the field it is about"


def store_files(data_dir: Path) -> list[str]:
    return sorted(name for name in STORE_FILES if (data_dir / name).exists())


def create_store(data_dir: Path, clock: FixedClock, staff: dict | None = None) -> str:
    """A store with its first 系统管理员 and, optionally, accounts created by that 系统管理员.

    Returns the recovery key.
    """
    context = Context(data_dir, clock=clock, kdf=FAST_TEST_KDF)
    try:
        key = context.create_store(ADMIN, ADMIN_NAME, ADMIN_PW)
        if staff:
            services, _ = context.sign_in(ADMIN, ADMIN_PW)
            for username, (name, role) in staff.items():
                services.create_account(CreateAccount(username, name, role, TEMP_PW))
            services.sign_out()
            services.store.engine.dispose()
    finally:
        context.release()
    return key


def audit_actions(services, action: str | None = None) -> list:
    """The trail as stored, read through a unit of work (whoever is signed in)."""
    with services.store.uow_factory() as uow:
        return list(reversed(uow.audit.query(AuditFilter(action=action))))


class GuiApp:
    """The application on one data folder, as a user sees it."""

    def __init__(self, qtbot, data_dir: Path, clock: FixedClock) -> None:
        self.qtbot = qtbot
        self.data_dir = data_dir
        self.clock = clock
        self.context: Context | None = None
        self.controller: AppController | None = None
        self.watchers: list[IdleWatcher] = []
        self.windows: list[MainWindow] = []

    # -- life cycle -------------------------------------------------------------------------------------
    def start(self) -> AppController:
        self.context = Context(self.data_dir, clock=self.clock, kdf=FAST_TEST_KDF)
        self.controller = AppController(self.context, idle_factory=self._idle_watcher)
        self.controller.main_window_shown.connect(self.windows.append)
        self.controller.start()
        return self.controller

    def restart(self) -> AppController:
        """Quit (close every window, release the folder) and start again on the same folder."""
        self.shut_down()
        return self.start()

    def _idle_watcher(self, services) -> IdleWatcher:
        minutes = services.security_policy().idle_lock_minutes
        watcher = IdleWatcher(minutes * 60, now=lambda: self.clock.now().timestamp(), tick_ms=60_000)
        self.watchers.append(watcher)
        return watcher

    def shut_down(self) -> None:
        app = QApplication.instance()
        for watcher in self.watchers:
            app.removeEventFilter(watcher)
            watcher.stop()
        for window in self.windows:
            if isValid(window):
                window.close()
                window.services.store.engine.dispose()
                window.deleteLater()
        controller = self.controller
        if controller is not None:
            for widget in (controller.wizard, controller.login, controller._dialog):
                if widget is not None and isValid(widget):
                    widget.hide()
                    widget.deleteLater()
        if self.context is not None:
            self.context.release()
        self.watchers, self.windows, self.context, self.controller = [], [], None, None

    # -- what is on screen ------------------------------------------------------------------------------
    @property
    def login(self):
        return self.controller.login

    @property
    def window(self) -> MainWindow:
        return self.controller.window

    @property
    def watcher(self) -> IdleWatcher:
        return self.window.idle

    def tick(self, **delta) -> None:
        """Let time pass, then one tick of the idle timer (a jump of more than two minutes is a sleep)."""
        self.clock.advance(**delta)
        self.watcher.check()

    def idle_for(self, minutes: int) -> None:
        """The user does nothing, the timer ticks every minute."""
        for _ in range(minutes):
            self.tick(minutes=1)

    # -- what the user does -----------------------------------------------------------------------------
    def submit_login(self, username: str, password: str) -> None:
        login = self.login
        assert login.isVisible()
        type_into(self.qtbot, login.username, username)
        type_into(self.qtbot, login.password, password)
        click(self.qtbot, login.login_button)

    def change_password(self, old: str, new: str, confirm: str | None = None) -> None:
        dialog = self.controller._dialog
        assert dialog.isVisible() and dialog.windowTitle() == "修改密码（必须）"
        type_into(self.qtbot, dialog.old, old)
        type_into(self.qtbot, dialog.new, new)
        type_into(self.qtbot, dialog.confirm, new if confirm is None else confirm)
        click(self.qtbot, ok_button(dialog))

    def sign_in(self, username: str, password: str, new_password: str | None = None) -> MainWindow:
        """Sign in through the login dialog (and the forced password change) up to the main window."""
        with self.qtbot.waitSignal(self.controller.main_window_shown, timeout=5000):
            self.submit_login(username, password)
            if new_password is not None:
                self.change_password(password, new_password)
        window = self.window
        assert window.isVisible()
        return window


# -- collection: business accounts with their roles --------------------------------------------------------
# username: (display name, business roles). "quanneng" holds all three roles (for the own-draft rule).
COLLECTION_STAFF = {"jingban": ("周经办", (Role.HANDLER,)), "shenhe": ("吴审核", (Role.REVIEWER,)),
                    "shenpi": ("郑审批", (Role.APPROVER,)),
                    "quanneng": ("钱全能", (Role.HANDLER, Role.REVIEWER, Role.APPROVER))}


def create_collection_store(data_dir: Path, clock: FixedClock) -> None:
    """A store whose business accounts already hold their roles and their own password (``OWN_PW``)."""
    from app.usecases.accounts import AssignBusinessRoles
    from app.usecases.session import ChangeOwnPassword

    staff = {"baomi": STAFF["baomi"], **{u: (name, None) for u, (name, _) in COLLECTION_STAFF.items()}}
    create_store(data_dir, clock, staff)
    context = Context(data_dir, clock=clock, kdf=FAST_TEST_KDF)
    try:
        secadmin, _ = context.sign_in("baomi", TEMP_PW)
        ids = {row.account.username: row.account.id for row in secadmin.list_accounts()}
        for username, (_, roles) in COLLECTION_STAFF.items():
            secadmin.assign_business_roles(AssignBusinessRoles(ids[username], frozenset(roles)))
        secadmin.sign_out()
        secadmin.store.engine.dispose()
        for username in COLLECTION_STAFF:
            services, _ = context.sign_in(username, TEMP_PW)
            services.change_own_password(ChangeOwnPassword(TEMP_PW, OWN_PW, OWN_PW))
            services.sign_out()
            services.store.engine.dispose()
    finally:
        context.release()


def valid_uscc(body: str = "91440101MA59TEXT0") -> str:
    from app.domain.identifiers import uscc_check_character
    return body + uscc_check_character(body)


def valid_id_number(body: str = "44010619800101001") -> str:
    from app.domain.identifiers import ric_check_character
    return body + ric_check_character(body)


def print_to_pdf_instead(monkeypatch, target: Path, dpi: int = 100) -> None:
    """Replace the print dialog with a PDF printer writing ``target`` (the user "chose" 测试打印机)."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.dialogs import document_preview

    def fake_print(parent, document, title):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(dpi)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return "测试打印机" if document_preview.paint_pages(document, printer) else None
    monkeypatch.setattr(document_preview, "choose_printer_and_print", fake_print)
