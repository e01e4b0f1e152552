"""记录送达: how and when the 告知书 was served, who signed, a scan of the signed 送达回证.
The objection period (15 working days, Art. 9) starts from the service date."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.domain.errors import DomainError
from app.domain.record_status import ServiceMethod
from app.usecases.notices import RecordService
from ui.dialogs.account_dialogs import _FormDialog
from ui.widgets import ask
from ui.widgets.pick import OptionalDateEdit

METHODS = [m for m in ServiceMethod]


class ServiceDialog(_FormDialog):
    fields = ("method", "served_on", "published_on", "signed_by", "remarks", "attachment")

    def __init__(self, services, record, parent=None) -> None:
        super().__init__(services, f"记录送达 — {record.number}", parent)
        self._record = record
        today = services.clock.today()
        self.method = QComboBox()
        self.method.setObjectName("method")
        for method in METHODS:
            self.method.addItem(method.label, method)
        self.served_on = OptionalDateEdit(today, today)
        self.published_on = OptionalDateEdit(None, today)
        self.signed_by = QLineEdit()
        self.signed_by.setObjectName("signed_by")
        self.remarks = QLineEdit()
        self.remarks.setObjectName("remarks")
        self.remarks.setPlaceholderText("留置送达须记明拒收情况和见证人")
        self.scan: tuple[str, bytes] | None = None
        scan_row = QWidget()
        row = QHBoxLayout(scan_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.scan_label = QLabel("未选择")
        choose = QPushButton("选择扫描件…")
        choose.clicked.connect(self._on_choose_scan)
        row.addWidget(self.scan_label, 1)
        row.addWidget(choose)
        self.add_row("送达方式", self.method, "method")
        self.add_row("送达日期（回证签收日期）", self.served_on, "served_on")
        self.add_row("公告发布日期", self.published_on, "published_on")
        self.add_row("签收人", self.signed_by, "signed_by")
        self.add_row("备注", self.remarks, "remarks")
        self.add_row("签收回证扫描件", scan_row, "attachment")
        note = QLabel("异议期自送达之日起算（起算日不计入），为15个工作日。公告送达自发布之日起经过30日视为送达。")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)
        self.method.currentIndexChanged.connect(self._on_method)
        self._on_method()
        self.resize(560, 420)

    def _on_method(self) -> None:
        public = self.method.currentData() is ServiceMethod.PUBLIC_NOTICE
        self.served_on.setEnabled(not public)
        self.published_on.setEnabled(public)

    def _on_choose_scan(self) -> None:
        path = ask.ask_open_path(self, "选择签收回证扫描件", "扫描件 (*.pdf *.jpg *.jpeg *.png)")
        if path is None:
            return
        try:
            data = Path(path).read_bytes()
        except OSError:
            self.errors["attachment"].show_text(f"无法读取文件：{path}")
            return
        self.scan = (Path(path).name, data)
        self.scan_label.setText(Path(path).name)

    def submit(self):
        method = self.method.currentData()
        cmd = RecordService(self._record.id, method, self.served_on.value(), self.signed_by.text(),
                            self.published_on.value(), self.remarks.text(), self.scan)
        try:
            return self._services.record_service(cmd)
        except DomainError as error:
            if error.field == "attachment" or error.code.startswith("attachment."):
                error.field = "attachment"
            raise
