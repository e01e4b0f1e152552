"""The 告知书, 送达回证 and 审批表 hold the filled fields; file copies add the stamp and deadlines; batches."""

from __future__ import annotations

import dataclasses

import pytest

from app.documents.approval_form import render_approval_form
from app.documents.batch import Cancelled, NoticeJob, render_notices
from app.documents.notice import render_notice
from app.documents.receipt import render_receipt
from app.domain.errors import DomainError
from app.domain.numbering import DocumentNumber

from tests.documents.conftest import D, lines_of, page_count, text_of


def notice(record, subject, bureau, **kw):
    return render_notice(record, subject, DocumentNumber("穗密确信", 2026, 1), issued_on=D(2026, 12, 4),
                         validity_end=D(2029, 12, 2), bureau=bureau, **kw)


def test_the_notice_fills_the_annex_wording_from_the_record(record, unit, bureau):
    pdf = notice(record, unit, bureau)
    text = text_of(pdf).replace(" ", "")
    for expected in ("失信信息归集告知书", "穗密确信〔2026〕1号", "广州某某信息技术有限公司：",
                     "你单位因违规将涉密载体带离保密场所，于2026年10月9日被保密行政管理部门（广州市国家保密局）"
                     "给予警告并暂停涉密业务六个月，现根据《广州市涉密领域失信信息管理暂行办法》第六条第（二）项的规定，"
                     "于2026年12月3日起将上述信息归集到广州市涉密领域失信信息管理，有效期为3年（至2029年12月2日止）。",
                     "如有异议，可在收到本告知书之日起15个工作日内，向广州市国家保密局提出异议申请，并提供说明材料。",
                     "广州市国家保密局2026年12月4日", "（联系人：陈某某　联系电话：020-83000000）"):
        assert expected in text
    assert page_count(pdf) == 1
    assert len(pdf) <= 200 * 1024
    assert "存档联" not in text


def test_a_person_is_addressed_as_you_not_your_unit(person_record, person, bureau):
    text = text_of(notice(person_record, person, bureau))
    assert "你因违规将涉密载体" in text and "你单位" not in text


def test_the_signature_date_is_4_characters_in_from_the_right(record, unit, bureau):
    lines = lines_of(notice(record, unit, bureau))
    date = next(ln for ln in lines if "".join(c["text"] for c in ln) == "2026年12月4日")
    organ = next(ln for ln in lines if "".join(c["text"] for c in ln) == "广州市国家保密局")
    mm = 72 / 25.4
    assert abs(date[-1]["x1"] / mm - (184 - 4 * 156 / 28)) <= 1
    centre = lambda ln: (ln[0]["x0"] + ln[-1]["x1"]) / 2  # noqa: E731
    assert abs(centre(date) - centre(organ)) / mm <= 1  # 署名 centred on the date


def test_the_file_copy_adds_the_label_stamp_and_deadline_explanations(person_record, person, bureau, stamp,
                                                                      deadlines):
    pdf = notice(person_record, person, bureau, copy="file", stamp=stamp, deadlines=deadlines)
    text = text_of(pdf).replace(" ", "")
    assert "存档联" in text and "生成：jingban" in text and "2026年12月4日10:20" in text and "（补打）" in text
    assert "期限计算说明" in text and "届满日：2029年12月2日（星期日）" in text and "依据：第九条，15个工作日" in text
    assert page_count(pdf) == 2
    with pytest.raises(DomainError) as caught:
        notice(person_record, person, bureau, copy="file")
    assert caught.value.field == "stamp"


def test_a_notice_needs_the_collection_date(record, unit, bureau):
    with pytest.raises(DomainError) as caught:
        notice(dataclasses.replace(record, collected_on=None), unit, bureau)
    assert (caught.value.code, caught.value.field) == ("document.field_missing", "collected_on")


def test_the_receipt_names_document_recipient_address_and_method(unit, person, stamp):
    text = text_of(render_receipt(unit, "穗密确信〔2026〕1号", method="留置送达", server="陈某某"))
    for expected in ("送达回证", "《失信信息归集告知书》", "穗密确信〔2026〕1号", "广州某某信息技术有限公司",
                     "广州市天河区某某路1号", "■留置送达", "□直接送达", "□邮寄送达", "□委托送达", "□公告送达",
                     "受送达人", "签名或盖章", "送达人", "陈某某", "备注", "送达机关：广州市国家保密局"):
        assert expected in text
    blank = text_of(render_receipt(person, "穗密确信〔2026〕2号", copy="file", stamp=stamp))
    assert "■" not in blank and "王堃䶮" in blank and "存档联" in blank
    with pytest.raises(DomainError) as caught:
        render_receipt(unit, "穗密确信〔2026〕1号", method="电话送达")
    assert caught.value.code == "document.service_method"


def test_the_approval_form_holds_facts_basis_hearing_and_three_opinions(record, unit):
    text = text_of(render_approval_form(record, unit, today=D(2026, 12, 4)))
    for expected in ("失信信息归集审批表", "XY2026-00001", unit.uscc, "穗密罚〔2026〕3号", "受到保密行政管理部门行政处罚",
                     "违规将涉密载体带离保密场所", "警告、暂停涉密业务", "2026年8月检查发现", "对事实无异议", "不予采纳",
                     "处罚已从轻", "经办人：jingban2026年12月1日", "事实清楚，依据充分，同意归集。",
                     "审核人：shenhe2026年12月2日", "批准归集。", "审批人：shenpi2026年12月3日"):
        assert expected in text.replace("　", "").replace(" ", "")


def test_a_batch_renders_every_notice_into_one_pdf_and_reports_progress(record, person_record, unit, person):
    jobs = [NoticeJob(record, unit, f"穗密确信〔2026〕{i}号", D(2026, 12, 4), D(2029, 12, 2)) for i in range(1, 4)]
    jobs.append(NoticeJob(person_record, person, "穗密确信〔2026〕4号", D(2026, 12, 4), D(2029, 12, 2)))
    calls = []
    pdf = render_notices(jobs, progress=lambda done, total: calls.append((done, total)) or True)
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert page_count(pdf) == 4
    text = text_of(pdf)
    assert all(f"穗密确信〔2026〕{i}号" in text for i in range(1, 5))


def test_a_batch_can_be_cancelled_and_names_the_notice_that_cannot_print(record, person_record, unit, person):
    jobs = [NoticeJob(record, unit, f"穗密确信〔2026〕{i}号", D(2026, 12, 4), D(2029, 12, 2)) for i in range(1, 4)]
    with pytest.raises(Cancelled) as caught:
        render_notices(jobs, progress=lambda done, total: done < 2)
    assert caught.value.code == "document.cancelled" and caught.value.params == {"done": 2, "total": 3}
    bad = dataclasses.replace(person, name="王\ue000")
    with pytest.raises(DomainError) as caught:
        render_notices([*jobs, NoticeJob(person_record, bad, "穗密确信〔2026〕9号", D(2026, 12, 4), D(2029, 12, 2))])
    assert caught.value.code == "document.missing_glyph" and caught.value.params["item"] == 3


def test_fields_ending_in_punctuation_do_not_double_it_in_the_sentence():
    from app.documents.notice import clause
    assert clause("给予警告，罚款人民币1万元。") == "给予警告，罚款人民币1万元"
    assert clause(" 违规携带涉密载体；") == "违规携带涉密载体"


def test_no_line_starts_with_closing_punctuation_even_when_two_follow_each_other():
    from app.documents.fonts import font_book
    from app.documents.layout import NO_LINE_START, Shaper, break_lines
    shaper = Shaper(font_book())
    # "）" still fits at the end of the first line, "。" does not: both must move down with a character
    text = "测" * 26 + "（" + "）。" + "后续文字"
    tokens = shaper.tokens(text, "fang", 16)
    lines = break_lines(tokens, 28 * 16 + 0.1)
    assert len(lines) == 2
    assert lines[1][0].text[:1] not in NO_LINE_START and lines[1][0].text == "（"
