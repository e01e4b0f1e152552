"""Open a record's document in the preview, print it through the print dialog, save it as PDF.
Printing and saving are audited by the use cases; previewing renders from memory only."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from app.domain.errors import DomainError
from app.usecases.documents import COPIES
from ui.dialogs import document_preview
from ui.dialogs.document_preview import DocumentPreviewDialog
from ui.messages import text_for
from ui.widgets import ask


class DocumentsController:
    """Owns one preview at a time for a record page; errors go to ``show_error``."""

    def __init__(self, services, parent, show_error) -> None:
        self._services = services
        self._parent = parent
        self._show_error = show_error
        self.preview: DocumentPreviewDialog | None = None
        self.document = None

    def open(self, kind, record_id: int, copy: str = "recipient") -> DocumentPreviewDialog | None:
        try:
            self.document = self._services.render_document(kind, record_id, copy)
        except DomainError as error:
            self._show_error(text_for(error))
            return None
        doc = self.document
        note = "补打：存档联将标明补打。" if doc.reprint else ""
        self.preview = DocumentPreviewDialog(doc.title, doc.pdf, note, self._parent)
        self.preview.copy_combo = QComboBox()
        for key, label in COPIES.items():
            self.preview.copy_combo.addItem(label, key)
        self.preview.copy_combo.setCurrentIndex(list(COPIES).index(copy))
        self.preview.copy_combo.currentIndexChanged.connect(
            lambda _i: self._switch(kind, record_id, self.preview.copy_combo.currentData()))
        bar = self.preview.layout().itemAt(1).layout()
        bar.insertWidget(0, QLabel("联次"))
        bar.insertWidget(1, self.preview.copy_combo)
        self.preview.print_requested.connect(self._on_print)
        self.preview.export_requested.connect(self._on_export)
        self.preview.open()
        return self.preview

    def _switch(self, kind, record_id: int, copy: str) -> None:
        if self.preview:
            self.preview.close()
        self.open(kind, record_id, copy)

    def _on_print(self) -> None:
        try:  # rendered again now: a second print from the same preview is a reprint (补打) on the file copy
            doc = self._services.render_document(self.document.kind, self.document.record_id, self.document.copy)
        except DomainError as error:
            ask.warn(self.preview, "打印", text_for(error))
            return
        document, buffer = document_preview.load_pdf(doc.pdf, self.preview)
        printer = document_preview.choose_printer_and_print(self.preview, document, doc.title)
        if not printer:
            return
        try:
            self._services.record_printed(doc, printer=printer)
        except DomainError as error:
            ask.warn(self.preview, "打印", f"已送打印机，但未能记入审计日志：{text_for(error)}")
        self.document = doc
        del buffer

    def _on_export(self) -> None:
        doc = self.document
        target = ask.ask_save_path(self.preview, "另存为 PDF", f"{doc.title}.pdf", "PDF 文件 (*.pdf)")
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            digest = self._services.export_document(doc, target)
        except DomainError as error:
            ask.warn(self.preview, "另存为 PDF", text_for(error))
            return
        ask.inform(self.preview, "另存为 PDF", f"已保存：{target}\nSHA-256：{digest}\n（已记入审计日志）")
