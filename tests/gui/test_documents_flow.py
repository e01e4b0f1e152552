"""After approval, through the record page: issue the notice number, preview the 告知书 from memory,
print it (the print dialog replaced by a PDF printer), save it as PDF, record the service."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from app.usecases.notices import RecordService  # noqa: F401 - documents the use case the dialog drives
from tests.gui.harness import print_to_pdf_instead, ADMIN, ADMIN_PW, audit_actions, click, ok_button, type_into
from tests.gui.test_collection_flow import app, open_first_record, seeded_submitted_record, seeded_unit, sign_in  # noqa: F401
from ui.dialogs.service_dialog import ServiceDialog
from ui.widgets import ask

BUREAU = {"name": "广州市国家保密局", "contact": "周经办", "phone": "020-83000000", "address": "广州市越秀区"}


@pytest.fixture
def approved(app):
    window = sign_in(app, "jingban")
    record_id = seeded_submitted_record(window.services, seeded_unit(window.services))
    sign_in(app, "shenhe").services.review_record(record_id, agree=True, opinion="同意归集。")
    sign_in(app, "shenpi").services.approve_record(record_id, approve=True, opinion="批准。")
    return record_id


def test_the_notice_is_numbered_previewed_printed_saved_and_served(app, approved, qtbot, monkeypatch, tmp_path,
                                                                    shot):
    app.window.menuBar().actions()[0].menu().actions()[-1].trigger()  # 退出登录
    app.sign_in(ADMIN, ADMIN_PW).services.set_bureau_info(BUREAU)  # the contact printed on notices
    window = sign_in(app, "jingban")
    view = open_first_record(app, qtbot)
    assert "notice" not in view.buttons
    click(qtbot, view.buttons["issue_notice"])
    assert "notice" in view.buttons and "issue_notice" not in view.buttons

    click(qtbot, view.buttons["notice"])
    preview = view.documents.preview
    assert preview.isVisible() and preview.page_count() >= 1
    assert "穗密确信〔2026〕1号" in preview.windowTitle()
    qtbot.wait(1500)  # QPdfView renders pages on a worker thread
    shot(preview, "notice-preview")

    printed = tmp_path / "printed.pdf"

    print_to_pdf_instead(monkeypatch, printed, dpi=100)
    click(qtbot, preview.print_button)
    assert len(PdfReader(printed).pages) == preview.page_count()
    import shutil
    import os
    if os.environ.get("CREDIT_LEDGER_SHOTS"):
        shutil.copy(printed, os.path.join(os.environ["CREDIT_LEDGER_SHOTS"], "printed-notice.pdf"))

    target = tmp_path / "告知书.pdf"
    monkeypatch.setattr(ask, "ask_save_path", lambda *a: target)
    monkeypatch.setattr(ask, "inform", lambda *a: None)
    click(qtbot, preview.export_button)
    text = "".join(p.extract_text() for p in PdfReader(target).pages).replace(" ", "").replace("\n", "")
    assert "穗密确信〔2026〕1号" in text and "你单位" in text
    actions = {e.action for e in audit_actions(window.services)}
    assert {"document.issued", "document.printed", "document.exported"} <= actions
    preview.close()

    click(qtbot, view.buttons["service"])
    dialog = view.child
    assert isinstance(dialog, ServiceDialog)
    click(qtbot, ok_button(dialog))
    assert dialog.isVisible() and dialog.errors["signed_by"].text() == "请填写签收人。"
    type_into(qtbot, dialog.signed_by, "张三")
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    assert view.view.state_label == "异议期内"
    assert any(d.label == "异议期届满" and d.deadline.date == dt.date(2026, 12, 25) for d in view.view.deadlines)
