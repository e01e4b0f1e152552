"""Rows <-> domain objects, one pair of functions per aggregate."""

from __future__ import annotations

import json
from datetime import datetime

from app.domain.accounts import Account, Role
from app.domain.audit import AuditEntry
from storage.schema import AccountRoleRow, AccountRow, AuditRow

_ROLE_BY_NAME = {r.name: r for r in Role}


def account_to_domain(row: AccountRow, roles: list[AccountRoleRow]) -> Account:
    granted = {_ROLE_BY_NAME[r.role] for r in roles}
    if row.admin_role:
        granted.add(_ROLE_BY_NAME[row.admin_role])
    return Account(row.id, row.username, row.display_name, frozenset(granted),
                   datetime.fromisoformat(row.created_at), datetime.fromisoformat(row.password_changed_at),
                   row.must_change_password, row.disabled)


def account_fill_row(row: AccountRow, account: Account) -> None:
    row.username = account.username
    row.display_name = account.display_name
    row.admin_role = account.admin_role.name if account.admin_role else None
    row.created_at = account.created_at.isoformat()
    row.password_changed_at = account.password_changed_at.isoformat()
    row.must_change_password = account.must_change_password
    row.disabled = account.disabled


def business_role_names(account: Account) -> set[str]:
    return {r.name for r in account.roles if not r.is_admin}


def audit_to_domain(row: AuditRow) -> AuditEntry:
    return AuditEntry(row.seq, row.at, row.account, row.roles, row.action, row.object_type, row.object_id,
                      row.outcome, json.loads(row.detail), row.prev_mac, row.mac)


def audit_to_row(entry: AuditEntry) -> AuditRow:
    detail = json.dumps(entry.detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return AuditRow(seq=entry.seq, at=entry.at, account=entry.account, roles=entry.roles, action=entry.action,
                    object_type=entry.object_type, object_id=entry.object_id, outcome=entry.outcome,
                    detail=detail, prev_mac=entry.prev_mac, mac=entry.mac)
