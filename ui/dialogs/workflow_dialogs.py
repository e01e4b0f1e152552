"""审核 and 审批 (Art. 8 ¶1): a written opinion and a decision (同意/退回, 批准/退回) by a different account
from the handler (and, for approval, from the reviewer). Each step keeps its opinion, account and time."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QRadioButton, QVBoxLayout)

from app.domain.errors import DomainError
from ui.collection_messages import hearing_gaps_text
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel


def _wrapped(text: str) -> QLabel:
    label = QLabel(text or "—")
    label.setWordWrap(True)
    return label


class _WorkflowDialog(QDialog):
    """Signals:
        decided: the step was recorded; arg: Record
    """

    decided = Signal(object)
    title = ""
    yes_text = ""
    no_text = ""

    def __init__(self, services, view, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.view = view
        r = view.record
        self.setWindowTitle(f"{self.title} — {r.number}")
        summary_box = QGroupBox("失信信息摘要")
        summary = QFormLayout(summary_box)
        summary.addRow("编号", QLabel(r.number))
        summary.addRow("主体", _wrapped(f"{view.subject.kind.value}：{view.subject.name}（{view.subject.identifier}）"))
        b = r.basis
        summary.addRow("归集依据", _wrapped(f"{b.type}　{b.document_number}　{b.authority}　作出 {b.decided_on or '—'}"
                                        f"　生效 {b.effective_on or '—'}"))
        summary.addRow("失信情形", _wrapped(r.circumstance))
        summary.addRow("处罚类别", _wrapped("、".join(r.penalties)))
        summary.addRow("事由", _wrapped(r.facts))
        summary.addRow("经办人", QLabel(r.handler))
        summary.addRow("陈述申辩", _wrapped(self._hearing_text()))
        for step in r.steps:
            summary.addRow(step.kind.value, _wrapped(f"{step.account}（{step.at:%Y-%m-%d %H:%M}）"
                                                      f"{'：' + step.opinion if step.opinion else ''}"))
        self.yes = QRadioButton(self.yes_text)
        self.no = QRadioButton(self.no_text)
        self.yes.setObjectName("agree")
        self.no.setObjectName("return")
        self.decision = QButtonGroup(self)
        self.decision.addButton(self.yes)
        self.decision.addButton(self.no)
        self.yes.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.yes)
        choice.addWidget(self.no)
        choice.addStretch(1)
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("opinion")
        self.opinion.setTabChangesFocus(True)
        self.opinion.setFixedHeight(90)
        self.opinion.setPlaceholderText("意见（必填；退回时写明需要补正或修改的内容）")
        self.errors = {"opinion": ErrorLabel(), "form": ErrorLabel()}
        decision_box = QGroupBox(f"{self.title}决定")
        decision = QFormLayout(decision_box)
        decision.addRow("决定", choice)
        decision.addRow(f"{self.title}意见", self.opinion)
        decision.addRow("", self.errors["opinion"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary_box)
        layout.addWidget(decision_box)
        layout.addWidget(self.errors["form"])
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.opinion.textChanged.connect(self.errors["opinion"].clear_text)
        self.resize(640, 560)

    def _hearing_text(self) -> str:
        h = self.view.record.hearing
        outcome = h.outcome(self._services.clock.today()).value
        told = f"{h.notified_on} 以“{h.notified_how}”方式告知，期限至 {h.due}" if h.notified_on else "尚未告知"
        return f"{outcome}（{told}）"

    def call(self, agree: bool, opinion: str):  # pragma: no cover - abstract
        raise NotImplementedError

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        try:
            record = self.call(self.yes.isChecked(), self.opinion.toPlainText().strip())
        except DomainError as error:
            text = text_for(error)
            if error.code == "record.hearing_incomplete":
                text += hearing_gaps_text(error.params.get("missing", []))
            self.errors.get(error.field or "form", self.errors["form"]).show_text(text)
            return
        super().accept()
        self.decided.emit(record)


class ReviewDialog(_WorkflowDialog):
    title, yes_text, no_text = "审核", "同意", "退回"

    def call(self, agree: bool, opinion: str):
        return self._services.review_record(self.view.record.id, agree=agree, opinion=opinion)


class ApprovalDialog(_WorkflowDialog):
    title, yes_text, no_text = "审批", "批准归集", "退回"

    def call(self, agree: bool, opinion: str):
        return self._services.approve_record(self.view.record.id, approve=agree, opinion=opinion)
