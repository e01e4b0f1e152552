"""Sign-in: account and password. A wrong password gets a message and nothing else happens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.domain.errors import DomainError
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel, password_edit


class LoginDialog(QDialog):
    """Signals:
        signed_in: emitted after a successful sign-in; args: (Services, SignedIn)
        recovery_requested: the user asked to use the recovery key
    """

    signed_in = Signal(object, object)
    recovery_requested = Signal()

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("涉密领域失信信息管理系统 — 登录")
        title = QLabel("涉密领域失信信息管理系统")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 18pt; font-weight: bold; padding: 12px;")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = password_edit()
        self.password.setObjectName("password")
        self.error = ErrorLabel()
        self.error.setObjectName("error")
        form = QFormLayout()
        form.addRow("账户名", self.username)
        form.addRow("密码", self.password)
        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton("登录", QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("login")
        self.buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.recovery_button = QPushButton("忘记全部密码？使用恢复密钥…")
        self.recovery_button.setFlat(True)
        self.recovery_button.clicked.connect(self.recovery_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        layout.addWidget(self.recovery_button, alignment=Qt.AlignmentFlag.AlignRight)
        footer = QLabel(f"数据文件夹：{context.data_dir}")
        footer.setStyleSheet("color: #666; font-size: 8pt;")
        layout.addWidget(footer)
        self.resize(460, 280)

    def accept(self) -> None:
        if not self.username.text().strip():
            self.error.show_text("请输入账户名。")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            services, result = self._context.sign_in(self.username.text().strip(), self.password.text())
        except DomainError as error:
            self.error.show_text(text_for(error))
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        self.error.clear_text()
        super().accept()
        self.signed_in.emit(services, result)
