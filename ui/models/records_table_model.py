"""The records list as a lazy table: the row count comes from one ``count_records`` per filter, the rows
from ``list_records`` in pages of 200 fetched when the view first paints them (a small LRU page cache).

With 100,000 records the scroll bar is true to the whole list, and jumping to its end costs one page.
Header clicks sort in the store (``RecordFilter.sort``/``descending``), never in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.domain.errors import DomainError
from app.ports import RecordFilter, RecordRow

PAGE_SIZE = 200
MAX_PAGES = 40  # 8,000 rows in memory at most

# (header, RecordRow attribute, sort key or None)
COLUMNS = (("编号", "number", "number"), ("主体", "subject_name", "subject_name"), ("类型", "subject_kind", None),
           ("状态", "state", "state"), ("下一期限", "next_due", None), ("失信情形", "circumstance", "circumstance"),
           ("依据类型", "basis_type", None), ("经办人", "handler", "handler"), ("创建时间", "created_at", "created_at"),
           ("归集日期", "collected_on", "collected_on"), ("统一社会信用代码／证件号码", "subject_identifier", None))


class RecordsTableModel(QAbstractTableModel):
    """Signals:
        failed: a page could not be read; arg: DomainError
    """

    failed = Signal(object)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._filter = RecordFilter()
        self._total = 0
        self._pages: OrderedDict[int, list[RecordRow]] = OrderedDict()

    # -- what the page asks -----------------------------------------------------------------------------
    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def set_filter(self, flt: RecordFilter) -> None:
        """A new filter: count once, forget the cached pages."""
        self.beginResetModel()
        self._filter = flt
        self._pages.clear()
        try:
            self._total = self._services.count_records(flt)
        except DomainError as error:
            self._total = 0
            self.failed.emit(error)
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    def row_at(self, row: int) -> RecordRow | None:
        if not 0 <= row < self._total:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _page(self, number: int) -> list[RecordRow]:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        try:
            rows = self._services.list_records(self._filter, number * PAGE_SIZE, PAGE_SIZE)
        except DomainError as error:
            rows = []
            self.failed.emit(error)
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    # -- Qt ---------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "点击按此列排序" if COLUMNS[section][2] else "此列不能排序"
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        attribute = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#b00020") if attribute == "next_due" and "暂定" in row.next_due else None
        value = getattr(row, attribute)
        return value.value if attribute == "subject_kind" else value

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2]
        if key is None:
            return
        self.set_filter(replace(self._filter, sort=key, descending=order == Qt.SortOrder.DescendingOrder))

    @staticmethod
    def sortable(column: int) -> bool:
        return COLUMNS[column][2] is not None

    @staticmethod
    def column_of(sort_key: str) -> int:
        return next((i for i, c in enumerate(COLUMNS) if c[2] == sort_key), -1)
