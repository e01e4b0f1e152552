"""Typed rows (SQLAlchemy 2 ``Mapped``). Domain objects are built from them in ``storage.mapping``."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    admin_role: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(40))
    password_changed_at: Mapped[str] = mapped_column(String(40))
    must_change_password: Mapped[bool]
    disabled: Mapped[bool] = mapped_column(default=False)


class AccountRoleRow(Base):
    __tablename__ = "account_business_roles"
    __table_args__ = (UniqueConstraint("account_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class AuditRow(Base):
    """Append-only: triggers (in the migration) refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_at", "at"), Index("ix_audit_account", "account"),
                      Index("ix_audit_action", "action"))

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    roles: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(128))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
