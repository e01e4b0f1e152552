"""Preview a rendered document from memory (QtPdf, no temporary file), print it through the print dialog
(never a silent default printer), or save it as PDF — an explicit, audited export."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

PRINT_DPI = 300


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from an in-memory buffer; keep the buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def paint_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Rasterise each page at the printer's resolution onto the printer; return the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            target = painter.viewport()
            size_pt = document.pagePointSize(index)
            scale = printer.resolution() / 72.0
            image = document.render(index, QSize(int(size_pt.width() * scale), int(size_pt.height() * scale)))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()


def choose_printer_and_print(parent, document: QPdfDocument, title: str) -> str | None:
    """The user picks the printer in Qt's print dialog; returns its name, or None when nothing was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印 — {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if paint_pages(document, printer) == 0:
        return None
    return printer.printerName() or printer.outputFileName() or "（未命名打印机）"


class DocumentPreviewDialog(QDialog):
    """Signals:
        print_requested: the user asked to print (the owner prints, then audits)
        export_requested: the user asked to save as PDF
    """

    print_requested = Signal()
    export_requested = Signal()

    def __init__(self, title: str, pdf: bytes, note: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"预览 — {title}")
        self.title = title
        self.document, self._buffer = load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.print_button = QPushButton("打印…")
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_requested)
        self.export_button = QPushButton("另存为 PDF…")
        self.export_button.setObjectName("export_pdf")
        self.export_button.clicked.connect(self.export_requested)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        for button in (self.print_button, self.export_button, close):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(820, min(980, screen.height() - 60) if screen else 980)  # buttons stay on small screens

    def page_count(self) -> int:
        return self.document.pageCount()
