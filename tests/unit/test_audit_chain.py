"""The HMAC chain detects altered, deleted, reordered and cut-off entries, naming the first broken one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.audit import GENESIS, Anchor, AuditEntry, seal, verify_chain

KEY = b"a" * 32


def chain(n: int) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for i in range(1, n + 1):
        entry = seal(KEY, AuditEntry(i, f"2026-12-04T09:{i % 60:02d}:00+08:00", "auditor", "安全审计员",
                                     "audit.viewed", "audit", str(i), "成功", {"n": i}, prev, ""))
        entries.append(entry)
        prev = entry.mac
    return entries


def test_an_untouched_chain_verifies():
    report = verify_chain(chain(20), KEY)
    assert report.ok and report.checked == 20


def test_an_edited_entry_is_named():
    entries = chain(10)
    entries[4] = replace(entries[4], detail={"n": 999})
    report = verify_chain(entries, KEY)
    assert (report.ok, report.first_broken_seq, report.problem) == (False, 5, "mac_mismatch")


def test_a_deleted_entry_is_named_by_the_gap():
    entries = chain(10)
    del entries[6]
    report = verify_chain(entries, KEY)
    assert (report.first_broken_seq, report.problem) == (7, "sequence_gap")


def test_two_swapped_entries_break_the_chain_at_the_first():
    entries = chain(10)
    a, b = entries[2], entries[3]
    entries[2], entries[3] = replace(b, seq=3), replace(a, seq=4)
    report = verify_chain(entries, KEY)
    assert (report.first_broken_seq, report.problem) == (3, "link_broken")


def test_a_cut_tail_passes_the_chain_but_not_the_anchor():
    entries = chain(10)
    anchor = Anchor(10, entries[-1].mac, "2026-12-04T10:00:00+08:00", "summary")
    assert verify_chain(entries[:8], KEY).ok
    report = verify_chain(entries[:8], KEY, anchor)
    assert (report.ok, report.problem, report.first_broken_seq) == (False, "tail_missing", 9)


def test_a_replaced_tail_with_a_recomputed_chain_does_not_match_the_anchor():
    entries = chain(10)
    anchor = Anchor(10, entries[-1].mac, "", "backup")
    forged = entries[:9] + [seal(KEY, replace(entries[9], detail={"n": -1}, mac=""))]
    report = verify_chain(forged, KEY, anchor)
    assert (report.ok, report.problem) == (False, "anchor_mismatch")


def test_a_different_key_fails_on_the_first_entry():
    report = verify_chain(chain(3), b"b" * 32)
    assert (report.first_broken_seq, report.problem) == (1, "mac_mismatch")


@given(st.integers(min_value=1, max_value=30), st.data())
def test_any_single_edit_is_detected_at_that_entry(n, data):
    entries = chain(n)
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    entries[i] = replace(entries[i], outcome="失败")
    report = verify_chain(entries, KEY)
    assert not report.ok and report.first_broken_seq == i + 1


@pytest.mark.parametrize("field", ["at", "account", "roles", "action", "object_type", "object_id"])
def test_every_field_is_covered_by_the_mac(field):
    entries = chain(3)
    entries[1] = replace(entries[1], **{field: "x"})
    assert verify_chain(entries, KEY).first_broken_seq == 2
