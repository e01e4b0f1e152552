"""Reading records: the list (filters, sorting, search), the record page, attachments. Every view and
search of a person's or unit's record is audited (Art. 20)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.accounts import SignedInSession
from app.domain.attachments import check_attachment
from app.domain.audit import AuditEvent
from app.domain.deadlines import Deadline, statement_due
from app.domain.errors import DomainError
from app.domain.permissions import Permission, require
from app.domain.record import Record, Stage, StatementOutcome
from app.domain.record_status import RecordStatus, derive_status
from app.domain.subject import Person, Subject, SubjectKind, Unit
from app.ports import AttachmentMeta, Clock, OpenedStore, RecordFilter, RecordRow
from app.usecases.session import audit_as
from app.usecases.subjects import search_detail
from app.usecases.snapshots import calendar_from, refresh_stale, rulebook_from


def prepare_list(*, session: SignedInSession, store: OpenedStore, clock: Clock) -> int:
    """Bring the list's status cache up to today; returns how many records were recomputed."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        count = refresh_stale(uow, clock.today())
        uow.commit()
    return count


def count_records(flt: RecordFilter, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> int:
    """How many records match; a search by name or number is audited here, once per search."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        total = uow.records.count(flt)
        if flt.text:
            audit_as(uow, session, AuditEvent("record.searched", "record", "", detail=search_detail(flt.text, total)),
                     clock)
            uow.commit()
    return total


def list_records(flt: RecordFilter, offset: int, limit: int, *, session: SignedInSession,
                 store: OpenedStore) -> list[RecordRow]:
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        return uow.records.rows(flt, offset, limit)


@dataclass(frozen=True)
class NamedDeadline:
    label: str
    deadline: Deadline
    overdue: bool = False


@dataclass(frozen=True)
class RecordView:
    record: Record
    subject: Subject
    employer: Unit | None
    status: RecordStatus | None  # None before approval
    state_label: str
    deadlines: list[NamedDeadline]
    attachments: list[AttachmentMeta]


def view_record(record_id: int, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> RecordView:
    """All fields, the timeline and every derived deadline with its explanation; the view is audited."""
    require(session, Permission.RECORD_READ)
    today = clock.today()
    with store.uow_factory() as uow:
        record = uow.records.get(record_id)
        subject = uow.subjects.get(record.subject_kind, record.subject_id)
        employer = (uow.subjects.get(SubjectKind.UNIT, subject.employer_id)
                    if isinstance(subject, Person) and subject.employer_id else None)
        rulebook, calendar = rulebook_from(uow), calendar_from(uow)
        ruleset = rulebook.get(record.ruleset_id)
        deadlines = []
        if record.hearing.notified_on:
            hearing_due = statement_due(ruleset, calendar, record.hearing.notified_on)
            pending = record.hearing.outcome(today) is StatementOutcome.PENDING
            deadlines.append(NamedDeadline("陈述申辩期限", hearing_due, pending and hearing_due.date < today))
        status = None
        if record.stage is Stage.APPROVED:
            status = derive_status(record.events, ruleset, calendar, today)
            if status.validity:
                deadlines.append(NamedDeadline("有效期届满", status.validity))
            if status.deletion_opens:
                deadlines.append(NamedDeadline("可申请删除", status.deletion_opens))
            deadlines += [NamedDeadline(item.kind.value, item.deadline, item.overdue) for item in status.upcoming
                          if item.deadline not in (status.validity, status.deletion_opens)]
        attachments = uow.attachments.list(record.id)
        audit_as(uow, session, AuditEvent("record.viewed", "record", record.number), clock)
        uow.commit()
    label = status.state.label if status else record.stage.value
    return RecordView(record, subject, employer, status, label, deadlines, attachments)


def add_attachment(record_id: int, filename: str, data: bytes, *, session: SignedInSession, store: OpenedStore,
                   clock: Clock) -> AttachmentMeta:
    """A scan of a basis document, stored encrypted inside the store (PDF, JPG, PNG; size-limited)."""
    require(session, Permission.RECORD_DRAFT)
    mime = check_attachment(filename, data)
    with store.uow_factory() as uow:
        record = uow.records.get(record_id)
        if record.handler != session.account.username:
            raise DomainError("record.not_handler", handler=record.handler)
        if not record.editable():  # once submitted, reviewers and approvers decide on what they saw
            raise DomainError("record.wrong_stage", stage=record.stage.value)
        meta = uow.attachments.add(record.id, filename, mime, data, by=session.account.username, at=clock.now())
        audit_as(uow, session, AuditEvent("record.attachment_added", "record", record.number,
                                          detail={"文件": filename, "大小": len(data)}), clock)
        uow.commit()
    return meta


def attachment_data(attachment_id: int, *, session: SignedInSession, store: OpenedStore,
                    clock: Clock) -> tuple[AttachmentMeta, bytes]:
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        meta, data = uow.attachments.data(attachment_id)
        record = uow.records.get(meta.record_id)
        audit_as(uow, session, AuditEvent("record.attachment_viewed", "record", record.number,
                                          detail={"文件": meta.filename}), clock)
        uow.commit()
    return meta, data


def find_record(number: str, *, session: SignedInSession, store: OpenedStore) -> Record:
    """The record staff quote by its number (e.g. XY2026-00001)."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        record = uow.records.by_number(number.strip().upper())
    if record is None:
        raise DomainError("record.not_found", number=number)
    return record
