"""Collection through the real dialogs on a real store: subjects, draft, 陈述申辩, submit, review, approval
by three accounts; the own-draft rule; an Art. 7 "yes" ending as 不予归集."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PySide6.QtCore import QBuffer, QDate, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

from app.domain.record import Basis, Stage, Statement
from app.domain.subject import SubjectKind, Unit
from app.usecases.collection import DraftRecord, RecordHearing, UpdateDraft
from app.usecases.subjects import SaveSubject
from tests.gui.harness import (OWN_PW, assert_error_at, click, create_collection_store, ok_button, toggle, type_into,
                               valid_id_number, valid_uscc)
from ui.dialogs.hearing_dialog import HearingDialog
from ui.dialogs.record_form import NewDraftDialog, RecordFormDialog
from ui.dialogs.record_view import RecordViewDialog
from ui.dialogs.subject_dialogs import PersonDialog, QualificationDialog, UnitDialog
from ui.dialogs.subject_view import SubjectViewDialog
from ui.dialogs.workflow_dialogs import ApprovalDialog, ReviewDialog
from ui.widgets import ask

D = dt.date
UNIT_NAME = "广州某某信息技术有限公司"


@pytest.fixture
def app(gui, data_dir, clock):
    create_collection_store(data_dir, clock)
    gui.start()
    return gui


def sign_in(app, username: str):
    if app.windows and app.window is not None and app.window.isVisible():
        [action] = [a for a in app.window.menuBar().actions()[0].menu().actions() if a.text() == "退出登录"]
        action.trigger()
    return app.sign_in(username, OWN_PW)


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def set_date(qtbot, optional, day: dt.date) -> None:
    if not optional.check.isChecked():
        toggle(qtbot, optional.check)
    optional.edit.setDate(QDate(day))


def png_bytes() -> bytes:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 750, "Decision 2026-3")
    page.showPage()
    page.save()
    return out.getvalue()


def seeded_unit(services, name: str = UNIT_NAME, body: str = "91440101MA59TEXT0") -> Unit:
    return services.save_subject(SaveSubject(Unit(None, name, valid_uscc(body), "张三")))


def seeded_submitted_record(services, subject) -> int:
    """A complete draft, heard and submitted, through the use cases (the set-up, not the subject of a test)."""
    record = services.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))
    record = services.update_draft(UpdateDraft(
        record.id, record.version, Basis("行政处罚决定书", "穗密罚〔2026〕3号", "广州市国家保密局", D(2026, 10, 9),
                                         D(2026, 10, 20)), "受到保密行政管理部门行政处罚", ("警告",), "违规携带涉密载体",
        "给予警告", "检查发现违规携带涉密载体。", (("state_secret", False), ("defeats_purpose", False),
                                        ("otherwise_handled", False))))
    services.record_hearing(RecordHearing(record.id, D(2026, 11, 27), "书面告知", (), D(2026, 11, 28)))
    return services.submit_record(record.id).id


def open_first_record(app, qtbot) -> RecordViewDialog:
    page = app.window.page("失信信息")
    page.table.selectRow(0)
    click(qtbot, page.buttons["open"])
    view = page.dialog
    assert isinstance(view, RecordViewDialog) and view.isVisible()
    return view


# -- the whole procedure -----------------------------------------------------------------------------------
def create_unit_in_the_dialog(app, qtbot, shot) -> None:
    window = app.window
    window.show_page("主体")
    page = window.page("主体")
    click(qtbot, page.buttons["new_unit"])
    dialog = page.dialog
    assert isinstance(dialog, UnitDialog)
    type_into(qtbot, dialog.name, UNIT_NAME)
    type_into(qtbot, dialog.uscc, valid_uscc()[:-1] + "0" if valid_uscc()[-1] != "0" else valid_uscc()[:-1] + "1")
    type_into(qtbot, dialog.legal_representative, "张三")
    click(qtbot, ok_button(dialog))
    assert_error_at(dialog.form, dialog.uscc, dialog.errors["uscc"], "校验位")
    type_into(qtbot, dialog.uscc, " " + valid_uscc().lower()[:9] + " " + valid_uscc().lower()[9:])
    click(qtbot, dialog.qual_buttons["add"])
    qual = dialog.qualification_dialog
    assert isinstance(qual, QualificationDialog)
    choose(qual.category, "system_integration")
    click(qtbot, ok_button(qual))
    assert_error_at(qual.form, qual.grade, qual.errors["grade"], "等级")
    choose(qual.grade, "乙级")
    toggle(qtbot, qual.types.boxes["软件开发"])
    type_into(qtbot, qual.certificate_no, "JC-2021-001")
    click(qtbot, ok_button(qual))
    assert not qual.isVisible() and dialog.qual_table.rowCount() == 1
    assert dialog.qual_table.item(0, 0).text() == "涉密信息系统集成资质"
    type_into(qtbot, dialog.address, "广州市天河区某路1号")
    qtbot.wait(10)  # let the layout settle before the picture
    shot(dialog, "subject_form_unit")
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    assert page.table.item(0, 1).text() == UNIT_NAME and page.table.item(0, 2).text() == valid_uscc()


def draft_from_the_subject_page(app, qtbot) -> tuple[SubjectViewDialog, RecordFormDialog]:
    page = app.window.page("主体")
    click(qtbot, page.buttons["open"])
    subject_view = page.dialog
    assert isinstance(subject_view, SubjectViewDialog)
    assert subject_view.history.rowCount() == 1 and subject_view.history.item(0, 2).text() == "新建主体"
    click(qtbot, subject_view.buttons["new_record"])
    new = subject_view.child
    assert isinstance(new, NewDraftDialog) and new.warning.isVisible() and "没有施行中的规则版本" in new.warning.text()
    click(qtbot, ok_button(new))
    assert new.errors["ruleset"].isVisible() and "明确选择" in new.errors["ruleset"].text()
    choose(new.ruleset, "2021")
    click(qtbot, ok_button(new))
    form = subject_view.child
    assert isinstance(form, RecordFormDialog) and form.isVisible()
    return subject_view, form


def fill_the_form(app, qtbot, form: RecordFormDialog, tmp_path, monkeypatch) -> None:
    click(qtbot, form.submit_button)
    assert "尚缺：依据类型、文书编号" in form.errors["form"].text() and "第七条第（三）项" in form.errors["form"].text()
    for code in ("basis.type", "facts", "penalties", "exclusion.state_secret"):
        assert form.errors[code].isVisible(), code
    choose(form.basis_type, "行政处罚决定书")
    type_into(qtbot, form.document_number, "穗密罚〔2026〕3号")
    type_into(qtbot, form.authority, "广州市国家保密局")
    set_date(qtbot, form.decided_on, D(2026, 10, 20))
    set_date(qtbot, form.effective_on, D(2026, 10, 9))
    click(qtbot, form.save_button)
    assert form.errors["basis.effective_on"].isVisible() and "不能早于" in form.errors["basis.effective_on"].text()
    set_date(qtbot, form.decided_on, D(2026, 10, 9))
    set_date(qtbot, form.effective_on, D(2026, 10, 20))
    choose(form.circumstance, "受到保密行政管理部门行政处罚")
    for penalty in ("警告", "暂停涉密业务"):
        toggle(qtbot, form.penalties.boxes[penalty])
    type_into(qtbot, form.violation, "违规将涉密载体带离保密场所")
    type_into(qtbot, form.penalty_detail, "给予警告并暂停涉密业务六个月")
    type_into(qtbot, form.facts, "2026年8月检查发现该单位违规将涉密载体带离保密场所。")
    for answer in form.exclusions.values():
        toggle(qtbot, answer.no)
    bad = tmp_path / "说明.txt"
    bad.write_text("不是扫描件", encoding="utf-8")
    scan, decision = tmp_path / "决定书.png", tmp_path / "决定书.pdf"
    scan.write_bytes(png_bytes())
    decision.write_bytes(pdf_bytes())
    for path in (bad, scan, decision):
        monkeypatch.setattr(ask, "ask_open_path", lambda *_a, p=path: p)
        click(qtbot, form.attachments.add_button)
        if path is bad:
            assert "不是 PDF、JPG 或 PNG" in form.attachments.error.text()
    assert form.attachments.list.count() == 2
    click(qtbot, form.attachments.view_button)
    assert form.attachments.viewer.ok and form.attachments.viewer.pdf_view is not None
    form.attachments.viewer.close()
    click(qtbot, form.save_button)
    assert form.status.text().startswith("草稿已保存"), form.errors["form"].text()


def record_the_hearing(app, qtbot, view: RecordViewDialog, shot) -> None:
    click(qtbot, view.buttons["hearing"])
    dialog = view.child
    assert isinstance(dialog, HearingDialog)
    set_date(qtbot, dialog.notified_on, D(2026, 11, 27))
    click(qtbot, ok_button(dialog))
    assert dialog.errors["notified_how"].isVisible()
    choose(dialog.notified_how, "书面告知")
    click(qtbot, dialog.add_button)
    box = dialog.statement_boxes[0]
    box.received_on.setDate(QDate(2026, 11, 30))
    type_into(qtbot, box.content, "对事实无异议，申请从轻处理。")
    choose(box.adopted, False)
    click(qtbot, ok_button(dialog))
    assert "理由" in dialog.errors["statements"].text()
    type_into(qtbot, box.reason, "处罚已从轻，不再调整。")
    qtbot.wait(10)
    shot(dialog, "hearing_dialog")
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    assert view.view.record.hearing.due == D(2026, 12, 4)
    assert view.hearing_outcome.text() == "已陈述申辩"
    assert any("陈述申辩期限：2026-12-04" in label.text() for label in view.deadline_labels)


def test_a_unit_record_is_drafted_heard_submitted_reviewed_and_approved_by_three_accounts(
        app, qtbot, shot, tmp_path, monkeypatch):
    window = sign_in(app, "jingban")
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["失信信息", "主体", "首页"]
    assert list(window.page("失信信息").buttons) == ["new", "open", "batch"]
    create_unit_in_the_dialog(app, qtbot, shot)
    subject_view, form = draft_from_the_subject_page(app, qtbot)
    fill_the_form(app, qtbot, form, tmp_path, monkeypatch)
    qtbot.wait(10)
    shot(form, "record_form")
    shot(form.findChild(QScrollArea).widget(), "record_form_all_sections")
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Close))
    assert not form.isVisible()
    assert subject_view.records.rowCount() == 1 and subject_view.records.item(0, 1).text() == "草稿"
    subject_view.records.selectRow(0)
    click(qtbot, subject_view.buttons["open_record"])
    view = subject_view.child
    assert set(view.buttons) == {"edit", "hearing", "submit", "approval_form"}
    record_the_hearing(app, qtbot, view, shot)
    click(qtbot, view.buttons["submit"])
    assert view.view.state_label == "待审核" and set(view.buttons) == {"hearing", "approval_form"}

    sign_in(app, "shenhe")
    view = open_first_record(app, qtbot)
    assert list(view.buttons) == ["review", "approval_form"]
    click(qtbot, view.buttons["review"])
    review = view.child
    assert isinstance(review, ReviewDialog)
    click(qtbot, ok_button(review))
    assert review.errors["opinion"].text() == "请填写意见。"
    type_into(qtbot, review.opinion, "事实清楚，依据充分，同意归集。")
    qtbot.wait(10)
    shot(review, "review_dialog")
    click(qtbot, ok_button(review))
    assert not review.isVisible() and view.view.state_label == "待审批"

    window = sign_in(app, "shenpi")
    view = open_first_record(app, qtbot)
    assert list(view.buttons) == ["approve", "approval_form"]
    click(qtbot, view.buttons["approve"])
    approval = view.child
    assert isinstance(approval, ApprovalDialog)
    type_into(qtbot, approval.opinion, "批准归集。")
    qtbot.wait(10)
    shot(approval, "approval_dialog")
    click(qtbot, ok_button(approval))
    assert not approval.isVisible()
    record = view.view.record
    assert record.stage is Stage.APPROVED and record.collected_on == D(2026, 12, 4)
    assert [s.kind.value for s in record.steps] == ["提交审核", "审核同意", "批准归集"]
    assert view.view.state_label == "待告知" and view.timeline.rowCount() == 3
    assert view.timeline.item(1, 1).text() == "shenhe" and view.timeline.item(2, 3).text() == "批准归集。"
    assert any("有效期届满：2029-12-04" in label.text() for label in view.deadline_labels)
    view.scroll.ensureWidgetVisible(view.deadline_labels[-1])
    qtbot.wait(10)
    shot(view, "record_page")
    shot(view.scroll.widget(), "record_page_all_sections")
    assert window.page("失信信息").model.row_at(0).state == "待告知"


# -- the own-draft rule ------------------------------------------------------------------------------------
def test_an_account_holding_every_role_can_neither_review_nor_approve_its_own_draft(app, qtbot):
    window = sign_in(app, "quanneng")
    record_id = seeded_submitted_record(window.services, seeded_unit(window.services))
    window.page("失信信息").refresh()
    view = open_first_record(app, qtbot)
    click(qtbot, view.buttons["review"])
    review = view.child
    type_into(qtbot, review.opinion, "同意。")
    click(qtbot, ok_button(review))
    assert review.isVisible() and review.errors["form"].text().startswith("不能审核或审批本人经办的失信信息")

    window = sign_in(app, "shenhe")
    window.services.review_record(record_id, agree=True, opinion="同意归集。")
    sign_in(app, "quanneng")
    view = open_first_record(app, qtbot)
    click(qtbot, view.buttons["approve"])
    approval = view.child
    type_into(qtbot, approval.opinion, "批准。")
    click(qtbot, ok_button(approval))
    assert approval.isVisible() and "不能审核或审批本人经办" in approval.errors["form"].text()
    assert view.view.record.stage is Stage.REVIEWED


def test_a_returned_draft_shows_the_reviewers_comments_in_the_form(app, qtbot):
    window = sign_in(app, "jingban")
    record_id = seeded_submitted_record(window.services, seeded_unit(window.services))
    window = sign_in(app, "shenhe")
    window.services.review_record(record_id, agree=False, opinion="请补充处罚决定书扫描件。")
    sign_in(app, "jingban")
    view = open_first_record(app, qtbot)
    assert view.view.state_label == "已退回"
    click(qtbot, view.buttons["edit"])
    comment = view.child.findChild(type(view.child.status), "returned_comment")
    assert comment.isVisible() and "请补充处罚决定书扫描件。" in comment.text()


# -- Art. 7 ------------------------------------------------------------------------------------------------
def test_a_draft_with_an_article_7_yes_ends_as_not_collected_with_its_reason(app, qtbot, monkeypatch):
    window = sign_in(app, "jingban")
    seeded_unit(window.services)
    page = window.page("失信信息")
    click(qtbot, page.buttons["new"])
    new = page.dialog
    type_into(qtbot, new.finder.text, "某某信息")
    click(qtbot, new.finder.find_button)
    assert new.finder.results.count() == 1 and new.finder.selected().name == UNIT_NAME
    choose(new.ruleset, "2021")
    click(qtbot, ok_button(new))
    form = page.dialog
    assert isinstance(form, RecordFormDialog)
    assert not form.exclusion_reason.isEnabled()
    toggle(qtbot, form.exclusions["state_secret"].yes)
    assert form.exclusion_reason.isEnabled()
    click(qtbot, form.submit_button)
    assert form.isVisible() and form.errors["exclusion_reason"].text() == "存在第七条排除情形，请填写不予归集的理由。"
    type_into(qtbot, form.exclusion_reason, "涉及国家秘密，不宜归集公开。")
    questions = []
    monkeypatch.setattr(ask, "confirm", lambda _p, title, _t: questions.append(title) or True)
    click(qtbot, form.submit_button)
    assert questions == ["不予归集"] and not form.isVisible()
    assert form.record.stage is Stage.NOT_COLLECTED and form.record.steps[-1].opinion == "涉及国家秘密，不宜归集公开。"
    assert page.model.row_at(0).state == "不予归集"


# -- subjects ----------------------------------------------------------------------------------------------
def test_a_person_is_checked_and_linked_to_an_employer_and_similar_or_duplicate_units_are_caught(app, qtbot):
    window = sign_in(app, "jingban")
    existing = seeded_unit(window.services)
    window.show_page("主体")
    page = window.page("主体")
    click(qtbot, page.buttons["new_unit"])
    unit = page.dialog
    type_into(qtbot, unit.name, "另一家公司")
    type_into(qtbot, unit.uscc, valid_uscc())
    type_into(qtbot, unit.legal_representative, "李四")
    click(qtbot, ok_button(unit))
    assert_error_at(unit.form, unit.uscc, unit.errors["uscc"], UNIT_NAME, "已登记")
    type_into(qtbot, unit.name, "广州某某信息技术（集团）有限公司")
    type_into(qtbot, unit.uscc, valid_uscc("91440101MA59TEXT1"))
    type_into(qtbot, unit.name, UNIT_NAME.replace("有限公司", " 有限公司"))
    click(qtbot, ok_button(unit))
    assert unit.isVisible() and f"{UNIT_NAME}（{existing.uscc}）" in unit.errors["name"].text()
    click(qtbot, ok_button(unit))
    assert not unit.isVisible()

    click(qtbot, page.buttons["new_person"])
    person = page.dialog
    assert isinstance(person, PersonDialog)
    type_into(qtbot, person.name, "王五")
    type_into(qtbot, person.id_number, valid_id_number()[:-1] + ("0" if valid_id_number()[-1] != "0" else "1"))
    choose(person.level, "重要涉密人员")
    click(qtbot, ok_button(person))
    assert_error_at(person.form, person.id_number, person.errors["id_number"], "校验位")
    type_into(qtbot, person.id_number, valid_id_number().lower())
    type_into(qtbot, person.employer_finder.text, valid_uscc())
    click(qtbot, person.employer_finder.find_button)
    assert person.employer_label.text() == f"{UNIT_NAME}（{valid_uscc()}）"
    click(qtbot, ok_button(person))
    assert not person.isVisible()
    page.table.selectRow(0)
    click(qtbot, page.buttons["open"])
    view = page.dialog
    assert view.page.employer.id == existing.id and view.page.subject.id_number == valid_id_number()
