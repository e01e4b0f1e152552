"""Backups and restore.

A backup is one ZIP file (stored, not compressed) holding ``ledger.db`` — an encrypted copy made with
``VACUUM INTO`` on the keyed connection, so it is never plaintext — the key slot file, and
``manifest.json``: SHA-256 of both, the schema revision, and the audit anchor at the time of the backup,
MAC'd with a key derived from the database key. It is written to ``FILE.part``, fsynced, renamed, and read
back. Restore checks all of this, opens the copy with the given credentials and runs the integrity and
audit-chain checks, all before touching the current store, which it then keeps as ``replaced-<time>/``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import uuid
import zipfile
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from app.domain.accounts import Role, role_labels
from app.domain.audit import Anchor, AuditEvent, verify_chain
from app.domain.errors import DomainError
from app.ports import Clock
from storage import migrate
from storage.engine import connect, create_store_engine
from storage.errors import StoreError, known_errors
from storage.files import atomic_write_bytes, fsync_dir
from storage.keyslots import KeySlotFile
from storage.store import DB_NAME, SLOTS_NAME, OpenedStore, Vault, derive_key, move_aside

FORMAT = "credit-ledger-backup"
SUFFIX = ".clbak"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_mac(db_key: bytes, manifest: dict) -> str:
    body = json.dumps({k: v for k, v in manifest.items() if k != "mac"}, sort_keys=True).encode("utf-8")
    return hmac.new(derive_key(db_key, "backup-manifest"), body, hashlib.sha256).hexdigest()


def integrity_checks(path: Path, key: bytes) -> list[tuple[str, bool, str]]:
    """cipher_integrity_check (page HMACs), integrity_check (b-tree), foreign_key_check."""
    conn = connect(path, key)
    try:
        with known_errors():
            cipher = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return [("加密页校验（cipher_integrity_check）", not cipher, "；".join(cipher[:5])),
            ("数据库结构检查（integrity_check）", integrity == ["ok"], "；".join(integrity[:5])),
            ("外键检查（foreign_key_check）", not fks, f"{len(fks)} 处" if fks else "")]


class Maintenance:
    """Implements ``app.ports.StoreMaintenance`` for one opened store."""

    def __init__(self, store: OpenedStore) -> None:
        self._store = store

    def integrity_report(self) -> list[tuple[str, bool, str]]:
        return integrity_checks(self._store.vault.db_path, self._store.db_key)

    def _vacuum_copy(self, target: Path) -> None:
        target.unlink(missing_ok=True)
        conn = connect(self._store.vault.db_path, self._store.db_key)  # autocommit: VACUUM needs no transaction
        try:
            with known_errors():
                conn.execute("VACUUM INTO ?", (str(target),))
        finally:
            conn.close()

    def raw_backup(self, target: Path, anchor: Anchor | None = None) -> dict:
        return self.backup_to(target, anchor or Anchor(0, "", "", "pre-migration"))

    def backup_to(self, target: Path, anchor: Anchor) -> dict:
        """Write the backup atomically to ``target`` and read it back; return its manifest."""
        vault, key = self._store.vault, self._store.db_key
        staging = vault.path / f".backup-{uuid.uuid4().hex}.db"
        try:
            self._vacuum_copy(staging)
            failed = [what for what, ok, _ in integrity_checks(staging, key) if not ok]
            if failed:
                raise StoreError("backup.copy_failed_check", checks="、".join(failed))
            db_bytes = staging.read_bytes()
        finally:
            staging.unlink(missing_ok=True)
        slots = (vault.path / SLOTS_NAME).read_bytes()
        manifest = {"format": FORMAT, "version": 1, "created": datetime.now().astimezone().isoformat(),
                    "schema": migrate.current_revision(self._store.engine), "db_sha256": _sha256(db_bytes),
                    "slots_sha256": _sha256(slots), "anchor": asdict(anchor)}
        manifest["mac"] = _manifest_mac(key, manifest)
        _write_zip(target, {"manifest.json": json.dumps(manifest, indent=1).encode(), SLOTS_NAME: slots,
                            DB_NAME: db_bytes})
        read_back = read_backup(target)
        if read_back.manifest != manifest:
            raise StoreError("backup.read_back_failed", path=str(target))
        return {**manifest, "sha256": _sha256(target.read_bytes())}


def _write_zip(target: Path, members: dict[str, bytes]) -> None:
    part = target.with_name(target.name + ".part")
    with known_errors():
        try:
            with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_STORED) as archive:
                for name, data in members.items():
                    archive.writestr(name, data)
            with part.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(part, target)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        fsync_dir(target.parent)


class BackupFile:
    def __init__(self, manifest: dict, slots: bytes, db: bytes) -> None:
        self.manifest, self.slots, self.db = manifest, slots, db

    @property
    def anchor(self) -> Anchor:
        return Anchor(**self.manifest["anchor"])


def read_backup(path: Path) -> BackupFile:
    """Read and check a backup's structure and hashes (no key needed). ``backup.*`` errors otherwise."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            slots, db = archive.read(SLOTS_NAME), archive.read(DB_NAME)
    except FileNotFoundError:
        raise StoreError("backup.missing", path=str(path)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        with path.open("rb") as handle:  # a ZIP that fails to read is a damaged backup, not a foreign file
            damaged = handle.read(4) == b"PK\x03\x04"
        raise StoreError("backup.corrupt" if damaged else "backup.not_a_backup", path=str(path)) from error
    if manifest.get("format") != FORMAT:
        raise StoreError("backup.not_a_backup", path=str(path))
    if _sha256(db) != manifest.get("db_sha256") or _sha256(slots) != manifest.get("slots_sha256"):
        raise StoreError("backup.corrupt", path=str(path))
    return BackupFile(manifest, slots, db)


def restore_backup(vault: Vault, source: Path, username: str, password: str, *, clock: Clock,
                   replaced: dict | None = None) -> Path:
    """Check ``source`` completely, then replace the store with it; return where the old store went.

    The credentials must open the backup and belong to an active 系统管理员 in it. ``replaced`` describes the
    store being replaced (who authorised it there and its final audit anchor) for the restored trail.
    """
    backup = read_backup(source)
    slots = KeySlotFile.from_bytes(source, backup.slots)
    key = slots.unwrap_account(username, password)
    if not hmac.compare_digest(_manifest_mac(key, backup.manifest), backup.manifest.get("mac", "")):
        raise StoreError("backup.corrupt", path=str(source))
    vault.acquire()
    staging = vault.path / f".restore-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        atomic_write_bytes(staging / DB_NAME, backup.db)
        atomic_write_bytes(staging / SLOTS_NAME, backup.slots)
        _check_staged(staging, key, backup, username)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        vault.forget_cached_files()
        old = move_aside(vault.path, stamp)
        os.replace(staging / SLOTS_NAME, vault.path / SLOTS_NAME)  # same volume: renames, both fsynced
        os.replace(staging / DB_NAME, vault.path / DB_NAME)
        fsync_dir(vault.path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _record_restore(vault, key, backup, source, username, clock, replaced or {})
    return old


def _check_staged(staging: Path, key: bytes, backup: BackupFile, username: str) -> None:
    failed = [what for what, ok, _ in integrity_checks(staging / DB_NAME, key) if not ok]
    if failed:
        raise StoreError("backup.corrupt", path=str(staging))
    probe = Vault(staging)
    engine_store = OpenedStore(probe, create_store_engine(staging / DB_NAME, key), key)
    try:
        with engine_store.uow_factory() as uow:
            account = uow.accounts.by_username(username)
            report = verify_chain(uow.audit.all_entries(), derive_key(key, "audit-chain"),
                                  backup.anchor if backup.anchor.count else None)
    finally:
        engine_store.engine.dispose()
    if account is None or account.disabled or Role.SYSADMIN not in account.roles:
        raise DomainError("auth.permission_denied", action="store.restore")
    if not report.ok:
        raise StoreError("backup.audit_chain_broken", seq=report.first_broken_seq)


def _record_restore(vault: Vault, key: bytes, backup: BackupFile, source: Path, username: str, clock: Clock,
                    replaced: dict) -> None:
    store = vault.open_with_key(key)
    try:
        if backup.anchor.count:
            store.anchors.add(backup.anchor)
        with store.uow_factory() as uow:
            account = uow.accounts.by_username(username)
            detail = {"来源": str(source), "备份时间": backup.manifest.get("created", ""), **replaced}
            uow.audit.append(AuditEvent("store.restore", "file", source.name, detail=detail),
                             account=username, roles=role_labels(account.roles), at=clock.now())
            uow.commit()
    finally:
        store.engine.dispose()
