"""失信信息归集告知书 (Art. 9; wording: the regulation's annex, in resources/data/documents/notice.json)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.documents.common import (BureauInfo, Copy, DeadlineNote, GenerationStamp, add_deadlines, new_document,
                                  number_text, require, wording)
from app.documents.fonts import FontBook
from app.documents.layout import Document
from app.domain.calendar import cn_date
from app.domain.numbering import DocumentNumber
from app.domain.record import Record
from app.domain.subject import Unit, Person


TRAILING = "。，；;,.、 \u3000"


def clause(text: str) -> str:
    """A field set into the middle of the annex's sentence: no sentence-ending punctuation of its own."""
    return text.strip().rstrip(TRAILING)


def notice_fields(record: Record, subject: Unit | Person, *, validity_end: dt.date, bureau: BureauInfo) -> dict:
    """The annex's blanks filled from the record (raises ``document.field_missing`` for an empty one)."""
    texts = wording("notice")
    basis = record.basis
    circumstance = record.circumstance
    punisher = texts["punisher"].get(circumstance, texts["punisher"][""])
    return {
        "addressee": texts["addressee_unit"] if isinstance(subject, Unit) else texts["addressee_person"],
        "violation": clause(require(record.violation, "violation")),
        "punished_on": cn_date(require(basis.decided_on, "basis.decided_on")),
        "punisher": punisher.format(authority=require(basis.authority, "basis.authority").strip()),
        "penalty_detail": clause(require(record.penalty_detail, "penalty_detail")),
        "article": texts["article"].get(circumstance, texts["article"][""]),
        "collected_on": cn_date(require(record.collected_on, "collected_on")),
        "validity_end": cn_date(validity_end),
        "bureau": bureau.name,
        "contact": bureau.contact,
        "phone": bureau.phone,
    }


def _compose(doc: Document, record: Record, subject: Unit | Person, number: str, issued_on: dt.date,
             validity_end: dt.date, bureau: BureauInfo) -> None:
    texts = wording("notice")
    fields = notice_fields(record, subject, validity_end=validity_end, bureau=bureau)
    doc.title(texts["title"])
    doc.line(number, align="right")
    doc.blank()
    doc.addressee(require(subject.name, "subject.name"))
    for paragraph in texts["paragraphs"]:
        doc.paragraph(paragraph.format(**fields))
    doc.blank(2)
    doc.signature(bureau.name, cn_date(issued_on))
    if bureau.contact or bureau.phone:
        doc.note(texts["note"].format(**fields))


def render_notice(record: Record, subject: Unit | Person, number: DocumentNumber | str, *, issued_on: dt.date,
                  validity_end: dt.date, bureau: BureauInfo = BureauInfo(), copy: Copy = "recipient",
                  stamp: GenerationStamp | None = None, deadlines: Sequence[DeadlineNote] = (),
                  fonts: FontBook | None = None) -> bytes:
    """The 告知书 as PDF bytes. ``copy="file"`` adds the 存档联 label, the stamp and the deadline pages.

    ``validity_end`` is ``deadlines.validity_end(ruleset, record.collected_on).date``.

    Raises:
        DomainError: ``document.field_missing`` (field=...), ``document.missing_glyph`` (char, codepoint).
    """
    doc = notice_document(record, subject, number, issued_on=issued_on, validity_end=validity_end, bureau=bureau,
                          copy=copy, stamp=stamp, deadlines=deadlines, fonts=fonts)
    return doc.render()


def notice_document(record: Record, subject: Unit | Person, number: DocumentNumber | str, *, issued_on: dt.date,
                    validity_end: dt.date, bureau: BureauInfo = BureauInfo(), copy: Copy = "recipient",
                    stamp: GenerationStamp | None = None, deadlines: Sequence[DeadlineNote] = (),
                    fonts: FontBook | None = None) -> Document:
    """The laid-out notice (pages not yet drawn); :mod:`app.documents.batch` draws many into one PDF."""
    texts = wording("notice")
    number = require(number_text(number), "number")
    doc = new_document(texts["title"], copy, stamp, texts["file_copy"], fonts)
    _compose(doc, record, subject, number, issued_on, validity_end, bureau)
    if copy == "file":
        add_deadlines(doc, texts["file_copy"]["deadlines_title"], deadlines)
    return doc
