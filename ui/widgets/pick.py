"""Small input widgets for the collection forms: optional dates, 是/否 questions, multi-select pick lists,
pick-list combos with an explicit "not chosen" entry, and a subject finder."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel

UNSET_DATE = QDate(1900, 1, 1)


def choice_combo(items, placeholder: str = "（请选择）", current: str = "") -> QComboBox:
    """A combo over a pick list whose first entry means "not chosen" (data "")."""
    combo = QComboBox()
    combo.addItem(placeholder, "")
    for item in items:
        combo.addItem(item, item)
    if current and combo.findData(current) < 0:  # a value no longer in the list is kept, not lost
        combo.addItem(current, current)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class OptionalDateEdit(QWidget):
    """A date that may be left unset: a check box "已填写" enables the calendar field.

    Signals:
        changed: the value changed (set, cleared or another date).
    """

    changed = Signal()

    def __init__(self, value: dt.date | None = None, today: dt.date | None = None, check_text: str = "已填写",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = QDate(today) if today else QDate.currentDate()
        self.check = QCheckBox(check_text)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(UNSET_DATE)
        self.edit.setSpecialValueText("未填写")
        self.edit.setMinimumWidth(120)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.check.toggled.connect(self._on_toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.set_value(value)

    def _on_toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        if on and self.edit.date() == UNSET_DATE:
            self.edit.setDate(self._today)
        elif not on:
            self.edit.setDate(UNSET_DATE)
        self.changed.emit()

    def set_value(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.edit.setDate(QDate(value) if value else UNSET_DATE)

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None


class YesNo(QWidget):
    """A 是/否 question, unanswered by default (value None)."""

    changed = Signal()

    def __init__(self, value: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.yes, self.no = QRadioButton("是"), QRadioButton("否")
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            button.toggled.connect(lambda _on: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        self.set_value(value)

    def set_value(self, value: bool | None) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)

    def value(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None


class MultiCheck(QWidget):
    """A multi-select pick list as a grid of check boxes; ``values()`` keeps the list's order."""

    def __init__(self, items, columns: int = 4, selected=(), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, item in enumerate(items):
            box = QCheckBox(item)
            self.boxes[item] = box
            grid.addWidget(box, i // columns, i % columns)
        self.set_values(selected)

    def set_values(self, values) -> None:
        for item, box in self.boxes.items():
            box.setChecked(item in values)

    def values(self) -> tuple[str, ...]:
        return tuple(item for item, box in self.boxes.items() if box.isChecked())


class SubjectFinder(QWidget):
    """Find a unit or person by name (partial), USCC or ID number; the search is audited by the use case.

    Signals:
        chosen: the selection changed; arg: SubjectRef or None
    """

    chosen = Signal(object)

    def __init__(self, services, kind=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._kind = kind
        self.text = QLineEdit()
        self.text.setObjectName("subject_search")
        self.text.setPlaceholderText("名称（可部分）、统一社会信用代码或证件号码")
        self.text.returnPressed.connect(self.search)
        self.find_button = QPushButton("查找")
        self.find_button.setObjectName("subject_find")
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.search)
        self.results = QListWidget()
        self.results.setObjectName("subject_results")
        self.results.setMinimumHeight(90)
        self.results.currentItemChanged.connect(lambda *_: self.chosen.emit(self.selected()))
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.error)

    def search(self) -> None:
        self.error.clear_text()
        self.results.clear()
        try:
            found = self._services.search_subjects(self.text.text().strip(), self._kind)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        for ref in found:
            self.add_ref(ref)
        if not found:
            self.error.show_text("没有找到符合条件的主体。")
        elif len(found) == 1:
            self.results.setCurrentRow(0)

    def add_ref(self, ref, select: bool = False) -> None:
        item = QListWidgetItem(f"{ref.kind.value}｜{ref.name}｜{ref.identifier}")
        item.setData(Qt.ItemDataRole.UserRole, ref)
        self.results.addItem(item)
        if select:
            self.results.setCurrentItem(item)

    def selected(self):
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
