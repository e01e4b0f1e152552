"""三员分立 and the password policy."""

from __future__ import annotations

import pytest

from app.domain.accounts import Role, SecurityPolicy, character_classes, check_password, check_role_combination
from app.domain.errors import ValidationError

R = Role


@pytest.mark.parametrize("roles, code", [
    ({R.SYSADMIN, R.SECADMIN}, "account.admin_roles_exclusive"),
    ({R.SECADMIN, R.AUDITOR}, "account.admin_roles_exclusive"),
    ({R.SYSADMIN, R.AUDITOR}, "account.admin_roles_exclusive"),
    ({R.AUDITOR, R.QUERIER}, "account.admin_with_business_role"),
    ({R.SYSADMIN, R.HANDLER}, "account.admin_with_business_role"),
    ({R.SECADMIN, R.APPROVER}, "account.admin_with_business_role"),
])
def test_the_three_administrators_exclude_each_other_and_every_business_role(roles, code):
    with pytest.raises(ValidationError) as caught:
        check_role_combination(frozenset(roles))
    assert caught.value.code == code


@pytest.mark.parametrize("roles", [{R.SYSADMIN}, {R.AUDITOR}, {R.HANDLER, R.REVIEWER, R.APPROVER, R.QUERIER}, set()])
def test_one_administrator_role_or_any_mix_of_business_roles_is_allowed(roles):
    check_role_combination(frozenset(roles))


@pytest.mark.parametrize("password, classes", [
    ("abcdefghij", 1), ("abcdeFGHIJ", 2), ("abcdeFGH12", 3), ("abcDE12!@#", 4), ("密码密码密码密码密码1a", 3),
])
def test_character_classes_count_upper_lower_digit_and_other(password, classes):
    assert character_classes(password) == classes


@pytest.mark.parametrize("password, code", [
    ("Ab1!", "password.too_short"),
    ("abcdefgh12", "password.too_few_classes"),
    ("Zhang-San-2026", "password.contains_username"),
])
def test_weak_passwords_are_refused_with_a_distinct_code(password, code):
    with pytest.raises(ValidationError) as caught:
        check_password(password, SecurityPolicy(), username="zhang-san")
    assert (caught.value.code, caught.value.field) == (code, "password")


def test_a_ten_character_password_with_three_classes_passes_the_default_policy():
    check_password("Guangzhou2026", SecurityPolicy(), username="li")


def test_the_default_policy_is_the_issues_numbers():
    p = SecurityPolicy()
    assert (p.max_failed_attempts, p.lockout_minutes, p.idle_lock_minutes, p.password_min_length,
            p.password_min_classes, p.password_max_age_days) == (5, 15, 10, 10, 3, 90)
