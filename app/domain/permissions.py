"""Least privilege: which role may do what. Enforced in the use cases, not only by hiding buttons.

The three administrators manage the system; they do not browse the records of units and persons.
"""

from __future__ import annotations

import enum

from app.domain.accounts import Role, SignedInSession
from app.domain.errors import PermissionDenied


class Permission(enum.Enum):
    ACCOUNT_MANAGE = "account.manage"          # create, disable, reset password
    BACKUP = "store.backup"
    RESTORE = "store.restore"
    CALENDAR_EDIT = "calendar.edit"
    RULESET_EDIT = "ruleset.edit"
    ROLE_ASSIGN = "role.assign"                # business roles
    POLICY_EDIT = "policy.edit"
    ACCOUNT_UNLOCK = "account.unlock"
    AUDIT_READ = "audit.read"
    AUDIT_VERIFY = "audit.verify"
    AUDIT_EXPORT = "audit.export"
    STORE_VERIFY = "store.verify"
    RECORD_DRAFT = "record.draft"
    RECORD_REVIEW = "record.review"
    RECORD_APPROVE = "record.approve"
    RECORD_READ = "record.read"
    RECORD_QUERY = "record.query"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.SYSADMIN: frozenset({Permission.ACCOUNT_MANAGE, Permission.BACKUP, Permission.RESTORE,
                              Permission.CALENDAR_EDIT, Permission.RULESET_EDIT, Permission.STORE_VERIFY}),
    Role.SECADMIN: frozenset({Permission.ROLE_ASSIGN, Permission.POLICY_EDIT, Permission.ACCOUNT_UNLOCK}),
    Role.AUDITOR: frozenset({Permission.AUDIT_READ, Permission.AUDIT_VERIFY, Permission.AUDIT_EXPORT,
                             Permission.STORE_VERIFY}),
    Role.HANDLER: frozenset({Permission.RECORD_DRAFT, Permission.RECORD_READ}),
    Role.REVIEWER: frozenset({Permission.RECORD_REVIEW, Permission.RECORD_READ}),
    Role.APPROVER: frozenset({Permission.RECORD_APPROVE, Permission.RECORD_READ}),
    Role.QUERIER: frozenset({Permission.RECORD_QUERY, Permission.RECORD_READ}),
}


def permissions_of(roles: frozenset[Role]) -> frozenset[Permission]:
    return frozenset().union(*(GRANTS[r] for r in roles)) if roles else frozenset()


def allowed(session: SignedInSession, permission: Permission) -> bool:
    return permission in permissions_of(session.roles)


def require(session: SignedInSession | None, permission: Permission) -> None:
    """Raise PermissionDenied unless the signed-in account holds ``permission``."""
    if session is None or not allowed(session, permission):
        raise PermissionDenied(permission.value)
