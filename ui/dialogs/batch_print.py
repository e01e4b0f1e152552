"""Batch of notices into one PDF: rendered on one worker thread with a progress dialog and 取消.
The worker never touches widgets; it reports through signals (STYLE §4)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from app.domain.errors import DomainError
from ui.dialogs import document_preview
from ui.messages import text_for
from ui.widgets import ask


class BatchWorker(QObject):
    """Signals:
        progressed: (done, total)
        finished_ok: the PDF bytes
        failed: the DomainError (including document.cancelled)
    """

    progressed = Signal(int, int)
    finished_ok = Signal(bytes)
    failed = Signal(object)

    def __init__(self, render, batch) -> None:
        super().__init__()
        self._render, self._batch = render, batch
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancel_requested.is_set()
        try:
            pdf = self._render(self._batch, progress)
        except DomainError as error:
            self.failed.emit(error)
            return
        self.finished_ok.emit(pdf)


class BatchPrint(QObject):
    """Drives one batch: gather (UI thread) → render (worker) → preview with print/save (UI thread).

    Signals:
        done: a short Chinese summary of how it ended
    """

    done = Signal(str)

    def __init__(self, services, record_ids: list[int], parent_widget) -> None:
        super().__init__(parent_widget)
        self._services, self._ids, self._parent = services, record_ids, parent_widget
        self.preview = None
        self.thread: QThread | None = None
        window = parent_widget.window()
        if hasattr(window, "signed_out"):  # never destroy a running thread: stop it when the session ends
            window.signed_out.connect(self.abort)
        window.destroyed.connect(self.abort)

    def abort(self) -> None:
        if self.thread is not None and self.thread.isRunning():
            self.worker.cancel_requested.set()
            self.thread.quit()
            self.thread.wait()

    def start(self) -> None:
        try:
            self.batch = self._services.prepare_notice_batch(self._ids)
        except DomainError as error:
            self.done.emit(text_for(error))
            return
        if not self.batch.jobs:
            self.done.emit("所选范围内没有已编发文号的告知书。")
            return
        total = len(self.batch.jobs)
        self.progress = QProgressDialog(f"正在生成告知书（共 {total} 份）…", "取消", 0, total, self._parent)
        self.progress.setWindowTitle("批量生成告知书")
        self.progress.setMinimumDuration(0)
        self.worker = BatchWorker(self._services.render_notice_batch, self.batch)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)  # a bound slot: queued onto this (the UI) thread
        self.worker.finished_ok.connect(self._on_rendered)
        self.worker.failed.connect(self._on_failed)
        self.progress.canceled.connect(self.worker.cancel_requested.set)
        self.thread.start()

    @Slot(int, int)
    def _on_progress(self, done: int, _total: int) -> None:
        self.progress.setValue(done)

    def _stop_thread(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.progress.close()

    @Slot(object)
    def _on_failed(self, error: DomainError) -> None:
        self._stop_thread()
        self.done.emit(text_for(error))

    @Slot(bytes)
    def _on_rendered(self, pdf: bytes) -> None:
        self._stop_thread()
        note = f"共 {len(self.batch.jobs)} 份" + (f"；另有 {self.batch.skipped} 条尚未编发文号，未包含。"
                                                  if self.batch.skipped else "。")
        self.preview = document_preview.DocumentPreviewDialog("批量告知书", pdf, note, self._parent)
        self.preview.print_requested.connect(self._on_print)
        self.preview.export_button.hide()  # a batch is for printing; single notices are saved from the record
        window = self._parent.window()
        if getattr(window, "locked", False):  # finished behind the lock: show it only after unlocking
            window._hidden_dialogs = [d for d in window._hidden_dialogs if d is not self.progress] + [self.preview]
        else:
            self.preview.open()
        self.done.emit(f"已生成 {len(self.batch.jobs)} 份告知书。")

    def _on_print(self) -> None:
        printer = document_preview.choose_printer_and_print(self.preview, self.preview.document, "批量告知书")
        if not printer:
            return
        try:
            self._services.record_batch_printed(self.batch, printer)
        except DomainError as error:
            ask.warn(self.preview, "批量打印", f"已送打印机，但未能记入审计日志：{text_for(error)}")
            return
        ask.inform(self.preview, "批量打印", f"已送打印机：{printer}（{len(self.batch.jobs)} 份，已记入审计日志）")
