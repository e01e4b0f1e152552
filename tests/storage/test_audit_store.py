"""The audit trail in the real store: append-only, in the same transaction, tamper-evident."""

from __future__ import annotations

import pytest

from app.domain.accounts import Role
from app.domain.errors import DomainError
from app.ports import AuditFilter
from app.usecases.accounts import CreateAccount
from storage.engine import connect
from tests.storage.conftest import ADMIN, ADMIN_PW


def raw(ctx, admin):
    admin.store.close()
    return connect(ctx.data_dir / "ledger.db", admin.store.db_key)


def auditor(ctx, admin):
    admin.create_account(CreateAccount("shenji", "审计员", Role.AUDITOR, "Audit-Passw0rd"))
    services, _ = ctx.sign_in("shenji", "Audit-Passw0rd")
    return services


def test_updates_and_deletes_of_audit_rows_are_refused_by_the_database(ctx, admin):
    conn = raw(ctx, admin)
    for sql in ("UPDATE audit_log SET account='x' WHERE seq=1", "DELETE FROM audit_log WHERE seq=1"):
        with pytest.raises(Exception, match="append-only"):
            conn.execute(sql)
    conn.close()


def test_a_change_and_its_audit_entry_commit_together_or_not_at_all(ctx, admin, monkeypatch):
    from storage.repositories import SqlAuditLog
    monkeypatch.setattr(SqlAuditLog, "append", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("audit down")))
    with pytest.raises(RuntimeError):
        admin.create_account(CreateAccount("li", "李四", None, "Temp-Passw0rd-1"))
    monkeypatch.undo()
    assert [r.account.username for r in admin.list_accounts()] == [ADMIN]


def test_each_entry_has_local_time_with_offset_account_action_and_before_after(ctx, admin):
    account = admin.create_account(CreateAccount("li", "李四", None, "Temp-Passw0rd-1"))
    services = auditor(ctx, admin)
    entry = next(e for e in services.list_audit(AuditFilter(action="account.created")) if e.object_id == "li")
    assert entry.at.endswith("+08:00") and entry.account == ADMIN and entry.roles == "系统管理员"
    assert entry.detail["after"] == {"姓名": "李四", "角色": "（待授权）"} and account.id


def _tamper(ctx, services, statements):
    conn = raw(ctx, services)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.close()


@pytest.mark.parametrize("statements, seq, problem", [
    (["UPDATE audit_log SET outcome='失败' WHERE seq=2"], 2, "mac_mismatch"),
    (["DELETE FROM audit_log WHERE seq=3"], 3, "sequence_gap"),
    (["UPDATE audit_log SET seq=-1 WHERE seq=2", "UPDATE audit_log SET seq=2 WHERE seq=3",
      "UPDATE audit_log SET seq=3 WHERE seq=-1"], 2, "link_broken"),
])
def test_editing_deleting_or_reordering_an_entry_is_detected_naming_the_first_broken(ctx, admin, statements, seq,
                                                                                    problem):
    services = auditor(ctx, admin)
    for _ in range(3):
        services.list_audit(AuditFilter(), record_view=True)
    _tamper(ctx, services, statements)
    services, _ = ctx.sign_in("shenji", "Audit-Passw0rd")
    report = services.verify_audit()
    assert (report.ok, report.first_broken_seq, report.problem) == (False, seq, problem)


def test_cutting_off_the_tail_is_detected_by_the_anchor_kept_outside_the_table(ctx, admin):
    services = auditor(ctx, admin)
    assert services.verify_audit().ok  # anchors the head
    anchor = services.store.anchors.latest()
    _tamper(ctx, services, [f"DELETE FROM audit_log WHERE seq >= {anchor.count - 1}"])
    services, _ = ctx.sign_in("shenji", "Audit-Passw0rd")
    report = services.verify_audit()
    assert not report.ok and report.problem == "tail_missing"


def test_the_anchor_file_itself_is_authenticated(ctx, admin):
    services = auditor(ctx, admin)
    services.verify_audit()
    path = ctx.data_dir / "audit-anchors.json"
    path.write_text(path.read_text().replace('"count": ', '"count": 1', 1))
    assert all(not ok for _, ok in services.store.anchors.all()[:1])


def test_the_filters_select_by_account_action_and_object(ctx, admin):
    admin.create_account(CreateAccount("li", "李四", None, "Temp-Passw0rd-1"))
    services = auditor(ctx, admin)
    by_account = services.list_audit(AuditFilter(account=ADMIN))
    assert by_account and {e.account for e in by_account} == {ADMIN}
    assert {e.action for e in services.list_audit(AuditFilter(action="auth.sign_in"))} == {"auth.sign_in"}
    assert [e.object_id for e in services.list_audit(AuditFilter(object_text="li", action="account.created"))] == ["li"]


def test_the_administrators_cannot_read_the_trail(ctx, admin):
    with pytest.raises(DomainError):
        admin.list_audit(AuditFilter())
    assert ADMIN_PW
