"""What the window shows while locked: nothing of its contents, only a password field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.widgets.forms import ErrorLabel, password_edit


class LockScreen(QWidget):
    """Signals:
        unlock_requested: the user typed a password and pressed 解锁; arg: the password
        sign_out_requested: the user chose to sign out instead
    """

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("窗口已锁定")
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.who = QLabel()
        self.password = password_edit(placeholder="请输入当前账户的密码")
        self.password.setObjectName("unlock_password")
        self.password.setFixedWidth(320)
        self.password.returnPressed.connect(self._on_unlock)
        self.unlock_button = QPushButton("解锁")
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.clicked.connect(self._on_unlock)
        self.sign_out_button = QPushButton("退出登录")
        self.sign_out_button.setFlat(True)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.error = ErrorLabel()
        for label in (self.title, self.who, self.error):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button.setFixedWidth(320)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.title, self.who, self.error):
            layout.addWidget(widget)
        for widget in (self.password, self.unlock_button, self.sign_out_button):
            layout.addWidget(widget, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def prepare(self, who: str, reason_text: str) -> None:
        self.who.setText(f"{who}　{reason_text}")
        self.password.clear()
        self.error.clear_text()
        self.password.setFocus()

    def _on_unlock(self) -> None:
        self.unlock_requested.emit(self.password.text())
        self.password.clear()
