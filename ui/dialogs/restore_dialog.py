"""Restore from a backup: the credentials of a 系统管理员 recorded in that backup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.domain.errors import DomainError
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel, password_edit


class RestoreDialog(QDialog):
    def __init__(self, context, source, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._source = source
        self.replaced_to = None
        self.setWindowTitle("从备份恢复")
        intro = QLabel(f"备份文件：{source}\n请输入备份中一个系统管理员账户的账户名和密码。先完整检查备份，再替换当前数据库。")
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.password = password_edit()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("账户名", self.username)
        form.addRow("密码", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.replaced_to = self._context.restore(self._source, self.username.text().strip(), self.password.text())
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()
