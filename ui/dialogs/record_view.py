"""The record page: every field, the timeline of workflow steps, every derived deadline with its
explanation (暂定 ones in red), the attachments with 查看, and the actions the account may take now.

The state is derived afresh by ``view_record`` (never the list's cache). After an action the page
reloads itself and emits ``changed`` so the list can refresh.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.permissions import Permission
from app.domain.picklists import picklists
from app.domain.record import Stage
from app.domain.record_status import describe_event
from app.domain.subject import Unit
from ui.collection_messages import missing_text
from ui.dialogs.hearing_dialog import HearingDialog
from app.usecases.documents import DocumentKind
from app.usecases.notices import issued_notice, served
from ui.dialogs.record_documents import DocumentsController
from ui.dialogs.record_form import RecordFormDialog
from ui.dialogs.service_dialog import ServiceDialog
from ui.dialogs.workflow_dialogs import ApprovalDialog, ReviewDialog
from ui.messages import text_for
from ui.widgets import ask
from ui.widgets.attachment_viewer import AttachmentList
from ui.widgets.forms import ErrorLabel
from ui.widgets.tables import read_only_table

YES_NO = {True: "是", False: "否", None: "未回答"}


def deadline_html(named) -> str:
    """One deadline: label, date, 暂定 in red, and the explanation lines."""
    d = named.deadline
    mark = " <span style='color:#b00020; font-weight:bold'>暂定</span>" if d.provisional else ""
    if getattr(named, "overdue", False):
        mark += " <span style='color:#b00020; font-weight:bold'>已逾期</span>"
    lines = "<br>".join(html.escape(line) for line in d.lines())
    return f"<b>{html.escape(named.label)}：{d.date}</b>{mark}<br><span style='color:#444'>{lines}</span>"


def _label(text: str) -> QLabel:
    label = QLabel(text or "—")
    label.setWordWrap(True)
    return label


class RecordViewDialog(QDialog):
    """Signals:
        changed: the record changed through an action started here
    """

    changed = Signal()

    def __init__(self, services, record_id: int, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._record_id = record_id
        self.child = None
        self.error = ErrorLabel()
        self.documents = DocumentsController(services, self, self.error.show_text)
        self.actions = QHBoxLayout()
        self.action_bar: QWidget | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.actions)
        layout.addWidget(self.error)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(close)
        self.reload()
        self.resize(900, 860)

    # -- content ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.view = self._services.view_record(self._record_id)
        r = self.view.record
        self.setWindowTitle(f"失信信息 {r.number}（{self.view.state_label}）")
        body = QWidget()
        sections = QVBoxLayout(body)
        self._basic(sections)
        self._content(sections)
        self._hearing(sections)
        self._timeline(sections)
        self._events(sections)
        self._deadlines(sections)
        box = self._group(sections, "附件")
        self.attachments = AttachmentList(self._services, r.id, self.view.attachments, can_add=False)
        box.addRow(self.attachments)
        sections.addStretch(1)
        self.scroll.setWidget(body)
        self._build_actions()

    @staticmethod
    def _group(parent: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        parent.addWidget(box)
        return form

    def _basic(self, sections: QVBoxLayout) -> None:
        v, r = self.view, self.view.record
        form = self._group(sections, "基本信息")
        self.state_label = QLabel(f"<b>{html.escape(v.state_label)}</b>")
        self.state_label.setObjectName("state")
        form.addRow("编号", QLabel(r.number))
        form.addRow("状态", self.state_label)
        s = v.subject
        if isinstance(s, Unit):
            quals = "；".join(f"{q.label} {q.certificate_no} {q.status}" for q in s.qualifications)
            form.addRow("单位", _label(f"{s.name}（统一社会信用代码 {s.uscc}）"))
            form.addRow("法定代表人（单位负责人）", _label(s.legal_representative))
            form.addRow("保密资质", _label(quals))
        else:
            form.addRow("个人", _label(f"{s.name}（{s.id_type.label} {s.id_number}）　{s.level}"))
            form.addRow("工作单位／岗位", _label(f"{v.employer.name if v.employer else '—'}　{s.post}"))
        form.addRow("送达地址／电话", _label(f"{s.address}　{s.phone}"))
        chosen = "（无施行中的版本时明确选择）" if r.ruleset_chosen_explicitly else ""
        form.addRow("规则版本", _label(f"{r.ruleset_id}{chosen}"))
        form.addRow("经办人／创建时间", _label(f"{r.handler}　{r.created_at:%Y-%m-%d %H:%M}"))
        form.addRow("归集日期", _label(str(r.collected_on or "")))

    def _content(self, sections: QVBoxLayout) -> None:
        r = self.view.record
        b = r.basis
        form = self._group(sections, "依据、情形与处罚、第七条排除情形")
        form.addRow("归集依据", _label(f"{b.type}　{b.document_number}　{b.authority}"))
        form.addRow("作出／生效日期", _label(f"{b.decided_on or '未填写'}　／　{b.effective_on or '未填写'}"))
        form.addRow("失信情形", _label(r.circumstance))
        form.addRow("处罚类别", _label("、".join(r.penalties)))
        form.addRow("违法行为", _label(r.violation))
        form.addRow("实施处罚的具体情况", _label(r.penalty_detail))
        form.addRow("事由", _label(r.facts))
        for q in picklists().exclusion_questions:
            form.addRow(q.article, _label(f"{q.text}　{YES_NO[r.exclusion(q.key)]}"))
        if r.exclusion_reason:
            form.addRow("不予归集理由", _label(r.exclusion_reason))

    def _hearing(self, sections: QVBoxLayout) -> None:
        h = self.view.record.hearing
        form = self._group(sections, "陈述和申辩（第八条第二款）")
        self.hearing_outcome = QLabel(h.outcome(self._services.clock.today()).value)
        self.hearing_outcome.setObjectName("hearing_outcome")
        form.addRow("结论", self.hearing_outcome)
        form.addRow("告知", _label(f"{h.notified_on} {h.notified_how}" if h.notified_on else "尚未告知"))
        form.addRow("期限", _label(str(h.due or "")))
        for i, s in enumerate(h.statements, start=1):
            adopted = {True: "采纳", False: "不采纳", None: "尚未决定"}[s.adopted]
            form.addRow(f"陈述申辩 {i}", _label(f"{s.received_on}：{s.content}（{adopted}：{s.reason}）"))
        if h.waived_on:
            form.addRow("明确放弃", _label(str(h.waived_on)))

    def _timeline(self, sections: QVBoxLayout) -> None:
        steps = self.view.record.steps
        box = QGroupBox("办理过程")
        inner = QVBoxLayout(box)
        self.timeline = read_only_table(("时间", "账户", "环节", "意见"),
                                        [(f"{s.at:%Y-%m-%d %H:%M}", s.account, s.kind.value, s.opinion) for s in steps])
        self.timeline.setObjectName("timeline")
        self.timeline.setFixedHeight(32 + 30 * max(1, len(steps)))
        inner.addWidget(self.timeline if steps else QLabel("尚未提交。"))
        sections.addWidget(box)

    def _events(self, sections: QVBoxLayout) -> None:
        """After approval: notice, service, objection, report, extension, deletion — with their dates."""
        events = self.view.record.events
        if not events:
            return
        box = QGroupBox("告知、送达及后续事项")
        inner = QVBoxLayout(box)
        self.events = read_only_table(("日期", "事项"), [(e.on.isoformat(), describe_event(e)) for e in events])
        self.events.setObjectName("events")
        self.events.setFixedHeight(32 + 30 * len(events))
        inner.addWidget(self.events)
        sections.addWidget(box)

    def _deadlines(self, sections: QVBoxLayout) -> None:
        box = QGroupBox("期限及计算说明")
        inner = QVBoxLayout(box)
        self.deadline_labels = []
        for named in self.view.deadlines:
            label = QLabel(deadline_html(named))
            label.setWordWrap(True)
            self.deadline_labels.append(label)
            inner.addWidget(label)
        if not self.view.deadlines:
            inner.addWidget(QLabel("暂无期限（告知陈述申辩或批准归集后计算）。"))
        sections.addWidget(box)

    # -- actions ----------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        if self.action_bar is not None:
            self.action_bar.setParent(None)
            self.action_bar.deleteLater()
        self.action_bar = QWidget()
        row = QHBoxLayout(self.action_bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons = {}
        s, r = self._services, self.view.record
        mine = r.handler == s.session.account.username and s.can(Permission.RECORD_DRAFT)
        wanted = [("edit", "编辑…", mine and r.editable(), self._on_edit),
                  ("hearing", "陈述申辩…", mine and r.stage not in (Stage.APPROVED, Stage.NOT_COLLECTED),
                   self._on_hearing),
                  ("submit", "提交审核", mine and r.editable(), self._on_submit),
                  ("review", "审核…", s.can(Permission.RECORD_REVIEW) and r.stage is Stage.SUBMITTED, self._on_review),
                  ("approve", "审批…", s.can(Permission.RECORD_APPROVE) and r.stage is Stage.REVIEWED,
                   self._on_approve),
                  ("issue_notice", "编发告知书文号", mine and r.stage is Stage.APPROVED and not issued_notice(r),
                   self._on_issue_notice),
                  ("notice", "告知书…", r.stage is Stage.APPROVED and bool(issued_notice(r)),
                   lambda: self._on_document(DocumentKind.NOTICE)),
                  ("receipt", "送达回证…", r.stage is Stage.APPROVED and bool(issued_notice(r)),
                   lambda: self._on_document(DocumentKind.RECEIPT)),
                  ("service", "记录送达…", mine and bool(issued_notice(r)) and not served(r), self._on_service),
                  ("approval_form", "审批表…", True, lambda: self._on_document(DocumentKind.APPROVAL))]
        for key, text, show, slot in wanted:
            if show:
                button = QPushButton(text)
                button.setObjectName(key)
                button.setAutoDefault(False)
                button.clicked.connect(slot)
                row.addWidget(button)
                self.buttons[key] = button
        row.addStretch(1)
        self.actions.addWidget(self.action_bar)
        self.action_bar.show()

    def _open(self, dialog, signal) -> None:
        self.child = dialog
        signal.connect(self._on_child_done)
        dialog.open()

    def _on_child_done(self, _record=None) -> None:
        self.error.clear_text()
        try:
            self.reload()
        except DomainError as error:
            self.error.show_text(text_for(error))
        self.changed.emit()

    def _on_edit(self) -> None:
        dialog = RecordFormDialog(self._services, self._record_id, parent=self)
        self._open(dialog, dialog.saved)

    def _on_submit(self) -> None:
        self.error.clear_text()
        r = self.view.record
        if any(v for _, v in r.exclusions) and r.exclusion_reason.strip() and not ask.confirm(
                self, "不予归集", "第七条排除情形中有回答为“是”的项目。提交后本条将以“不予归集”结束，不再进入审核。确定提交吗？"):
            return
        try:
            self._services.submit_record(r.id)
        except DomainError as error:
            text = text_for(error)
            if error.code == "record.incomplete":
                text += missing_text(error.params.get("missing", [])) + "请点击“编辑…”补充。"
            self.error.show_text(text)
            return
        self._on_child_done()

    def _on_hearing(self) -> None:
        dialog = HearingDialog(self._services, self.view.record, parent=self)
        self._open(dialog, dialog.recorded)

    def _on_review(self) -> None:
        dialog = ReviewDialog(self._services, self.view, parent=self)
        self._open(dialog, dialog.decided)

    def _on_approve(self) -> None:
        dialog = ApprovalDialog(self._services, self.view, parent=self)
        self._open(dialog, dialog.decided)

    def _on_issue_notice(self) -> None:
        self.error.clear_text()
        try:
            self._services.issue_notice(self.view.record.id)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self._on_child_done()

    def _on_document(self, kind) -> None:
        self.error.clear_text()
        self.documents.open(kind, self.view.record.id)

    def _on_service(self) -> None:
        dialog = ServiceDialog(self._services, self.view.record, parent=self)
        self._open(dialog, dialog.done)
