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


@dataclass(frozen=True)
class AuditFilter:
    account: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    object_text: str | None = None
    limit: int | None = None


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


class UnitOfWork(Protocol):
    accounts: AccountRepository
    settings: SettingsRepository
    audit: AuditLog
    calendar: CalendarRepository
    rulesets: RuleSetRepository
    numbers: DocumentNumbers

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
