"""失信信息: the records list with filters, sorting by header click and search by name, USCC or ID number.

The list is lazy (``RecordsTableModel``): one count per filter change and pages of 200 rows, so it stays
fluid with 100,000 records. The status cache is brought up to today once, when the page is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.permissions import Permission
from app.domain.picklists import picklists
from app.domain.record import Stage
from app.domain.record_status import RecordState
from app.domain.subject import SubjectKind
from app.ports import RecordFilter
from ui.dialogs.record_form import NewDraftDialog, RecordFormDialog
from ui.dialogs.batch_print import BatchPrint
from ui.dialogs.record_view import RecordViewDialog
from ui.messages import text_for
from ui.models.records_table_model import COLUMNS, RecordsTableModel
from ui.widgets.forms import ErrorLabel

DATE_SORTS = ("created_at", "collected_on")


def state_labels() -> list[str]:
    """The states a list row can show: workflow stages before approval, then the derived states."""
    labels = [s.value for s in Stage if s is not Stage.APPROVED]
    return labels + [s.label for s in RecordState if s.label not in labels]


def _combo(name: str, all_text: str, items) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(all_text, None)
    for label, value in items:
        combo.addItem(label, value)
    return combo


def _date_range(today: QDate) -> tuple[QDateEdit, QDateEdit]:
    edits = (QDateEdit(today.addMonths(-1)), QDateEdit(today))
    for edit in edits:
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
    return edits


class RecordsPage(QWidget):
    title = "失信信息"

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._prepared = False
        self.dialog = None
        lists = picklists()
        today = QDate(services.clock.today())
        self.search_text = QLineEdit()
        self.search_text.setObjectName("search_text")
        self.search_text.setPlaceholderText("名称（可部分）、统一社会信用代码、证件号码或编号")
        self.search_text.returnPressed.connect(self.apply_filter)
        self.state = _combo("filter_state", "全部状态", [(s, s) for s in state_labels()])
        self.circumstance = _combo("filter_circumstance", "全部情形", [(c, c) for c in lists.circumstances])
        self.basis_type = _combo("filter_basis_type", "全部依据类型", [(b, b) for b in lists.basis_types])
        self.subject_kind = _combo("filter_subject_kind", "单位和个人", [(k.value, k) for k in SubjectKind])
        self.handler = QLineEdit()
        self.handler.setObjectName("filter_handler")
        self.handler.setPlaceholderText("账户名")
        self.handler.setFixedWidth(100)
        for combo in (self.circumstance, self.basis_type):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        self.use_created = QCheckBox("创建日期")
        self.created_from, self.created_to = _date_range(today)
        self.use_collected = QCheckBox("归集日期")
        self.collected_from, self.collected_to = _date_range(today)
        self.search_button = QPushButton("查询")
        self.search_button.setObjectName("search")
        self.search_button.clicked.connect(self.apply_filter)
        for combo in (self.state, self.circumstance, self.basis_type, self.subject_kind):
            combo.currentIndexChanged.connect(self._on_choice_changed)  # a choice applies at once
        self.clear_button = QPushButton("清除条件")
        self.clear_button.clicked.connect(self._on_clear)
        filters = QVBoxLayout()
        rows = ([self.search_text, self.search_button, self.clear_button],
                [QLabel("状态"), self.state, QLabel("失信情形"), self.circumstance, QLabel("依据类型"), self.basis_type,
                 QLabel("主体"), self.subject_kind, QLabel("经办人"), self.handler],
                [self.use_created, self.created_from, QLabel("至"), self.created_to, QLabel("　"),
                 self.use_collected, self.collected_from, QLabel("至"), self.collected_to])
        for widgets in rows:
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget, 1 if widget is self.search_text else 0)
            if widgets is not rows[0]:
                line.addStretch(1)
            filters.addLayout(line)
        self.model = RecordsTableModel(services, self)
        self.model.failed.connect(self._on_failed)
        self.table = QTableView()
        self.table.setObjectName("records_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._on_header_clicked)
        for column, width in enumerate((110, 210, 44, 90, 230, 200, 180, 70, 120, 90)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self._on_open())
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.error = ErrorLabel()
        self.buttons = {}
        actions = QHBoxLayout()
        if services.can(Permission.RECORD_DRAFT):
            self._add_button(actions, "new", "新建失信信息…", self._on_new)
        self._add_button(actions, "open", "打开", self._on_open)
        if services.can(Permission.RECORD_DRAFT):  # the 经办人 prints and serves the notices
            self._add_button(actions, "batch", "批量打印告知书…", self._on_batch)
        actions.addWidget(self.count_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self._show_sort_indicator()

    def _add_button(self, row: QHBoxLayout, key: str, text: str, slot) -> None:
        button = QPushButton(text)
        button.setObjectName(key)
        button.clicked.connect(slot)
        row.addWidget(button)
        self.buttons[key] = button

    # -- loading ----------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """The first time: bring the status cache up to today, then load the list."""
        if self._prepared:
            return
        self._prepared = True
        try:
            self._services.prepare_list()
        except DomainError as error:
            self.error.show_text(text_for(error))
        self.apply_filter()

    def refresh(self) -> None:
        self.model.reload()
        self._update_count()

    def current_filter(self) -> RecordFilter:
        old = self.model.record_filter
        state = self.state.currentData()
        created = (self.created_from.date().toPython(), self.created_to.date().toPython()) \
            if self.use_created.isChecked() else (None, None)
        collected = (self.collected_from.date().toPython(), self.collected_to.date().toPython()) \
            if self.use_collected.isChecked() else (None, None)
        return RecordFilter(states=(state,) if state else (), circumstance=self.circumstance.currentData(),
                            basis_type=self.basis_type.currentData(), subject_kind=self.subject_kind.currentData(),
                            handler=self.handler.text().strip() or None, created_from=created[0],
                            created_to=created[1], collected_from=collected[0], collected_to=collected[1],
                            text=self.search_text.text().strip() or None, sort=old.sort, descending=old.descending)

    def _on_choice_changed(self, _index: int) -> None:
        if self._prepared:
            self.apply_filter()

    def apply_filter(self) -> None:
        self.error.clear_text()
        self.model.set_filter(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"共 {self.model.total} 条")

    def _on_failed(self, error: DomainError) -> None:
        self.error.show_text(text_for(error))

    def _on_clear(self) -> None:
        self.search_text.clear()
        self.handler.clear()
        for combo in (self.state, self.circumstance, self.basis_type, self.subject_kind):
            combo.setCurrentIndex(0)
        self.use_created.setChecked(False)
        self.use_collected.setChecked(False)
        self.apply_filter()

    # -- sorting ----------------------------------------------------------------------------------------
    def _on_header_clicked(self, column: int) -> None:
        flt = self.model.record_filter
        if self.model.sortable(column):
            key = COLUMNS[column][2]
            descending = (not flt.descending) if key == flt.sort else key in DATE_SORTS
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            self.model.sort(column, order)
            self._update_count()
        self._show_sort_indicator()

    def _show_sort_indicator(self) -> None:
        flt = self.model.record_filter
        order = Qt.SortOrder.DescendingOrder if flt.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(self.model.column_of(flt.sort), order)

    # -- actions ----------------------------------------------------------------------------------------
    def selected_row(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_open(self) -> None:
        row = self.selected_row()
        if row is None:
            self.error.show_text("请先在列表中选择一条失信信息。")
            return
        self.open_record(row.id)

    def open_record(self, record_id: int) -> None:
        self.error.clear_text()
        try:
            self.dialog = RecordViewDialog(self._services, record_id, parent=self)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.dialog.changed.connect(self.refresh)
        self.dialog.open()

    def _on_batch(self) -> None:
        """The notices of the records in the current filter (those already numbered), up to 1,000."""
        self.error.clear_text()
        flt = self.current_filter()
        if not self.model.total:
            self.error.show_text("当前筛选结果为空。")
            return
        try:
            ids = [row.id for row in self._services.list_records(flt, 0, 1000)]
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.batch = BatchPrint(self._services, ids, self)
        self.batch.done.connect(self.error.show_text)
        self.batch.start()

    def _on_new(self) -> None:
        self.dialog = NewDraftDialog(self._services, parent=self)
        self.dialog.drafted.connect(self._on_drafted)
        self.dialog.open()

    def _on_drafted(self, record) -> None:
        self.refresh()
        self.dialog = RecordFormDialog(self._services, record.id, parent=self)
        self.dialog.saved.connect(lambda _r: self.refresh())
        self.dialog.open()
