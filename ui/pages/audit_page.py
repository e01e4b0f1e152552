"""审计日志: the 安全审计员 filters the trail, checks the chain, exports XLSX and prints the 审计摘要."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from app.domain.audit import ACTIONS
from app.domain.errors import DomainError
from app.ports import AuditFilter
from ui import printing
from ui.messages import text_for
from ui.models.audit_table_model import AuditTableModel
from ui.widgets import ask
from ui.widgets.forms import ErrorLabel

PROBLEMS = {"mac_mismatch": "内容被改动", "link_broken": "前后链接断开（条目被删除或调换）",
            "sequence_gap": "序号不连续（条目被删除或调换）", "tail_missing": "末尾条目缺失（少于最近锚点记录的条数）",
            "anchor_mismatch": "与最近锚点的末条校验值不一致"}


def chain_text(report) -> str:
    if report.ok:
        return f"审计链完整：共 {report.checked} 条，与最近锚点一致。"
    return (f"审计链异常：第 {report.first_broken_seq} 条起{PROBLEMS.get(report.problem, report.problem)}；"
            f"此前 {report.checked} 条完整。")


def summary_html(summary) -> str:
    mac = summary.anchor.head_mac
    groups = " ".join(mac[i:i + 8] for i in range(0, len(mac), 8))
    rows = "".join(f"<tr><td>{html.escape(a)}</td><td align='right'>{n}</td></tr>" for a, n in summary.by_action)
    return (
        "<h2 style='text-align:center'>审计摘要</h2>"
        f"<p>打印人：{html.escape(summary.printed_by)}　打印时间：{html.escape(summary.anchor.created_at)}</p>"
        f"<p>记录范围：{html.escape(summary.first_at)} 至 {html.escape(summary.last_at)}</p>"
        f"<p>校验结论：{html.escape(chain_text(summary.report))}</p>"
        f"<p><b>锚点</b>（用于日后核对审计记录是否被截去末尾）：条数 <b>{summary.anchor.count}</b></p>"
        f"<p style='font-family:monospace'>末条校验值：{groups}</p>"
        f"<table border='1' cellspacing='0' cellpadding='4'><tr><th>操作</th><th>条数</th></tr>{rows}</table>"
        "<p>安全审计员签字：____________　　日期：____年__月__日</p>")


class AuditPage(QWidget):
    title = "审计日志"

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.account = QComboBox()
        self.account.setObjectName("filter_account")
        self.action = QComboBox()
        self.action.setObjectName("filter_action")
        self.action.addItem("全部操作", None)
        for code, label in ACTIONS.items():
            self.action.addItem(label, code)
        self.use_dates = QCheckBox("日期")
        self.date_from = QDateEdit(QDate(services.clock.today()).addMonths(-1))
        self.date_to = QDateEdit(QDate(services.clock.today()))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.object_text = QLineEdit()
        self.object_text.setPlaceholderText("对象或内容包含…")
        self.search = QPushButton("查询")
        self.search.setObjectName("search")
        self.search.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        for widget in (QLabel("账户"), self.account, QLabel("操作"), self.action, self.use_dates, self.date_from,
                       QLabel("至"), self.date_to, self.object_text, self.search):
            filters.addWidget(widget)
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.verify_button = QPushButton("校验审计链")
        self.verify_button.setObjectName("verify")
        self.verify_button.clicked.connect(self._on_verify)
        self.export_button = QPushButton("导出 XLSX…")
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self._on_export)
        self.summary_button = QPushButton("打印审计摘要…")
        self.summary_button.setObjectName("summary")
        self.summary_button.clicked.connect(self._on_summary)
        self.paper_button = QPushButton("核对纸质摘要…")
        self.paper_button.setObjectName("paper")
        self.paper_button.clicked.connect(self._on_paper)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.error = ErrorLabel()
        actions = QHBoxLayout()
        for widget in (self.verify_button, self.export_button, self.summary_button, self.paper_button):
            actions.addWidget(widget)
        actions.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        self._reload_accounts()
        self.refresh(record_view=True)

    def _reload_accounts(self) -> None:
        current = self.account.currentData()
        self.account.clear()
        self.account.addItem("全部账户", None)
        for name in self._services.audit_accounts():
            self.account.addItem(name, name)
        index = self.account.findData(current)
        self.account.setCurrentIndex(max(index, 0))

    def current_filter(self) -> AuditFilter:
        dates = (self.date_from.date().toPython(), self.date_to.date().toPython()) if self.use_dates.isChecked() \
            else (None, None)
        return AuditFilter(account=self.account.currentData(), action=self.action.currentData(),
                           date_from=dates[0], date_to=dates[1], object_text=self.object_text.text().strip() or None)

    def refresh(self, record_view: bool = False) -> None:
        self.error.clear_text()
        try:
            self.model.set_entries(self._services.list_audit(self.current_filter(), record_view=bool(record_view)))
        except DomainError as error:
            self.error.show_text(text_for(error))

    def _on_verify(self) -> None:
        try:
            report = self._services.verify_audit()
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.result.setText(chain_text(report))
        self.result.setStyleSheet("" if report.ok else "color: #b00020; font-weight: bold;")
        self.refresh()

    def _on_export(self) -> None:
        target = ask.ask_save_path(self, "导出审计日志", f"审计日志-{self._services.clock.today():%Y%m%d}.xlsx", "Excel 工作簿 (*.xlsx)")
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        try:
            exported = self._services.export_audit(self.current_filter(), target)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.result.setText(f"已导出 {exported.rows} 条到 {exported.path}（已记入审计日志）。")
        self.refresh()

    def _on_paper(self) -> None:
        """Compare with an anchor on a filed paper 审计摘要: catches a tail cut after the summary was printed."""
        count = ask.ask_text(self, "核对纸质摘要", "纸质摘要上的条数：")
        if count is None:
            return
        prefix = ask.ask_text(self, "核对纸质摘要", "末条校验值（前 8 位或更多）：")
        if prefix is None:
            return
        self.error.clear_text()
        if not count.strip().isdigit():
            self.error.show_text("条数应为数字。")
            return
        try:
            same = self._services.check_against_paper(int(count), prefix)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.result.setText(f"与纸质摘要（第 {count.strip()} 条）" + ("一致。" if same else "不一致：审计记录可能被截去或替换。"))
        self.result.setStyleSheet("" if same else "color: #b00020; font-weight: bold;")
        self.refresh()

    def _on_summary(self) -> None:
        try:
            summary = self._services.audit_summary()
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.last_summary_html = summary_html(summary)
        printing.print_html(self, self.last_summary_html, "审计摘要")
        self.result.setText(chain_text(summary.report) + f" 锚点：{summary.anchor.count} 条。")
        self.refresh()
