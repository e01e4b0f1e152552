"""Printing HTML sheets (recovery key, 审计摘要) through the print dialog — never to a default printer.

One function, so tests can replace it; the user chooses the printer in Qt's (Chinese) print dialog.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget


def print_html(parent: QWidget, html: str, title: str) -> bool:
    """Show the print dialog and print ``html``; return whether it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印 — {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setHtml(html)
    document.print_(printer)
    return True
