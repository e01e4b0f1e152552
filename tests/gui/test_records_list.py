"""The records list: lazy paging over 100,000 rows, filters, header sorting and search on a real store."""

from __future__ import annotations

import datetime as dt
import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QTableView

from app.domain.identifiers import IdType
from app.domain.record import Basis
from app.domain.subject import Person, SubjectKind
from app.ports import RecordFilter, RecordRow
from app.usecases.collection import DraftRecord, UpdateDraft
from app.usecases.subjects import SaveSubject
from tests.gui.harness import OWN_PW, click, create_collection_store, toggle, type_into, valid_id_number, valid_uscc
from tests.gui.test_collection_flow import seeded_submitted_record, seeded_unit
from ui.models.records_table_model import PAGE_SIZE, RecordsTableModel
from ui.pages.records_page import RecordsPage

D = dt.date


class FakeListServices:
    """Just the read side of ``Services``: 100,000 generated rows, and a log of what was asked."""

    def __init__(self, total: int = 100_000) -> None:
        self.total = total
        self.counts: list[RecordFilter] = []
        self.pages: list[tuple[int, int]] = []

    def count_records(self, flt: RecordFilter) -> int:
        self.counts.append(flt)
        return self.total

    def list_records(self, flt: RecordFilter, offset: int, limit: int) -> list[RecordRow]:
        self.pages.append((offset, limit))
        return [RecordRow(i, f"XY2026-{i:06d}", SubjectKind.UNIT, f"单位{i}", "", "受到行政强制", "", "jingban",
                          "2026-12-04 09:30", "", "有效", "异议期届满 2027-01-05（暂定）" if i % 2 else "")
                for i in range(offset, min(offset + limit, self.total))]


def test_a_list_of_100000_records_is_counted_once_and_read_in_pages_of_200(qtbot):
    services = FakeListServices()
    model = RecordsTableModel(services)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    model.set_filter(RecordFilter())
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 100_000 and len(services.counts) == 1
    qtbot.waitUntil(lambda: services.pages == [(0, PAGE_SIZE)])
    view.scrollToBottom()
    qtbot.waitUntil(lambda: len(services.pages) > 1)
    assert model.data(model.index(99_999, 0)) == "XY2026-099999"
    assert services.pages[-1] == (99_800, PAGE_SIZE) and len(services.pages) <= 3
    assert model.data(model.index(99_999, 4), Qt.ItemDataRole.ForegroundRole) is not None  # 暂定 in red
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert services.counts[-1].sort == "number" and not services.counts[-1].descending
    model.sort(2, Qt.SortOrder.AscendingOrder)  # 类型: not a sort key, nothing asked
    assert len(services.counts) == 2


@pytest.fixture
def handler_window(gui, data_dir, clock):
    create_collection_store(data_dir, clock)
    gui.start()
    window = gui.sign_in("jingban", OWN_PW)
    s = window.services
    units = [seeded_unit(s, name, body) for name, body in (("广州甲乙信息技术有限公司", "91440101MA59TEXT0"),
                                                          ("深圳丙丁保密印刷厂", "91440300MA59TEXT1"))]
    person = s.save_subject(SaveSubject(Person(None, "王五", IdType.RESIDENT_ID, valid_id_number(), "核心涉密人员",
                                               units[0].id)))
    seeded_submitted_record(s, units[0])
    seeded_submitted_record(s, units[1])
    draft = s.draft_record(DraftRecord(SubjectKind.PERSON, person.id, "2021"))
    s.update_draft(UpdateDraft(draft.id, draft.version, Basis("生效的司法裁判文书"), "受到刑事处罚", (), "", "", "",
                               draft.exclusions))
    clock.advance(days=1)
    s.draft_record(DraftRecord(SubjectKind.UNIT, units[1].id, "2021"))
    page = window.page("失信信息")
    page.refresh()
    return window, page


def numbers(page: RecordsPage) -> list[str]:
    return [page.model.row_at(i).number for i in range(page.model.rowCount())]


def test_the_list_filters_by_state_kind_circumstance_and_dates(handler_window, qtbot, shot):
    window, page = handler_window
    assert page.count_label.text() == "共 4 条"
    assert numbers(page) == ["XY2026-00004", "XY2026-00003", "XY2026-00002", "XY2026-00001"]  # newest first
    page.state.setCurrentIndex(page.state.findData("待审核"))
    click(qtbot, page.search_button)
    assert numbers(page) == ["XY2026-00002", "XY2026-00001"]
    page.state.setCurrentIndex(0)
    page.subject_kind.setCurrentIndex(page.subject_kind.findData(SubjectKind.PERSON))
    page.circumstance.setCurrentIndex(page.circumstance.findData("受到刑事处罚"))
    click(qtbot, page.search_button)
    assert numbers(page) == ["XY2026-00003"] and page.model.row_at(0).subject_name == "王五"
    page.subject_kind.setCurrentIndex(page.subject_kind.findData(SubjectKind.UNIT))
    page.circumstance.setCurrentIndex(0)
    click(qtbot, page.search_button)
    assert numbers(page) == ["XY2026-00004", "XY2026-00002", "XY2026-00001"]
    qtbot.wait(10)
    shot(window, "records_list_filtered")
    click(qtbot, page.clear_button)
    toggle(qtbot, page.use_created)
    page.created_from.setDate(QDate(2026, 12, 5))
    page.created_to.setDate(QDate(2026, 12, 5))
    page.state.setCurrentIndex(page.state.findData("草稿"))
    click(qtbot, page.search_button)
    assert numbers(page) == ["XY2026-00004"] and page.count_label.text() == "共 1 条"


def test_header_clicks_sort_in_the_store_and_search_finds_partial_names_and_codes(handler_window, qtbot, shot):
    window, page = handler_window
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header_point(header, 0))
    assert page.model.record_filter.sort == "number" and not page.model.record_filter.descending
    assert numbers(page) == ["XY2026-00001", "XY2026-00002", "XY2026-00003", "XY2026-00004"]
    assert header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header_point(header, 0))
    assert numbers(page)[0] == "XY2026-00004"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header_point(header, 1))
    assert page.model.record_filter.sort == "subject_name"
    type_into(qtbot, page.search_text, "甲乙信息")
    click(qtbot, page.search_button)
    assert numbers(page) == ["XY2026-00001"]
    type_into(qtbot, page.search_text, " " + valid_uscc("91440300MA59TEXT1").lower() + " ")
    qtbot.keyClick(page.search_text, Qt.Key.Key_Return)
    assert sorted(numbers(page)) == ["XY2026-00002", "XY2026-00004"]
    type_into(qtbot, page.search_text, valid_id_number())
    click(qtbot, page.search_button)
    assert numbers(page) == ["XY2026-00003"]
    type_into(qtbot, page.search_text, "没有这个单位")
    click(qtbot, page.search_button)
    assert page.count_label.text() == "共 0 条"


def header_point(header, section: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)


def test_a_reviewer_sees_the_list_and_subjects_but_no_buttons_to_create(handler_window, gui, qtbot):
    window, _ = handler_window
    [action] = [a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "退出登录"]
    action.trigger()
    window = gui.sign_in("shenhe", OWN_PW)
    page = window.page("失信信息")
    assert list(page.buttons) == ["open"] and list(window.page("主体").buttons) == ["open"]
    assert page.count_label.text() == "共 4 条"
