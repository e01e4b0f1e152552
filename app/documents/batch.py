"""Many notices into one PDF (e.g. 500 for a mailing), with a progress callback that can cancel."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.documents.common import BureauInfo, Copy, DeadlineNote, GenerationStamp
from app.documents.fonts import FontBook, font_book
from app.documents.layout import new_canvas
from app.documents.notice import notice_document
from app.domain.errors import DomainError
from app.domain.numbering import DocumentNumber
from app.domain.record import Record
from app.domain.subject import Person, Unit

Progress = Callable[[int, int], bool]


class Cancelled(DomainError):
    """The progress callback returned False; nothing was produced."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__("document.cancelled", done=done, total=total)


@dataclass(frozen=True)
class NoticeJob:
    """One notice of a batch (the arguments of :func:`app.documents.notice.render_notice`)."""

    record: Record
    subject: Unit | Person
    number: DocumentNumber | str
    issued_on: dt.date
    validity_end: dt.date
    copy: Copy = "recipient"
    stamp: GenerationStamp | None = None
    deadlines: Sequence[DeadlineNote] = ()


def render_notices(jobs: Sequence[NoticeJob], *, bureau: BureauInfo = BureauInfo(),
                   progress: Progress | None = None, fonts: FontBook | None = None) -> bytes:
    """All notices, each starting on a new page with its own page numbers, in one PDF.

    ``progress(done, total)`` is called after each notice; returning False cancels.

    Raises:
        Cancelled: ``document.cancelled`` (done, total) when the callback returned False.
        DomainError: the first notice's error (e.g. ``document.missing_glyph``) with ``item`` (its index)
            and ``record`` (its number) added to ``params``; nothing is produced.
    """
    fonts = fonts or font_book()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, fonts, "失信信息归集告知书")
    total = len(jobs)
    for done, job in enumerate(jobs, start=1):
        try:
            doc = notice_document(job.record, job.subject, job.number, issued_on=job.issued_on,
                                  validity_end=job.validity_end, bureau=bureau, copy=job.copy, stamp=job.stamp,
                                  deadlines=job.deadlines, fonts=fonts)
            doc.draw(canvas)
        except DomainError as error:
            error.params.update(item=done - 1, record=job.record.number)
            raise
        if progress is not None and progress(done, total) is False:
            raise Cancelled(done, total)
    canvas.save()
    return buffer.getvalue()
