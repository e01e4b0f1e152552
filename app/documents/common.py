"""What every printed document shares: the bureau's details, the file-copy stamp, the wording files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.documents.fonts import FontBook, font_book
from app.documents.layout import Document
from app.domain.calendar import cn_date
from app.domain.errors import DomainError
from app.domain.numbering import DocumentNumber
from app.domain.subject import Person, Unit
from app.resources import resource_path

Copy = Literal["recipient", "file"]
COPIES = ("recipient", "file")


@dataclass(frozen=True)
class BureauInfo:
    """The issuing organ as printed: name (署名), contact person, telephone, address."""

    name: str = "广州市国家保密局"
    contact: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class GenerationStamp:
    """Printed on every page of a file copy (存档联): who generated it, when, under which number."""

    who: str
    when: dt.datetime
    number: str
    reprint: bool = False


@dataclass(frozen=True)
class DeadlineNote:
    """One deadline explanation for the file copy: a heading and ``Deadline.lines()``."""

    title: str
    lines: Sequence[str]


@lru_cache(maxsize=None)
def wording(name: str) -> dict:
    """The document's wording from ``resources/data/documents/<name>.json``."""
    return json.loads(resource_path("data", "documents", f"{name}.json").read_text(encoding="utf-8"))


def number_text(number: DocumentNumber | str) -> str:
    return str(number).strip()


def subject_identifier(subject: Unit | Person) -> str:
    return subject.uscc if isinstance(subject, Unit) else subject.id_number


def require(value, field: str):
    """A value the document cannot be printed without (``document.field_missing``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError("document.field_missing", field=field)
    return value


def check_copy(copy: str, stamp: GenerationStamp | None) -> None:
    if copy not in COPIES:
        raise DomainError("document.copy", copy=copy)
    if copy == "file" and stamp is None:
        raise DomainError("document.field_missing", field="stamp")


def stamp_text(texts: dict, stamp: GenerationStamp | None) -> str:
    if stamp is None:
        return ""
    when = f"{cn_date(stamp.when.date())} {stamp.when:%H:%M}"
    return texts["stamp"].format(who=stamp.who, when=when, number=stamp.number,
                                 reprint=texts["reprint"] if stamp.reprint else "")


def new_document(title: str, copy: Copy, stamp: GenerationStamp | None, file_texts: dict,
                 fonts: FontBook | None, **options) -> Document:
    """A Document with, for the file copy, the 存档联 label and the generation stamp on every page."""
    check_copy(copy, stamp)
    is_file = copy == "file"
    return Document(fonts or font_book(), title=title, corner_label=file_texts["label"] if is_file else "",
                    footer=stamp_text(file_texts, stamp) if is_file else "", **options)


def add_deadlines(doc: Document, heading: str, notes: Sequence[DeadlineNote]) -> None:
    """The deadline explanations of the file copy, on a new page."""
    if not notes:
        return
    doc.page_break()
    doc.title(heading)
    doc.blank()
    for note in notes:
        doc.heading(note.title, level=1)
        for line in note.lines:
            doc.text_lines(line, indent=2)
