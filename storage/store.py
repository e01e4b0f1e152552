"""The data folder: encrypted database, key slots, sign-in state, audit anchors, the single-instance lock.

``Vault`` is what the composition root holds before anyone has signed in; ``OpenedStore`` is what a valid
key gives. Keys derived from the database key (HKDF-SHA-256, one ``info`` per purpose) MAC the audit chain
and the anchors.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from app.domain.accounts import Account, Role, SecurityPolicy, check_password, check_username, role_labels
from app.domain.audit import AuditEvent
from app.domain.errors import ValidationError
from app.ports import Clock
from storage import migrate
from storage.anchors import AnchorFile
from storage.engine import check_file_is_store, connect, create_store_engine
from storage.errors import StoreError, known_errors
from storage.keyslots import KdfParams, KeySlotFile, new_recovery_key
from storage.lock import StoreLock
from storage.signin_state import SigninStateFile
from storage.unit_of_work import SqlUnitOfWorkFactory

DB_NAME = "ledger.db"
SLOTS_NAME = "keyslots.json"
SIGNIN_NAME = "signin-state.json"
ANCHORS_NAME = "audit-anchors.json"
LOCK_NAME = "ledger.lock"
STORE_FILES = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", SLOTS_NAME, SIGNIN_NAME, ANCHORS_NAME)


def derive_key(db_key: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"credit-ledger/{purpose}/v1".encode("ascii")).derive(db_key)


@dataclass
class OpenedStore:
    """Implements ``app.ports.OpenedStore``."""

    vault: "Vault"
    engine: Engine
    db_key: bytes
    migrated_from: str | None = None

    def __post_init__(self) -> None:
        self.uow_factory = SqlUnitOfWorkFactory(self.engine, derive_key(self.db_key, "audit-chain"))
        self.anchors = AnchorFile(self.vault.path / ANCHORS_NAME, derive_key(self.db_key, "audit-anchor"))
        from storage.backup import Maintenance  # late: backup imports this module
        self.maintenance = Maintenance(self)

    def close(self) -> None:
        """Close every pooled connection; the next unit of work reconnects with the key."""
        conn = connect(self.vault.db_path, self.db_key)
        try:
            with known_errors():
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        self.engine.dispose()

    def schema_revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def cipher_version(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())


class Vault:
    """One data folder; implements ``app.ports.StoreOpener``."""

    def __init__(self, path: Path, *, kdf: KdfParams | None = None) -> None:
        self.path = Path(path)
        self._kdf = kdf
        self._lock = StoreLock(self.path / LOCK_NAME)
        self._slots: KeySlotFile | None = None
        self._guard: SigninStateFile | None = None

    # -- the folder -------------------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    def exists(self) -> bool:
        return self.db_path.exists() or (self.path / SLOTS_NAME).exists()

    def acquire(self) -> None:
        """Take the single-instance lock (``store.in_use`` when another process holds it)."""
        with known_errors():
            self.path.mkdir(parents=True, exist_ok=True)
        if not self._lock.held:
            self._lock.acquire()

    def release(self) -> None:
        self._lock.release()

    @property
    def slots(self) -> KeySlotFile:
        if self._slots is None:
            self._slots = KeySlotFile.load(self.path / SLOTS_NAME)
            if self._kdf is not None:
                self._slots.floor = self._kdf
        return self._slots

    @property
    def guard(self) -> SigninStateFile:
        if self._guard is None:
            self._guard = SigninStateFile(self.path / SIGNIN_NAME, self.slots.label_for)
        return self._guard

    def forget_cached_files(self) -> None:
        self._slots = self._guard = None

    # -- create -----------------------------------------------------------------------------------------
    def create(self, username: str, display_name: str, password: str, *, clock: Clock) -> str:
        """Create the store and its first 系统管理员; return the recovery key (shown once)."""
        username = check_username(username)
        if not display_name.strip():
            raise ValidationError("account.display_name_missing", field="display_name")
        check_password(password, SecurityPolicy(), username=username)
        self.acquire()
        if self.exists():
            raise StoreError("store.already_exists", path=str(self.path))
        db_key, recovery = os.urandom(32), new_recovery_key()
        try:
            self._create_database(db_key, username, display_name.strip(), clock)
            slots = KeySlotFile.create(self.path / SLOTS_NAME)
            params = self._kdf or KdfParams()
            slots.set_account(username, password, db_key, params)
            slots.set_recovery(recovery, db_key, params)
        except BaseException:
            for name in STORE_FILES:
                (self.path / name).unlink(missing_ok=True)
            raise
        self.forget_cached_files()
        return recovery

    def _create_database(self, db_key: bytes, username: str, display_name: str, clock: Clock) -> None:
        engine = create_store_engine(self.db_path, db_key)
        try:
            migrate.upgrade(engine)
            store = OpenedStore(self, engine, db_key)
            now = clock.now()
            with store.uow_factory() as uow:
                uow.settings.set_security_policy(SecurityPolicy())
                admin = Account(None, username, display_name, frozenset({Role.SYSADMIN}), now, now, False)
                uow.accounts.add(admin)
                roles = role_labels(admin.roles)
                uow.audit.append(AuditEvent("store.created", "store", self.path.name,
                                            detail={"结构版本": migrate.head_revision()}),
                                 account=username, roles=roles, at=now)
                uow.audit.append(AuditEvent("account.created", "account", username,
                                            detail={"after": {"姓名": display_name, "角色": roles}}),
                                 account=username, roles=roles, at=now)
                uow.commit()
        finally:
            engine.dispose()

    # -- open -------------------------------------------------------------------------------------------
    def open_with_key(self, db_key: bytes) -> OpenedStore:
        """Open with a key from a slot: check the file, migrate (after a backup) and quick-check."""
        self.acquire()
        check_file_is_store(self.db_path)
        try:
            connect(self.db_path, db_key).close()
        except StoreError as error:
            if error.code == "store.not_a_store_or_wrong_key":
                raise StoreError("store.slots_do_not_match") from error
            raise
        engine = create_store_engine(self.db_path, db_key)
        self._quick_check(engine)
        store = OpenedStore(self, engine, db_key)
        current, head = migrate.current_revision(engine), migrate.head_revision()
        if current != head:
            self._migrate(store, current)
        return store

    def _quick_check(self, engine: Engine) -> None:
        with known_errors(), engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
        if result != "ok":
            raise StoreError("store.corrupt")

    def _migrate(self, store: OpenedStore, current: str | None) -> None:
        backups = self.path / "backups"
        with known_errors():
            backups.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        store.maintenance.raw_backup(backups / f"pre-migration-{current or 'none'}-{stamp}.clbak")
        migrate.upgrade(store.engine)
        store.migrated_from = current
        with store.uow_factory() as uow:
            event = AuditEvent("store.migrated", "store", self.path.name,
                               detail={"before": {"结构版本": current or "无"}, "after": {"结构版本": migrate.head_revision()}})
            uow.audit.append(event, account="（系统）", roles="", at=datetime.now().astimezone())
            uow.commit()


def move_aside(folder: Path, stamp: str) -> Path:
    """Move the store's files into ``replaced-<stamp>/`` (restore keeps the previous store)."""
    target = folder / f"replaced-{stamp}"
    target.mkdir()
    for name in STORE_FILES:
        if (folder / name).exists():
            shutil.move(str(folder / name), str(target / name))
    return target
