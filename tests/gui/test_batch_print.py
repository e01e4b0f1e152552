"""A batch of notices: rendered on a worker thread with a progress dialog, cancellable, then printed."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.gui.harness import print_to_pdf_instead, ADMIN, ADMIN_PW, audit_actions, click
from tests.gui.test_collection_flow import app, seeded_submitted_record, seeded_unit, sign_in  # noqa: F401

BUREAU = {"name": "广州市国家保密局", "contact": "周经办", "phone": "020-83000000", "address": ""}


@pytest.fixture
def numbered(app):
    """Three approved records with notice numbers, and one approved without."""
    app.sign_in(ADMIN, ADMIN_PW).services.set_bureau_info(BUREAU)
    window = sign_in(app, "jingban")
    ids = [seeded_submitted_record(window.services, seeded_unit(window.services, f"广州测试{i}号信息有限公司",
                                                                f"91440101MA59TEXT{i}")) for i in range(4)]
    reviewer = sign_in(app, "shenhe").services
    for record_id in ids:
        reviewer.review_record(record_id, agree=True, opinion="同意")
    approver = sign_in(app, "shenpi").services
    for record_id in ids:
        approver.approve_record(record_id, approve=True, opinion="批准")
    handler = sign_in(app, "jingban")
    for record_id in ids[:3]:
        handler.services.issue_notice(record_id)
    page = handler.page("失信信息")
    page.refresh()
    return page


def test_a_batch_renders_on_a_worker_with_progress_then_prints_and_audits_each_notice(numbered, qtbot, monkeypatch,
                                                                                       tmp_path):
    page = numbered
    click(qtbot, page.buttons["batch"])
    batch = page.batch
    qtbot.waitUntil(lambda: batch.preview is not None and batch.preview.isVisible(), timeout=15000)
    assert batch.progress.maximum() == 3 and batch.batch.skipped == 1
    assert batch.preview.page_count() == 3
    printed = tmp_path / "batch.pdf"

    print_to_pdf_instead(monkeypatch, printed, dpi=72)
    monkeypatch.setattr("ui.widgets.ask.inform", lambda *a: None)
    click(qtbot, batch.preview.print_button)
    assert len(PdfReader(printed).pages) == 3
    printed_entries = [e for e in audit_actions(page._services, "document.printed")]
    assert len(printed_entries) == 3 and {e.detail["批量"] for e in printed_entries} == {3}


def test_cancelling_the_batch_stops_the_worker_and_says_so(numbered, qtbot, monkeypatch):
    page = numbered
    original = page._services.render_notice_batch

    def slow_render(batch, progress):
        def cancel_after_first(done, total):
            page.batch.worker.cancel_requested.set()  # as if 取消 was pressed after the first notice
            return progress(done, total)
        return original(batch, cancel_after_first)
    monkeypatch.setattr(page._services, "render_notice_batch", slow_render)
    click(qtbot, page.buttons["batch"])
    qtbot.waitUntil(lambda: "已取消" in page.error.text(), timeout=15000)
    assert page.batch.preview is None and not page.batch.thread.isRunning()
