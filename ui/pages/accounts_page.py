"""账户管理: 系统管理员 creates, resets and disables; 安全保密管理员 grants roles and unlocks."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.accounts import role_labels
from app.domain.errors import DomainError
from app.domain.permissions import Permission
from ui.dialogs.account_dialogs import CreateAccountDialog, ResetPasswordDialog, RolesDialog
from ui.messages import text_for
from ui.widgets import ask
from ui.widgets.forms import ErrorLabel

HEADERS = ("账户名", "姓名", "角色", "状态", "密码修改时间")


def _fmt(dt) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else ""


class AccountsPage(QWidget):
    title = "账户管理"

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._rows = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("accounts_table")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, label, permission, slot in (
                ("create", "新建账户…", Permission.ACCOUNT_MANAGE, self._on_create),
                ("reset", "重置密码…", Permission.ACCOUNT_MANAGE, self._on_reset),
                ("disable", "停用账户", Permission.ACCOUNT_MANAGE, self._on_disable),
                ("roles", "授予业务角色…", Permission.ROLE_ASSIGN, self._on_roles),
                ("unlock", "解除锁定", Permission.ACCOUNT_UNLOCK, self._on_unlock)):
            if services.can(permission):
                button = QPushButton(label)
                button.setObjectName(key)
                button.clicked.connect(slot)
                buttons.addWidget(button)
                self.buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self._rows = self._services.list_accounts()
        self.table.setRowCount(len(self._rows))
        for i, row in enumerate(self._rows):
            a = row.account
            values = (a.username, a.display_name, role_labels(a.roles) or "（待授权）", self._state(row),
                      _fmt(a.password_changed_at))
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))

    @staticmethod
    def _state(row) -> str:
        if row.account.disabled:
            return "已停用"
        if row.locked_until:
            return f"已锁定至 {row.locked_until.strftime('%H:%M')}"
        return "须修改密码" if row.account.must_change_password else "正常"

    def selected_account(self):
        index = self.table.currentRow()
        return self._rows[index].account if 0 <= index < len(self._rows) else None

    def select_username(self, username: str) -> None:
        for i, row in enumerate(self._rows):
            if row.account.username == username:
                self.table.selectRow(i)

    def _need_selection(self):
        account = self.selected_account()
        if account is None:
            self.error.show_text("请先在表格中选择一个账户。")
        return account

    def _open(self, dialog) -> None:
        dialog.done.connect(lambda _: self.refresh())
        dialog.open()
        self.dialog = dialog

    def _on_create(self) -> None:
        self.error.clear_text()
        self._open(CreateAccountDialog(self._services, self))

    def _on_reset(self) -> None:
        account = self._need_selection()
        if account:
            self._open(ResetPasswordDialog(self._services, account, self))

    def _on_roles(self) -> None:
        account = self._need_selection()
        if account:
            self._open(RolesDialog(self._services, account, self))

    def _run(self, action) -> None:
        self.error.clear_text()
        try:
            action()
        except DomainError as error:
            self.error.show_text(text_for(error))
        self.refresh()

    def _on_disable(self) -> None:
        account = self._need_selection()
        if account and ask.confirm(self, "停用账户", f"确定停用账户“{account.username}”吗？停用后其密码不能再打开数据库。"):
            self._run(lambda: self._services.disable_account(account.id))

    def _on_unlock(self) -> None:
        account = self._need_selection()
        if account:
            self._run(lambda: self._services.unlock_account(account.id))
