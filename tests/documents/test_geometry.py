"""Measured geometry against GB/T 9704-2012: margins, line pitch, 28 characters per line, page numbers.

How it is measured: pdfplumber reports each character's box as [baseline + descent, + 1 em] of the font
that draws it (its em box); "top" is that box's top edge from the top of the page, "x0" its left edge.
The engine puts the em box's top on the top edge of each grid line, so the first line's top is the
天头 and the left edge of an unindented line is the 订口.
"""

from __future__ import annotations

import pytest

from app.documents.fonts import font_book
from app.documents.layout import Document, LetterHead
from app.documents.notice import render_notice

from tests.documents.conftest import D, MM, lines_of, page_count

TOLERANCE = 1.0  # mm (5.2.1: ±1 mm; 6: type-area error ≤ 1 mm)
PITCH_MM = 225 / 22
CHAR_MM = 156 / 28
BODY = "保密工作事关国家安全和利益，涉密资质单位应当建立健全保密管理制度，落实保密责任，加强涉密人员管理。" * 12


def body_lines(pdf: bytes, page: int = 0) -> list[list[dict]]:
    return [ln for ln in lines_of(pdf, page) if round(ln[0]["size"]) == 16]


@pytest.fixture(scope="module")
def long_text() -> bytes:
    doc = Document(font_book())
    doc.paragraph(BODY)
    doc.paragraph(BODY)
    return doc.render()


def test_first_line_top_is_the_37_mm_top_margin(long_text, record, unit, bureau):
    first = lines_of(long_text)[0]
    assert abs(first[0]["top"] / MM - 37) <= TOLERANCE
    notice = render_notice(record, unit, "穗密确信〔2026〕1号", issued_on=D(2026, 12, 4), validity_end=D(2029, 12, 2),
                           bureau=bureau)
    assert abs(lines_of(notice)[0][0]["top"] / MM - 37) <= TOLERANCE  # the title sits on line 1


def test_wrapped_lines_start_at_the_28_mm_binding_margin_and_end_at_the_type_area_edge(long_text):
    lines = body_lines(long_text)
    for line in lines[1:-1]:
        assert abs(line[0]["x0"] / MM - 28) <= TOLERANCE
        assert abs(line[-1]["x1"] / MM - (28 + 156)) <= TOLERANCE


def test_22_lines_per_page_at_the_225_over_22_mm_pitch(long_text):
    lines = body_lines(long_text)
    assert len(lines) == 22
    tops = [ln[0]["top"] / MM for ln in lines]
    pitches = [b - a for a, b in zip(tops, tops[1:])]
    assert all(abs(p - PITCH_MM) <= 0.05 for p in pitches)
    assert abs(tops[-1] - tops[0] - 21 * PITCH_MM) <= TOLERANCE
    assert page_count(long_text) == 2


def test_a_full_line_holds_28_characters_at_156_over_28_mm(long_text):
    lines = body_lines(long_text)
    assert len(lines[0]) == 26 and abs(lines[0][0]["x0"] / MM - (28 + 2 * CHAR_MM)) <= TOLERANCE  # 2-char indent
    full = [ln for ln in lines[1:-1] if len(ln) == 28]
    assert len(full) >= 15
    for line in full:
        steps = [(b["x0"] - a["x0"]) / MM for a, b in zip(line, line[1:])]
        assert all(abs(s - CHAR_MM) <= 0.05 for s in steps)


def test_the_notice_body_is_on_the_grid(record, unit, bureau):
    pdf = render_notice(record, unit, "穗密确信〔2026〕1号", issued_on=D(2026, 12, 4), validity_end=D(2029, 12, 2),
                        bureau=bureau)
    lines = body_lines(pdf)
    for line in lines:
        offset = (line[0]["top"] / MM - 37) / PITCH_MM
        assert abs(offset - round(offset)) * PITCH_MM <= TOLERANCE
    assert min(ln[0]["x0"] for ln in lines) / MM == pytest.approx(28, abs=TOLERANCE)


def test_latin_runs_do_not_overlap_and_keep_both_edges_straight(record, unit, bureau):
    pdf = render_notice(record, unit, "穗密确信〔2026〕1号", issued_on=D(2026, 12, 4), validity_end=D(2029, 12, 2),
                        bureau=bureau)
    mixed = [ln for ln in body_lines(pdf) if any(c["text"].isascii() and c["text"].isalnum() for c in ln)]
    assert mixed
    for line in mixed:
        for a, b in zip(line, line[1:]):
            assert b["x0"] >= a["x1"] - 0.25  # ≤ the −0.21 pt tracking of full-width characters
        assert line[-1]["x1"] / MM <= 28 + 156 + 0.1


def test_page_numbers_7_mm_below_the_type_area_odd_right_even_left(long_text):
    for page, side in ((0, "right"), (1, "left")):
        number = [ln for ln in lines_of(long_text, page) if round(ln[0]["size"]) == 14][0]
        assert "".join(c["text"] for c in number).replace(" ", "") == f"—{page + 1}—"
        assert abs(number[0]["top"] / MM - (37 + 225 + 7)) <= TOLERANCE
        if side == "right":
            assert abs(number[-1]["x1"] / MM - (28 + 156 - CHAR_MM)) <= TOLERANCE
        else:
            assert abs(number[0]["x0"] / MM - (28 + CHAR_MM)) <= TOLERANCE
        assert "Ming" in number[0]["fontname"]  # 宋体


def test_letter_format_has_the_mark_30_mm_from_the_top_and_no_first_page_number():
    doc = Document(font_book(), letter=LetterHead("广州市国家保密局", "穗密函〔2026〕5号"))
    doc.title("关于报送失信信息的函")
    doc.addressee("广州市社会信用主管部门")
    doc.paragraph(BODY * 2)
    pdf = doc.render()
    first = lines_of(pdf, 0)
    assert abs(first[0][0]["top"] / MM - 30) <= TOLERANCE
    assert "".join(c["text"] for c in first[0]) == "广州市国家保密局"
    number = first[1]
    assert "".join(c["text"] for c in number) == "穗密函〔2026〕5号"
    assert abs(number[-1]["x1"] / MM - 184) <= TOLERANCE  # flush with the right edge of the type area
    assert not [ln for ln in first if round(ln[0]["size"]) == 14]
    assert [ln for ln in lines_of(pdf, 1) if round(ln[0]["size"]) == 14]


def test_an_uscc_stays_whole_with_its_own_advances_inside_a_justified_line():
    code = "91440101MA59TEXT0R"
    doc = Document(font_book())
    for lead in range(0, 20, 3):  # the code at different places in the line
        doc.paragraph("现将" + "失" * lead + f"统一社会信用代码{code}等单位的信息报送你单位，占比110%。请予接收并回复。")
    for line in body_lines(doc.render()):
        text = "".join(c["text"] for c in line)
        assert abs(line[0]["x0"] / MM - 28) <= TOLERANCE or abs(line[0]["x0"] / MM - (28 + 2 * CHAR_MM)) <= TOLERANCE
        if code[:4] in text or code[-4:] in text:
            assert code in text  # never broken across lines
            start = text.index(code)
            run = line[start:start + len(code)]
            assert all(abs(b["x0"] - a["x1"]) <= 0.01 for a, b in zip(run, run[1:]))  # real advances, no gaps
