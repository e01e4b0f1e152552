"""Shows an attachment from memory: PDF through QtPdf (loaded from a QBuffer, never a temporary file),
JPG and PNG through QPixmap. The decrypted bytes live only in this window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.domain.attachments import MAX_BYTES
from app.domain.errors import DomainError, ValidationError
from ui.messages import text_for
from ui.widgets import ask
from ui.widgets.forms import ErrorLabel


class AttachmentViewer(QDialog):
    """A window for one attachment; ``ok`` tells whether its content could be shown."""

    def __init__(self, meta, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"查看附件 — {meta.filename}")
        self.meta = meta
        self.error = ErrorLabel()
        self.ok = False
        self.pdf_view: QPdfView | None = None
        self.image_label: QLabel | None = None
        layout = QVBoxLayout(self)
        info = QLabel(f"{meta.filename}　{meta.size / 1024:.0f} KB　添加人：{meta.added_by}　"
                      f"添加时间：{meta.added_at[:16].replace('T', ' ')}")
        layout.addWidget(info)
        if meta.mime == "application/pdf":
            self.ok = self._show_pdf(data, layout)
        else:
            self.ok = self._show_image(data, layout)
        if not self.ok:
            self.error.show_text(text_for(DomainError("attachment.cannot_display", name=meta.filename)))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 900)

    def _show_pdf(self, data: bytes, layout: QVBoxLayout) -> bool:
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            return False
        self.pdf_view = QPdfView(self)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self.document)
        layout.addWidget(self.pdf_view, 1)
        return True

    def _show_image(self, data: bytes, layout: QVBoxLayout) -> bool:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return False
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        return True


class AttachmentList(QWidget):
    """The attachments of one record with 查看 and, for the handler of a draft, 添加附件….

    Signals:
        added: an attachment was stored; arg: AttachmentMeta
    """

    added = Signal(object)
    FILE_FILTER = "扫描件（PDF、JPG、PNG） (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)"

    def __init__(self, services, record_id: int, attachments, can_add: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._record_id = record_id
        self.viewer: AttachmentViewer | None = None
        self.list = QListWidget()
        self.list.setObjectName("attachments")
        self.list.setMaximumHeight(110)
        self.list.itemDoubleClicked.connect(lambda _i: self.view_selected())
        self.error = ErrorLabel()
        self.view_button = QPushButton("查看")
        self.view_button.setObjectName("view_attachment")
        self.view_button.setAutoDefault(False)
        self.view_button.clicked.connect(self.view_selected)
        buttons = QHBoxLayout()
        self.add_button = None
        if can_add:
            self.add_button = QPushButton("添加附件…")
            self.add_button.setObjectName("add_attachment")
            self.add_button.setAutoDefault(False)
            self.add_button.clicked.connect(self._on_add)
            buttons.addWidget(self.add_button)
        buttons.addWidget(self.view_button)
        hint = QLabel(f"PDF、JPG 或 PNG，单个不超过 {MAX_BYTES // 1048576} MB，加密保存在数据库中。")
        hint.setStyleSheet("color: #555;")
        buttons.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        for meta in attachments:
            self._append(meta)

    def _append(self, meta) -> None:
        item = QListWidgetItem(f"{meta.filename}（{max(1, round(meta.size / 1024))} KB，{meta.added_by}，"
                               f"{meta.added_at[:16].replace('T', ' ')}）")
        item.setData(Qt.ItemDataRole.UserRole, meta)
        self.list.addItem(item)

    def add_file(self, path: Path) -> None:
        """Store the file at ``path`` (refused with the reason when too large or not PDF/JPG/PNG)."""
        self.error.clear_text()
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValidationError("attachment.too_large", field="attachment", name=path.name,
                                      size_mb=round(path.stat().st_size / 1048576, 1), max_mb=MAX_BYTES // 1048576)
            data = path.read_bytes()
            meta = self._services.add_attachment(self._record_id, path.name, data)
        except OSError as error:
            self.error.show_text(text_for(DomainError("attachment.unreadable", name=path.name,
                                                      reason=error.strerror or str(error))))
            return
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self._append(meta)
        self.list.setCurrentRow(self.list.count() - 1)
        self.added.emit(meta)

    def _on_add(self) -> None:
        path = ask.ask_open_path(self, "选择附件", self.FILE_FILTER)
        if path is not None:
            self.add_file(path)

    def view_selected(self) -> None:
        self.error.clear_text()
        item = self.list.currentItem()
        if item is None:
            self.error.show_text("请先选择一个附件。")
            return
        try:
            meta, data = self._services.attachment_data(item.data(Qt.ItemDataRole.UserRole).id)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.viewer = AttachmentViewer(meta, data, self)
        self.viewer.open()
