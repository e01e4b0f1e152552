"""Hand-written fakes of the ports, for use-case tests (cosmicpython style)."""

from __future__ import annotations

import copy
from collections import namedtuple
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from app.domain.accounts import Account, SecurityPolicy
from app.domain.audit import GENESIS, Anchor, AuditEntry, AuditEvent, ChainReport, seal, verify_chain
from app.domain.errors import DomainError, NotFound
from app.ports import AuditFilter

TZ = timezone(timedelta(hours=8))
PendingFailure = namedtuple("PendingFailure", "label at locked")
AUDIT_KEY = b"k" * 32


class FixedClock:
    def __init__(self, at: datetime = datetime(2026, 12, 4, 9, 30, tzinfo=TZ)) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()

    def advance(self, **delta) -> None:
        self.at += timedelta(**delta)


class FakeAccounts:
    def __init__(self, data: dict[int, Account]) -> None:
        self._data = data

    def get(self, account_id: int) -> Account:
        if account_id not in self._data:
            raise NotFound("account.not_found")
        return self._data[account_id]

    def by_username(self, username: str) -> Account | None:
        return next((a for a in self._data.values() if a.username.lower() == username.lower()), None)

    def list(self) -> list[Account]:
        return sorted(self._data.values(), key=lambda a: a.id)

    def add(self, account: Account) -> Account:
        saved = replace(account, id=max(self._data, default=0) + 1)
        self._data[saved.id] = saved
        return saved

    def save(self, account: Account) -> None:
        self._data[account.id] = account


class FakeSettings:
    def __init__(self, data: dict) -> None:
        self._data = data

    def security_policy(self) -> SecurityPolicy:
        return self._data.get("policy", SecurityPolicy())

    def set_security_policy(self, policy: SecurityPolicy) -> None:
        self._data["policy"] = policy

    def bureau(self) -> dict:
        return dict(self._data.get("bureau", {}))

    def set_bureau(self, values: dict) -> None:
        self._data["bureau"] = dict(values)

    def fonts(self) -> dict:
        return dict(self._data.get("fonts", {}))

    def set_fonts(self, values: dict) -> None:
        self._data["fonts"] = dict(values)


class FakeAuditLog:
    def __init__(self, entries: list[AuditEntry]) -> None:
        self.entries = entries

    def append(self, event: AuditEvent, *, account: str, roles: str, at: datetime) -> AuditEntry:
        prev = self.entries[-1].mac if self.entries else GENESIS
        draft = AuditEntry(len(self.entries) + 1, at.isoformat(), account, roles, event.action, event.object_type,
                           event.object_id, event.outcome, dict(event.detail), prev, "")
        entry = seal(AUDIT_KEY, draft)
        self.entries.append(entry)
        return entry

    def query(self, flt: AuditFilter) -> list[AuditEntry]:
        rows = [e for e in reversed(self.entries) if (not flt.account or e.account == flt.account)
                and (not flt.action or e.action == flt.action)]
        return rows[:flt.limit] if flt.limit else rows

    def all_entries(self):
        return iter(list(self.entries))

    def verify(self, anchor: Anchor | None) -> ChainReport:
        return verify_chain(self.entries, AUDIT_KEY, anchor)

    def accounts_seen(self) -> list[str]:
        return sorted({e.account for e in self.entries})


class FakeCalendar:
    def __init__(self, data: dict) -> None:
        self._data = data

    def years(self):
        return [self._data[y] for y in sorted(self._data)]

    def save(self, arrangement, *, by, at) -> None:
        self._data[arrangement.year] = arrangement


class FakeRuleSets:
    def __init__(self, data: list) -> None:
        self._data = data

    def list(self):
        return list(self._data)

    def add(self, ruleset, text, *, by, at) -> None:
        self._data.append(ruleset)


class FakeSubjects:
    def __init__(self, data: dict) -> None:
        self._data = data  # (kind, id) -> subject; ("changes", kind, id) -> [SubjectChange]

    def add_change(self, kind, subject_id, *, at, account, action, detail):
        from app.ports import SubjectChange
        self._data.setdefault(("changes", kind, subject_id), []).insert(
            0, SubjectChange(at.isoformat(), account, action, detail))

    def changes(self, kind, subject_id):
        return list(self._data.get(("changes", kind, subject_id), []))

    def add(self, subject):
        new = replace(subject, id=1 + max((key[1] for key in self._data if key[0] is subject.kind), default=0))
        self._data[(new.kind, new.id)] = new
        return new

    def save(self, subject) -> None:
        self._data[(subject.kind, subject.id)] = subject

    def get(self, kind, subject_id):
        if (kind, subject_id) not in self._data:
            raise NotFound("subject.not_found")
        return self._data[(kind, subject_id)]

    def _ref(self, s):
        from app.ports import SubjectRef
        return SubjectRef(s.kind, s.id, s.name, s.identifier)

    def by_identifier(self, kind, identifier):
        return next((self._ref(s) for key, s in self._data.items() if key[0] is kind and s.identifier == identifier),
                    None)

    def search(self, text, kind=None, limit=50):
        from app.domain.identifiers import normalise_name
        key = normalise_name(text)
        return [self._ref(s) for k, s in self._data.items() if len(k) == 2
                and (kind is None or k[0] is kind) and (key in normalise_name(s.name) or s.identifier == text)][:limit]

    def similar(self, kind, name, limit=10):
        from app.domain.subject import similar
        return [self._ref(s) for k, s in self._data.items() if len(k) == 2 and k[0] is kind
                and similar(s.name, name)][:limit]


class FakeRecords:
    def __init__(self, data: dict, snapshots: dict) -> None:
        self._data = data
        self.snapshots = snapshots

    def add(self, record):
        new = replace(record, id=max(self._data, default=0) + 1, version=1)
        self._data[new.id] = new
        return new

    def get(self, record_id):
        if record_id not in self._data:
            raise NotFound("record.not_found")
        return self._data[record_id]

    def by_number(self, number):
        return next((r for r in self._data.values() if r.number == number), None)

    def save(self, record):
        if self._data[record.id].version != record.version:
            raise DomainError("record.changed_meanwhile")
        saved = replace(record, version=record.version + 1)
        self._data[record.id] = saved
        return saved

    def next_number(self, year):
        return f"XY{year}-{len(self._data) + 1:05d}"

    def for_subject(self, kind, subject_id):
        return [r for r in self._data.values() if r.subject_kind is kind and r.subject_id == subject_id]

    def open_records(self):
        from app.domain.record import Stage
        return [r for r in self._data.values() if r.stage is Stage.APPROVED]

    def set_snapshot(self, record_id, state, next_due, recheck_on, as_of):
        self.snapshots[record_id] = (state, next_due, recheck_on, as_of)

    def stale_snapshot_ids(self, today, everything=False):
        return [i for i in self._data if everything or i not in self.snapshots
                or (self.snapshots[i][2] is not None and self.snapshots[i][2] <= today)]

    def count(self, flt):
        return len(self.rows(flt, 0, 10 ** 9))

    def rows(self, flt, offset, limit):
        from app.ports import RecordRow
        out = []
        for r in sorted(self._data.values(), key=lambda r: r.id, reverse=True):
            state, due = self.snapshots.get(r.id, ("", "", None, None))[:2]
            if flt.states and state not in flt.states:
                continue
            out.append(RecordRow(r.id, r.number, r.subject_kind, "", "", r.circumstance, r.basis.type, r.handler,
                                 r.created_at.isoformat(), str(r.collected_on or ""), state, due))
        return out[offset:offset + limit]


class FakeAttachments:
    def __init__(self, data: dict) -> None:
        self._data = data

    def add(self, record_id, filename, mime, data, *, by, at):
        from app.ports import AttachmentMeta
        meta = AttachmentMeta(len(self._data) + 1, record_id, filename, mime, len(data), at.isoformat(), by)
        self._data[meta.id] = (meta, data)
        return meta

    def list(self, record_id):
        return [m for m, _ in self._data.values() if m.record_id == record_id]

    def data(self, attachment_id):
        return self._data[attachment_id]


class FakeNumbers:
    def __init__(self, data: list) -> None:
        self._data = data  # IssuedNumber-like tuples (prefix, year, serial, status)

    def series(self, prefix, year):
        from app.domain.numbering import DocumentNumber, IssuedNumber, NumberSeries, NumberStatus
        numbers = tuple(IssuedNumber(DocumentNumber(p, y, n), NumberStatus[s]) for p, y, n, s in self._data
                        if (p, y) == (prefix, year))
        return NumberSeries(prefix, year, numbers)

    def issue(self, prefix, year, *, doc_type, by, at, ref=""):
        _, number = self.series(prefix, year).issue()
        self._data.append((prefix, year, number.serial, "ISSUED"))
        return number

    def void(self, number, reason):
        self.series(number.prefix, number.year).void(number, reason)
        self._data[:] = [(p, y, n, "VOIDED" if (p, y, n) == (number.prefix, number.year, number.serial) else s)
                         for p, y, n, s in self._data]


class FakeUnitOfWork:
    """Copies state on enter and publishes it on commit, so an uncommitted change leaves nothing behind."""

    def __init__(self, store: "FakeStore") -> None:
        self._store = store
        self.committed = False

    def __enter__(self) -> "FakeUnitOfWork":
        self._accounts = copy.deepcopy(self._store.accounts_data)
        self._settings = dict(self._store.settings_data)
        self._audit = list(self._store.audit_entries)
        self._calendar = dict(self._store.calendar_data)
        self._rulesets = list(self._store.ruleset_data)
        self._subjects = dict(self._store.subject_data)
        self._records = dict(self._store.record_data)
        self._snapshots = dict(self._store.snapshot_data)
        self._attachments = dict(self._store.attachment_data)
        self.subjects = FakeSubjects(self._subjects)
        self.records = FakeRecords(self._records, self._snapshots)
        self.attachments = FakeAttachments(self._attachments)
        self._numbers = list(self._store.number_data)
        self.numbers = FakeNumbers(self._numbers)
        self.calendar = FakeCalendar(self._calendar)
        self.rulesets = FakeRuleSets(self._rulesets)
        self.accounts = FakeAccounts(self._accounts)
        self.settings = FakeSettings(self._settings)
        self.audit = FakeAuditLog(self._audit)
        return self

    def __exit__(self, *exc) -> None:
        pass

    def commit(self) -> None:
        self._store.accounts_data = self._accounts
        self._store.settings_data = self._settings
        self._store.audit_entries = self._audit
        self._store.calendar_data = self._calendar
        self._store.ruleset_data = self._rulesets
        self._store.number_data = self._numbers
        self._store.subject_data = self._subjects
        self._store.record_data = self._records
        self._store.snapshot_data = self._snapshots
        self._store.attachment_data = self._attachments
        self.committed = True
        self._store.commits += 1

    def rollback(self) -> None:
        pass


class FakeAnchors:
    def __init__(self) -> None:
        self.items: list[Anchor] = []

    def latest(self) -> Anchor | None:
        return max(self.items, key=lambda a: a.count) if self.items else None

    def add(self, anchor: Anchor) -> None:
        self.items.append(anchor)


class FakeMaintenance:
    def __init__(self) -> None:
        self.backups: list = []

    def backup_to(self, target, anchor) -> dict:
        self.backups.append((target, anchor))
        return {"sha256": "0" * 64, "anchor": anchor.__dict__}

    def integrity_report(self):
        return [("cipher_integrity_check", True, ""), ("integrity_check", True, "ok")]


class FakeStore:
    def __init__(self) -> None:
        self.accounts_data: dict[int, Account] = {}
        self.settings_data: dict = {}
        self.audit_entries: list[AuditEntry] = []
        self.calendar_data: dict = {}
        self.ruleset_data: list = []
        self.number_data: list = []
        self.subject_data: dict = {}
        self.record_data: dict = {}
        self.snapshot_data: dict = {}
        self.attachment_data: dict = {}
        self.commits = 0
        self.db_key = b"d" * 32
        self.anchors = FakeAnchors()
        self.maintenance = FakeMaintenance()

    def uow_factory(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    def actions(self) -> list[str]:
        return [e.action for e in self.audit_entries]


class FakeOpener:
    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.opened_with: list[bytes] = []

    def open_with_key(self, db_key: bytes) -> FakeStore:
        if db_key != self.store.db_key:
            raise DomainError("store.slots_do_not_match")
        self.opened_with.append(db_key)
        return self.store


class FakeSlots:
    """username -> password; the 'unwrapped key' is the store key when the password matches."""

    def __init__(self, db_key: bytes, recovery: str = "RECO-VERY") -> None:
        self.passwords: dict[str, str] = {}
        self.db_key = db_key
        self.recovery = recovery

    def unwrap_account(self, username: str, password: str) -> bytes:
        if self.passwords.get(username.lower()) != password:
            raise DomainError("auth.wrong_credentials")
        return self.db_key

    def unwrap_recovery(self, recovery_key: str) -> bytes:
        if recovery_key != self.recovery:
            raise DomainError("auth.wrong_recovery_key")
        return self.db_key

    def set_account(self, username: str, password: str, db_key: bytes) -> None:
        self.passwords[username.lower()] = password

    def remove_account(self, username: str) -> None:
        self.passwords.pop(username.lower(), None)

    def has_account(self, username: str) -> bool:
        return username.lower() in self.passwords


class FakeGuard:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.locks: dict[str, datetime] = {}
        self.pending: list = []
        self.policy: dict = {}

    def label_for(self, username: str) -> str:
        return "L:" + username.lower()

    def locked_until(self, username: str, now: datetime):
        until = self.locks.get(self.label_for(username))
        return until if until and until > now else None

    def record_failure(self, username, now, max_attempts, lock_minutes):
        label = self.label_for(username)
        self.counts[label] = self.counts.get(label, 0) + 1
        locked = None
        if self.counts[label] >= max_attempts:
            locked = now + timedelta(minutes=lock_minutes)
            self.locks[label], self.counts[label] = locked, 0
        self.pending.append(PendingFailure(label, now, locked is not None))
        return locked

    def record_success(self, username: str) -> None:
        self.counts.pop(self.label_for(username), None)
        self.locks.pop(self.label_for(username), None)

    def unlock(self, username: str) -> None:
        self.record_success(username)

    def failures(self, username: str) -> int:
        return self.counts.get(self.label_for(username), 0)

    def pending_failures(self):
        return list(self.pending)

    def clear_pending(self) -> None:
        self.pending = []

    def cached_policy(self) -> dict:
        return dict(self.policy)

    def cache_policy(self, values: dict) -> None:
        self.policy = dict(values)
