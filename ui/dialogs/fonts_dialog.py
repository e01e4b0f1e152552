"""文书字体: point each document role at a licensed font installed on this machine (系统管理员).
Empty fields use the bundled free fonts, which also remain the fallback for characters a font lacks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.usecases.documents import FONT_ROLES
from ui.dialogs.account_dialogs import _FormDialog
from ui.widgets import ask


class FontsDialog(_FormDialog):
    fields = tuple(FONT_ROLES)

    def __init__(self, services, parent=None) -> None:
        super().__init__(services, "文书字体", parent)
        current = services.font_settings()
        self.edits: dict[str, QLineEdit] = {}
        for role, label in FONT_ROLES.items():
            edit = QLineEdit(current.get(role, ""))
            edit.setObjectName(role)
            edit.setPlaceholderText("留空：使用内置字体")
            choose = QPushButton("选择…")
            choose.clicked.connect(lambda _=False, e=edit: self._choose(e))
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(edit, 1)
            line.addWidget(choose)
            self.edits[role] = edit
            self.add_row(label, row, role)
        note = QLabel("可指定本机已安装的正版字体（如 仿宋_GB2312、方正小标宋简体）。须为 TrueType 轮廓字体（.ttf/.ttc）；"
                      "保存前逐一检查，字体缺字时自动改用内置字体。")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)
        self.resize(620, 360)

    def _choose(self, edit: QLineEdit) -> None:
        path = ask.ask_open_path(self, "选择字体文件", "TrueType 字体 (*.ttf *.ttc)")
        if path is not None:
            edit.setText(str(Path(path)))

    def submit(self):
        paths = {role: edit.text() for role, edit in self.edits.items()}
        self._services.set_font_mapping(paths)
        return paths
