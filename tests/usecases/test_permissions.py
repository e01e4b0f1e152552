"""Each role can do exactly what it should: every guarded use case tried by every role (on fakes)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.accounts import Role, SecurityPolicy
from app.domain.errors import DomainError, PermissionDenied
from app.ports import AuditFilter
from app.usecases.accounts import AssignBusinessRoles, CreateAccount, ResetPassword

NEW_PW = "Temp-Passw0rd-1"


def _actions(target_id: int):
    return {
        "create_account": lambda s: s.create_account(CreateAccount("new_user", "新用户", None, NEW_PW)),
        "reset_password": lambda s: s.reset_password(ResetPassword(target_id, NEW_PW)),
        "disable_account": lambda s: s.disable_account(target_id),
        "assign_business_roles": lambda s: s.assign_business_roles(
            AssignBusinessRoles(target_id, frozenset({Role.HANDLER}))),
        "unlock_account": lambda s: s.unlock_account(target_id),
        "list_accounts": lambda s: s.list_accounts(),
        "set_security_policy": lambda s: s.set_security_policy(replace(SecurityPolicy(), lockout_minutes=20)),
        "list_audit": lambda s: s.list_audit(AuditFilter()),
        "verify_audit": lambda s: s.verify_audit(),
        "export_audit": lambda s: s.export_audit(AuditFilter(), Path("/tmp/x.xlsx")),
        "audit_summary": lambda s: s.audit_summary(),
        "backup": lambda s: s.backup(Path("/tmp/b.clbak")),
        "verify_store": lambda s: s.verify_store(),
    }


ALLOWED = {
    Role.SYSADMIN: {"create_account", "reset_password", "disable_account", "list_accounts", "backup", "verify_store"},
    Role.SECADMIN: {"assign_business_roles", "unlock_account", "list_accounts", "set_security_policy"},
    Role.AUDITOR: {"list_audit", "verify_audit", "export_audit", "audit_summary", "verify_store"},
    Role.HANDLER: set(), Role.REVIEWER: set(), Role.APPROVER: set(), Role.QUERIER: set(),
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name)
@pytest.mark.parametrize("action", sorted(_actions(0)))
def test_each_role_may_run_exactly_its_use_cases(world, admins, role, action):
    target = world.add_account("target_user", Role.QUERIER)
    run = _actions(target.id)[action]
    services = world.services(admins[role])
    if action in ALLOWED[role]:
        run(services)
    else:
        before = list(world.store.audit_entries)
        with pytest.raises(PermissionDenied):
            run(services)
        assert world.store.audit_entries == before  # refused before anything was written


def test_administrators_never_hold_the_record_permissions():
    from app.domain.permissions import Permission, permissions_of
    record = {p for p in Permission if p.value.startswith("record.")}
    for role in (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR):
        assert not permissions_of(frozenset({role})) & record


def test_a_created_account_gets_a_slot_must_change_its_password_and_is_audited(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    account = services.create_account(CreateAccount("zhao", "赵六", Role.AUDITOR, NEW_PW))
    assert account.must_change_password and account.roles == frozenset({Role.AUDITOR})
    assert world.slots.passwords["zhao"] == NEW_PW
    entry = world.store.audit_entries[-1]
    assert (entry.action, entry.object_id, entry.detail["after"]["角色"]) == ("account.created", "zhao", "安全审计员")


def test_a_taken_username_is_refused_at_its_field(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    with pytest.raises(DomainError) as caught:
        services.create_account(CreateAccount("SYSADMIN", "重名", None, NEW_PW))
    assert (caught.value.field, caught.value.code) == ("username", "account.username_taken")


def test_the_security_admin_cannot_give_a_business_role_to_an_administrator(world, admins):
    services = world.services(admins[Role.SECADMIN])
    with pytest.raises(DomainError) as caught:
        services.assign_business_roles(AssignBusinessRoles(admins[Role.AUDITOR].id, frozenset({Role.QUERIER})))
    assert caught.value.code == "account.admin_with_business_role"


def test_business_roles_can_be_combined_and_changes_record_before_and_after(world, admins):
    services = world.services(admins[Role.SECADMIN])
    target = world.add_account("qian", Role.HANDLER)
    after = services.assign_business_roles(AssignBusinessRoles(target.id, frozenset({Role.HANDLER, Role.REVIEWER})))
    assert after.roles == frozenset({Role.HANDLER, Role.REVIEWER})
    detail = world.store.audit_entries[-1].detail
    assert detail == {"before": {"角色": "经办人"}, "after": {"角色": "经办人、审核人"}}


def test_disabling_removes_the_slot_and_nobody_can_disable_themselves(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    target = world.add_account("sun", Role.QUERIER)
    services.disable_account(target.id)
    assert "sun" not in world.slots.passwords
    with pytest.raises(DomainError) as caught:
        services.disable_account(admins[Role.SYSADMIN].id)
    assert caught.value.code == "account.cannot_disable_self"


def test_resetting_a_password_forces_a_change_and_reenables(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    target = world.add_account("zhou", Role.QUERIER)
    services.disable_account(target.id)
    after = services.reset_password(ResetPassword(target.id, NEW_PW))
    assert after.must_change_password and not after.disabled and world.slots.passwords["zhou"] == NEW_PW


def test_a_policy_change_records_only_the_fields_that_changed(world, admins):
    services = world.services(admins[Role.SECADMIN])
    services.set_security_policy(replace(SecurityPolicy(), lockout_minutes=30, idle_lock_minutes=5))
    detail = world.store.audit_entries[-1].detail
    assert detail == {"before": {"idle_lock_minutes": 10, "lockout_minutes": 15},
                      "after": {"idle_lock_minutes": 5, "lockout_minutes": 30}}
    assert world.guard.cached_policy()["lockout_minutes"] == 30


def test_a_policy_value_out_of_range_is_refused_at_its_field(world, admins):
    services = world.services(admins[Role.SECADMIN])
    with pytest.raises(DomainError) as caught:
        services.set_security_policy(replace(SecurityPolicy(), password_min_length=4))
    assert (caught.value.field, caught.value.code) == ("password_min_length", "policy.out_of_range")


def test_unlocking_an_account_clears_its_lockout(world, admins):
    target = world.add_account("wu", Role.QUERIER)
    world.guard.locks[world.guard.label_for("wu")] = world.clock.now().replace(year=2099)
    world.services(admins[Role.SECADMIN]).unlock_account(target.id)
    assert world.guard.locked_until("wu", world.clock.now()) is None
