"""Security policy (lockout, idle lock, passwords): read by everyone signed in, set by 安全保密管理员."""

from __future__ import annotations

from app.domain.accounts import SecurityPolicy, SignedInSession
from app.domain.audit import AuditEvent
from app.domain.permissions import Permission, require
from app.ports import Clock, OpenedStore, SigninGuard
from app.usecases.session import audit_as


def get_security_policy(*, store: OpenedStore) -> SecurityPolicy:
    with store.uow_factory() as uow:
        return uow.settings.security_policy()


def set_security_policy(policy: SecurityPolicy, *, session: SignedInSession, store: OpenedStore,
                        guard: SigninGuard, clock: Clock) -> SecurityPolicy:
    """Change the policy; before/after values of each changed field go to the audit trail."""
    require(session, Permission.POLICY_EDIT)
    policy.validated()
    with store.uow_factory() as uow:
        before = uow.settings.security_policy()
        changed = {k: (v, policy.as_dict()[k]) for k, v in before.as_dict().items() if policy.as_dict()[k] != v}
        if not changed:
            return before
        uow.settings.set_security_policy(policy)
        detail = {"before": {k: b for k, (b, _) in changed.items()}, "after": {k: a for k, (_, a) in changed.items()}}
        audit_as(uow, session, AuditEvent("policy.changed", "settings", "security_policy", detail=detail), clock)
        uow.commit()
    guard.cache_policy(policy.as_dict())
    return policy
