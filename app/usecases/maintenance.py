"""Whole-store work: backup (系统管理员) and the integrity check (系统管理员, 安全审计员)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.accounts import SignedInSession
from app.domain.audit import Anchor, AuditEvent, ChainReport
from app.domain.errors import DomainError
from app.domain.permissions import Permission, require
from app.ports import Clock, OpenedStore
from app.usecases.audit_trail import _head, _new_anchor
from app.usecases.session import audit_as


def backup_store(target: Path, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> dict:
    """Write an encrypted, integrity-checked backup; the backup carries its own audit anchor."""
    require(session, Permission.BACKUP)
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("store.backup", "file", target.name, "开始", detail={"路径": str(target)}),
                 clock)
        uow.commit()
    count, mac = _head(store)
    anchor = Anchor(count, mac, clock.now().isoformat(timespec="seconds"), "backup")
    try:
        manifest = store.maintenance.backup_to(target, anchor)
    except DomainError as error:
        with store.uow_factory() as uow:
            audit_as(uow, session, AuditEvent("store.backup", "file", target.name, "失败",
                                              detail={"错误": error.code}), clock)
            uow.commit()
        raise
    store.anchors.add(anchor)
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("store.backup", "file", target.name, "成功",
                                          detail={"路径": str(target), "SHA-256": manifest["sha256"]}), clock)
        uow.commit()
    return manifest


@dataclass(frozen=True)
class IntegrityReport:
    checks: list[tuple[str, bool, str]]  # (what, passed, detail)
    chain: ChainReport

    @property
    def ok(self) -> bool:
        return self.chain.ok and all(passed for _, passed, _ in self.checks)


def verify_store(*, session: SignedInSession, store: OpenedStore, clock: Clock) -> IntegrityReport:
    """cipher_integrity_check, integrity_check and the audit chain against the latest anchor."""
    require(session, Permission.STORE_VERIFY)
    checks = store.maintenance.integrity_report()
    with store.uow_factory() as uow:
        chain = uow.audit.verify(store.anchors.latest())
    report = IntegrityReport(checks, chain)
    with store.uow_factory() as uow:
        detail = {what: ("通过" if ok else f"失败：{info}") for what, ok, info in checks}
        detail["审计链"] = "完整" if chain.ok else f"异常（序号 {chain.first_broken_seq}，{chain.problem}）"
        audit_as(uow, session, AuditEvent("store.verified", "store", "", "成功" if report.ok else "异常",
                                          detail=detail), clock)
        uow.commit()
    if report.ok:
        _new_anchor(store, clock, "verify")
    return report


def begin_restore(source: Path, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> dict:
    """系统管理员 of the CURRENT store authorises a restore: audited and anchored before anything moves.

    Returns what the restored store's trail records about the store it replaces.
    """
    require(session, Permission.RESTORE)
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("store.restore", "file", source.name, "开始", detail={"路径": str(source)}),
                 clock)
        uow.commit()
    count, mac = _head(store)
    anchor = Anchor(count, mac, clock.now().isoformat(timespec="seconds"), "restore")
    store.anchors.add(anchor)
    return {"授权账户": session.account.username, "原数据库审计条数": count, "原数据库末条校验值": mac[:16]}
