"""The ports the use cases need (typing.Protocol). ``storage/`` implements them; tests use fakes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Protocol, Sequence

from app.domain.accounts import Account, SecurityPolicy
from app.domain.audit import Anchor, AuditEntry, AuditEvent, ChainReport
from app.domain.calendar import YearArrangement
from app.domain.numbering import DocumentNumber, NumberSeries
from app.domain.record import Record
from app.domain.subject import Subject, SubjectKind
from app.domain.rulesets import RuleSet


class Clock(Protocol):
    def now(self) -> datetime:
        """Local time, timezone-aware."""

    def today(self) -> date: ...


class SystemClock:
    """The real clock; the only place the core reads the time."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def today(self) -> date:
        return self.now().date()


class AccountRepository(Protocol):
    def get(self, account_id: int) -> Account: ...
    def by_username(self, username: str) -> Account | None: ...
    def list(self) -> list[Account]: ...
    def add(self, account: Account) -> Account: ...
    def save(self, account: Account) -> None: ...


class SettingsRepository(Protocol):
    def security_policy(self) -> SecurityPolicy: ...
    def set_security_policy(self, policy: SecurityPolicy) -> None: ...
    def bureau(self) -> dict: ...
    def set_bureau(self, values: dict) -> None: ...
    def fonts(self) -> dict: ...
    def set_fonts(self, values: dict) -> None: ...


@dataclass(frozen=True)
class AuditFilter:
    account: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    object_text: str | None = None
    limit: int | None = None
    object_type: str | None = None
    object_id: str | None = None


class AuditLog(Protocol):
    def append(self, event: AuditEvent, *, account: str, roles: str, at: datetime) -> AuditEntry: ...
    def query(self, flt: AuditFilter) -> list[AuditEntry]: ...
    def all_entries(self) -> Iterable[AuditEntry]: ...
    def verify(self, anchor: Anchor | None) -> ChainReport: ...
    def accounts_seen(self) -> list[str]: ...


class CalendarRepository(Protocol):
    """Years entered or imported in the app; they override the bundled calendar."""

    def years(self) -> list[YearArrangement]: ...
    def save(self, arrangement: YearArrangement, *, by: str, at: datetime) -> None: ...


class RuleSetRepository(Protocol):
    def list(self) -> list[RuleSet]: ...
    def add(self, ruleset: RuleSet, text: str, *, by: str, at: datetime) -> None: ...


class DocumentNumbers(Protocol):
    """Numbers are issued inside the transaction that uses them and never reused."""

    def series(self, prefix: str, year: int) -> NumberSeries: ...
    def issue(self, prefix: str, year: int, *, doc_type: str, by: str, at: datetime, ref: str = "") -> DocumentNumber: ...
    def void(self, number: DocumentNumber, reason: str) -> None: ...


@dataclass(frozen=True)
class SubjectRef:
    """A subject as lists and duplicate checks show it."""

    kind: SubjectKind
    id: int
    name: str
    identifier: str  # USCC or ID number


@dataclass(frozen=True)
class SubjectChange:
    at: str
    account: str
    action: str  # subject.created / subject.updated
    detail: dict  # before/after values


class SubjectRepository(Protocol):
    def add(self, subject: Subject) -> Subject: ...
    def save(self, subject: Subject) -> None: ...
    def get(self, kind: SubjectKind, subject_id: int) -> Subject: ...
    def by_identifier(self, kind: SubjectKind, identifier: str) -> SubjectRef | None: ...
    def search(self, text: str, kind: SubjectKind | None = None, limit: int = 50) -> list[SubjectRef]: ...
    def similar(self, kind: SubjectKind, name: str, limit: int = 10) -> list[SubjectRef]: ...
    def add_change(self, kind: SubjectKind, subject_id: int, *, at: datetime, account: str, action: str,
                   detail: dict) -> None: ...
    def changes(self, kind: SubjectKind, subject_id: int) -> list[SubjectChange]: ...


@dataclass(frozen=True)
class AttachmentMeta:
    id: int
    record_id: int
    filename: str
    mime: str
    size: int
    added_at: str
    added_by: str


class AttachmentStore(Protocol):
    """Scans of basis documents, kept encrypted inside the store."""

    def add(self, record_id: int, filename: str, mime: str, data: bytes, *, by: str, at: datetime) -> AttachmentMeta: ...
    def list(self, record_id: int) -> list[AttachmentMeta]: ...
    def data(self, attachment_id: int) -> tuple[AttachmentMeta, bytes]: ...


@dataclass(frozen=True)
class RecordFilter:
    states: tuple[str, ...] = ()
    circumstance: str | None = None
    basis_type: str | None = None
    subject_kind: SubjectKind | None = None
    handler: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    collected_from: date | None = None
    collected_to: date | None = None
    text: str | None = None  # name (partial, normalised), USCC or ID number, or record number
    sort: str = "created_at"
    descending: bool = True


@dataclass(frozen=True)
class RecordRow:
    """One line of the records list (read model)."""

    id: int
    number: str
    subject_kind: SubjectKind
    subject_name: str
    subject_identifier: str
    circumstance: str
    basis_type: str
    handler: str
    created_at: str
    collected_on: str
    state: str
    next_due: str


class RecordRepository(Protocol):
    def add(self, record: Record) -> Record: ...
    def get(self, record_id: int) -> Record: ...
    def by_number(self, number: str) -> Record | None: ...
    def save(self, record: Record) -> Record: ...
    def next_number(self, year: int) -> str: ...
    def for_subject(self, kind: SubjectKind, subject_id: int) -> list[Record]: ...
    def open_records(self) -> list[Record]: ...
    def set_snapshot(self, record_id: int, state: str, next_due: str, recheck_on: date | None, as_of: date) -> None: ...
    def stale_snapshot_ids(self, today: date) -> list[int]: ...
    def count(self, flt: RecordFilter) -> int: ...
    def rows(self, flt: RecordFilter, offset: int, limit: int) -> list[RecordRow]: ...


class UnitOfWork(Protocol):
    accounts: AccountRepository
    settings: SettingsRepository
    audit: AuditLog
    calendar: CalendarRepository
    rulesets: RuleSetRepository
    numbers: DocumentNumbers
    subjects: SubjectRepository
    records: RecordRepository
    attachments: AttachmentStore

    def __enter__(self) -> "UnitOfWork": ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


class KeySlots(Protocol):
    """Per-account wrapped copies of the database key (LUKS-like)."""

    def unwrap_account(self, username: str, password: str) -> bytes: ...
    def unwrap_recovery(self, recovery_key: str) -> bytes: ...
    def set_account(self, username: str, password: str, db_key: bytes) -> None: ...
    def remove_account(self, username: str) -> None: ...
    def has_account(self, username: str) -> bool: ...


class SigninGuard(Protocol):
    """Failed sign-in counters that survive restarts, kept where a wrong password can still write."""

    def label_for(self, username: str) -> str: ...
    def locked_until(self, username: str, now: datetime) -> datetime | None: ...
    def record_failure(self, username: str, now: datetime, max_attempts: int, lock_minutes: int) -> datetime | None: ...
    def record_success(self, username: str) -> None: ...
    def unlock(self, username: str) -> None: ...
    def failures(self, username: str) -> int: ...
    def pending_failures(self) -> Sequence: ...
    def clear_pending(self) -> None: ...
    def cached_policy(self) -> dict: ...
    def cache_policy(self, values: dict) -> None: ...


class AnchorStore(Protocol):
    def latest(self) -> Anchor | None: ...
    def add(self, anchor: Anchor) -> None: ...


class StoreMaintenance(Protocol):
    """Whole-store operations (backup, integrity); only the use cases decide who may call them."""

    def backup_to(self, target: Path, anchor: Anchor) -> dict: ...
    def integrity_report(self) -> list[tuple[str, bool, str]]: ...


class OpenedStore(Protocol):
    """What unlocking with a key gives: units of work and whole-store operations."""

    uow_factory: UnitOfWorkFactory
    maintenance: StoreMaintenance
    anchors: AnchorStore
    db_key: bytes


class StoreOpener(Protocol):
    def open_with_key(self, db_key: bytes) -> OpenedStore: ...
