"""Fonts: every font embedded as a subset; rare name characters drawn by fallback; missing ones refused."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader

from app.documents.approval_form import render_approval_form
from app.documents.fonts import FontBook, font_book, missing_characters
from app.documents.notice import render_notice
from app.documents.receipt import render_receipt
from app.domain.errors import DomainError
from app.resources import resource_path

from tests.documents.conftest import D, text_of

SUBSET = re.compile(r"^/[A-Z]{6}\+")


def _notice(record, subject, **kw):
    return render_notice(record, subject, "穗密确信〔2026〕2号", issued_on=D(2026, 12, 4), validity_end=D(2029, 12, 2),
                         **kw)


def _fonts(pdf: bytes) -> list:
    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.append(font.get_object())
    return fonts


def test_every_font_of_every_document_is_embedded_as_a_subset(record, person_record, unit, person, bureau, stamp,
                                                               deadlines):
    pdfs = [_notice(record, unit, bureau=bureau), _notice(person_record, person, bureau=bureau, copy="file",
                                                          stamp=stamp, deadlines=deadlines),
            render_receipt(unit, "穗密确信〔2026〕1号", method="直接送达"),
            render_approval_form(record, unit, today=D(2026, 12, 4), copy="file", stamp=stamp)]
    for pdf in pdfs:
        fonts = _fonts(pdf)
        assert fonts
        for font in fonts:
            assert SUBSET.match(font["/BaseFont"]), font["/BaseFont"]
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"]


def test_a_person_named_with_rare_characters_gets_both_glyphs_drawn(person_record, person, bureau):
    pdf = _notice(person_record, person, bureau=bureau)
    assert "王堃䶮：" in text_of(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = {c["text"]: c for c in doc.pages[0].chars if c["text"] in "堃䶮"}
    assert set(chars) == {"堃", "䶮"}
    assert all(SUBSET.match("/" + c["fontname"]) for c in chars.values())  # from an embedded subset
    page = pypdfium2.PdfDocument(pdf)[0]
    scale = 4
    image = page.render(scale=scale).to_pil().convert("L")
    for char in chars.values():  # ink inside each character's box: the glyph is drawn, not blank
        box = [int(v * scale) for v in (char["x0"], char["top"], char["x1"], char["bottom"])]
        dark = sum(image.crop(box).histogram()[:128])
        assert dark > 100, char["text"]


def test_fallback_is_per_character_to_a_font_that_has_it():
    book = font_book()
    assert book.font_for("fang", "王") is book.primary("fang")
    for char in "堃喆赟䶮":
        assert not book.primary("fang").has(char)
        assert book.font_for("fang", char) is not None and book.font_for("fang", char).has(char)
    assert missing_characters("王堃喆赟䶮 ２０２６年110%") == []


@pytest.mark.parametrize("char", ["\ue000", "\U00020bb7"])  # Private Use Area; 𠮷 (Ext-B, in no bundled font)
def test_a_character_no_font_has_is_refused_with_its_code_point(char, person_record, person, bureau):
    assert missing_characters(f"王{char}") == [char]
    odd = dataclasses.replace(person, name=f"王{char}")
    for render in (lambda: _notice(person_record, odd, bureau=bureau),
                   lambda: render_receipt(odd, "穗密确信〔2026〕1号"),
                   lambda: render_approval_form(person_record, odd, today=D(2026, 12, 4))):
        with pytest.raises(DomainError) as caught:
            render()
        assert caught.value.code == "document.missing_glyph"
        assert caught.value.params["char"] == char
        assert caught.value.params["codepoint"] == f"U+{ord(char):04X}"


def test_the_mapping_can_put_another_font_in_front_of_a_role(record, unit, bureau):
    book = FontBook({"fang": [(resource_path("fonts", "arphic-ukai", "ukai.ttc"), 0)]})
    pdf = _notice(record, unit, bureau=bureau, fonts=book)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        body = [c for c in doc.pages[0].chars if round(c["size"]) == 16]
    assert body and all("UKai" in c["fontname"] for c in body)


def test_an_unusable_or_missing_font_file_is_reported(tmp_path: Path):
    bad = tmp_path / "fake.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(DomainError) as caught:
        FontBook({"title": [bad]})
    assert caught.value.code == "document.font_unusable"
    with pytest.raises(DomainError) as caught:
        FontBook({"title": [tmp_path / "absent.ttf"]})
    assert caught.value.code == "document.font_missing"
    with pytest.raises(DomainError) as caught:
        FontBook({"fancy": []})
    assert caught.value.code == "document.font_role"


def test_bundled_fonts_ship_with_their_licence_files():
    fonts = resource_path("fonts")
    for folder, licence in (("fandol", "COPYING.txt"), ("arphic-uming", "COPYRIGHT-debian.txt"),
                            ("arphic-ukai", "COPYRIGHT-debian.txt"), ("wqy-zenhei", "COPYRIGHT-debian.txt")):
        assert (fonts / folder / licence).is_file()
    assert (fonts / "convert_fandol.py").is_file()
