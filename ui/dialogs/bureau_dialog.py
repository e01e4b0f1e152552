"""文书落款信息: the organ's name, contact person, telephone and address printed on notices (系统管理员)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ui.dialogs.account_dialogs import _FormDialog


class BureauDialog(_FormDialog):
    fields = ("name", "contact", "phone", "address")

    def __init__(self, services, parent=None) -> None:
        super().__init__(services, "文书落款信息", parent)
        current = services.bureau()
        self.edits = {}
        for key, label in (("name", "发文机关"), ("contact", "联系人"), ("phone", "联系电话"), ("address", "地址")):
            edit = QLineEdit(current.get(key, "广州市国家保密局" if key == "name" else ""))
            edit.setObjectName(key)
            self.edits[key] = edit
            self.add_row(label, edit, key)
        self.resize(480, 260)

    def submit(self):
        values = {k: e.text() for k, e in self.edits.items()}
        self._services.set_bureau_info(values)
        return values
