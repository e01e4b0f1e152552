"""The 安全审计员's work: read the trail with filters, verify the chain, export it, print the 审计摘要."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.domain.accounts import SignedInSession
from app.domain.audit import Anchor, AuditEntry, AuditEvent, ChainReport, action_label
from app.domain.errors import ValidationError
from app.domain.permissions import Permission, require
from app.exports.audit_xlsx import audit_workbook_bytes
from app.ports import AuditFilter, Clock, OpenedStore
from app.usecases.session import audit_as

WriteFile = Callable[[Path, bytes], None]


def list_audit(flt: AuditFilter, *, session: SignedInSession, store: OpenedStore, clock: Clock,
               record_view: bool = False) -> list[AuditEntry]:
    """Entries matching ``flt``, newest first. ``record_view`` logs that the trail was opened."""
    require(session, Permission.AUDIT_READ)
    with store.uow_factory() as uow:
        if record_view:
            audit_as(uow, session, AuditEvent("audit.viewed", "audit", ""), clock)
        rows = uow.audit.query(flt)
        uow.commit()
    return rows


def audit_accounts(*, session: SignedInSession, store: OpenedStore) -> list[str]:
    require(session, Permission.AUDIT_READ)
    with store.uow_factory() as uow:
        return uow.audit.accounts_seen()


def _head(store: OpenedStore) -> tuple[int, str]:
    with store.uow_factory() as uow:
        entries = uow.audit.query(AuditFilter(limit=1))
    return (entries[0].seq, entries[0].mac) if entries else (0, "0" * 64)


def _new_anchor(store: OpenedStore, clock: Clock, reason: str) -> Anchor:
    count, mac = _head(store)
    anchor = Anchor(count, mac, clock.now().isoformat(timespec="seconds"), reason)
    store.anchors.add(anchor)
    return anchor


def verify_audit(*, session: SignedInSession, store: OpenedStore, clock: Clock) -> ChainReport:
    """Check every MAC and link, then the latest anchor; record the check; on success anchor the new head."""
    require(session, Permission.AUDIT_VERIFY)
    anchor = store.anchors.latest()
    with store.uow_factory() as uow:
        report = uow.audit.verify(anchor)
        detail = {"检查条数": report.checked, "结论": "完整" if report.ok else "发现篡改",
                  "首个异常序号": report.first_broken_seq, "问题": report.problem}
        audit_as(uow, session, AuditEvent("audit.verified", "audit", "", "成功" if report.ok else "异常",
                                          detail={k: v for k, v in detail.items() if v is not None}), clock)
        uow.commit()
    if report.ok:
        _new_anchor(store, clock, "verify")
    return report


@dataclass(frozen=True)
class AuditExported:
    path: Path
    rows: int
    sha256: str


def export_audit(flt: AuditFilter, target: Path, *, session: SignedInSession, store: OpenedStore, clock: Clock,
                 write_file: WriteFile) -> AuditExported:
    """Write the filtered view to XLSX; the export itself is audited (path, rows, SHA-256)."""
    require(session, Permission.AUDIT_EXPORT)
    with store.uow_factory() as uow:
        entries = uow.audit.query(flt)
    title = f"审计日志导出 {clock.now().strftime('%Y-%m-%d %H:%M')} 导出人：{session.account.username}"
    data, rows = audit_workbook_bytes(entries, title)
    write_file(target, data)
    digest = hashlib.sha256(data).hexdigest()
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("audit.exported", "file", target.name,
                                          detail={"路径": str(target), "条数": rows, "SHA-256": digest}), clock)
        uow.commit()
    return AuditExported(target, rows, digest)


@dataclass(frozen=True)
class AuditSummary:
    """What the printed 审计摘要 shows; its anchor lets a later check detect a cut-off tail."""

    anchor: Anchor
    report: ChainReport
    first_at: str
    last_at: str
    by_action: list[tuple[str, int]]
    printed_by: str


def audit_summary(*, session: SignedInSession, store: OpenedStore, clock: Clock) -> AuditSummary:
    """Verify, record the printing, and anchor the head that the paper will carry."""
    require(session, Permission.AUDIT_READ)
    report = verify_audit(session=session, store=store, clock=clock)
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("audit.summary_printed", "audit", ""), clock)
        uow.commit()
    with store.uow_factory() as uow:
        entries = list(uow.audit.all_entries())
    anchor = _new_anchor(store, clock, "summary")
    counts = Counter(action_label(e.action) for e in entries)
    return AuditSummary(anchor, report, entries[0].at if entries else "", entries[-1].at if entries else "",
                        counts.most_common(), session.account.username)


def check_against_paper(count: int, head_prefix: str, *, session: SignedInSession, store: OpenedStore,
                        clock: Clock) -> bool:
    """Compare the trail with an anchor copied from a printed 审计摘要: entry ``count`` must exist and its MAC
    start with the (at least 8) hex characters on the paper. The check itself is audited."""
    require(session, Permission.AUDIT_VERIFY)
    prefix = "".join(head_prefix.split()).lower()
    if len(prefix) < 8 or any(ch not in "0123456789abcdef" for ch in prefix):
        raise ValidationError("audit.paper_prefix", field="head_prefix")
    with store.uow_factory() as uow:
        entries = [e for e in uow.audit.all_entries() if e.seq == count]
        matches = bool(entries) and entries[0].mac.startswith(prefix)
        audit_as(uow, session, AuditEvent("audit.verified", "audit", "paper", "成功" if matches else "异常",
                                          detail={"核对纸质摘要": f"第 {count} 条", "结论": "一致" if matches else "不一致"}),
                 clock)
        uow.commit()
    return matches
