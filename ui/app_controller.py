"""Which window is on screen: set-up wizard → login → (forced password change) → main window → login."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.dialogs.recovery_dialog import RecoveryDialog
from ui.dialogs.restore_dialog import RestoreDialog
from ui.dialogs.setup_wizard import SetupWizard
from ui.main_window import MainWindow
from ui.widgets import ask


class AppController(QObject):
    """Signals:
        main_window_shown: a main window is on screen; arg: MainWindow
        quit_requested: the user closed the login or the wizard
    """

    main_window_shown = Signal(object)
    quit_requested = Signal()

    def __init__(self, context, about_facts=None, idle_factory=None) -> None:
        super().__init__()
        self.context = context
        self._about_facts = about_facts
        self._idle_factory = idle_factory
        self.wizard: SetupWizard | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self._dialog: QDialog | None = None

    def start(self) -> None:
        self.context.acquire()
        if self.context.store_exists():
            self.show_login()
        else:
            self.wizard = SetupWizard(self.context)
            self.wizard.store_created.connect(self.show_login)
            self.wizard.rejected.connect(self.quit_requested)
            self.wizard.show()

    def show_login(self) -> None:
        self.login = LoginDialog(self.context)
        self.login.signed_in.connect(self._on_signed_in)
        self.login.rejected.connect(self.quit_requested)
        self.login.recovery_requested.connect(self._on_recovery)
        self.login.show()

    def _on_recovery(self) -> None:
        self._dialog = RecoveryDialog(self.context, self.login)
        self._dialog.accepted.connect(lambda: ask.inform(self.login, "恢复密钥", "新密码已设置，请用它登录。"))
        self._dialog.open()

    def _on_signed_in(self, services, result) -> None:
        if result.must_change_password:
            dialog = ChangePasswordDialog(services, result.password_change_reason)
            dialog.setWindowTitle("修改密码（必须）")
            dialog.password_changed.connect(lambda: self.show_main(services))
            dialog.rejected.connect(lambda: self._abandon(services))
            self._dialog = dialog
            dialog.show()
            return
        self.show_main(services)

    def _abandon(self, services) -> None:
        services.sign_out()
        services.store.close()
        self.show_login()

    def show_main(self, services) -> None:
        idle = self._idle_factory(services) if self._idle_factory else None
        self.window = MainWindow(services, self._about_facts, idle_watcher=idle)
        self.window.signed_out.connect(self.show_login)
        self.window.restore_requested.connect(self._on_restore_requested)
        self.window.start()
        self.main_window_shown.emit(self.window)

    def _on_restore_requested(self, source) -> None:
        window = self.window
        window.signed_out.disconnect(self.show_login)
        window.sign_out()
        dialog = RestoreDialog(self.context, source)
        dialog.finished.connect(lambda _: self._after_restore(dialog))
        self._dialog = dialog
        dialog.show()

    def _after_restore(self, dialog: RestoreDialog) -> None:
        if dialog.replaced_to:
            ask.inform(None, "从备份恢复", f"已从备份恢复。原数据库保留在：{dialog.replaced_to}\n请重新登录。")
        self.show_login()
