"""Rendering, printing and saving a record's documents (on fakes, real PDFs read back)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import DomainError
from app.domain.record_status import ServiceMethod
from app.usecases.documents import DocumentKind
from app.usecases.notices import RecordService
from tests.usecases.test_collection import complete_draft, drafted, heard, staff  # noqa: F401 (fixture)

BUREAU = {"name": "广州市国家保密局", "contact": "陈经办", "phone": "020-83000000", "address": "广州市越秀区"}


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")


@pytest.fixture
def issued(world, staff, admins):
    from app.domain.accounts import Role
    world.services(admins[Role.SYSADMIN]).set_bureau_info(BUREAU)
    h = staff["handler"]
    record = heard(h, complete_draft(h, drafted(staff)))
    h.submit_record(record.id)
    staff["reviewer"].review_record(record.id, agree=True, opinion="同意")
    staff["approver"].approve_record(record.id, approve=True, opinion="批准")
    return h.issue_notice(record.id)


def test_the_notice_carries_its_number_the_subject_and_the_validity_end(staff, issued):
    doc = staff["handler"].render_document(DocumentKind.NOTICE, issued.id)
    text = text_of(doc.pdf)
    for expected in ("穗密确信〔2026〕1号", "广州某某信息技术有限公司", "你单位", "2029年12月4日", "15个工作日", "020-83000000"):
        assert expected in text, expected
    assert doc.pdf.startswith(b"%PDF") and not doc.reprint


def test_the_file_copy_prints_the_deadline_explanations_and_is_marked_a_reprint_after_printing(staff, issued):
    h = staff["handler"]
    h.record_service(RecordService(issued.id, ServiceMethod.IN_PERSON, dt.date(2026, 12, 4), "张三"))
    first = h.render_document(DocumentKind.NOTICE, issued.id, "file")
    assert "存档联" in text_of(first.pdf) and "起算日" in text_of(first.pdf)
    h.record_printed(first, "办公室打印机")
    again = h.render_document(DocumentKind.NOTICE, issued.id, "file")
    assert again.reprint and "补打" in text_of(again.pdf)


def test_the_notice_needs_the_bureau_contact_and_an_issued_number(world, staff):
    h = staff["handler"]
    record = heard(h, complete_draft(h, drafted(staff)))
    with pytest.raises(DomainError) as caught:
        h.render_document(DocumentKind.NOTICE, record.id)
    assert caught.value.code == "document.no_notice_number"


def test_the_approval_form_holds_the_three_opinions(staff, issued):
    text = text_of(staff["handler"].render_document(DocumentKind.APPROVAL, issued.id).pdf)
    assert "批准" in text and "同意" in text and "JINGBAN" in text.upper()


def test_saving_as_pdf_writes_the_file_and_audits_its_hash(world, staff, issued):
    h = staff["handler"]
    doc = h.render_document(DocumentKind.RECEIPT, issued.id)
    digest = h.export_document(doc, Path("/media/usb/回证.pdf"))
    assert world.written == (Path("/media/usb/回证.pdf"), doc.pdf)
    entry = world.store.audit_entries[-1]
    assert (entry.action, entry.detail["SHA-256"], entry.detail["文书"]) == ("document.exported", digest, "送达回证")


def test_a_licensed_font_can_replace_the_body_font_and_a_bad_path_is_refused(world, staff, admins, issued, tmp_path):
    from app.domain.accounts import Role
    from app.resources import resource_path
    admin = world.services(admins[Role.SYSADMIN])
    with pytest.raises(DomainError) as caught:
        admin.set_font_mapping({"fang": str(tmp_path / "仿宋_GB2312.ttf")})
    assert caught.value.code == "document.font_missing" and world.store.settings_data.get("fonts") is None
    licensed = str(resource_path("fonts", "wqy-zenhei", "wqy-zenhei.ttc"))  # stands in for a licensed font
    admin.set_font_mapping({"fang": licensed})
    pdf = staff["handler"].render_document(DocumentKind.NOTICE, issued.id).pdf
    assert b"WenQuanYiZenHei" in pdf and b"FandolFangTT" not in pdf
    assert world.store.audit_entries[-1].action == "settings.fonts"
