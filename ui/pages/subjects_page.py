"""主体: find units and persons by name (partial), USCC or ID number; create them (经办人); open a subject.

Searching is audited by the use case, so the page searches only when asked (查询 or Enter), not per key.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.permissions import Permission
from app.domain.subject import SubjectKind
from app.ports import SubjectRef
from ui.dialogs.subject_dialogs import PersonDialog, UnitDialog
from ui.dialogs.subject_view import SubjectViewDialog
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel

HEADERS = ("类型", "名称", "统一社会信用代码／证件号码")


class SubjectsPage(QWidget):
    title = "主体"

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.refs: list[SubjectRef] = []
        self.dialog = None
        self.search_text = QLineEdit()
        self.search_text.setObjectName("search_text")
        self.search_text.setPlaceholderText("名称（可部分）、统一社会信用代码或证件号码；留空列出全部（最多 50 个）")
        self.search_text.returnPressed.connect(self.search)
        self.kind = QComboBox()
        self.kind.setObjectName("filter_kind")
        self.kind.addItem("单位和个人", None)
        for kind in SubjectKind:
            self.kind.addItem(kind.value, kind)
        search = QPushButton("查询")
        search.setObjectName("search")
        search.clicked.connect(self.search)
        top = QHBoxLayout()
        top.addWidget(self.search_text, 1)
        top.addWidget(self.kind)
        top.addWidget(search)
        self.buttons = {}
        actions = QHBoxLayout()
        for key, text, slot, needs in (("new_unit", "新建单位…", self._on_new_unit, Permission.RECORD_DRAFT),
                                       ("new_person", "新建个人…", self._on_new_person, Permission.RECORD_DRAFT),
                                       ("open", "打开", self._on_open, None)):
            if needs is None or services.can(needs):
                button = QPushButton(text)
                button.setObjectName(key)
                button.clicked.connect(slot)
                actions.addWidget(button)
                self.buttons[key] = button
        self.result = QLabel("输入检索条件后点击“查询”。")
        self.result.setObjectName("result")
        actions.addWidget(self.result, 1)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("subjects_table")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._on_open())
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)

    def refresh(self) -> None:
        pass  # searches are audited: the list changes only when the user searches

    def search(self) -> None:
        self.error.clear_text()
        try:
            refs = self._services.search_subjects(self.search_text.text().strip(), self.kind.currentData())
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.show_refs(refs)
        self.result.setText(f"找到 {len(refs)} 个主体。" if refs else "没有找到符合条件的主体。")

    def show_refs(self, refs: list[SubjectRef]) -> None:
        self.refs = list(refs)
        self.table.setRowCount(len(self.refs))
        for row, ref in enumerate(self.refs):
            for col, text in enumerate((ref.kind.value, ref.name, ref.identifier)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _on_new_unit(self) -> None:
        self._open_form(UnitDialog(self._services, parent=self))

    def _on_new_person(self) -> None:
        self._open_form(PersonDialog(self._services, parent=self))

    def _open_form(self, dialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._on_saved)
        dialog.open()

    def _on_saved(self, subject) -> None:
        ref = SubjectRef(subject.kind, subject.id, subject.name, subject.identifier)
        self.show_refs([ref] + [r for r in self.refs if (r.kind, r.id) != (ref.kind, ref.id)])
        self.table.selectRow(0)
        self.result.setText(f"已保存{subject.kind.value}“{subject.name}”。")

    def _on_open(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.error.show_text("请先在列表中选择一个主体。")
            return
        self.open_subject(self.refs[row])

    def open_subject(self, ref: SubjectRef) -> None:
        self.error.clear_text()
        try:
            self.dialog = SubjectViewDialog(self._services, ref.kind, ref.id, parent=self)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.dialog.open()
