"""Subjects, records and attachments round-trip through the real encrypted store."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.accounts import Role
from app.domain.errors import DomainError
from app.domain.identifiers import IdType
from app.domain.record import Stage
from app.domain.record_status import NoticeServed, ServiceMethod
from app.domain.subject import Person, SubjectKind
from app.ports import RecordFilter
from app.usecases.accounts import AssignBusinessRoles, CreateAccount
from app.usecases.collection import DraftRecord
from app.usecases.subjects import SaveSubject
from tests.usecases.test_collection import complete_draft, heard, id_number, unit


@pytest.fixture
def staff(ctx, admin):
    secadmin = admin.create_account(CreateAccount("anquan", "安全员", Role.SECADMIN, "Temp-Passw0rd-1"))
    names = {"jingban": {Role.HANDLER}, "shenhe": {Role.REVIEWER}, "shenpi": {Role.APPROVER}}
    accounts = {n: admin.create_account(CreateAccount(n, n, None, "Temp-Passw0rd-1")) for n in names}
    sec, _ = ctx.sign_in("anquan", "Temp-Passw0rd-1")
    for name, roles in names.items():
        sec.assign_business_roles(AssignBusinessRoles(accounts[name].id, frozenset(roles)))
    assert secadmin.id
    return {n: ctx.sign_in(n, "Temp-Passw0rd-1")[0] for n in names}


def test_a_unit_with_qualifications_and_a_person_round_trip(staff):
    h = staff["jingban"]
    saved = h.save_subject(SaveSubject(unit()))
    person = h.save_subject(SaveSubject(Person(None, "王堃䶮", IdType.RESIDENT_ID, id_number(), "核心涉密人员", saved.id,
                                               "技术总监", "广州市越秀区某路2号", "13800000000")))
    page = h.view_subject(SubjectKind.PERSON, person.id)
    assert page.subject == person and page.employer == saved
    assert h.view_subject(SubjectKind.UNIT, saved.id).subject.qualifications == unit().qualifications
    assert [r.name for r in h.search_subjects("某某信息")] == [saved.name]
    assert [r.name for r in h.search_subjects(id_number())] == ["王堃䶮"]


def test_a_record_round_trips_through_every_step_and_keeps_its_history(staff):
    h, r, a = staff["jingban"], staff["shenhe"], staff["shenpi"]
    subject = h.save_subject(SaveSubject(unit()))
    record = h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))
    record = heard(h, complete_draft(h, record))
    h.submit_record(record.id)
    r.review_record(record.id, agree=True, opinion="同意归集。")
    approved = a.approve_record(record.id, approve=True, opinion="批准。")
    again = h.view_record(approved.id).record
    assert again == approved and again.stage is Stage.APPROVED and len(again.steps) == 3
    assert again.hearing.statements[0].reason == "处罚已从轻，不再调整。"


def test_a_stale_version_is_refused(staff):
    h = staff["jingban"]
    subject = h.save_subject(SaveSubject(unit()))
    record = h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))
    complete_draft(h, record)
    with pytest.raises(DomainError) as caught:
        complete_draft(h, record)  # the same old version again
    assert caught.value.code == "record.changed_meanwhile"


def test_the_list_filters_by_state_and_searches_by_name_uscc_and_number(staff):
    h = staff["jingban"]
    subject = h.save_subject(SaveSubject(unit()))
    first = h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))
    second = heard(h, complete_draft(h, h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))))
    h.submit_record(second.id)
    h.prepare_list()
    assert [row.number for row in h.list_records(RecordFilter(states=("待审核",)), 0, 50)] == [second.number]
    assert h.count_records(RecordFilter(text="某某")) == 2
    assert h.count_records(RecordFilter(text=subject.uscc.lower())) == 2
    assert [row.number for row in h.list_records(RecordFilter(text=first.number), 0, 50)] == [first.number]
    rows = h.list_records(RecordFilter(sort="number", descending=False), 0, 1)
    assert rows[0].number == first.number and rows[0].subject_name == subject.name and rows[0].state == "草稿"


def test_attachments_are_stored_inside_the_encrypted_store(ctx, staff):
    h = staff["jingban"]
    subject = h.save_subject(SaveSubject(unit()))
    record = h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))
    marker = b"%PDF-1.4 PLAINTEXT-MARKER-0123456789"
    meta = h.add_attachment(record.id, "决定书.pdf", marker)
    assert h.attachment_data(meta.id) == (meta, marker)
    h.store.close()
    for path in ctx.data_dir.rglob("*"):
        if path.is_file():
            assert b"PLAINTEXT-MARKER" not in path.read_bytes()


def test_a_calendar_change_lists_the_open_deadlines_that_moved(staff, admin, clock):
    from app.domain.calendar import NoticeSource, YearArrangement
    h, r, a = staff["jingban"], staff["shenhe"], staff["shenpi"]
    subject = h.save_subject(SaveSubject(unit()))
    record = heard(h, complete_draft(h, h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))))
    h.submit_record(record.id)
    r.review_record(record.id, agree=True, opinion="同意")
    approved = a.approve_record(record.id, approve=True, opinion="批准")
    with h.store.uow_factory() as uow:  # the notice was served on 2026-12-20 (recording service is issue 5)
        stored = uow.records.get(approved.id)
        from dataclasses import replace
        uow.records.save(replace(stored, events=(*stored.events, NoticeServed(dt.date(2026, 12, 20),
                                                                               ServiceMethod.IN_PERSON))))
        uow.commit()
    clock.advance(days=17)  # now 2026-12-21: the objection period runs into 2027
    year = YearArrangement(2027, {dt.date(2027, 1, 1): "元旦", dt.date(2027, 1, 4): "元旦"}, {},
                           (NoticeSource("国务院办公厅关于2027年部分节假日安排的通知（测试）", None),))
    saved = admin.save_calendar_year(year)
    assert [(m.before.date, m.after.date) for m in saved.moved] == [(dt.date(2027, 1, 11), dt.date(2027, 1, 12))]
    assert saved.moved[0].before.provisional and not saved.moved[0].after.provisional
