"""Small form helpers: a password field, an error label shown at its field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


def password_edit(parent: QWidget | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class ErrorLabel(QLabel):
    """Red text under a field; empty and hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("")


PASSWORD_HINT = "至少10位，含大写、小写、数字、符号中任意3类"
