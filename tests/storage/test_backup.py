"""Backups: encrypted, integrity-checked, atomic; restore checks everything before touching the store."""

from __future__ import annotations

import zipfile

import pytest

from app.domain.errors import DomainError
from app.usecases.accounts import CreateAccount
from storage.backup import read_backup
from tests.storage.conftest import ADMIN, ADMIN_PW


def test_a_backup_holds_an_encrypted_database_the_slots_and_an_anchor(ctx, admin, tmp_path):
    target = tmp_path / "media" / "b.clbak"
    target.parent.mkdir()
    manifest = admin.backup(target)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["keyslots.json", "ledger.db", "manifest.json"]
        assert not archive.read("ledger.db").startswith(b"SQLite format 3")
    backup = read_backup(target)
    assert backup.anchor.count == manifest["anchor"]["count"] > 0
    assert not list(target.parent.glob("*.part")) and not list(ctx.data_dir.glob(".backup-*"))


def test_restore_brings_back_the_backed_up_state_and_keeps_the_old_store(ctx, admin, tmp_path):
    target = tmp_path / "b.clbak"
    admin.backup(target)
    admin.create_account(CreateAccount("later", "后来者", None, "Temp-Passw0rd-1"))
    admin.store.close()
    old = ctx.restore(target, ADMIN, ADMIN_PW)
    assert old.name.startswith("replaced-") and (old / "ledger.db").exists()
    services, _ = ctx.sign_in(ADMIN, ADMIN_PW)
    assert [r.account.username for r in services.list_accounts()] == [ADMIN]
    assert services.verify_store().ok


@pytest.mark.parametrize("damage, code", [
    (lambda raw: raw[: len(raw) // 2], "backup.corrupt"),
    (lambda raw: raw.replace(b'"schema": "', b'"schema": "X', 1), "backup.corrupt"),
    (lambda raw: b"not a zip at all", "backup.not_a_backup"),
])
def test_a_damaged_backup_is_refused_and_the_store_is_left_exactly_as_it_was(ctx, admin, tmp_path, damage, code):
    target = tmp_path / "b.clbak"
    admin.backup(target)
    admin.store.close()
    target.write_bytes(damage(target.read_bytes()))
    before = {p.name: p.read_bytes() for p in ctx.data_dir.iterdir() if p.is_file()}
    with pytest.raises(DomainError) as caught:
        ctx.restore(target, ADMIN, ADMIN_PW)
    assert caught.value.code == code
    assert {p.name: p.read_bytes() for p in ctx.data_dir.iterdir() if p.is_file()} == before


def test_a_flipped_byte_inside_the_backed_up_database_is_caught(ctx, admin, tmp_path):
    target = tmp_path / "b.clbak"
    admin.backup(target)
    admin.store.close()
    backup = read_backup(target)
    db = bytearray(backup.db)
    db[5000] ^= 0xFF
    with zipfile.ZipFile(target, "w") as archive:  # a forger who also fixes the hash in the manifest
        import hashlib
        import json
        manifest = dict(backup.manifest, db_sha256=hashlib.sha256(bytes(db)).hexdigest())
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("keyslots.json", backup.slots)
        archive.writestr("ledger.db", bytes(db))
    with pytest.raises(DomainError) as caught:
        ctx.restore(target, ADMIN, ADMIN_PW)
    assert caught.value.code == "backup.corrupt"


def test_restore_needs_a_system_administrator_of_the_backup(ctx, admin, tmp_path):
    admin.create_account(CreateAccount("biz", "业务员", None, "Temp-Passw0rd-1"))
    target = tmp_path / "b.clbak"
    admin.backup(target)
    admin.store.close()
    with pytest.raises(DomainError) as caught:
        ctx.restore(target, "biz", "Temp-Passw0rd-1")
    assert caught.value.code == "auth.permission_denied"
    with pytest.raises(DomainError) as wrong:
        ctx.restore(target, ADMIN, "Wrong-Passw0rd-1")
    assert wrong.value.code == "auth.wrong_credentials"


def test_a_disabled_administrator_cannot_restore_an_old_backup_to_undo_it(ctx, admin, tmp_path):
    from app.domain.accounts import Role
    target = tmp_path / "b.clbak"
    alice = admin.create_account(CreateAccount("alice", "爱丽丝", Role.SYSADMIN, "Temp-Passw0rd-1"))
    admin.backup(target)
    admin.disable_account(alice.id)
    admin.store.close()
    before = (ctx.data_dir / "ledger.db").read_bytes()
    with pytest.raises(DomainError) as caught:
        ctx.restore(target, "alice", "Temp-Passw0rd-1")
    assert caught.value.code == "auth.wrong_credentials"
    assert (ctx.data_dir / "ledger.db").read_bytes() == before


def test_the_current_administrator_authorises_the_restore_and_both_trails_record_it(ctx, admin, tmp_path):
    target = tmp_path / "b.clbak"
    admin.backup(target)
    admin.store.close()
    old = ctx.restore(target, ADMIN, ADMIN_PW)
    services, _ = ctx.sign_in(ADMIN, ADMIN_PW)
    with services.store.uow_factory() as uow:
        restored = [e for e in uow.audit.all_entries() if e.action == "store.restore"][-1]
    assert restored.detail["授权账户"] == ADMIN and restored.detail["原数据库审计条数"] > 0
    services.store.engine.dispose()
    assert (old / "audit-anchors.json").exists()  # the replaced store keeps its final anchor


def test_a_store_that_cannot_be_opened_is_restored_on_the_backups_credentials(ctx, admin, tmp_path):
    target = tmp_path / "b.clbak"
    admin.backup(target)
    admin.store.close()
    (ctx.data_dir / "ledger.db").write_bytes(b"\0" * 4096)  # destroyed
    ctx.restore(target, ADMIN, ADMIN_PW)
    services, _ = ctx.sign_in(ADMIN, ADMIN_PW)
    with services.store.uow_factory() as uow:
        restored = [e for e in uow.audit.all_entries() if e.action == "store.restore"][-1]
    assert restored.detail["原数据库"].startswith("无法打开")
    services.store.engine.dispose()
