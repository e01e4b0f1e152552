"""Status from dates: one function answers the state and what falls due next, for any date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from app.domain.calendar import WorkCalendar
from app.domain.record_status import (Approved, Deleted, DeletionApplied, DeletionDecided, DeletionReason,
                                      DueKind, Extended, ExtensionGround, NoticeServed, ObjectionDecided, RecordEvent,
                                      ObjectionFiled, ObjectionOutcome, RecordState, ReportedToCreditAuthority,
                                      ReviewExtended, SupplementReceived, SupplementRequested, derive_status,
                                      moved_deadlines)

D = dt.date
COLLECTED = Approved(D(2025, 9, 22))
SERVED = NoticeServed(D(2025, 9, 26))  # objection period ends 2025-10-23
REPORTED = ReportedToCreditAuthority(D(2025, 10, 27))


@pytest.fixture()
def status(calendar, ruleset):
    return lambda events, on: derive_status(events, ruleset, calendar, on)


def kinds(result):
    return [item.kind for item in result.upcoming]


def test_a_record_without_approval_is_pending_and_owes_nothing(status):
    result = status([], D(2025, 9, 1))
    assert result.state is RecordState.PENDING_APPROVAL and result.next_due is None
    assert result.state.label == "待审批" and result.ruleset_id == "2021"


def test_an_approved_record_awaits_its_notice_and_its_clocks_already_run(status):
    result = status([COLLECTED], D(2025, 9, 23))
    assert result.state is RecordState.AWAITING_NOTICE
    assert kinds(result) == [DueKind.DELETION_OPENS, DueKind.VALIDITY_ENDS]
    assert result.validity.date == D(2028, 9, 22) and result.deletion_opens.date == D(2025, 12, 23)


@pytest.mark.parametrize(("on", "state"), [
    (D(2025, 9, 26), RecordState.OBJECTION_PERIOD), (D(2025, 10, 23), RecordState.OBJECTION_PERIOD),
    (D(2025, 10, 24), RecordState.EFFECTIVE), (D(2025, 12, 22), RecordState.EFFECTIVE),
    (D(2025, 12, 23), RecordState.DELETION_OPEN), (D(2028, 9, 22), RecordState.DELETION_OPEN),
    (D(2028, 9, 23), RecordState.EXPIRED),
])
def test_the_state_follows_the_dates_alone(status, on, state):
    assert status([COLLECTED, SERVED], on).state is state


def test_during_the_objection_period_its_end_falls_due_first(status):
    result = status([COLLECTED, SERVED], D(2025, 10, 1))
    assert result.next_due.kind is DueKind.OBJECTION_PERIOD_ENDS and result.next_due.date == D(2025, 10, 23)
    assert not result.deletion_application_open


def test_once_effective_the_report_falls_due_until_it_is_made(status):
    result = status([COLLECTED, SERVED], D(2025, 10, 24))
    assert result.next_due.kind is DueKind.REPORT and result.next_due.date == D(2025, 11, 3)
    assert not result.next_due.overdue and result.state.is_effective
    assert status([COLLECTED, SERVED], D(2025, 11, 4)).next_due.overdue
    reported = status([COLLECTED, SERVED, ReportedToCreditAuthority(D(2025, 10, 27))], D(2025, 10, 28))
    assert DueKind.REPORT not in kinds(reported)


def test_an_objection_is_reviewed_then_maintained_or_upheld(status):
    filed = [COLLECTED, SERVED, ObjectionFiled(D(2025, 10, 9))]
    review = status(filed, D(2025, 10, 10))
    assert review.state is RecordState.OBJECTION_REVIEW and not review.state.is_effective
    assert review.next_due.kind is DueKind.OBJECTION_DECISION
    assert review.next_due.date == D(2025, 10, 22)  # 10-11 is a make-up Saturday
    assert status(filed, D(2025, 10, 23)).next_due.overdue
    kept = status(filed + [ObjectionDecided(D(2025, 10, 20), ObjectionOutcome.MAINTAINED)], D(2025, 10, 21))
    assert kept.state is RecordState.EFFECTIVE
    assert kept.next_due.date == D(2025, 10, 29)  # report counted from the decision on 10-20
    upheld = status(filed + [ObjectionDecided(D(2025, 10, 20), ObjectionOutcome.DELETE)], D(2025, 10, 21))
    assert upheld.state is RecordState.DELETION_PENDING and upheld.upcoming == ()


def test_a_deletion_application_is_reviewed_within_ten_working_days(status):
    events = [COLLECTED, SERVED, REPORTED, DeletionApplied(D(2026, 2, 10))]
    result = status(events, D(2026, 2, 11))
    assert result.state is RecordState.DELETION_REVIEW and result.state.is_effective
    assert result.review_due.date == D(2026, 3, 2) and not result.review_overdue
    assert result.next_due.kind is DueKind.DELETION_DECISION
    overdue = status(events, D(2026, 3, 3))
    assert overdue.review_overdue and overdue.next_due.overdue


def test_an_outstanding_supplement_stops_the_review_clock(status):
    events = [COLLECTED, SERVED, REPORTED, DeletionApplied(D(2026, 3, 2)), SupplementRequested(D(2026, 3, 4))]
    same_day = status(events, D(2026, 3, 4))
    assert same_day.clock_stopped and same_day.review_due.date == D(2026, 3, 16)
    later = status(events, D(2026, 3, 6))
    assert later.clock_stopped and later.next_due.clock_stopped and later.review_due.date == D(2026, 3, 18)
    received = status(events + [SupplementReceived(D(2026, 3, 6))], D(2026, 3, 9))
    assert not received.clock_stopped and received.review_due.date == D(2026, 3, 18)


def test_an_approved_extension_lengthens_the_review_up_to_twenty_days_only(status):
    base = [COLLECTED, SERVED, DeletionApplied(D(2026, 3, 2))]
    extended = status(base + [ReviewExtended(D(2026, 3, 10), 20)], D(2026, 3, 11))
    assert extended.review_due.date == D(2026, 3, 30) and extended.warnings == ()
    too_long = status(base + [ReviewExtended(D(2026, 3, 10), 25)], D(2026, 3, 11))
    assert too_long.review_due.date == D(2026, 3, 30) and too_long.warnings == ("review_extension.above_cap",)
    too_short = status(base + [ReviewExtended(D(2026, 3, 10), 10)], D(2026, 3, 11))
    assert too_short.review_due.date == D(2026, 3, 16) and too_short.warnings == ("review_extension.not_longer",)


def test_a_refused_deletion_returns_to_valid_and_a_granted_one_awaits_deletion(status):
    base = [COLLECTED, SERVED, DeletionApplied(D(2026, 3, 2))]
    refused = status(base + [DeletionDecided(D(2026, 3, 9), granted=False)], D(2026, 3, 10))
    assert refused.state is RecordState.DELETION_OPEN and refused.review_due is None
    granted = base + [DeletionDecided(D(2026, 3, 9), granted=True)]
    assert status(granted, D(2026, 3, 10)).state is RecordState.DELETION_PENDING
    done = status(granted + [Deleted(D(2026, 3, 12), DeletionReason.RECTIFIED)], D(2026, 3, 12))
    assert done.state is RecordState.DELETED and done.upcoming == ()


def test_expiry_wins_over_a_pending_review_and_deletion_is_then_overdue(status):
    events = [COLLECTED, SERVED, DeletionApplied(D(2028, 9, 15))]
    result = status(events, D(2028, 9, 25))
    assert result.state is RecordState.EXPIRED and result.review_due is None
    assert result.next_due.kind is DueKind.DELETION_ON_EXPIRY and result.next_due.overdue


def test_a_record_collected_on_29_february_is_valid_through_28_february(status):
    events = [Approved(D(2024, 2, 29)), NoticeServed(D(2024, 3, 1))]
    assert status(events, D(2027, 2, 28)).state is RecordState.DELETION_OPEN
    assert status(events, D(2027, 3, 1)).state is RecordState.EXPIRED


def test_extensions_add_a_year_each_and_stop_at_five_years(status):
    base = [COLLECTED, SERVED]
    one = status(base + [Extended(D(2026, 5, 1), ExtensionGround.REPEAT_VIOLATION)], D(2026, 5, 2))
    assert one.validity.date == D(2029, 9, 22)
    three = base + [Extended(D(2026, 5, 1), ExtensionGround.REPEAT_VIOLATION),
                    Extended(D(2027, 5, 1), ExtensionGround.OBSTRUCTION),
                    Extended(D(2028, 5, 1), ExtensionGround.OBSTRUCTION)]
    capped = status(three, D(2028, 5, 2))
    assert capped.validity.date == D(2030, 9, 22) and capped.warnings == ("extension.cap_reached",)


def test_an_extension_after_expiry_is_ignored_with_a_warning(status):
    late = status([COLLECTED, SERVED, Extended(D(2028, 10, 1), ExtensionGround.OBSTRUCTION)], D(2028, 10, 2))
    assert late.state is RecordState.EXPIRED and late.warnings == ("extension.after_expiry",)


def test_events_after_the_date_asked_about_are_ignored(status):
    events = [COLLECTED, SERVED, Deleted(D(2026, 1, 5), DeletionReason.RECTIFIED)]
    assert status(events, D(2025, 10, 1)).state is RecordState.OBJECTION_PERIOD
    assert status(reversed(events), D(2026, 1, 5)).state is RecordState.DELETED


def test_inconsistent_histories_are_reported_not_fatal(status):
    assert status([Deleted(D(2025, 1, 1), DeletionReason.BASIS_CHANGED)], D(2025, 1, 2)).state is RecordState.DELETED
    odd = status([COLLECTED, SERVED, ObjectionDecided(D(2025, 10, 1), ObjectionOutcome.MAINTAINED),
                  SupplementReceived(D(2025, 10, 2))], D(2025, 10, 3))
    assert odd.warnings == ("objection.decision_without_objection", "deletion.event_without_application")
    stray = status([COLLECTED, DeletionApplied(D(2025, 10, 1)), SupplementReceived(D(2025, 10, 2))], D(2025, 10, 3))
    assert stray.warnings == ("supplement.received_without_request",)


def test_an_unknown_kind_of_event_is_reported_and_ignored(status):
    @dataclass(frozen=True)
    class Remark(RecordEvent):
        noted_on: dt.date

        @property
        def on(self) -> dt.date:
            return self.noted_on

    result = status([COLLECTED, SERVED, Remark(D(2025, 9, 27))], D(2025, 9, 28))
    assert result.state is RecordState.OBJECTION_PERIOD and result.warnings == ("event.unknown",)


def test_a_calendar_change_lists_the_deadlines_that_moved(calendar, ruleset):
    without_2025 = WorkCalendar({y: a for y, a in calendar.arrangements.items() if y != 2025})
    moves = moved_deadlines([COLLECTED, SERVED], ruleset, without_2025, calendar, D(2025, 9, 27))
    assert [(m.key, m.before.date, m.after.date) for m in moves] == [
        (DueKind.OBJECTION_PERIOD_ENDS, D(2025, 10, 22), D(2025, 10, 23))]
    assert moves[0].before.provisional and not moves[0].after.provisional


def test_every_event_has_a_chinese_description():
    import inspect
    from app.domain import record_status as rs
    events = [c for _, c in inspect.getmembers(rs, inspect.isclass) if issubclass(c, rs.RecordEvent) and c is not rs.RecordEvent]
    samples = {rs.Approved: rs.Approved(dt.date(2026, 1, 5)), rs.NoticeServed: rs.NoticeServed(dt.date(2026, 1, 6))}
    for cls in events:
        sample = samples.get(cls)
        if sample is not None:
            assert rs.describe_event(sample) and cls.__name__ not in rs.describe_event(sample)
    assert rs.describe_event(rs.NoticeIssued(dt.date(2026, 1, 5), "穗密确信〔2026〕1号")) == "编发告知书 穗密确信〔2026〕1号"
    assert rs.describe_event(rs.Deleted(dt.date(2026, 1, 5), rs.DeletionReason.EXPIRED)) == "删除（有效期届满）"
