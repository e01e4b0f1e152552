"""送达回证 (民事诉讼法 Art. 87: the date the recipient signs is the service date); wording in receipt.json."""

from __future__ import annotations

from app.documents.common import Copy, GenerationStamp, BureauInfo, new_document, number_text, require, wording
from app.documents.fonts import FontBook
from app.documents.layout import Cell
from app.domain.errors import DomainError
from app.domain.numbering import DocumentNumber
from app.domain.subject import Person, Unit

LABEL, VALUE = 7, 21  # grid cells: label column and value column (28 in all)


def render_receipt(subject: Unit | Person, number: DocumentNumber | str, *, document: str = "失信信息归集告知书",
                   address: str | None = None, method: str | None = None, server: str = "", remarks: str = "",
                   bureau: BureauInfo = BureauInfo(), copy: Copy = "recipient", stamp: GenerationStamp | None = None,
                   fonts: FontBook | None = None) -> bytes:
    """The 送达回证 for one served document as PDF bytes.

    ``method`` is one of 直接送达 / 留置送达 / 邮寄送达 / 委托送达 / 公告送达, or None to leave every box empty
    for the server to tick by hand. ``address`` defaults to the subject's address.

    Raises:
        DomainError: ``document.service_method`` for another method, ``document.missing_glyph``.
    """
    texts = wording("receipt")
    if method is not None and method not in texts["methods"]:
        raise DomainError("document.service_method", method=method)
    labels = texts["labels"]
    number = require(number_text(number), "number")
    boxes = ["　".join((texts["checked"] if m == method else texts["unchecked"]) + m for m in line)
             for line in (texts["methods"][:3], texts["methods"][3:])]
    rows = [
        ((Cell(labels["document"], LABEL, "center"),
          Cell(texts["document_value"].format(document=document, number=number), VALUE)), 1),
        ((Cell(labels["recipient"], LABEL, "center"), Cell(require(subject.name, "subject.name"), VALUE)), 1),
        ((Cell(labels["address"], LABEL, "center"), Cell(address if address is not None else subject.address,
                                                             VALUE)), 1),
        ((Cell(labels["method"], LABEL, "center"), Cell("\n".join(boxes), VALUE, "left")), 2),
        ((Cell(labels["signature"], LABEL, "center"), Cell("", VALUE, footer=texts["date_blank"])), 3),
        ((Cell(labels["proxy"], LABEL, "center"), Cell("", VALUE, footer=texts["date_blank"])), 2),
        ((Cell(labels["server"], LABEL, "center"), Cell(server, VALUE, footer=texts["date_blank"])), 1),
        ((Cell(labels["witness"], LABEL, "center"), Cell(texts["witness_hint"], VALUE,
                                                             footer=texts["date_blank"])), 2),
        ((Cell(labels["remarks"], LABEL, "center"), Cell(remarks, VALUE)), 2),
    ]
    doc = new_document(texts["title"], copy, stamp, wording("notice")["file_copy"], fonts)
    doc.title(texts["title"])
    doc.line(texts["organ_line"].format(bureau=bureau.name))
    doc.table(rows)
    doc.text_lines(texts["footnote"], indent=2, size=12.0)
    return doc.render()
