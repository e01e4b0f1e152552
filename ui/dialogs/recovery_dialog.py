"""Every password lost: the recovery key sets a new password for a 系统管理员 account."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.domain.errors import DomainError
from app.usecases.session import RecoverWithKey
from ui.messages import text_for
from ui.widgets.forms import PASSWORD_HINT, ErrorLabel, password_edit


class RecoveryDialog(QDialog):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("使用恢复密钥")
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.username = QLineEdit()
        self.new = password_edit(placeholder=PASSWORD_HINT)
        self.confirm = password_edit()
        self.errors = {k: ErrorLabel() for k in ("recovery_key", "username", "password", "confirm_password", "form")}
        intro = QLabel("输入密封保管的恢复密钥，为一个系统管理员账户设置新密码。此操作将记入审计日志。")
        intro.setWordWrap(True)
        form = QFormLayout()
        for label, edit, key in (("恢复密钥", self.key, "recovery_key"), ("系统管理员账户名", self.username, "username"),
                                 ("新密码", self.new, "password"), ("确认新密码", self.confirm, "confirm_password")):
            form.addRow(label, edit)
            form.addRow("", self.errors[key])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(buttons)

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        cmd = RecoverWithKey(self.key.text(), self.username.text().strip(), self.new.text(), self.confirm.text())
        try:
            self._context.recover(cmd)
        except DomainError as error:
            self.errors.get(error.field or "form", self.errors["form"]).show_text(text_for(error))
            return
        super().accept()
