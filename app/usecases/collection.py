"""Collecting a record (Arts. 5–8, 12): draft → 陈述申辩 → submit → review → approval.

Three different accounts: nobody reviews or approves their own draft. Each step keeps its opinion,
account and time. On approval the collection date (归集日) is fixed and the record waits for its 告知书.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.domain.accounts import SignedInSession
from app.domain.audit import AuditEvent
from app.domain.deadlines import statement_due
from app.domain.errors import DomainError, ValidationError
from app.domain.permissions import Permission, require
from app.domain.record import Basis, Hearing, Record, Stage, Statement
from app.domain.subject import SubjectKind
from app.ports import Clock, OpenedStore
from app.usecases.session import audit_as
from app.usecases.snapshots import calendar_from, refresh_one, rulebook_from


@dataclass(frozen=True)
class DraftRecord:
    subject_kind: SubjectKind
    subject_id: int
    ruleset_id: str | None = None  # an explicit choice; required when no rule set is in force today


def draft_record(cmd: DraftRecord, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> Record:
    """经办人 opens a draft for a subject under the rule set in force (or the one explicitly chosen)."""
    require(session, Permission.RECORD_DRAFT)
    with store.uow_factory() as uow:
        resolved = rulebook_from(uow).resolve(clock.today(), cmd.ruleset_id)
        uow.subjects.get(cmd.subject_kind, cmd.subject_id)
        record = Record(None, uow.records.next_number(clock.today().year), cmd.subject_kind, cmd.subject_id,
                        session.account.username, clock.now(), resolved.ruleset.id, resolved.explicitly_chosen)
        record = uow.records.add(record)
        audit_as(uow, session, AuditEvent("record.created", "record", record.number,
                                          detail={"规则版本": record.ruleset_id,
                                                  "明确选择": "是" if record.ruleset_chosen_explicitly else "否"}),
                 clock)
        refresh_one(uow, record, today=clock.today())
        uow.commit()
    return record


@dataclass(frozen=True)
class UpdateDraft:
    record_id: int
    version: int
    basis: Basis
    circumstance: str
    penalties: tuple[str, ...]
    violation: str
    penalty_detail: str
    facts: str
    exclusions: tuple[tuple[str, bool | None], ...]
    exclusion_reason: str = ""


CONTENT_FIELDS = ("basis", "circumstance", "penalties", "violation", "penalty_detail", "facts", "exclusions",
                  "exclusion_reason")


def _own_draft(record: Record, session: SignedInSession) -> None:
    if record.handler != session.account.username:
        raise DomainError("record.not_handler", handler=record.handler)


def _load(uow, record_id: int, version: int | None = None) -> Record:
    record = uow.records.get(record_id)
    if version is not None and record.version != version:
        raise DomainError("record.changed_meanwhile")
    return record


def update_draft(cmd: UpdateDraft, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> Record:
    """Save the draft's content; only its handler, only while it is a draft or returned."""
    require(session, Permission.RECORD_DRAFT)
    with store.uow_factory() as uow:
        before = _load(uow, cmd.record_id, cmd.version)
        _own_draft(before, session)
        if not before.editable():
            raise DomainError("record.wrong_stage", stage=before.stage.value)
        after = replace(before, **{f: getattr(cmd, f) for f in CONTENT_FIELDS})
        after.check_dates()
        changed = [f for f in CONTENT_FIELDS if getattr(before, f) != getattr(after, f)]
        saved = uow.records.save(after)
        # 三员分立: the trail names the changed fields; their content stays in the record (RECORD_READ only)
        audit_as(uow, session, AuditEvent("record.updated", "record", saved.number, detail={"修改字段": changed}),
                 clock)
        uow.commit()
    return saved


@dataclass(frozen=True)
class RecordHearing:
    """Art. 8 ¶2: when and how the subject was told; statements received; or waived."""

    record_id: int
    notified_on: dt.date | None
    notified_how: str
    statements: tuple[Statement, ...] = ()
    waived_on: dt.date | None = None


def record_hearing(cmd: RecordHearing, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> Record:
    require(session, Permission.RECORD_DRAFT)
    with store.uow_factory() as uow:
        before = _load(uow, cmd.record_id)
        _own_draft(before, session)
        if before.stage in (Stage.APPROVED, Stage.NOT_COLLECTED, Stage.REVIEWED):
            # after the 审核人 agreed the hearing is what was reviewed; a late statement means 退回 first
            raise DomainError("record.wrong_stage", stage=before.stage.value)
        for statement in cmd.statements:
            if not statement.content.strip():
                raise ValidationError("hearing.statement_empty", field="statements")
            if cmd.notified_on and statement.received_on < cmd.notified_on:
                raise ValidationError("hearing.statement_before_notice", field="statements")
        due = None
        if cmd.notified_on:
            due = statement_due(rulebook_from(uow).get(before.ruleset_id), calendar_from(uow), cmd.notified_on).date
        hearing = Hearing(cmd.notified_on, cmd.notified_how.strip(), due, tuple(cmd.statements), cmd.waived_on)
        saved = uow.records.save(replace(before, hearing=hearing))
        detail = {"告知日期": str(cmd.notified_on or ""), "告知方式": cmd.notified_how, "陈述申辩期限": str(due or ""),
                  "陈述申辩": len(cmd.statements), "结论": hearing.outcome(clock.today()).value}
        audit_as(uow, session, AuditEvent("record.hearing", "record", saved.number, detail=detail), clock)
        refresh_one(uow, saved, today=clock.today())
        uow.commit()
    return saved


def _step(record_id: int, action: str, move, *, session, store, clock) -> Record:
    with store.uow_factory() as uow:
        before = _load(uow, record_id)
        after = move(before)
        saved = uow.records.save(after)
        step = saved.steps[-1]
        action = "record.not_collected" if saved.stage is Stage.NOT_COLLECTED else action
        audit_as(uow, session, AuditEvent(action, "record", saved.number,
                                          detail={"环节": step.kind.value, "before": {"阶段": before.stage.value},
                                                  "after": {"阶段": saved.stage.value}}), clock)
        refresh_one(uow, saved, today=clock.today())
        uow.commit()
    return saved


def submit_record(record_id: int, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> Record:
    """经办人 submits; an Art. 7 "yes" ends the draft as 不予归集 with its reason (kept)."""
    require(session, Permission.RECORD_DRAFT)

    def move(record: Record) -> Record:
        _own_draft(record, session)
        return record.submit(session.account.username, clock.now())
    result = _step(record_id, "record.submitted", move, session=session, store=store, clock=clock)
    return result


def review_record(record_id: int, *, agree: bool, opinion: str, session: SignedInSession, store: OpenedStore,
                  clock: Clock) -> Record:
    require(session, Permission.RECORD_REVIEW)
    return _step(record_id, "record.reviewed",
                 lambda r: r.review(session.account.username, clock.now(), agree=agree, opinion=opinion),
                 session=session, store=store, clock=clock)


def approve_record(record_id: int, *, approve: bool, opinion: str, session: SignedInSession, store: OpenedStore,
                   clock: Clock) -> Record:
    """审批人 approves (fixing 归集日 and, through the rule set, the validity) or returns the draft."""
    require(session, Permission.RECORD_APPROVE)
    return _step(record_id, "record.approved",
                 lambda r: r.approve(session.account.username, clock.now(), approve=approve, opinion=opinion,
                                     today=clock.today()),
                 session=session, store=store, clock=clock)
