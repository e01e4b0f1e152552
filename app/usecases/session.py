"""Signing in and out, the idle lock, changing one's own password, and recovery with the recovery key."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain.accounts import (Account, Role, SecurityPolicy, SignedInSession, check_password,
                                 password_expired, role_labels)
from app.domain.audit import AuditEvent
from app.domain.errors import DomainError, ValidationError
from app.ports import Clock, KeySlots, OpenedStore, SigninGuard, StoreOpener, UnitOfWork

UNKNOWN_ACCOUNT = "（未知账户）"


@dataclass(frozen=True)
class SignIn:
    username: str
    password: str


@dataclass(frozen=True)
class SignedIn:
    session: SignedInSession
    store: OpenedStore
    password_change_reason: str | None  # "first_sign_in" | "expired" | None

    @property
    def must_change_password(self) -> bool:
        return self.password_change_reason is not None


def policy_from_cache(guard: SigninGuard) -> SecurityPolicy:
    cached = guard.cached_policy()
    return SecurityPolicy(**{k: v for k, v in cached.items() if k in SecurityPolicy.LIMITS})


def _count_failure(username: str, guard: SigninGuard, clock: Clock) -> DomainError:
    policy = policy_from_cache(guard)
    until = guard.record_failure(username, clock.now(), policy.max_failed_attempts, policy.lockout_minutes)
    if until:
        return DomainError("auth.account_locked_now", field="password", until=until,
                           attempts=policy.max_failed_attempts, minutes=policy.lockout_minutes)
    remaining = policy.max_failed_attempts - guard.failures(username)
    return DomainError("auth.wrong_credentials", field="password", remaining=remaining)


def check_not_locked(username: str, guard: SigninGuard, clock: Clock) -> None:
    until = guard.locked_until(username, clock.now())
    if until:
        raise DomainError("auth.account_locked", field="username", until=until)


def unwrap_counted(username: str, password: str, *, slots: KeySlots, guard: SigninGuard, clock: Clock) -> bytes:
    """The database key for these credentials; a wrong password counts towards the lockout."""
    check_not_locked(username, guard, clock)
    try:
        return slots.unwrap_account(username, password)
    except DomainError as error:
        if error.code != "auth.wrong_credentials":
            raise
        raise _count_failure(username, guard, clock) from None


def _flush_pending_failures(uow: UnitOfWork, guard: SigninGuard) -> None:
    """Failed sign-ins could not be written while the store was shut; write them now, with their times."""
    names = {guard.label_for(a.username): a.username for a in uow.accounts.list()}
    for failure in guard.pending_failures():
        account = names.get(failure.label, UNKNOWN_ACCOUNT)
        uow.audit.append(AuditEvent("auth.sign_in_failed", "account", account, "失败"),
                         account=account, roles="", at=failure.at)
        if failure.locked:
            uow.audit.append(AuditEvent("auth.account_locked", "account", account, "锁定"),
                             account=account, roles="", at=failure.at)


def sign_in(cmd: SignIn, *, slots: KeySlots, guard: SigninGuard, opener: StoreOpener, clock: Clock) -> SignedIn:
    """Unlock the store with one account's password and start a session.

    Raises:
        DomainError: auth.account_locked, auth.wrong_credentials (with ``remaining``),
            auth.account_locked_now, auth.account_disabled, or a store.* error.
    """
    key = unwrap_counted(cmd.username, cmd.password, slots=slots, guard=guard, clock=clock)
    store = opener.open_with_key(key)
    with store.uow_factory() as uow:
        _flush_pending_failures(uow, guard)
        account = uow.accounts.by_username(cmd.username)
        if account is None or account.disabled:
            uow.commit()
            guard.clear_pending()
            raise DomainError("auth.account_disabled", field="username")
        policy = uow.settings.security_policy()
        uow.audit.append(AuditEvent("auth.sign_in", "account", account.username),
                         account=account.username, roles=role_labels(account.roles), at=clock.now())
        uow.commit()
    guard.clear_pending()
    guard.record_success(cmd.username)
    guard.cache_policy(policy.as_dict())
    reason = "first_sign_in" if account.must_change_password else (
        "expired" if password_expired(account, policy, clock.now()) else None)
    return SignedIn(SignedInSession(account, clock.now()), store, reason)


def audit_as(uow: UnitOfWork, session: SignedInSession, event: AuditEvent, clock: Clock) -> None:
    """Append ``event`` in the caller's transaction, in the name of the signed-in account."""
    account = event.account or session.account.username
    uow.audit.append(event, account=account, roles=role_labels(session.roles), at=clock.now())


@dataclass(frozen=True)
class ChangeOwnPassword:
    old_password: str
    new_password: str
    confirm_password: str


def change_own_password(cmd: ChangeOwnPassword, *, session: SignedInSession, store: OpenedStore, slots: KeySlots,
                        guard: SigninGuard, clock: Clock) -> SignedInSession:
    """Change the signed-in account's password: rewrites only its key slot, never the database."""
    username = session.account.username
    try:
        slots.unwrap_account(username, cmd.old_password)
    except DomainError:
        raise ValidationError("password.old_wrong", field="old_password") from None
    if cmd.new_password != cmd.confirm_password:
        raise ValidationError("password.mismatch", field="confirm_password")
    if cmd.new_password == cmd.old_password:
        raise ValidationError("password.unchanged", field="new_password")
    with store.uow_factory() as uow:
        check_password(cmd.new_password, uow.settings.security_policy(), username=username)
        account = replace(uow.accounts.get(session.account.id), password_changed_at=clock.now(),
                          must_change_password=False)
        uow.accounts.save(account)
        audit_as(uow, session, AuditEvent("auth.password_changed", "account", username), clock)
        slots.set_account(username, cmd.new_password, store.db_key)
        try:
            uow.commit()
        except BaseException:  # the change was not recorded: the old password must keep working alone
            slots.set_account(username, cmd.old_password, store.db_key)
            raise
    return replace(session, account=account)


def lock_session(reason: str, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> None:
    """Record that the window was locked (reason: idle, resume, manual)."""
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("auth.session_locked", "account", session.account.username,
                                          detail={"原因": reason}), clock)
        uow.commit()


def unlock_session(password: str, *, session: SignedInSession, store: OpenedStore, slots: KeySlots,
                   guard: SigninGuard, clock: Clock) -> None:
    """Re-enter the same account's password after a lock. Failures count towards the lockout."""
    username = session.account.username
    try:
        unwrap_counted(username, password, slots=slots, guard=guard, clock=clock)
    except DomainError:
        with store.uow_factory() as uow:
            _flush_pending_failures(uow, guard)
            uow.commit()
        guard.clear_pending()
        raise
    guard.record_success(username)
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("auth.session_unlocked", "account", username), clock)
        uow.commit()


def sign_out(*, session: SignedInSession, store: OpenedStore, clock: Clock) -> None:
    with store.uow_factory() as uow:
        audit_as(uow, session, AuditEvent("auth.sign_out", "account", session.account.username), clock)
        uow.commit()


@dataclass(frozen=True)
class RecoverWithKey:
    recovery_key: str
    username: str
    new_password: str
    confirm_password: str


def recover_with_key(cmd: RecoverWithKey, *, slots: KeySlots, guard: SigninGuard, opener: StoreOpener,
                     clock: Clock) -> None:
    """Every password lost: the recovery key opens the store and sets a new password for a 系统管理员."""
    if cmd.new_password != cmd.confirm_password:
        raise ValidationError("password.mismatch", field="confirm_password")
    try:
        key = slots.unwrap_recovery(cmd.recovery_key)
    except DomainError as error:
        raise ValidationError(error.code, field="recovery_key") from None
    store = opener.open_with_key(key)
    with store.uow_factory() as uow:
        _flush_pending_failures(uow, guard)
        account = uow.accounts.by_username(cmd.username)
        if account is None or Role.SYSADMIN not in account.roles:
            raise ValidationError("recovery.not_a_sysadmin", field="username")
        check_password(cmd.new_password, uow.settings.security_policy(), username=account.username)
        uow.accounts.save(replace(account, password_changed_at=clock.now(), must_change_password=False,
                                  disabled=False))
        event = AuditEvent("auth.recovery_used", "account", account.username, detail={"说明": "以恢复密钥重设密码"})
        uow.audit.append(event, account=account.username, roles=role_labels(account.roles), at=clock.now())
        slots.set_account(account.username, cmd.new_password, key)
        uow.commit()
    guard.clear_pending()
    guard.unlock(account.username)
