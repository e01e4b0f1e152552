"""Dialogs for account administration; each calls one use case and stays open on a domain error."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from app.domain.accounts import BUSINESS_ROLES, ROLE_ORDER, Account, Role
from app.domain.errors import DomainError
from app.usecases.accounts import AssignBusinessRoles, CreateAccount, ResetPassword
from ui.messages import text_for
from ui.widgets.forms import PASSWORD_HINT, ErrorLabel, password_edit

ACCOUNT_TYPES = [("业务人员（角色由安全保密管理员授予）", None), ("系统管理员", Role.SYSADMIN),
                 ("安全保密管理员", Role.SECADMIN), ("安全审计员", Role.AUDITOR)]


class _FormDialog(QDialog):
    """Shared frame: a form, an error label per field, OK/Cancel; subclasses implement ``submit``.

    Signals:
        done: emitted with the use case's result after it succeeded.
    """

    done = Signal(object)
    fields: tuple[str, ...] = ()

    def __init__(self, services, title: str, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors = {k: ErrorLabel() for k in (*self.fields, "form")}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.errors["form"])
        self.layout_.addWidget(buttons)

    def add_row(self, label: str, widget, key: str) -> None:
        self.form.addRow(label, widget)
        self.form.addRow("", self.errors[key])

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        try:
            result = self.submit()
        except DomainError as error:
            self.errors.get(error.field or "form", self.errors["form"]).show_text(text_for(error))
            return
        super().accept()
        self.done.emit(result)

    def submit(self):  # pragma: no cover - abstract
        raise NotImplementedError


class CreateAccountDialog(_FormDialog):
    fields = ("username", "display_name", "roles", "password", "confirm_password")

    def __init__(self, services, parent=None) -> None:
        super().__init__(services, "新建账户", parent)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.account_type = QComboBox()
        for label, role in ACCOUNT_TYPES:
            self.account_type.addItem(label, role)
        self.password = password_edit(placeholder=PASSWORD_HINT)
        self.confirm = password_edit()
        self.add_row("账户名", self.username, "username")
        self.add_row("姓名", self.display_name, "display_name")
        self.add_row("账户类型", self.account_type, "roles")
        self.add_row("临时密码", self.password, "password")
        self.add_row("确认临时密码", self.confirm, "confirm_password")
        note = QLabel("新账户首次登录时必须修改临时密码。三员账户互斥，且不得兼任业务角色。")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)

    def submit(self):
        if self.password.text() != self.confirm.text():
            raise DomainError("password.mismatch", field="confirm_password")
        cmd = CreateAccount(self.username.text(), self.display_name.text(), self.account_type.currentData(),
                            self.password.text())
        return self._services.create_account(cmd)


class ResetPasswordDialog(_FormDialog):
    fields = ("password", "confirm_password")

    def __init__(self, services, account: Account, parent=None) -> None:
        super().__init__(services, f"重置密码 — {account.display_name}（{account.username}）", parent)
        self._account = account
        self.password = password_edit(placeholder=PASSWORD_HINT)
        self.confirm = password_edit()
        self.add_row("临时密码", self.password, "password")
        self.add_row("确认临时密码", self.confirm, "confirm_password")

    def submit(self):
        if self.password.text() != self.confirm.text():
            raise DomainError("password.mismatch", field="confirm_password")
        return self._services.reset_password(ResetPassword(self._account.id, self.password.text()))


class RolesDialog(_FormDialog):
    fields = ("roles",)

    def __init__(self, services, account: Account, parent=None) -> None:
        super().__init__(services, f"授予业务角色 — {account.display_name}（{account.username}）", parent)
        self._account = account
        self.boxes = {}
        for role in ROLE_ORDER:
            if role in BUSINESS_ROLES:
                box = QCheckBox(role.label)
                box.setChecked(role in account.roles)
                self.boxes[role] = box
                self.form.addRow(box)
        self.form.addRow(self.errors["roles"])

    def submit(self):
        roles = frozenset(r for r, box in self.boxes.items() if box.isChecked())
        return self._services.assign_business_roles(AssignBusinessRoles(self._account.id, roles))
