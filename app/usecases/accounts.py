"""Account administration: 系统管理员 creates accounts and resets passwords; 安全保密管理员 grants business
roles and unlocks accounts locked by failed sign-ins."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain.accounts import (BUSINESS_ROLES, Account, Role, SignedInSession, check_password,
                                 check_role_combination, check_username, role_labels)
from app.domain.audit import AuditEvent
from app.domain.errors import ValidationError
from app.domain.permissions import Permission, permissions_of, require
from app.ports import Clock, KeySlots, OpenedStore, SigninGuard
from app.usecases.session import audit_as


@dataclass(frozen=True)
class AccountRow:
    account: Account
    locked_until: object  # datetime | None
    failures: int


@dataclass(frozen=True)
class CreateAccount:
    username: str
    display_name: str
    admin_role: Role | None  # one of the 三员, or None for a business account (roles granted by 安全保密管理员)
    temporary_password: str


def create_account(cmd: CreateAccount, *, session: SignedInSession, store: OpenedStore, slots: KeySlots,
                   clock: Clock) -> Account:
    """Create an account with a temporary password that must be changed at the first sign-in."""
    require(session, Permission.ACCOUNT_MANAGE)
    username = check_username(cmd.username)
    if not cmd.display_name.strip():
        raise ValidationError("account.display_name_missing", field="display_name")
    roles = frozenset({cmd.admin_role}) if cmd.admin_role else frozenset()
    check_role_combination(roles)
    if cmd.admin_role and not cmd.admin_role.is_admin:
        raise ValidationError("account.business_role_by_secadmin", field="roles")
    with store.uow_factory() as uow:
        if uow.accounts.by_username(username) is not None or slots.has_account(username):
            raise ValidationError("account.username_taken", field="username", username=username)
        check_password(cmd.temporary_password, uow.settings.security_policy(), username=username)
        now = clock.now()
        account = uow.accounts.add(Account(None, username, cmd.display_name.strip(), roles, now, now, True))
        audit_as(uow, session, AuditEvent("account.created", "account", username,
                                          detail={"after": {"姓名": account.display_name,
                                                            "角色": role_labels(roles) or "（待授权）"}}), clock)
        uow.commit()
    # After the commit: a failed slot write leaves an account without a password (fixed by 重置密码), never a
    # slot without an account that would block the name for good.
    slots.set_account(username, cmd.temporary_password, store.db_key)
    return account


def list_accounts(*, session: SignedInSession, store: OpenedStore, guard: SigninGuard, clock: Clock) -> list[AccountRow]:
    if not {Permission.ACCOUNT_MANAGE, Permission.ROLE_ASSIGN, Permission.ACCOUNT_UNLOCK} & permissions_of(session.roles):
        require(session, Permission.ACCOUNT_MANAGE)
    with store.uow_factory() as uow:
        accounts = uow.accounts.list()
    now = clock.now()
    return [AccountRow(a, guard.locked_until(a.username, now), guard.failures(a.username)) for a in accounts]


@dataclass(frozen=True)
class ResetPassword:
    account_id: int
    temporary_password: str


def reset_password(cmd: ResetPassword, *, session: SignedInSession, store: OpenedStore, slots: KeySlots,
                   clock: Clock) -> Account:
    """Give an account a new temporary password (and re-enable it if it was disabled)."""
    require(session, Permission.ACCOUNT_MANAGE)
    with store.uow_factory() as uow:
        before = uow.accounts.get(cmd.account_id)
        check_password(cmd.temporary_password, uow.settings.security_policy(), username=before.username)
        after = replace(before, must_change_password=True, password_changed_at=clock.now(), disabled=False)
        uow.accounts.save(after)
        detail = {"before": {"停用": before.disabled}, "after": {"停用": False, "须修改密码": True}}
        audit_as(uow, session, AuditEvent("account.password_reset", "account", before.username, detail=detail),
                 clock)
        slots.set_account(before.username, cmd.temporary_password, store.db_key)
        uow.commit()
    return after


def disable_account(account_id: int, *, session: SignedInSession, store: OpenedStore, slots: KeySlots,
                    clock: Clock) -> Account:
    """Disable an account: its key slot is removed, so its password no longer opens the store."""
    require(session, Permission.ACCOUNT_MANAGE)
    with store.uow_factory() as uow:
        before = uow.accounts.get(account_id)
        if before.id == session.account.id:
            raise ValidationError("account.cannot_disable_self")
        after = replace(before, disabled=True)
        uow.accounts.save(after)
        audit_as(uow, session, AuditEvent("account.disabled", "account", before.username,
                                          detail={"before": {"停用": False}, "after": {"停用": True}}), clock)
        uow.commit()
    slots.remove_account(before.username)  # after the commit: a disabled account is refused even with a slot
    return after


@dataclass(frozen=True)
class AssignBusinessRoles:
    account_id: int
    roles: frozenset[Role]


def assign_business_roles(cmd: AssignBusinessRoles, *, session: SignedInSession, store: OpenedStore,
                          clock: Clock) -> Account:
    """安全保密管理员 grants business roles; administrators' accounts can hold none (三员分立)."""
    require(session, Permission.ROLE_ASSIGN)
    if not cmd.roles <= BUSINESS_ROLES:
        raise ValidationError("account.admin_with_business_role", field="roles")
    with store.uow_factory() as uow:
        before = uow.accounts.get(cmd.account_id)
        if before.admin_role is not None:
            raise ValidationError("account.admin_with_business_role", field="roles")
        after = replace(before, roles=frozenset(cmd.roles))
        check_role_combination(after.roles)
        uow.accounts.save(after)
        detail = {"before": {"角色": role_labels(before.roles)}, "after": {"角色": role_labels(after.roles)}}
        audit_as(uow, session, AuditEvent("account.roles_changed", "account", before.username, detail=detail),
                 clock)
        uow.commit()
    return after


def unlock_account(account_id: int, *, session: SignedInSession, store: OpenedStore, guard: SigninGuard,
                   clock: Clock) -> None:
    """安全保密管理员 lifts a lockout caused by failed sign-ins."""
    require(session, Permission.ACCOUNT_UNLOCK)
    with store.uow_factory() as uow:
        account = uow.accounts.get(account_id)
        audit_as(uow, session, AuditEvent("account.unlocked", "account", account.username), clock)
        uow.commit()
    guard.unlock(account.username)
