"""After approval: issue the 告知书 (its number is issued in the same transaction and never reused) and
record its service, which starts the objection period (Art. 9)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.domain.accounts import SignedInSession
from app.domain.attachments import check_attachment
from app.domain.audit import AuditEvent
from app.domain.deadlines import Deadline, objection_due
from app.domain.errors import DomainError, ValidationError
from app.domain.numbering import DocumentType
from app.domain.permissions import Permission, require
from app.domain.record import Record, Stage
from app.domain.record_status import NoticeIssued, NoticeServed, ServiceMethod, public_notice_served_on
from app.ports import Clock, OpenedStore
from app.rules_cli import default_prefixes
from app.usecases.session import audit_as
from app.usecases.snapshots import calendar_from, refresh_one, rulebook_from

NEEDS_SIGNATURE = (ServiceMethod.IN_PERSON, ServiceMethod.ENTRUSTED, ServiceMethod.POST)


def issued_notice(record: Record) -> NoticeIssued | None:
    return next((e for e in reversed(record.events) if isinstance(e, NoticeIssued)), None)


def served(record: Record) -> NoticeServed | None:
    return next((e for e in reversed(record.events) if isinstance(e, NoticeServed)), None)


def issue_notice(record_id: int, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> Record:
    """Give an approved record its 告知书 number (穗密确信〔YYYY〕N号), once."""
    require(session, Permission.RECORD_DRAFT)
    today = clock.today()
    with store.uow_factory() as uow:
        record = uow.records.get(record_id)
        if record.stage is not Stage.APPROVED:
            raise DomainError("record.wrong_stage", stage=record.stage.value)
        if issued_notice(record):
            return record
        prefix, year = default_prefixes().series_key(DocumentType.NOTICE, today)
        number = uow.numbers.issue(prefix, year, doc_type=DocumentType.NOTICE.name, by=session.account.username,
                                   at=clock.now(), ref=record.number)
        saved = uow.records.save(replace(record, events=(*record.events, NoticeIssued(today, str(number)))))
        audit_as(uow, session, AuditEvent("document.issued", "record", record.number,
                                          detail={"文书": DocumentType.NOTICE.value, "文号": str(number)}), clock)
        uow.commit()
    return saved


@dataclass(frozen=True)
class RecordService:
    record_id: int
    method: ServiceMethod
    served_on: dt.date | None  # the legal service date; for 公告送达 give published_on instead
    signed_by: str = ""
    published_on: dt.date | None = None
    remarks: str = ""
    receipt_scan: tuple[str, bytes] | None = None  # (file name, PDF/JPG/PNG) of the signed 送达回证


@dataclass(frozen=True)
class ServiceRecorded:
    record: Record
    objection_due: Deadline


def _service_date(cmd: RecordService, issued_on: dt.date, today: dt.date) -> dt.date:
    if cmd.method is ServiceMethod.PUBLIC_NOTICE:
        if cmd.published_on is None:
            raise ValidationError("service.published_on_missing", field="published_on")
        if cmd.published_on < issued_on:
            raise ValidationError("service.before_issue", field="published_on")
        if cmd.published_on > today:
            raise ValidationError("service.in_future", field="published_on")
        return public_notice_served_on(cmd.published_on)
    if cmd.served_on is None:
        raise ValidationError("service.date_missing", field="served_on")
    if cmd.served_on < issued_on:
        raise ValidationError("service.before_issue", field="served_on")
    if cmd.served_on > today:
        raise ValidationError("service.in_future", field="served_on")
    return cmd.served_on


def record_service(cmd: RecordService, *, session: SignedInSession, store: OpenedStore,
                   clock: Clock) -> ServiceRecorded:
    """Record how and when the 告知书 was served; the objection period (15 working days) starts."""
    require(session, Permission.RECORD_DRAFT)
    if cmd.method in NEEDS_SIGNATURE and not cmd.signed_by.strip():
        raise ValidationError("service.signed_by_missing", field="signed_by")
    if cmd.method is ServiceMethod.LEFT_AT_PREMISES and not cmd.remarks.strip():
        raise ValidationError("service.remarks_missing", field="remarks")  # 民诉法 Art. 89: record the refusal
    mime = check_attachment(cmd.receipt_scan[0], cmd.receipt_scan[1]) if cmd.receipt_scan else None
    today = clock.today()
    with store.uow_factory() as uow:
        record = uow.records.get(cmd.record_id)
        notice = issued_notice(record)
        if notice is None:
            raise DomainError("service.no_notice")
        if served(record):
            raise DomainError("service.already_recorded")
        served_on = _service_date(cmd, notice.issued_on, today)
        event = NoticeServed(served_on, cmd.method, cmd.signed_by.strip())
        saved = uow.records.save(replace(record, events=(*record.events, event)))
        if cmd.receipt_scan:
            uow.attachments.add(record.id, cmd.receipt_scan[0], mime, cmd.receipt_scan[1],
                                by=session.account.username, at=clock.now())
        due = objection_due(rulebook_from(uow).get(record.ruleset_id), calendar_from(uow), served_on)
        detail = {"送达方式": cmd.method.label, "送达日期": served_on.isoformat(), "异议期届满": due.date.isoformat()}
        audit_as(uow, session, AuditEvent("record.served", "record", record.number, detail=detail), clock)
        refresh_one(uow, saved, today=today)
        uow.commit()
    return ServiceRecorded(saved, due)
