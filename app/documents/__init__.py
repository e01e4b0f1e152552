"""Printed documents (the only package that imports reportlab): the GB/T 9704-2012 engine and one module
per document. Every function returns PDF bytes; a character no font can draw is refused
(``DomainError("document.missing_glyph")``), never printed blank. See docs/documents.md."""

from app.documents.common import BureauInfo, DeadlineNote, GenerationStamp

__all__ = ["BureauInfo", "DeadlineNote", "GenerationStamp"]
