"""The documents of a record: rendered for preview from memory; printing and saving as PDF are audited,
and a document printed before is marked as a reprint on its file copy (存档联)."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from app.documents import BureauInfo, DeadlineNote, GenerationStamp
from app.documents.fonts import ROLES, FontBook, font_book
from app.documents.approval_form import render_approval_form
from app.documents.notice import render_notice
from app.documents.receipt import render_receipt
from app.domain.accounts import SignedInSession
from app.domain.audit import AuditEvent
from app.domain.deadlines import objection_due, validity_end
from app.domain.errors import DomainError, ValidationError
from app.domain.permissions import Permission, require
from app.domain.record import Stage
from app.ports import AuditFilter, Clock, OpenedStore
from app.usecases.notices import issued_notice, served
from app.usecases.session import audit_as
from app.usecases.snapshots import calendar_from, rulebook_from

BUREAU_NAME = "广州市国家保密局"


class DocumentKind(enum.Enum):
    NOTICE = "失信信息归集告知书"
    RECEIPT = "送达回证"
    APPROVAL = "失信信息归集审批表"


COPIES = {"recipient": "送达联", "file": "存档联"}


@dataclass(frozen=True)
class RenderedDocument:
    kind: DocumentKind
    record_id: int
    record_number: str
    number: str
    copy: str
    reprint: bool
    pdf: bytes

    @property
    def title(self) -> str:
        part = "" if self.kind is DocumentKind.APPROVAL and self.copy == "recipient" else f"（{COPIES[self.copy]}）"
        return f"{self.kind.value}{part}{self.number or self.record_number}"


def bureau_info(settings: dict) -> BureauInfo:
    return BureauInfo(settings.get("name") or BUREAU_NAME, settings.get("contact", ""), settings.get("phone", ""),
                      settings.get("address", ""))


def set_bureau_info(values: dict, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> None:
    """The 落款 and contact printed on notices (系统管理员)."""
    require(session, Permission.CALENDAR_EDIT)
    clean = {k: str(values.get(k, "")).strip() for k in ("name", "contact", "phone", "address")}
    if not clean["contact"] or not clean["phone"]:
        raise ValidationError("bureau.contact_missing", field="contact" if not clean["contact"] else "phone")
    with store.uow_factory() as uow:
        before = uow.settings.bureau()
        uow.settings.set_bureau(clean)
        audit_as(uow, session, AuditEvent("settings.bureau", "settings", "bureau",
                                          detail={"before": before, "after": clean}), clock)
        uow.commit()


FONT_ROLES = {"fang": "正文（仿宋）", "title": "标题（小标宋）", "hei": "一级标题（黑体）", "kai": "二级标题（楷体）",
              "song": "页码（宋体）"}


def font_mapping(settings: dict) -> dict[str, list[str]] | None:
    """role -> [font file] from the settings; roles left empty use the bundled fonts."""
    chosen = {role: [path] for role, path in settings.items() if role in ROLES and path}
    return chosen or None


def set_font_mapping(paths: dict[str, str], *, session: SignedInSession, store: OpenedStore, clock: Clock) -> None:
    """Point document roles at licensed fonts installed on this machine (仿宋_GB2312, 方正小标宋简体 …).

    Each file is loaded and checked (TrueType outlines) before anything is saved; the bundled fonts stay as
    the fallback for characters a licensed font lacks.
    """
    require(session, Permission.CALENDAR_EDIT)
    clean = {role: str(paths.get(role, "")).strip() for role in ROLES}
    FontBook(font_mapping(clean))  # raises document.font_missing / document.font_unusable
    with store.uow_factory() as uow:
        before = uow.settings.fonts()
        uow.settings.set_fonts(clean)
        audit_as(uow, session, AuditEvent("settings.fonts", "settings", "fonts",
                                          detail={"before": before, "after": clean}), clock)
        uow.commit()


def _printed_before(uow, record_number: str, kind: DocumentKind, copy: str) -> bool:
    entries = uow.audit.query(AuditFilter(action="document.printed", object_type="record", object_id=record_number))
    return any(e.detail.get("文书") == kind.value and e.detail.get("联次") == COPIES[copy] for e in entries)


def render_document(kind: DocumentKind, record_id: int, copy: str = "recipient", *, session: SignedInSession,
                    store: OpenedStore, clock: Clock) -> RenderedDocument:
    """Render one document of a record into PDF bytes (for preview, printing or saving)."""
    require(session, Permission.RECORD_READ)
    if copy not in COPIES:
        raise DomainError("document.copy", copy=copy)
    today = clock.today()
    with store.uow_factory() as uow:
        record = uow.records.get(record_id)
        subject = uow.subjects.get(record.subject_kind, record.subject_id)
        bureau = bureau_info(uow.settings.bureau())
        fonts = font_book(font_mapping(uow.settings.fonts()))
        ruleset, calendar = rulebook_from(uow).get(record.ruleset_id), calendar_from(uow)
        reprint = _printed_before(uow, record.number, kind, copy)
        names = {a.username: a.display_name for a in uow.accounts.list()}
    notice = issued_notice(record)
    number = notice.number if notice else ""
    stamp = GenerationStamp(session.account.display_name, clock.now(), number or record.number, reprint)
    file_stamp = stamp if copy == "file" else None
    if kind is DocumentKind.APPROVAL:  # a written record signed with people's names, not login names
        signed = replace(record, handler=names.get(record.handler, record.handler),
                         steps=tuple(replace(s, account=names.get(s.account, s.account)) for s in record.steps))
        pdf = render_approval_form(signed, subject, today=today, copy=copy, stamp=file_stamp, fonts=fonts)
        return RenderedDocument(kind, record.id, record.number, "", copy, reprint, pdf)
    if record.stage is not Stage.APPROVED or notice is None:
        raise DomainError("document.no_notice_number")
    if kind is DocumentKind.NOTICE:
        if not bureau.contact or not bureau.phone:
            raise DomainError("bureau.contact_missing")
        validity = validity_end(ruleset, record.collected_on)
        notes = [DeadlineNote("有效期", validity.lines())]
        service = served(record)
        if service:
            notes.insert(0, DeadlineNote("异议期限", objection_due(ruleset, calendar, service.served_on).lines()))
        pdf = render_notice(record, subject, number, issued_on=notice.issued_on, validity_end=validity.date,
                            bureau=bureau, copy=copy, stamp=file_stamp, deadlines=notes, fonts=fonts)
    else:
        service = served(record)
        method = service.method.label if service and service.method.label in RECEIPT_METHODS else None
        pdf = render_receipt(subject, number, method=method, bureau=bureau, copy=copy, stamp=file_stamp, fonts=fonts)
    return RenderedDocument(kind, record.id, record.number, number, copy, reprint, pdf)


RECEIPT_METHODS = ("直接送达", "留置送达", "邮寄送达", "委托送达", "公告送达")


def _detail(doc: RenderedDocument) -> dict:
    return {"文书": doc.kind.value, "文号": doc.number, "联次": COPIES[doc.copy], "重印": "是" if doc.reprint else "否"}


def record_printed(doc: RenderedDocument, printer: str, copies: int = 1, *, session: SignedInSession,
                   store: OpenedStore, clock: Clock) -> None:
    """Audit a print the user confirmed in the print dialog (what, which printer, how many copies)."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        detail = {**_detail(doc), "重印": "是" if _printed_before(uow, doc.record_number, doc.kind, doc.copy) else "否"}
        audit_as(uow, session, AuditEvent("document.printed", "record", doc.record_number,
                                          detail={**detail, "打印机": printer, "份数": copies}), clock)
        uow.commit()


def export_document(doc: RenderedDocument, target: Path, *, session: SignedInSession, store: OpenedStore,
                    clock: Clock, write_file: Callable[[Path, bytes], None]) -> str:
    """Save as PDF: an explicit export of plaintext, written atomically and audited with its SHA-256."""
    require(session, Permission.RECORD_READ)
    write_file(target, doc.pdf)
    digest = hashlib.sha256(doc.pdf).hexdigest()
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("document.exported", "record", doc.record_number,
                                          detail={**_detail(doc), "路径": str(target), "SHA-256": digest}), clock)
        uow.commit()
    return digest


@dataclass(frozen=True)
class NoticeBatch:
    """Notices gathered from the store (on the caller's thread) for rendering elsewhere."""

    jobs: tuple
    record_numbers: tuple[str, ...]
    bureau: BureauInfo
    fonts: FontBook
    skipped: int  # records in the selection that have no issued notice yet
    copy: str = "recipient"
    reprints: tuple[bool, ...] = ()


MAX_BATCH = 1000


def prepare_notice_batch(record_ids: list[int], copy: str = "recipient", *, session: SignedInSession,
                         store: OpenedStore, clock: Clock) -> NoticeBatch:
    """The notices of the given records that have a number (others are counted as skipped)."""
    from app.documents.batch import NoticeJob
    require(session, Permission.RECORD_READ)
    if len(record_ids) > MAX_BATCH:
        raise ValidationError("document.batch_too_large", maximum=MAX_BATCH)
    jobs, numbers, reprints, skipped = [], [], [], 0
    with store.uow_factory() as uow:
        bureau = bureau_info(uow.settings.bureau())
        if not bureau.contact or not bureau.phone:
            raise DomainError("bureau.contact_missing")
        fonts = font_book(font_mapping(uow.settings.fonts()))
        rulebook = rulebook_from(uow)
        for record_id in record_ids:
            record = uow.records.get(record_id)
            notice = issued_notice(record)
            if record.stage is not Stage.APPROVED or notice is None:
                skipped += 1
                continue
            subject = uow.subjects.get(record.subject_kind, record.subject_id)
            end = validity_end(rulebook.get(record.ruleset_id), record.collected_on).date
            reprint = _printed_before(uow, record.number, DocumentKind.NOTICE, copy)
            stamp = GenerationStamp(session.account.display_name, clock.now(), notice.number, reprint)
            jobs.append(NoticeJob(record, subject, notice.number, notice.issued_on, end, copy,
                                  stamp if copy == "file" else None))
            reprints.append(reprint)
            numbers.append(record.number)
    return NoticeBatch(tuple(jobs), tuple(numbers), bureau, fonts, skipped, copy, tuple(reprints))


def render_notice_batch(batch: NoticeBatch, progress: Callable[[int, int], bool] | None = None) -> bytes:
    """Render the batch into one PDF (safe on a worker thread: no store access). ``document.cancelled``."""
    from app.documents.batch import render_notices
    return render_notices(batch.jobs, bureau=batch.bureau, progress=progress, fonts=batch.fonts)


def record_batch_printed(batch: NoticeBatch, printer: str, *, session: SignedInSession, store: OpenedStore,
                         clock: Clock) -> None:
    """One audit entry per record whose notice was in the printed batch."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        for job in batch.jobs:
            reprint = _printed_before(uow, job.record.number, DocumentKind.NOTICE, batch.copy)
            detail = {"文书": DocumentKind.NOTICE.value, "文号": str(job.number), "联次": COPIES[batch.copy],
                      "重印": "是" if reprint else "否", "打印机": printer, "批量": len(batch.jobs)}
            audit_as(uow, session, AuditEvent("document.printed", "record", job.record.number, detail=detail), clock)
        uow.commit()
