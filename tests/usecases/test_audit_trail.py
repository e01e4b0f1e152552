"""The auditor's use cases on fakes: verify, anchors, XLSX export, 审计摘要."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from app.domain.accounts import Role
from app.ports import AuditFilter


def test_verifying_an_intact_trail_anchors_its_head(world, admins):
    services = world.services(admins[Role.AUDITOR])
    report = services.verify_audit()
    assert report.ok
    anchor = world.store.anchors.latest()
    assert anchor.count == len(world.store.audit_entries) and anchor.head_mac == world.store.audit_entries[-1].mac


def test_a_trail_cut_below_the_latest_anchor_is_reported(world, admins):
    services = world.services(admins[Role.AUDITOR])
    services.verify_audit()
    world.store.audit_entries = world.store.audit_entries[:-2]
    report = services.verify_audit()
    assert not report.ok and report.problem == "tail_missing"
    assert world.store.audit_entries[-1].outcome == "异常"


def test_an_altered_entry_is_named_by_the_check(world, admins):
    services = world.services(admins[Role.AUDITOR])
    services.list_audit(AuditFilter(), record_view=True)
    services.list_audit(AuditFilter(), record_view=True)
    world.store.audit_entries[1] = replace(world.store.audit_entries[1], account="someone_else")
    report = services.verify_audit()
    assert (report.ok, report.first_broken_seq, report.problem) == (False, 2, "mac_mismatch")


def test_the_export_writes_a_workbook_of_the_filtered_view_and_is_audited(world, admins):
    services = world.services(admins[Role.AUDITOR])
    exported = services.export_audit(AuditFilter(account="auditor"), Path("/media/usb/审计.xlsx"))
    path, data = world.written
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert path == Path("/media/usb/审计.xlsx") and exported.rows == len(rows)
    assert {r[2] for r in rows} <= {"auditor"}
    last = world.store.audit_entries[-1]
    assert (last.action, last.detail["条数"], last.detail["SHA-256"]) == ("audit.exported", exported.rows,
                                                                         exported.sha256)


def test_the_summary_carries_an_anchor_and_counts_by_action(world, admins):
    services = world.services(admins[Role.AUDITOR])
    summary = services.audit_summary()
    assert summary.report.ok and summary.printed_by == "auditor"
    assert dict(summary.by_action) == {"校验审计链": 1, "打印审计摘要": 1}
    assert world.store.anchors.latest().count == summary.anchor.count == len(world.store.audit_entries)


def test_backup_records_start_and_success_and_stores_the_anchor(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    services.backup(Path("/media/usb/b.clbak"))
    outcomes = [(e.action, e.outcome) for e in world.store.audit_entries[-2:]]
    assert outcomes == [("store.backup", "开始"), ("store.backup", "成功")]
    target, anchor = world.store.maintenance.backups[0]
    assert anchor.count == len(world.store.audit_entries) - 1


def test_the_trail_is_checked_against_a_filed_paper_summary(world, admins):
    import pytest
    from app.domain.errors import ValidationError
    services = world.services(admins[Role.AUDITOR])
    summary = services.audit_summary()
    count, head = summary.anchor.count, summary.anchor.head_mac
    assert services.check_against_paper(count, head[:8].upper())
    world.store.audit_entries = world.store.audit_entries[:count - 1]  # the tail cut after printing
    assert not services.check_against_paper(count, head[:8])
    with pytest.raises(ValidationError):
        services.check_against_paper(count, "")
