"""The demo store (issue #4): built in-process with a fast KDF, then opened as each of its accounts."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.domain.identifiers import validate_resident_id, validate_uscc
from app.domain.subject import SubjectKind
from app.ports import AuditFilter, RecordFilter
from storage.keyslots import FAST_TEST_KDF
from ui.composition import Context
from ui.demo import ACCOUNTS, STATES, build_demo

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_LINE = re.compile(r"^  ([a-z]+) +(Demo-\S+) +(\S+)$")
STATE_LINE = re.compile(r"^  (\S+)（(\d+) 条）：(.*)$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("demo") / "data"
    lines: list[str] = []
    assert build_demo(folder, subjects=8, seed=3, out=lines.append, kdf=FAST_TEST_KDF) == 0
    return folder, lines


def printed_accounts(lines: list[str]) -> dict[str, tuple[str, str]]:
    return {m[1]: (m[2], m[3]) for m in map(ACCOUNT_LINE.match, lines) if m}


def printed_states(lines: list[str]) -> dict[str, tuple[int, list[str]]]:
    return {m[1]: (int(m[2]), m[3].split("、")) for m in map(STATE_LINE.match, lines) if m}


@contextmanager
def signed_in(folder: Path, username: str, password: str):
    ctx = Context(folder, kdf=FAST_TEST_KDF)
    ctx.acquire()
    try:
        services, result = ctx.sign_in(username, password)
        try:
            yield services, result
        finally:
            services.store.close()
    finally:
        ctx.release()


def as_account(demo, username: str):
    folder, lines = demo
    return signed_in(folder, username, printed_accounts(lines)[username][0])


def test_every_role_signs_in_with_the_printed_password_without_a_forced_change(demo):
    folder, lines = demo
    accounts = printed_accounts(lines)
    assert {u: role for u, (_, role) in accounts.items()} == {u: r.label for u, _, r, _ in ACCOUNTS}
    for username, (password, role) in accounts.items():
        with signed_in(folder, username, password) as (services, result):
            assert not result.must_change_password, username
            assert [r.label for r in services.session.roles] == [role]


def test_records_exist_in_every_state_and_the_printed_numbers_are_in_that_state(demo):
    printed = printed_states(demo[1])
    assert list(printed) == list(STATES)
    with as_account(demo, "chaxun") as (services, _):
        assert services.prepare_list() == 0  # the demo left every snapshot fresh for today
        for label in STATES:
            flt = RecordFilter(states=(label,))
            assert services.count_records(flt) == printed[label][0] >= 1, label
            listed = {row.number for row in services.list_records(flt, 0, 500)}
            assert set(printed[label][1]) <= listed, label


def test_collection_dates_span_four_years_and_every_returned_draft_has_a_comment(demo):
    with as_account(demo, "jingban") as (services, _):
        rows = services.list_records(RecordFilter(), 0, 500)
        years = {int(row.collected_on[:4]) for row in rows if row.collected_on}
        assert min(years) <= dt.date.today().year - 3 and max(years) >= dt.date.today().year - 1
        for row in rows:
            if row.state == "已退回":
                assert services.view_record(row.id).record.returned_comments()


def test_every_identifier_is_valid_and_from_guangzhou(demo):
    with as_account(demo, "jingban") as (services, _):
        subjects = services.search_subjects("")
        assert len(subjects) == 8
        for ref in subjects:
            if ref.kind is SubjectKind.UNIT:
                assert validate_uscc(ref.identifier)[2:6] == "4401" and ref.name.startswith("广州")
            else:
                assert validate_resident_id(ref.identifier, today=dt.date.today()).region_code.startswith("4401")
                assert services.view_subject(ref.kind, ref.id).employer is not None


def test_the_audit_chain_verifies_and_runs_in_time_order(demo):
    with as_account(demo, "auditor") as (services, _):
        assert services.verify_audit().ok
        times = [entry.when for entry in reversed(services.list_audit(AuditFilter()))]
        assert times == sorted(times)


def test_a_folder_that_already_has_a_store_is_refused(demo):
    with pytest.raises(DomainError) as caught:
        build_demo(demo[0], subjects=3, out=lambda _: None, kdf=FAST_TEST_KDF)
    assert caught.value.code == "store.already_exists"


def test_the_same_seed_gives_the_same_data(tmp_path):
    outputs = []
    for name in ("a", "b"):
        lines: list[str] = []
        build_demo(tmp_path / name, subjects=4, seed=11, out=lines.append, kdf=FAST_TEST_KDF)
        with signed_in(tmp_path / name, "jingban", printed_accounts(lines)["jingban"][0]) as (services, _):
            subjects = [(s.name, s.identifier) for s in services.search_subjects("")]
        outputs.append((printed_states(lines), subjects))
    assert outputs[0] == outputs[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDIT_LEDGER")}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)


def test_the_command_line_builds_a_demo_store_with_the_real_key_derivation(tmp_path):
    result = run_cli("demo", "--data-dir", str(tmp_path / "demo"), "--subjects", "5")
    assert result.returncode == 0, result.stderr
    assert set(printed_accounts(result.stdout.splitlines())) == {u for u, *_ in ACCOUNTS}
    assert re.search(r"^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$", result.stdout, re.M)
    again = run_cli("demo", "--data-dir", str(tmp_path / "demo"))
    assert again.returncode == 1 and again.stderr.strip().splitlines() == [f"该文件夹中已有数据库：{tmp_path / 'demo'}"]
    missing = run_cli("demo")
    assert missing.returncode == 1 and "--data-dir" in missing.stderr and "Traceback" not in missing.stderr
