"""Change one's own password; forced at the first sign-in after creation/reset, and when it expired."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from app.domain.errors import DomainError
from app.usecases.session import ChangeOwnPassword
from ui.messages import text_for
from ui.widgets.forms import PASSWORD_HINT, ErrorLabel, password_edit

REASONS = {"first_sign_in": "这是您首次登录（或密码已被管理员重置），请设置新密码后继续。",
           "expired": "您的密码已到期，请设置新密码后继续。"}


class ChangePasswordDialog(QDialog):
    """Signals:
        password_changed: emitted after the use case succeeded.
    """

    password_changed = Signal()

    def __init__(self, services, reason: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle("修改密码")
        self.old = password_edit()
        self.old.setObjectName("old_password")
        self.new = password_edit(placeholder=PASSWORD_HINT)
        self.new.setObjectName("new_password")
        self.confirm = password_edit()
        self.confirm.setObjectName("confirm_password")
        self.errors = {k: ErrorLabel() for k in ("old_password", "new_password", "confirm_password", "form")}
        layout = QVBoxLayout(self)
        if reason:
            note = QLabel(REASONS.get(reason, ""))
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        for label, edit, key in (("原密码", self.old, "old_password"), ("新密码", self.new, "new_password"),
                                 ("确认新密码", self.confirm, "confirm_password")):
            form.addRow(label, edit)
            form.addRow("", self.errors[key])
        layout.addLayout(form)
        hint = QLabel(PASSWORD_HINT)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.errors["form"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        try:
            self._services.change_own_password(
                ChangeOwnPassword(self.old.text(), self.new.text(), self.confirm.text()))
        except DomainError as error:
            field = {"password": "new_password"}.get(error.field, error.field)
            self.errors.get(field or "form", self.errors["form"]).show_text(text_for(error))
            return
        super().accept()
        self.password_changed.emit()
