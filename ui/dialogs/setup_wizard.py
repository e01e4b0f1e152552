"""First start: create the encrypted store, the first 系统管理员, and show the recovery key once."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWizard, QWizardPage)

from app.domain.errors import DomainError
from ui import printing
from ui.messages import text_for
from ui.widgets.forms import PASSWORD_HINT, ErrorLabel, password_edit


class IntroPage(QWizardPage):
    def __init__(self, data_dir: str) -> None:
        super().__init__()
        self.setTitle("欢迎使用涉密领域失信信息管理系统")
        self.setSubTitle("首次启动：将创建加密数据库和第一个系统管理员账户。")
        text = QLabel(
            "<p>数据库将保存在：</p>"
            f"<p><b>{html.escape(data_dir)}</b></p>"
            "<p>数据库以 SQLCipher（AES-256）加密，每个账户的密码各自解开一份数据库密钥；"
            "另生成一个<b>恢复密钥</b>，在全部密码遗失时使用。</p>"
            "<p>本加密是对不含国家秘密的数据（《办法》第七条）的纵深防护，"
            "不能替代《密码法》第十四条要求的涉密信息系统密码保护措施。</p>")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(text)


class AdminPage(QWizardPage):
    """Creates the store in validatePage, so an error stays on this page at its field."""

    def __init__(self, wizard: "SetupWizard") -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("创建系统管理员")
        self.setSubTitle("系统管理员负责账户、备份与恢复。安全保密管理员和安全审计员账户由系统管理员随后创建。")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("display_name")
        self.password = password_edit(placeholder=PASSWORD_HINT)
        self.password.setObjectName("password")
        self.confirm = password_edit()
        self.confirm.setObjectName("confirm")
        self.errors = {name: ErrorLabel() for name in ("username", "display_name", "password", "confirm", "form")}
        form = QFormLayout(self)
        for label, edit, key in (("账户名", self.username, "username"), ("姓名", self.display_name, "display_name"),
                                 ("密码", self.password, "password"), ("确认密码", self.confirm, "confirm")):
            form.addRow(label, edit)
            form.addRow("", self.errors[key])
        hint = QLabel(PASSWORD_HINT)
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow(self.errors["form"])
        self._created = False

    def _show(self, field: str | None, text: str) -> None:
        for label in self.errors.values():
            label.clear_text()
        self.errors[field if field in self.errors else "form"].show_text(text)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._created:
            return True
        if self.password.text() != self.confirm.text():
            self._show("confirm", "两次输入的密码不一致。")
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = self._wizard.context.create_store(self.username.text(), self.display_name.text(),
                                                   self.password.text())
        except DomainError as error:
            self._show(error.field, text_for(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._created = True
        self._wizard.recovery_key = key
        self._wizard.admin_username = self.username.text().strip()
        for edit in (self.username, self.display_name, self.password, self.confirm):
            edit.setReadOnly(True)
        self.password.clear()
        self.confirm.clear()
        return True


class RecoveryPage(QWizardPage):
    def __init__(self, wizard: "SetupWizard") -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("恢复密钥")
        self.setSubTitle("恢复密钥只显示这一次。请打印或抄写，密封后交专人保管。全部密码遗失时，凭它重设系统管理员密码。")
        self.key_label = QLabel()
        self.key_label.setObjectName("recovery_key")
        font = QFont("monospace", 18)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("border: 1px solid #888; padding: 16px; background: #fffdf3;")
        self.print_button = QPushButton("打印恢复密钥…")
        self.print_button.clicked.connect(self._on_print)
        self.saved = QCheckBox("我已打印或抄写恢复密钥，并将妥善保管")
        self.saved.setObjectName("saved")
        self.registerField("saved*", self.saved)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addWidget(self.saved)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.key_label.setText(self._wizard.recovery_key)

    def sheet_html(self) -> str:
        return recovery_sheet_html(self._wizard.recovery_key, str(self._wizard.context.data_dir),
                                   self._wizard.admin_username)

    def _on_print(self) -> None:
        printing.print_html(self, self.sheet_html(), "恢复密钥")


def recovery_sheet_html(key: str, data_dir: str, admin: str) -> str:
    """A one-page sheet laid out for printing and sealing in an envelope."""
    groups = " ".join(f"<span style='padding:0 6px'>{g}</span>" for g in key.split("-"))
    return (
        "<h2 style='text-align:center'>涉密领域失信信息管理系统 恢复密钥</h2>"
        f"<p>数据文件夹：{html.escape(data_dir)}</p><p>首个系统管理员：{html.escape(admin)}</p>"
        f"<p style='font-family:monospace; font-size:22pt; text-align:center; border:1px solid black; "
        f"padding:12px'>{groups}</p>"
        "<p>用途：全部密码遗失时，凭此密钥为系统管理员账户重设密码。</p>"
        "<p>保管：打印后密封，交专人保管，不得拍照、复制或存入计算机。</p>"
        "<p>保管人签字：____________　　日期：____年__月__日</p>")


class SetupWizard(QWizard):
    """First-start wizard.

    Signals:
        store_created: emitted when the wizard finished with a created store.
    """

    store_created = Signal()

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.recovery_key = ""
        self.admin_username = ""
        self.setWindowTitle("涉密领域失信信息管理系统 — 初始设置")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.intro = IntroPage(str(context.data_dir))
        self.admin = AdminPage(self)
        self.recovery = RecoveryPage(self)
        for page in (self.intro, self.admin, self.recovery):
            self.addPage(page)
        self.resize(640, 520)

    def accept(self) -> None:
        super().accept()
        self.store_created.emit()

    def reject(self) -> None:
        if self.recovery_key:
            # The store exists and the key is on screen for the only time: leave only by confirming.
            self.recovery.saved.setFocus()
            return
        super().reject()
