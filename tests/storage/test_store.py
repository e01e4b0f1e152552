"""The real encrypted store: encryption at rest, pragmas, keys and slots, faults that leave it unchanged."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from app.domain.accounts import Role
from app.domain.errors import DomainError
from app.usecases.accounts import CreateAccount, ResetPassword
from app.usecases.session import ChangeOwnPassword, RecoverWithKey
from storage.engine import connect
from storage.keyslots import KeySlotFile
from storage.store import Vault
from tests.storage.conftest import ADMIN, ADMIN_PW

ID_NUMBER = "44010619900307123X"
NAME = "欧阳测试名"


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_the_database_file_has_no_sqlite_header(ctx, admin):
    assert not (ctx.data_dir / "ledger.db").read_bytes().startswith(b"SQLite format 3")


def test_a_name_and_an_id_number_written_through_the_app_are_in_no_file_of_the_data_folder(ctx, admin):
    # Accounts are the only personal data this foundation stores: the ID number is used as an account name.
    admin.create_account(CreateAccount(ID_NUMBER, NAME, None, "Temp-Passw0rd-1"))
    with admin.store.engine.connect() as conn:  # keep a connection open so the WAL holds the data too
        conn.exec_driver_sql("SELECT 1")
        files = every_file(ctx.data_dir)
        assert {p.name for p in files} >= {"ledger.db", "keyslots.json", "signin-state.json"}
        for path in files:
            raw = path.read_bytes()
            for needle in (NAME.encode("utf-8"), NAME.encode("utf-16-le"), NAME.encode("gb18030"),
                           ID_NUMBER.encode("ascii"), ID_NUMBER.encode("utf-16-le")):
                assert needle not in raw, f"{needle!r} found in {path.name}"


def test_every_connection_has_the_security_pragmas(ctx, admin):
    with admin.store.engine.connect() as conn:
        value = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert str(value("cipher_memory_security")) == "1"
        assert value("temp_store") == 2  # MEMORY
        assert value("foreign_keys") == 1
        assert value("journal_mode") == "wal"
        assert value("synchronous") == 2  # FULL
        assert str(value("cipher_version")).startswith("4.")


def test_a_wrong_password_is_our_error_and_opens_nothing(ctx):
    with pytest.raises(DomainError) as caught:
        ctx.sign_in(ADMIN, "Wrong-Passw0rd")
    assert caught.value.code == "auth.wrong_credentials"


def test_an_unknown_account_gets_the_same_answer_as_a_wrong_password(ctx):
    with pytest.raises(DomainError) as caught:
        ctx.sign_in("nobody", ADMIN_PW)
    assert caught.value.code == "auth.wrong_credentials"


def test_a_wrong_raw_key_is_a_known_error_not_a_traceback(ctx):
    with pytest.raises(DomainError) as caught:
        connect(ctx.data_dir / "ledger.db", b"\x01" * 32)
    assert caught.value.code == "store.not_a_store_or_wrong_key"


def test_adding_changing_and_removing_a_slot_never_rewrites_the_database(ctx, admin):
    db = ctx.data_dir / "ledger.db"
    admin.create_account(CreateAccount("li", "李四", Role.AUDITOR, "Temp-Passw0rd-1"))
    admin.store.close()
    before = db.read_bytes()
    slots = KeySlotFile.load(ctx.data_dir / "keyslots.json")
    key = slots.unwrap_account("li", "Temp-Passw0rd-1")
    slots.set_account("li", "Other-Passw0rd-2", key)
    with pytest.raises(DomainError):
        slots.unwrap_account("li", "Temp-Passw0rd-1")
    assert slots.unwrap_account("li", "Other-Passw0rd-2") == key == slots.unwrap_account(ADMIN, ADMIN_PW)
    slots.remove_account("li")
    with pytest.raises(DomainError):
        slots.unwrap_account("li", "Other-Passw0rd-2")
    assert db.read_bytes() == before


def test_slot_kdf_parameters_are_authenticated(ctx):
    path = ctx.data_dir / "keyslots.json"
    path.write_text(path.read_text().replace('"iterations": 1', '"iterations": 2', 1))
    with pytest.raises(DomainError) as caught:
        KeySlotFile.load(path).unwrap_account(ADMIN, ADMIN_PW)
    assert caught.value.code == "auth.wrong_credentials"


def test_the_slot_file_names_no_account_in_plaintext(ctx, admin):
    admin.create_account(CreateAccount("zhangsan", "张三", None, "Temp-Passw0rd-1"))
    text = (ctx.data_dir / "keyslots.json").read_text()
    assert "zhangsan" not in text and ADMIN not in text


def test_the_recovery_key_opens_the_store_when_every_password_is_lost(ctx):
    ctx.recover(RecoverWithKey(ctx.recovery_key.lower().replace("-", " "), ADMIN, "Brand-New-Pass1", "Brand-New-Pass1"))
    services, _ = ctx.sign_in(ADMIN, "Brand-New-Pass1")
    assert services.session.account.username == ADMIN
    services.store.engine.dispose()


def test_a_reset_password_must_be_changed_and_the_change_persists_across_restarts(ctx, admin):
    account = admin.create_account(CreateAccount("wu", "吴五", None, "Temp-Passw0rd-1"))
    admin.reset_password(ResetPassword(account.id, "Reset-Passw0rd-2"))
    services, result = ctx.sign_in("wu", "Reset-Passw0rd-2")
    assert result.password_change_reason == "first_sign_in"
    services.change_own_password(ChangeOwnPassword("Reset-Passw0rd-2", "Mine-Passw0rd-3", "Mine-Passw0rd-3"))
    fresh = Vault(ctx.data_dir)
    assert fresh.slots.unwrap_account("wu", "Mine-Passw0rd-3") == services.store.db_key


def test_the_failure_counter_survives_a_restart(ctx, tmp_path, clock):
    for _ in range(4):
        with pytest.raises(DomainError):
            ctx.sign_in(ADMIN, "bad")
    ctx.release()
    from ui.composition import Context
    restarted = Context(ctx.data_dir, clock=clock)
    with pytest.raises(DomainError) as caught:
        restarted.sign_in(ADMIN, "bad")
    assert caught.value.code == "auth.account_locked_now"
    with pytest.raises(DomainError) as locked:
        restarted.sign_in(ADMIN, ADMIN_PW)
    assert locked.value.code == "auth.account_locked"
    restarted.release()


def test_a_second_instance_on_the_same_store_is_refused(ctx, admin):
    other = Vault(ctx.data_dir)
    with pytest.raises(DomainError) as caught:
        other.acquire()
    assert caught.value.code == "store.in_use"


def test_a_file_that_is_not_our_store_is_refused_and_left_unchanged(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    sqlite3.connect(folder / "ledger.db").execute("CREATE TABLE t(x)").connection.commit()
    original = (folder / "ledger.db").read_bytes()
    with pytest.raises(DomainError) as caught:
        Vault(folder).open_with_key(b"\0" * 32)
    assert caught.value.code == "store.not_a_store_or_wrong_key"
    assert (folder / "ledger.db").read_bytes() == original


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_truncated_or_corrupted_store_gets_a_known_error_and_is_not_written(ctx, admin, damage):
    admin.store.close()
    db = ctx.data_dir / "ledger.db"
    raw = bytearray(db.read_bytes())
    if damage == "truncate":
        raw = raw[: len(raw) // 2 + 100]
    else:
        for i in range(4200, 4300):
            raw[i] ^= 0xFF
    db.write_bytes(bytes(raw))
    with pytest.raises(DomainError) as caught:
        ctx.sign_in(ADMIN, ADMIN_PW)
    assert caught.value.code in ("store.corrupt", "store.slots_do_not_match")
    assert db.read_bytes() == bytes(raw)


def test_a_full_disk_while_writing_a_slot_leaves_the_old_password_working(ctx, admin, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("storage.files.os.fsync", full)
    with pytest.raises(DomainError) as caught:
        admin.change_own_password(ChangeOwnPassword(ADMIN_PW, "Next-Passw0rd-1", "Next-Passw0rd-1"))
    monkeypatch.undo()
    assert caught.value.code == "store.disk_full"
    assert not [p for p in ctx.data_dir.iterdir() if p.name.endswith(".part")]
    services, result = ctx.sign_in(ADMIN, ADMIN_PW)
    assert result.password_change_reason is None
    with services.store.uow_factory() as uow:  # the transaction was rolled back: no half-recorded change
        assert "auth.password_changed" not in [e.action for e in uow.audit.all_entries()]
    services.store.engine.dispose()


def test_database_files_are_readable_by_the_owner_only(ctx, admin):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    for name in ("ledger.db", "keyslots.json", "signin-state.json"):
        assert (ctx.data_dir / name).stat().st_mode & 0o077 == 0, name


def test_a_full_width_account_name_signs_in_as_the_same_account(ctx, admin):
    services, _ = ctx.sign_in("ａｄｍｉｎ", ADMIN_PW)
    assert services.session.account.username == ADMIN
    services.store.engine.dispose()


def test_new_slots_never_get_a_cheaper_kdf_than_the_floor(tmp_path):
    from storage.keyslots import MIN_KDF, KdfParams
    slots = KeySlotFile.create(tmp_path / "keyslots.json")
    slots.set_account("planted", "x", b"k" * 32, KdfParams(memory_kib=64, iterations=1, lanes=1))
    assert slots.current_params() == MIN_KDF
