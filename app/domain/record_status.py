"""A record's state, derived from its events and the dates — never stored as a flag that can go stale.

:func:`derive_status` answers, for any record at any date ``on``, what its state is and what falls due
next. Events dated after ``on`` are ignored, so the same function answers "what was the state then".

Choices (see docs/rules.md):
    * 可申请删除 is a *state* that refines 有效: a final, valid record whose 3-month wait (Art. 17) has
      elapsed and which has no open deletion application. ``RecordState.is_effective`` is true for both,
      so "valid records" queries include it.
    * 异议期届满 without objection (or an objection decided 维持) makes the record 有效; the report to the
      credit authority (Art. 13) then falls due and shows in ``upcoming`` until reported.
    * Expiry wins over everything but deletion: once the validity end has passed the state is 期满待删除,
      even during a deletion review (Art. 18(1) then applies).
    * An outstanding 补正 request stops the review clock through ``on``: the due date shown is the date if
      the materials arrived today (``clock_stopped`` is set).
    * Inconsistent histories are not fatal: the anomaly is reported in ``warnings`` (codes) and ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import (Deadline, DeadlineMove, Extension, Pause, changed_deadlines,
                                  deletion_application_opens, deletion_review_due, objection_decision_due,
                                  objection_due, report_due, validity_end)
from app.domain.rulesets import RuleSet


class ServiceMethod(Enum):
    """How the notice was served (民事诉讼法 Arts. 87–95); the service date is the legal one:
    the date signed on the 送达回证 (直接、留置、委托), the date on the postal return receipt (邮寄),
    the date it reached the recipient's system (电子), 30 days after publication (公告, Art. 95)."""

    IN_PERSON = "直接送达"
    LEFT_AT_PREMISES = "留置送达"
    POST = "邮寄送达"
    ENTRUSTED = "委托送达"
    PUBLIC_NOTICE = "公告送达"
    ELECTRONIC = "电子送达"

    @property
    def label(self) -> str:
        return self.value


PUBLIC_NOTICE_DAYS = 30  # 民事诉讼法 Art. 95: deemed served 30 days after publication


def public_notice_served_on(published_on: dt.date) -> dt.date:
    """公告送达: the notice counts as served when 30 days have passed since publication."""
    return published_on + dt.timedelta(days=PUBLIC_NOTICE_DAYS)


class ObjectionOutcome(Enum):
    """Art. 9: the bureau decides to keep or delete."""

    MAINTAINED = "维持"
    DELETE = "删除"


class ExtensionGround(Enum):
    """Art. 11 grounds for a +1 year extension."""

    REPEAT_VIOLATION = "第十一条第（一）项"
    OBSTRUCTION = "第十一条第（二）项"


class DeletionReason(Enum):
    """Art. 18 grounds, plus a successful objection (Art. 9)."""

    EXPIRED = "有效期届满"
    RECTIFIED = "整改完成"
    DECISION_REVOKED = "所依据的决定被依法撤销"
    BASIS_CHANGED = "归集依据发生改变"
    OBJECTION_UPHELD = "异议成立"


@dataclass(frozen=True)
class RecordEvent:
    """Base of all record events; ``on`` is the date that orders them."""

    @property
    def on(self) -> dt.date:  # pragma: no cover - overridden by every event
        raise NotImplementedError


@dataclass(frozen=True)
class Approved(RecordEvent):
    """Collection approved; ``collected_on`` is 归集产生之日 (Art. 10 starts here)."""

    collected_on: dt.date

    @property
    def on(self) -> dt.date:
        return self.collected_on


@dataclass(frozen=True)
class NoticeIssued(RecordEvent):
    """The 告知书 was issued with its number (it does not change the state; service does)."""

    issued_on: dt.date
    number: str

    @property
    def on(self) -> dt.date:
        return self.issued_on


@dataclass(frozen=True)
class NoticeServed(RecordEvent):
    """The written notice (告知书) was served (Art. 9); the objection period runs from ``served_on``."""

    served_on: dt.date
    method: ServiceMethod = ServiceMethod.IN_PERSON
    signed_by: str = ""

    @property
    def on(self) -> dt.date:
        return self.served_on


@dataclass(frozen=True)
class ObjectionFiled(RecordEvent):
    """An objection with its materials was received (Art. 9)."""

    received_on: dt.date

    @property
    def on(self) -> dt.date:
        return self.received_on


@dataclass(frozen=True)
class ObjectionDecided(RecordEvent):
    """The bureau decided the objection (Art. 9)."""

    decided_on: dt.date
    outcome: ObjectionOutcome

    @property
    def on(self) -> dt.date:
        return self.decided_on


@dataclass(frozen=True)
class ReportedToCreditAuthority(RecordEvent):
    """Reported to the city credit authority (Art. 13)."""

    reported_on: dt.date

    @property
    def on(self) -> dt.date:
        return self.reported_on


@dataclass(frozen=True)
class Extended(RecordEvent):
    """Validity extended by one step (Art. 11)."""

    approved_on: dt.date
    ground: ExtensionGround

    @property
    def on(self) -> dt.date:
        return self.approved_on


@dataclass(frozen=True)
class DeletionApplied(RecordEvent):
    """A deletion application and its materials were received (Art. 17)."""

    received_on: dt.date

    @property
    def on(self) -> dt.date:
        return self.received_on


@dataclass(frozen=True)
class SupplementRequested(RecordEvent):
    """The applicant was asked to supplement the materials (Art. 17: 补正)."""

    requested_on: dt.date

    @property
    def on(self) -> dt.date:
        return self.requested_on


@dataclass(frozen=True)
class SupplementReceived(RecordEvent):
    """The supplemented materials arrived."""

    received_on: dt.date

    @property
    def on(self) -> dt.date:
        return self.received_on


@dataclass(frozen=True)
class ReviewExtended(RecordEvent):
    """The head approved a longer review; ``total_days`` is the new total (Art. 17: at most 20)."""

    approved_on: dt.date
    total_days: int

    @property
    def on(self) -> dt.date:
        return self.approved_on


@dataclass(frozen=True)
class DeletionDecided(RecordEvent):
    """The deletion application was decided (Art. 17)."""

    decided_on: dt.date
    granted: bool

    @property
    def on(self) -> dt.date:
        return self.decided_on


@dataclass(frozen=True)
class Deleted(RecordEvent):
    """The record was deleted (Art. 18)."""

    deleted_on: dt.date
    reason: DeletionReason

    @property
    def on(self) -> dt.date:
        return self.deleted_on


class RecordState(Enum):
    """The derived state of a record, with its Chinese label as value."""

    PENDING_APPROVAL = "待审批"
    AWAITING_NOTICE = "待告知"
    OBJECTION_PERIOD = "异议期内"
    OBJECTION_REVIEW = "异议处理中"
    EFFECTIVE = "有效"
    DELETION_OPEN = "可申请删除"
    DELETION_REVIEW = "删除审查中"
    DELETION_PENDING = "待删除"
    EXPIRED = "期满待删除"
    DELETED = "已删除"

    @property
    def label(self) -> str:
        """The Chinese label."""
        return self.value

    @property
    def is_effective(self) -> bool:
        """True for a final, valid record (有效, 可申请删除, or under deletion review)."""
        return self in (RecordState.EFFECTIVE, RecordState.DELETION_OPEN, RecordState.DELETION_REVIEW)


class DueKind(Enum):
    """What falls due."""

    OBJECTION_PERIOD_ENDS = "异议期届满"
    OBJECTION_DECISION = "异议核查决定"
    REPORT = "报送社会信用主管部门"
    DELETION_OPENS = "可申请删除"
    DELETION_DECISION = "删除申请核查决定"
    VALIDITY_ENDS = "有效期届满"
    DELETION_ON_EXPIRY = "期满删除"


@dataclass(frozen=True)
class DueItem:
    """One date that matters next, with its explanation."""

    kind: DueKind
    deadline: Deadline
    overdue: bool = False
    clock_stopped: bool = False

    @property
    def date(self) -> dt.date:
        """The due date."""
        return self.deadline.date


@dataclass(frozen=True)
class RecordStatus:
    """The answer of :func:`derive_status`."""

    state: RecordState
    on: dt.date
    ruleset_id: str
    collected_on: dt.date | None = None
    validity: Deadline | None = None
    deletion_opens: Deadline | None = None
    review_due: Deadline | None = None
    review_overdue: bool = False
    clock_stopped: bool = False
    upcoming: tuple[DueItem, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def next_due(self) -> DueItem | None:
        """The earliest item in ``upcoming`` (overdue ones come first), or None."""
        return self.upcoming[0] if self.upcoming else None

    @property
    def deletion_application_open(self) -> bool:
        """Art. 17: True once 3 months after collection have fully elapsed."""
        return self.deletion_opens is not None and self.on >= self.deletion_opens.date


@dataclass
class _Facts:
    collected_on: dt.date | None = None
    served_on: dt.date | None = None
    objection_on: dt.date | None = None
    objection_decision: ObjectionDecided | None = None
    reported_on: dt.date | None = None
    extensions: list[Extended] = field(default_factory=list)
    application: DeletionApplied | None = None
    supplements: list[list[dt.date | None]] = field(default_factory=list)
    review_extension: ReviewExtended | None = None
    decision: DeletionDecided | None = None
    deleted: Deleted | None = None
    warnings: list[str] = field(default_factory=list)


def _apply(facts: _Facts, event: RecordEvent) -> None:
    match event:
        case Approved(collected_on=day):
            facts.collected_on = day
        case NoticeServed(served_on=day):
            facts.served_on = day
        case NoticeIssued():
            pass
        case ObjectionFiled(received_on=day):
            facts.objection_on, facts.objection_decision = day, None
        case ObjectionDecided():
            _warn_unless(facts, facts.objection_on is not None, "objection.decision_without_objection")
            facts.objection_decision = event
        case ReportedToCreditAuthority(reported_on=day):
            facts.reported_on = day
        case Extended():
            facts.extensions.append(event)
        case DeletionApplied():
            facts.application, facts.supplements = event, []
            facts.review_extension = facts.decision = None
        case _:
            _apply_review_event(facts, event)


def _apply_review_event(facts: _Facts, event: RecordEvent) -> None:
    if isinstance(event, Deleted):
        facts.deleted = event
    elif not isinstance(event, (SupplementRequested, SupplementReceived, ReviewExtended, DeletionDecided)):
        facts.warnings.append("event.unknown")
    elif facts.application is None:
        facts.warnings.append("deletion.event_without_application")
    elif isinstance(event, SupplementRequested):
        facts.supplements.append([event.requested_on, None])
    elif isinstance(event, SupplementReceived):
        open_request = bool(facts.supplements) and facts.supplements[-1][1] is None
        _warn_unless(facts, open_request, "supplement.received_without_request")
        if open_request:
            facts.supplements[-1][1] = event.received_on
    elif isinstance(event, ReviewExtended):
        facts.review_extension = event
    else:
        facts.decision = event


def _warn_unless(facts: _Facts, condition: bool, code: str) -> None:
    if not condition:
        facts.warnings.append(code)


def derive_status(events: Iterable[RecordEvent], ruleset: RuleSet, calendar: WorkCalendar,
                  on: dt.date) -> RecordStatus:
    """The state of a record on ``on`` and what falls due next, from its events and the dates.

    Args:
        events: the record's events in any order (same-day events keep their given order).
        ruleset: the rule set the record was collected under.
        calendar: the working-day calendar.
        on: the date asked about (events after it are ignored).
    """
    facts = _Facts()
    for event in sorted((e for e in events if e.on <= on), key=lambda e: e.on):
        _apply(facts, event)
    if facts.collected_on is None:
        state = RecordState.DELETED if facts.deleted else RecordState.PENDING_APPROVAL
        return RecordStatus(state, on, ruleset.id, warnings=tuple(facts.warnings))
    return _Derivation(facts, ruleset, calendar, on).status()


class _Derivation:
    """The computation for a collected record; one instance per call."""

    def __init__(self, facts: _Facts, ruleset: RuleSet, calendar: WorkCalendar, on: dt.date) -> None:
        self.facts, self.ruleset, self.calendar, self.on = facts, ruleset, calendar, on
        self.collected_on: dt.date = facts.collected_on  # type: ignore[assignment]
        self.validity = self._validity()
        self.opens = deletion_application_opens(ruleset, self.collected_on)
        self.objection = objection_due(ruleset, calendar, facts.served_on) if facts.served_on else None
        self.review, self.clock_stopped = self._review()

    def status(self) -> RecordStatus:
        state = self._state()
        review_overdue = self.review is not None and state is RecordState.DELETION_REVIEW and self.on > self.review.date
        return RecordStatus(state, self.on, self.ruleset.id, self.collected_on, self.validity, self.opens,
                            self.review if state is RecordState.DELETION_REVIEW else None, review_overdue,
                            self.clock_stopped and state is RecordState.DELETION_REVIEW,
                            self._upcoming(state), tuple(self.facts.warnings))

    def _validity(self) -> Deadline:
        accepted: list[Extension] = []
        end = validity_end(self.ruleset, self.collected_on)
        for event in self.facts.extensions:
            if len(accepted) >= self.ruleset.max_extensions:
                self.facts.warnings.append("extension.cap_reached")
            elif event.approved_on > end.date:
                self.facts.warnings.append("extension.after_expiry")
            else:
                accepted.append(Extension(event.approved_on, 1, basis=event.ground.value))
                end = validity_end(self.ruleset, self.collected_on, accepted)
        return end

    def _review(self) -> tuple[Deadline | None, bool]:
        application = self.facts.application
        if application is None:
            return None, False
        pauses, stopped = self._pauses()
        extension = self._review_extension()
        return deletion_review_due(self.ruleset, self.calendar, application.received_on, pauses=pauses,
                                   extension=extension), stopped

    def _pauses(self) -> tuple[list[Pause], bool]:
        pauses: list[Pause] = []
        stopped = False
        for requested, received in self.facts.supplements:
            stopped = received is None
            pause = Pause.for_supplement(requested, received or max(requested, self.on))  # type: ignore[arg-type]
            pauses += [pause] if pause else []
        return pauses, stopped

    def _review_extension(self) -> Extension | None:
        event = self.facts.review_extension
        base, cap = self.ruleset.deletion_review.amount, self.ruleset.deletion_review_max.amount
        if event is None:
            return None
        if event.total_days <= base:
            self.facts.warnings.append("review_extension.not_longer")
            return None
        if event.total_days > cap:
            self.facts.warnings.append("review_extension.above_cap")
        return Extension(event.approved_on, min(event.total_days, cap) - base, basis="第十七条，经单位负责人批准")

    def _state(self) -> RecordState:
        facts = self.facts
        if facts.deleted:
            return RecordState.DELETED
        if self.on > self.validity.date:
            return RecordState.EXPIRED
        outcome = facts.objection_decision.outcome if facts.objection_decision else None
        if outcome is ObjectionOutcome.DELETE or (facts.decision is not None and facts.decision.granted):
            return RecordState.DELETION_PENDING
        if facts.application is not None and facts.decision is None:
            return RecordState.DELETION_REVIEW
        if facts.objection_on is not None and facts.objection_decision is None:
            return RecordState.OBJECTION_REVIEW
        return self._quiet_state()

    def _quiet_state(self) -> RecordState:
        if self.objection is None:
            return RecordState.AWAITING_NOTICE
        if self.on <= self.objection.date and self.facts.objection_decision is None:
            return RecordState.OBJECTION_PERIOD
        return RecordState.DELETION_OPEN if self.on >= self.opens.date else RecordState.EFFECTIVE

    def _effective_on(self) -> dt.date | None:
        decision = self.facts.objection_decision
        if decision is not None and decision.outcome is ObjectionOutcome.MAINTAINED:
            return decision.decided_on
        return self.objection.date if self.objection and self.facts.objection_on is None else None

    def _upcoming(self, state: RecordState) -> tuple[DueItem, ...]:
        if state in (RecordState.DELETED, RecordState.DELETION_PENDING):
            return ()
        if state is RecordState.EXPIRED:
            return (DueItem(DueKind.DELETION_ON_EXPIRY, self.validity, overdue=True),)
        items = self._procedure_items(state)
        if state.is_effective and self.facts.reported_on is None and self._effective_on():
            items.append(self._item(DueKind.REPORT, report_due(self.ruleset, self.calendar, self._effective_on())))
        if self.on < self.opens.date:
            items.append(DueItem(DueKind.DELETION_OPENS, self.opens))
        items.append(DueItem(DueKind.VALIDITY_ENDS, self.validity))
        return tuple(sorted(items, key=lambda item: item.date))

    def _procedure_items(self, state: RecordState) -> list[DueItem]:
        if state is RecordState.OBJECTION_PERIOD and self.objection is not None:
            return [DueItem(DueKind.OBJECTION_PERIOD_ENDS, self.objection)]
        if state is RecordState.OBJECTION_REVIEW and self.facts.objection_on is not None:
            due = objection_decision_due(self.ruleset, self.calendar, self.facts.objection_on)
            return [self._item(DueKind.OBJECTION_DECISION, due)]
        if state is RecordState.DELETION_REVIEW and self.review is not None:
            return [DueItem(DueKind.DELETION_DECISION, self.review, self.on > self.review.date,
                            self.clock_stopped)]
        return []

    def _item(self, kind: DueKind, deadline: Deadline) -> DueItem:
        return DueItem(kind, deadline, overdue=self.on > deadline.date)


def moved_deadlines(events: Iterable[RecordEvent], ruleset: RuleSet, before: WorkCalendar,
                    after: WorkCalendar, on: dt.date) -> tuple[DeadlineMove, ...]:
    """The open deadlines of one record that move when the calendar changes (keyed by DueKind)."""
    events = tuple(events)
    old = derive_status(events, ruleset, before, on).upcoming
    new = derive_status(events, ruleset, after, on).upcoming
    return changed_deadlines({i.kind: i.deadline for i in old}, {i.kind: i.deadline for i in new})


def describe_event(event: RecordEvent) -> str:
    """One line for the record page: what happened after approval, in the regulation's words."""
    texts = {
        Approved: lambda e: "批准归集（归集产生之日）",
        NoticeIssued: lambda e: f"编发告知书 {e.number}",
        NoticeServed: lambda e: f"告知书送达（{e.method.label}）" + (f"，签收人 {e.signed_by}" if e.signed_by else ""),
        ObjectionFiled: lambda e: "收到异议申请及说明材料（第九条）",
        ObjectionDecided: lambda e: f"异议核查决定：{e.outcome.value}",
        ReportedToCreditAuthority: lambda e: "报送市社会信用主管部门（第十三条）",
        Extended: lambda e: f"有效期延长1年（{e.ground.value}）",
        DeletionApplied: lambda e: "收到删除申请及材料（第十七条）",
        SupplementRequested: lambda e: "通知补正材料（补正时间不计入核查期限）",
        SupplementReceived: lambda e: "收到补正材料",
        ReviewExtended: lambda e: f"经单位负责人批准延长核查期限至{e.total_days}个工作日",
        DeletionDecided: lambda e: "决定准予删除" if e.granted else "决定不予删除",
        Deleted: lambda e: f"删除（{e.reason.value}）",
    }
    return texts.get(type(event), lambda e: type(e).__name__)(event)
