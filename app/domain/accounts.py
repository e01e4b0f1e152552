"""Accounts, the 三员 roles and the business roles, the password policy.

三员分立 (GB/T 22239-2019 安全管理中心; 分保 practice): 系统管理员, 安全保密管理员 and 安全审计员 are mutually
exclusive, and none of them may also hold a business role. Business roles may be combined.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.errors import ValidationError


class Role(enum.Enum):
    SYSADMIN = "系统管理员"
    SECADMIN = "安全保密管理员"
    AUDITOR = "安全审计员"
    HANDLER = "经办人"
    REVIEWER = "审核人"
    APPROVER = "审批人"
    QUERIER = "查询员"

    @property
    def label(self) -> str:
        return self.value

    @property
    def is_admin(self) -> bool:
        return self in ADMIN_ROLES


ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})
BUSINESS_ROLES = frozenset({Role.HANDLER, Role.REVIEWER, Role.APPROVER, Role.QUERIER})
ROLE_ORDER = list(Role)


def check_role_combination(roles: frozenset[Role]) -> None:
    """三员分立: at most one administrator role, and never together with a business role.

    A business account may have no role yet: the 系统管理员 creates it, the 安全保密管理员 grants roles.
    """
    admins = roles & ADMIN_ROLES
    if len(admins) > 1:
        raise ValidationError("account.admin_roles_exclusive", field="roles")
    if admins and roles & BUSINESS_ROLES:
        raise ValidationError("account.admin_with_business_role", field="roles")


def role_labels(roles: frozenset[Role]) -> str:
    return "、".join(r.label for r in ROLE_ORDER if r in roles)


@dataclass(frozen=True)
class Account:
    id: int | None
    username: str
    display_name: str
    roles: frozenset[Role]
    created_at: datetime
    password_changed_at: datetime
    must_change_password: bool = True
    disabled: bool = False

    @property
    def admin_role(self) -> Role | None:
        return next(iter(self.roles & ADMIN_ROLES), None)

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class SecurityPolicy:
    """Numbers set by the 安全保密管理员 (defaults from GB/T 22239 practice; see security-notes §4.1)."""

    max_failed_attempts: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 10
    password_min_length: int = 10
    password_min_classes: int = 3
    password_max_age_days: int = 90

    LIMITS = {
        "max_failed_attempts": (3, 10),
        "lockout_minutes": (1, 1440),
        "idle_lock_minutes": (1, 60),
        "password_min_length": (8, 64),
        "password_min_classes": (2, 4),
        "password_max_age_days": (7, 365),
    }

    def validated(self) -> "SecurityPolicy":
        for name, (low, high) in self.LIMITS.items():
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise ValidationError("policy.out_of_range", field=name, low=low, high=high)
        return self

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.LIMITS}


def character_classes(password: str) -> int:
    """How many of the four classes (upper, lower, digit, other) the password uses."""
    kinds = (str.isupper, str.islower, str.isdigit)
    used = {i for ch in password for i, test in enumerate(kinds) if test(ch)}
    if any(not (ch.isupper() or ch.islower() or ch.isdigit()) for ch in password):
        used.add(3)
    return len(used)


def check_password(password: str, policy: SecurityPolicy, *, username: str = "") -> None:
    """Password rules: length, character classes, and not containing the account name."""
    if len(password) < policy.password_min_length:
        raise ValidationError("password.too_short", field="password", minimum=policy.password_min_length)
    if character_classes(password) < policy.password_min_classes:
        raise ValidationError("password.too_few_classes", field="password", minimum=policy.password_min_classes)
    if username and username.casefold() in password.casefold():
        raise ValidationError("password.contains_username", field="password")


def password_expired(account: Account, policy: SecurityPolicy, now: datetime) -> bool:
    return now - account.password_changed_at >= timedelta(days=policy.password_max_age_days)


def check_username(username: str) -> str:
    name = username.strip()
    if not 2 <= len(name) <= 32 or any(ch.isspace() for ch in name):
        raise ValidationError("account.bad_username", field="username")
    return name


@dataclass(frozen=True)
class SignedInSession:
    """Who is working now; passed to every use case as the actor."""

    account: Account
    signed_in_at: datetime
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def roles(self) -> frozenset[Role]:
        return self.account.roles
