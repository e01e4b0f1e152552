"""Repositories over one SQLAlchemy session (the unit of work's)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, time
from typing import Iterator

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from app.domain.accounts import Account, SecurityPolicy
from app.domain.audit import GENESIS, Anchor, AuditEntry, AuditEvent, ChainReport, seal, verify_chain
from app.domain.errors import NotFound
from app.ports import AuditFilter
from storage.keyslots import normalise_username
from storage.mapping import account_fill_row, account_to_domain, audit_to_domain, audit_to_row, business_role_names
from storage.schema import AccountRoleRow, AccountRow, AuditRow, SettingRow


class SqlAccountRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _load(self, row: AccountRow) -> Account:
        roles = self._s.scalars(select(AccountRoleRow).where(AccountRoleRow.account_id == row.id)).all()
        return account_to_domain(row, list(roles))

    def get(self, account_id: int) -> Account:
        row = self._s.get(AccountRow, account_id)
        if row is None:
            raise NotFound("account.not_found", account_id=account_id)
        return self._load(row)

    def by_username(self, username: str) -> Account | None:
        """Matched the way key slots are (NFKC, case-folded), so a full-width name finds its account."""
        wanted = normalise_username(username)
        row = next((r for r in self._s.scalars(select(AccountRow)) if normalise_username(r.username) == wanted), None)
        return None if row is None else self._load(row)

    def list(self) -> list[Account]:
        return [self._load(r) for r in self._s.scalars(select(AccountRow).order_by(AccountRow.id))]

    def add(self, account: Account) -> Account:
        row = AccountRow()
        account_fill_row(row, account)
        self._s.add(row)
        self._s.flush()
        self._write_roles(row.id, account)
        return replace(account, id=row.id)

    def save(self, account: Account) -> None:
        row = self._s.get(AccountRow, account.id)
        if row is None:
            raise NotFound("account.not_found", account_id=account.id)
        account_fill_row(row, account)
        self._s.execute(delete(AccountRoleRow).where(AccountRoleRow.account_id == account.id))
        self._write_roles(account.id, account)

    def _write_roles(self, account_id: int, account: Account) -> None:
        for name in sorted(business_role_names(account)):
            self._s.add(AccountRoleRow(account_id=account_id, role=name))
        self._s.flush()


class SqlSettingsRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _get(self, key: str) -> dict | None:
        row = self._s.get(SettingRow, key)
        return None if row is None else json.loads(row.value)

    def _put(self, key: str, value: dict) -> None:
        row = self._s.get(SettingRow, key) or SettingRow(key=key)
        row.value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        self._s.add(row)
        self._s.flush()

    def security_policy(self) -> SecurityPolicy:
        stored = self._get("security_policy") or {}
        return SecurityPolicy(**{k: v for k, v in stored.items() if k in SecurityPolicy.LIMITS})

    def set_security_policy(self, policy: SecurityPolicy) -> None:
        self._put("security_policy", policy.as_dict())

    def bureau(self) -> dict:
        return self._get("bureau") or {}

    def set_bureau(self, values: dict) -> None:
        self._put("bureau", values)
    def fonts(self) -> dict:
        return self._get("fonts") or {}

    def set_fonts(self, values: dict) -> None:
        self._put("fonts", values)


class SqlAuditLog:
    """Append-only HMAC-chained log; appends happen in the caller's transaction."""

    def __init__(self, session: Session, key: bytes) -> None:
        self._s = session
        self._key = key

    def _head(self) -> tuple[int, str]:
        row = self._s.execute(select(AuditRow.seq, AuditRow.mac).order_by(AuditRow.seq.desc()).limit(1)).first()
        return (row.seq, row.mac) if row else (0, GENESIS)

    def append(self, event: AuditEvent, *, account: str, roles: str, at: datetime) -> AuditEntry:
        seq, prev = self._head()
        draft = AuditEntry(seq + 1, at.isoformat(timespec="seconds"), account, roles, event.action,
                           event.object_type, event.object_id, event.outcome, dict(event.detail), prev, "")
        entry = seal(self._key, draft)
        self._s.add(audit_to_row(entry))
        self._s.flush()
        return entry

    def query(self, flt: AuditFilter) -> list[AuditEntry]:
        stmt = select(AuditRow).order_by(AuditRow.seq.desc())
        if flt.account:
            stmt = stmt.where(AuditRow.account == flt.account)
        if flt.action:
            stmt = stmt.where(AuditRow.action == flt.action)
        if flt.date_from:
            stmt = stmt.where(AuditRow.at >= datetime.combine(flt.date_from, time.min).isoformat())
        if flt.date_to:
            stmt = stmt.where(AuditRow.at < datetime.combine(flt.date_to, time.max).isoformat())
        if flt.object_text:
            like = f"%{flt.object_text}%"
            stmt = stmt.where(or_(AuditRow.object_id.like(like), AuditRow.detail.like(like)))
        if flt.object_type:
            stmt = stmt.where(AuditRow.object_type == flt.object_type)
        if flt.object_id:
            stmt = stmt.where(AuditRow.object_id == flt.object_id)
        if flt.limit:
            stmt = stmt.limit(flt.limit)
        return [audit_to_domain(r) for r in self._s.scalars(stmt)]

    def all_entries(self) -> Iterator[AuditEntry]:
        for row in self._s.scalars(select(AuditRow).order_by(AuditRow.seq).execution_options(yield_per=2000)):
            yield audit_to_domain(row)

    def verify(self, anchor: Anchor | None) -> ChainReport:
        return verify_chain(self.all_entries(), self._key, anchor)

    def accounts_seen(self) -> list[str]:
        return list(self._s.scalars(select(AuditRow.account).distinct().order_by(AuditRow.account)))


def entries_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditRow)) or 0


