"""Issuing the 告知书 number and recording its service (Art. 9) on fakes."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import DomainError, ValidationError
from app.domain.record_status import ServiceMethod
from app.usecases.notices import RecordService
from tests.usecases.test_collection import complete_draft, drafted, heard, staff  # noqa: F401 (fixture)

D = dt.date


@pytest.fixture
def approved(staff):
    h = staff["handler"]
    record = heard(h, complete_draft(h, drafted(staff)))
    h.submit_record(record.id)
    staff["reviewer"].review_record(record.id, agree=True, opinion="同意")
    return staff["approver"].approve_record(record.id, approve=True, opinion="批准")


def test_the_notice_number_is_issued_once_per_record_and_in_sequence(staff, approved):
    h = staff["handler"]
    first = h.issue_notice(approved.id)
    assert first.events[-1].number == "穗密确信〔2026〕1号"
    assert h.issue_notice(approved.id).events[-1].number == "穗密确信〔2026〕1号"


def test_service_starts_the_fifteen_working_day_objection_period(world, staff, approved):
    h = staff["handler"]
    h.issue_notice(approved.id)
    result = h.record_service(RecordService(approved.id, ServiceMethod.IN_PERSON, D(2026, 12, 4), "张三"))
    assert result.objection_due.date == D(2026, 12, 25)
    assert h.view_record(approved.id).state_label == "异议期内"
    served = next(e for e in world.store.audit_entries if e.action == "record.served")
    assert served.detail["异议期届满"] == "2026-12-25"


def test_public_notice_counts_as_served_thirty_days_after_publication(world, staff, approved):
    h = staff["handler"]
    h.issue_notice(approved.id)
    world.clock.advance(days=40)
    result = h.record_service(RecordService(approved.id, ServiceMethod.PUBLIC_NOTICE, None,
                                            published_on=D(2026, 12, 5)))
    assert result.record.events[-1].served_on == D(2027, 1, 4)
    assert result.objection_due.provisional  # 2027's holidays are not loaded


@pytest.mark.parametrize("cmd_args, field, code", [
    ((ServiceMethod.IN_PERSON, D(2026, 12, 5), "张三"), "served_on", "service.in_future"),
    ((ServiceMethod.IN_PERSON, D(2026, 12, 3), "张三"), "served_on", "service.before_issue"),
    ((ServiceMethod.IN_PERSON, D(2026, 12, 4), ""), "signed_by", "service.signed_by_missing"),
    ((ServiceMethod.LEFT_AT_PREMISES, D(2026, 12, 4), ""), "remarks", "service.remarks_missing"),
    ((ServiceMethod.PUBLIC_NOTICE, None, ""), "published_on", "service.published_on_missing"),
])
def test_bad_service_details_are_refused_at_their_field(staff, approved, cmd_args, field, code):
    h = staff["handler"]
    h.issue_notice(approved.id)
    with pytest.raises(ValidationError) as caught:
        h.record_service(RecordService(approved.id, *cmd_args))
    assert (caught.value.field, caught.value.code) == (field, code)


def test_service_needs_an_issued_notice_and_is_recorded_once(staff, approved):
    h = staff["handler"]
    with pytest.raises(DomainError) as caught:
        h.record_service(RecordService(approved.id, ServiceMethod.IN_PERSON, D(2026, 12, 4), "张三"))
    assert caught.value.code == "service.no_notice"
    h.issue_notice(approved.id)
    h.record_service(RecordService(approved.id, ServiceMethod.IN_PERSON, D(2026, 12, 4), "张三",
                                   receipt_scan=("回证.jpg", b"\xff\xd8\xff scan")))
    with pytest.raises(DomainError) as again:
        h.record_service(RecordService(approved.id, ServiceMethod.IN_PERSON, D(2026, 12, 4), "张三"))
    assert again.value.code == "service.already_recorded"
    assert [a.filename for a in h.view_record(approved.id).attachments] == ["回证.jpg"]


def test_a_public_notice_counts_in_the_list_from_the_day_it_is_deemed_served(world, staff, approved):
    from app.ports import RecordFilter
    h = staff["handler"]
    h.issue_notice(approved.id)
    h.record_service(RecordService(approved.id, ServiceMethod.PUBLIC_NOTICE, None, published_on=D(2026, 12, 4)))
    h.prepare_list()
    assert h.list_records(RecordFilter(), 0, 1)[0].state == "待告知"
    world.clock.advance(days=31)  # deemed served 2027-01-03
    h.prepare_list()
    assert h.list_records(RecordFilter(), 0, 1)[0].state == "异议期内"


def test_a_publication_date_in_the_future_is_refused(staff, approved):
    h = staff["handler"]
    h.issue_notice(approved.id)
    with pytest.raises(ValidationError) as caught:
        h.record_service(RecordService(approved.id, ServiceMethod.PUBLIC_NOTICE, None, published_on=D(2026, 12, 9)))
    assert (caught.value.field, caught.value.code) == ("published_on", "service.in_future")
