"""Typed rows (SQLAlchemy 2 ``Mapped``). Domain objects are built from them in ``storage.mapping``."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
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


class CalendarYearRow(Base):
    """A year's holiday arrangement entered or imported in the app; overrides the bundled data."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)  # credit-ledger/holidays@1 JSON holding this one year
    changed_at: Mapped[str] = mapped_column(String(40))
    changed_by: Mapped[str] = mapped_column(String(64))


class RuleSetRow(Base):
    """A rule set added by an administrator (a successor of the bundled 2021 set)."""

    __tablename__ = "rulesets"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    data: Mapped[str] = mapped_column(Text)  # credit-ledger/ruleset@1 JSON
    added_at: Mapped[str] = mapped_column(String(40))
    added_by: Mapped[str] = mapped_column(String(64))


class DocumentNumberRow(Base):
    """Every document number ever issued; voided numbers stay, so none is issued twice."""

    __tablename__ = "document_numbers"
    __table_args__ = (UniqueConstraint("prefix", "year", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(32))
    year: Mapped[int]
    serial: Mapped[int]
    doc_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[str] = mapped_column(String(40))
    issued_by: Mapped[str] = mapped_column(String(64))
    object_ref: Mapped[str] = mapped_column(String(64), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")


class UnitRow(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    legal_representative: Mapped[str] = mapped_column(String(64))
    qualifications: Mapped[str] = mapped_column(Text)  # JSON list
    address: Mapped[str] = mapped_column(Text)
    contact_person: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(64))


class PersonRow(Base):
    __tablename__ = "persons"
    __table_args__ = (UniqueConstraint("id_type", "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(64), index=True)
    id_type: Mapped[str] = mapped_column(String(32))
    id_number: Mapped[str] = mapped_column(String(32), index=True)
    level: Mapped[str] = mapped_column(String(16))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    post: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(String(64))


class RecordRow(Base):
    """A record; nested parts as canonical JSON. ``snap_*`` is the list's dated status cache."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_subject", "subject_kind", "subject_id"), Index("ix_records_created", "created_at"),
                      Index("ix_records_state_created", "snap_state", "created_at"),
                      Index("ix_records_circumstance_created", "circumstance", "created_at"),
                      Index("ix_records_recheck", "snap_recheck_on"),
                      Index("ix_records_unsnapped", "id", sqlite_where=text("snap_as_of IS NULL")))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    subject_kind: Mapped[str] = mapped_column(String(8))
    subject_id: Mapped[int]
    handler: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    ruleset_id: Mapped[str] = mapped_column(String(32))
    ruleset_explicit: Mapped[bool]
    basis_type: Mapped[str] = mapped_column(String(64))
    circumstance: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)  # JSON: basis, penalties, texts, exclusions, hearing
    stage: Mapped[str] = mapped_column(String(16))
    steps: Mapped[str] = mapped_column(Text)  # JSON
    collected_on: Mapped[str | None] = mapped_column(String(10), index=True)
    events: Mapped[str] = mapped_column(Text)  # JSON
    version: Mapped[int]
    snap_state: Mapped[str] = mapped_column(String(16), default="")
    snap_next_due: Mapped[str] = mapped_column(String(64), default="")
    snap_recheck_on: Mapped[str | None] = mapped_column(String(10))
    snap_as_of: Mapped[str | None] = mapped_column(String(10))


class AttachmentRow(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(32))
    size: Mapped[int]
    data: Mapped[bytes]
    added_at: Mapped[str] = mapped_column(String(40))
    added_by: Mapped[str] = mapped_column(String(64))


class SubjectChangeRow(Base):
    """The history of a subject's data (values), readable with the record permissions — not by the auditor,
    whose trail only names the fields that changed."""

    __tablename__ = "subject_changes"
    __table_args__ = (Index("ix_subject_changes_subject", "subject_kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(8))
    subject_id: Mapped[int]
    at: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)  # JSON before/after
