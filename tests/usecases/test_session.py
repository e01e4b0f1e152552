"""Signing in, lockout, forced password change, the window lock, recovery — on fakes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.accounts import Role, SecurityPolicy
from app.domain.errors import DomainError, ValidationError
from app.usecases import session as uc
from tests.usecases.conftest import PASSWORD


def sign_in(world, username, password):
    return uc.sign_in(uc.SignIn(username, password), slots=world.slots, guard=world.guard, opener=world.opener,
                      clock=world.clock)


def test_a_correct_password_opens_the_store_and_is_audited(world):
    world.add_account("wang", Role.HANDLER)
    result = sign_in(world, "wang", PASSWORD)
    assert result.session.account.username == "wang"
    assert result.password_change_reason is None
    assert world.store.actions()[-1] == "auth.sign_in"


def test_a_wrong_password_says_how_many_attempts_remain_and_opens_nothing(world):
    world.add_account("wang", Role.HANDLER)
    with pytest.raises(DomainError) as caught:
        sign_in(world, "wang", "nope")
    assert caught.value.code == "auth.wrong_credentials"
    assert caught.value.params["remaining"] == 4
    assert world.opener.opened_with == []


def test_the_fifth_failure_locks_the_account_for_fifteen_minutes(world):
    world.add_account("wang", Role.HANDLER)
    for _ in range(4):
        with pytest.raises(DomainError):
            sign_in(world, "wang", "nope")
    with pytest.raises(DomainError) as caught:
        sign_in(world, "wang", "nope")
    assert caught.value.code == "auth.account_locked_now"
    with pytest.raises(DomainError) as locked:
        sign_in(world, "wang", PASSWORD)  # even the right password is refused while locked
    assert locked.value.code == "auth.account_locked"
    world.clock.advance(minutes=15, seconds=1)
    assert sign_in(world, "wang", PASSWORD).session.account.username == "wang"


def test_lockout_numbers_come_from_the_policy_the_security_admin_set(world):
    world.add_account("wang", Role.HANDLER)
    world.guard.cache_policy(replace(SecurityPolicy(), max_failed_attempts=3, lockout_minutes=30).as_dict())
    for _ in range(2):
        with pytest.raises(DomainError):
            sign_in(world, "wang", "nope")
    with pytest.raises(DomainError) as caught:
        sign_in(world, "wang", "nope")
    assert caught.value.params["minutes"] == 30


def test_failed_sign_ins_are_written_to_the_audit_trail_at_the_next_unlock(world):
    world.add_account("wang", Role.HANDLER)
    with pytest.raises(DomainError):
        sign_in(world, "wang", "nope")
    with pytest.raises(DomainError):
        sign_in(world, "ghost", "nope")
    sign_in(world, "wang", PASSWORD)
    failures = [e for e in world.store.audit_entries if e.action == "auth.sign_in_failed"]
    assert [e.account for e in failures] == ["wang", uc.UNKNOWN_ACCOUNT]
    assert world.guard.pending_failures() == []


def test_a_new_account_must_change_its_password_at_first_sign_in(world):
    world.add_account("li", Role.REVIEWER, must_change=True)
    assert sign_in(world, "li", PASSWORD).password_change_reason == "first_sign_in"


def test_a_password_older_than_ninety_days_must_be_changed(world):
    world.add_account("li", Role.REVIEWER)
    world.clock.advance(days=90)
    assert sign_in(world, "li", PASSWORD).password_change_reason == "expired"


def test_a_disabled_account_cannot_sign_in_even_with_a_slot(world):
    account = world.add_account("li", Role.REVIEWER)
    with world.store.uow_factory() as uow:
        uow.accounts.save(replace(account, disabled=True))
        uow.commit()
    with pytest.raises(DomainError) as caught:
        sign_in(world, "li", PASSWORD)
    assert caught.value.code == "auth.account_disabled"


def test_changing_ones_password_rewrites_the_slot_and_clears_the_forced_change(world):
    world.add_account("li", Role.REVIEWER, must_change=True)
    result = sign_in(world, "li", PASSWORD)
    session = uc.change_own_password(uc.ChangeOwnPassword(PASSWORD, "New-Passw0rd-9", "New-Passw0rd-9"),
                                     session=result.session, store=world.store, slots=world.slots,
                                     guard=world.guard, clock=world.clock)
    assert not session.account.must_change_password
    assert world.slots.passwords["li"] == "New-Passw0rd-9"
    assert world.store.actions()[-1] == "auth.password_changed"


@pytest.mark.parametrize("old, new, confirm, field, code", [
    ("bad-old", "New-Passw0rd-9", "New-Passw0rd-9", "old_password", "password.old_wrong"),
    (PASSWORD, "New-Passw0rd-9", "Other-Passw0rd", "confirm_password", "password.mismatch"),
    (PASSWORD, PASSWORD, PASSWORD, "new_password", "password.unchanged"),
    (PASSWORD, "short1A!", "short1A!", "password", "password.too_short"),
    (PASSWORD, "alllowercase1", "alllowercase1", "password", "password.too_few_classes"),
])
def test_a_bad_new_password_is_refused_at_its_field_and_nothing_changes(world, old, new, confirm, field, code):
    world.add_account("li", Role.REVIEWER)
    result = sign_in(world, "li", PASSWORD)
    commits = world.store.commits
    with pytest.raises(ValidationError) as caught:
        uc.change_own_password(uc.ChangeOwnPassword(old, new, confirm), session=result.session, store=world.store,
                               slots=world.slots, guard=world.guard, clock=world.clock)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert world.slots.passwords["li"] == PASSWORD and world.store.commits == commits


def test_unlocking_the_window_needs_the_same_accounts_password(world):
    world.add_account("li", Role.REVIEWER)
    result = sign_in(world, "li", PASSWORD)
    deps = dict(session=result.session, store=world.store, slots=world.slots, guard=world.guard, clock=world.clock)
    uc.lock_session("idle", session=result.session, store=world.store, clock=world.clock)
    with pytest.raises(DomainError):
        uc.unlock_session("wrong", **deps)
    uc.unlock_session(PASSWORD, **deps)
    assert world.store.actions()[-3:] == ["auth.session_locked", "auth.sign_in_failed", "auth.session_unlocked"]


def test_the_recovery_key_sets_a_new_password_for_a_system_administrator(world):
    world.add_account("root", Role.SYSADMIN)
    world.guard.locks[world.guard.label_for("root")] = world.clock.now().replace(year=2099)
    uc.recover_with_key(uc.RecoverWithKey("RECO-VERY", "root", "Fresh-Passw0rd", "Fresh-Passw0rd"),
                        slots=world.slots, guard=world.guard, opener=world.opener, clock=world.clock)
    assert sign_in(world, "root", "Fresh-Passw0rd").session.account.username == "root"
    assert "auth.recovery_used" in world.store.actions()


def test_the_recovery_key_cannot_be_used_for_a_business_account(world):
    world.add_account("li", Role.REVIEWER)
    with pytest.raises(ValidationError) as caught:
        uc.recover_with_key(uc.RecoverWithKey("RECO-VERY", "li", "Fresh-Passw0rd", "Fresh-Passw0rd"),
                            slots=world.slots, guard=world.guard, opener=world.opener, clock=world.clock)
    assert caught.value.code == "recovery.not_a_sysadmin"


def test_a_wrong_recovery_key_is_reported_at_its_field(world):
    world.add_account("root", Role.SYSADMIN)
    with pytest.raises(ValidationError) as caught:
        uc.recover_with_key(uc.RecoverWithKey("WRONG", "root", "Fresh-Passw0rd", "Fresh-Passw0rd"),
                            slots=world.slots, guard=world.guard, opener=world.opener, clock=world.clock)
    assert caught.value.field == "recovery_key"
