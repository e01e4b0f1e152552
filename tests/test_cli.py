"""The command line, run as a user runs it: a real process, a real store, real key derivation."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "root_admin", "Cli-Passw0rd-2026"


def run(*args: str, env_extra: dict | None = None, password: str = PASSWORD) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDIT_LEDGER")}
    env.update({"CREDIT_LEDGER_USER": USER, "CREDIT_LEDGER_PASSWORD": password, **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "data"
    result = run("init", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert re.search(r"^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$", result.stdout, re.M), result.stdout
    return folder


def test_init_refuses_a_folder_that_already_has_a_store(store):
    result = run("init", "--data-dir", str(store))
    assert result.returncode == 1 and result.stderr.strip().startswith("该文件夹中已有数据库")
    assert "Traceback" not in result.stderr


def test_verify_says_what_it_checked_and_passes_on_a_healthy_store(store):
    result = run("verify", "--data-dir", str(store))
    assert result.returncode == 0, result.stderr
    for what in ("加密页校验（cipher_integrity_check）：通过", "数据库结构检查（integrity_check）：通过", "审计链：完整"):
        assert what in result.stdout


def test_a_wrong_password_is_one_chinese_line_and_exit_1(store):
    result = run("verify", "--data-dir", str(store), password="Not-The-Passw0rd")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["账户名或密码不正确。再失败 4 次，账户将被锁定。"]


def test_backup_then_restore_round_trips_and_keeps_the_old_store(store, tmp_path):
    target = tmp_path / "backup.clbak"
    backup = run("backup", "--to", str(target), "--data-dir", str(store))
    assert backup.returncode == 0, backup.stderr
    assert target.exists() and "SHA-256" in backup.stdout
    restore = run("restore", "--from", str(target), "--data-dir", str(store))
    assert restore.returncode == 0, restore.stderr
    assert list(store.glob("replaced-*"))
    assert run("verify", "--data-dir", str(store)).returncode == 0


def test_restore_from_a_file_that_is_not_a_backup_changes_nothing(store, tmp_path):
    junk = tmp_path / "junk.clbak"
    junk.write_bytes(b"hello")
    before = (store / "ledger.db").read_bytes()
    result = run("restore", "--from", str(junk), "--data-dir", str(store))
    assert result.returncode == 1 and "不是本系统的备份文件" in result.stderr
    assert (store / "ledger.db").read_bytes() == before


def test_a_tampered_audit_trail_makes_verify_exit_1(tmp_path):
    folder = tmp_path / "data"
    assert run("init", "--data-dir", str(folder)).returncode == 0
    assert run("verify", "--data-dir", str(folder)).returncode == 0  # anchors the head
    from storage.keyslots import KeySlotFile
    from storage.engine import connect
    key = KeySlotFile.load(folder / "keyslots.json").unwrap_account(USER, PASSWORD)
    conn = connect(folder / "ledger.db", key)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    conn.close()
    result = run("verify", "--data-dir", str(folder))
    assert result.returncode == 1 and "审计链：异常" in result.stdout


def test_workdays_add_prints_the_date_first_and_exits_2_when_provisional(tmp_path):
    ok = run("workdays", "add", "2025-09-30", "15", "--data-dir", str(tmp_path / "none"))
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == "2025-10-28"
    provisional = run("workdays", "add", "2026-12-20", "15", "--data-dir", str(tmp_path / "none"))
    assert provisional.returncode == 2 and provisional.stdout.splitlines()[0] == "2027-01-11"
    assert "暂定" in provisional.stdout


def test_a_second_process_on_an_open_store_is_refused(store):
    from storage.store import Vault
    holder = Vault(store)
    holder.acquire()
    try:
        result = run("verify", "--data-dir", str(store))
    finally:
        holder.release()
    assert result.returncode == 1 and "已被另一个程序实例打开" in result.stderr


def test_self_test_opens_a_temporary_store_and_exits_0():
    result = run("--self-test")
    assert result.returncode == 0 and result.stdout.startswith("自检通过")


def test_an_account_with_a_temporary_password_is_refused_on_the_command_line(tmp_path):
    folder = tmp_path / "data"
    assert run("init", "--data-dir", str(folder)).returncode == 0
    from app.usecases.accounts import CreateAccount
    from ui.composition import Context
    ctx = Context(folder)
    services, _ = ctx.sign_in(USER, PASSWORD)
    from app.domain.accounts import Role
    services.create_account(CreateAccount("shenji", "审计员", Role.AUDITOR, "Temp-Passw0rd-1"))
    services.store.close()
    ctx.release()
    result = run("verify", "--data-dir", str(folder), env_extra={"CREDIT_LEDGER_USER": "shenji"},
                 password="Temp-Passw0rd-1")
    assert result.returncode == 1 and "须先在程序窗口中修改密码" in result.stderr
