"""陈述和申辩 (Art. 8 ¶2): when and how the subject was told, the statements received (date, content,
adopted or not and why), or an explicit waiver. The period's due date comes from the rule set; after it
has passed without a statement the outcome is 逾期未陈述申辩 automatically."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.domain.errors import DomainError, ValidationError
from app.domain.picklists import picklists
from app.domain.record import Statement
from app.usecases.collection import RecordHearing
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel
from ui.widgets.pick import OptionalDateEdit, choice_combo

ADOPTION = (("（尚未决定）", None), ("采纳", True), ("不采纳", False))


class StatementBox(QGroupBox):
    """One statement or defence received."""

    def __init__(self, number: int, statement: Statement | None, today, parent=None) -> None:
        super().__init__(f"陈述申辩 {number}", parent)
        s = statement or Statement(today, "")
        self.received_on = QDateEdit(QDate(s.received_on))
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.content = QPlainTextEdit(s.content)
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(66)
        self.adopted = QComboBox()
        for label, value in ADOPTION:
            self.adopted.addItem(label, value)
        self.adopted.setCurrentIndex([v for _, v in ADOPTION].index(s.adopted))
        self.reason = QLineEdit(s.reason)
        self.reason.setPlaceholderText("采纳或不采纳的理由")
        self.remove_button = QPushButton("删除此条")
        self.remove_button.setAutoDefault(False)
        form = QFormLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.received_on)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        form.addRow("收到日期", top)
        form.addRow("内容", self.content)
        adopt = QHBoxLayout()
        adopt.addWidget(self.adopted)
        adopt.addWidget(self.reason, 1)
        form.addRow("是否采纳", adopt)

    def statement(self) -> Statement:
        return Statement(self.received_on.date().toPython(), self.content.toPlainText().strip(),
                         self.adopted.currentData(), self.reason.text().strip())


class HearingDialog(QDialog):
    """Signals:
        recorded: the hearing was saved; arg: Record (with ``hearing.due`` computed)
    """

    recorded = Signal(object)
    fields = ("notified_on", "notified_how", "statements", "waived_on", "form")

    def __init__(self, services, record, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.record = record
        h = record.hearing
        today = services.clock.today()
        self._today = today
        self.setWindowTitle(f"陈述和申辩 — {record.number}")
        self.errors = {k: ErrorLabel() for k in self.fields}
        due = f"{h.due}（按规则版本 {record.ruleset_id} 的陈述申辩期限计算）" if h.due else "填写告知日期并保存后自动计算"
        self.due_label = QLabel(due)
        self.due_label.setObjectName("due")
        self.outcome_label = QLabel(h.outcome(today).value)
        self.outcome_label.setObjectName("outcome")
        self.notified_on = OptionalDateEdit(h.notified_on, today)
        self.notified_how = choice_combo(picklists().notification_methods, current=h.notified_how)
        self.notified_how.currentIndexChanged.connect(lambda _i: self.errors["notified_how"].clear_text())
        self.waived_on = OptionalDateEdit(h.waived_on, today, check_text="当事人明确放弃，日期")
        self.statement_boxes: list[StatementBox] = []
        self.statements_layout = QVBoxLayout()
        self.add_button = QPushButton("添加陈述申辩")
        self.add_button.setObjectName("add_statement")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_statement(None))
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.statements_layout)
        box.addWidget(self.add_button)
        form = QFormLayout()
        form.addRow("陈述申辩期限", self.due_label)
        form.addRow("当前结论", self.outcome_label)
        for label, widget, key in (("告知日期", self.notified_on, "notified_on"),
                                   ("告知方式", self.notified_how, "notified_how"),
                                   ("收到的陈述申辩", holder, "statements"), ("明确放弃", self.waived_on, "waived_on")):
            form.addRow(label, widget)
            form.addRow("", self.errors[key])
        note = QLabel("期限届满，当事人既未陈述申辩也未明确放弃的，自动认定为“逾期未陈述申辩”。"
                      "陈述申辩环节完成前不能批准归集。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(form)
        inner.addWidget(note)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.errors["form"])
        layout.addWidget(buttons)
        for statement in h.statements:
            self.add_statement(statement)
        self.resize(680, 640)

    def add_statement(self, statement: Statement | None) -> StatementBox:
        box = StatementBox(len(self.statement_boxes) + 1, statement, self._today)
        box.remove_button.clicked.connect(lambda: self._remove(box))
        box.reason.textEdited.connect(self.errors["statements"].clear_text)
        box.content.textChanged.connect(self.errors["statements"].clear_text)
        self.statement_boxes.append(box)
        self.statements_layout.addWidget(box)
        box.show()
        return box

    def _remove(self, box: StatementBox) -> None:
        self.statement_boxes.remove(box)
        box.setParent(None)
        box.deleteLater()
        for number, other in enumerate(self.statement_boxes, start=1):
            other.setTitle(f"陈述申辩 {number}")

    def command(self) -> RecordHearing:
        """The command, after the checks the use case leaves to the form (pairs of fields, future dates)."""
        notified, how, waived = self.notified_on.value(), self.notified_how.currentData(), self.waived_on.value()
        statements = tuple(box.statement() for box in self.statement_boxes)
        if notified and not how:
            raise ValidationError("hearing.method_missing", field="notified_how")
        if how and not notified:
            raise ValidationError("field.required", field="notified_on")
        if (statements or waived) and not notified:
            raise ValidationError("hearing.notice_missing", field="notified_on")
        for key, day in (("notified_on", notified), ("waived_on", waived)):
            if day and day > self._today:
                raise ValidationError("date.in_future", field=key)
        for number, s in enumerate(statements, start=1):
            if s.received_on > self._today:
                raise ValidationError("date.in_future", field="statements", number=number)
            if s.adopted is not None and not s.reason:
                raise ValidationError("hearing.reason_missing", field="statements", number=number)
        return RecordHearing(self.record.id, notified, how, statements, waived)

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        try:
            record = self._services.record_hearing(self.command())
        except DomainError as error:
            prefix = f"第 {error.params['number']} 条：" if "number" in error.params else ""
            self.errors.get(error.field or "form", self.errors["form"]).show_text(prefix + text_for(error))
            return
        super().accept()
        self.recorded.emit(record)
