"""The record editor (经办人): 基本信息, 依据 (Art. 5), 情形与处罚 (Art. 6), 第七条排除情形, 附件; and the
dialog that opens a draft for a subject under an explicitly chosen rule set when none is in force.

保存 keeps the form open (``update_draft`` with the version read); 提交审核 saves and submits, and closes
only on success. When content is missing the form lists it in Chinese and marks every missing field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.domain.errors import DomainError, ValidationError
from app.domain.picklists import picklists
from app.domain.record import Basis
from app.usecases.collection import DraftRecord, UpdateDraft
from ui.collection_messages import FIELD_LABELS, missing_text
from ui.messages import text_for
from ui.widgets import ask
from ui.widgets.attachment_viewer import AttachmentList
from ui.widgets.forms import ErrorLabel
from ui.widgets.pick import MultiCheck, OptionalDateEdit, SubjectFinder, YesNo, choice_combo

TEXT_FIELDS = ("violation", "penalty_detail", "facts", "exclusion_reason")


def _text_edit(text: str, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(22 * lines + 12)
    return edit


class NewDraftDialog(QDialog):
    """Choose the subject and the rule set, then ``draft_record``.

    Signals:
        drafted: the draft was created; arg: Record
    """

    drafted = Signal(object)

    def __init__(self, services, subject=None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle("新建失信信息")
        self.subject = subject
        self.errors = {k: ErrorLabel() for k in ("subject", "ruleset", "form")}
        form = QFormLayout()
        self.finder = None
        if subject is None:
            self.finder = SubjectFinder(services)
            form.addRow("主体", self.finder)
        else:
            form.addRow("主体", QLabel(f"{subject.kind.value}：{subject.name}（{subject.identifier}）"))
        form.addRow("", self.errors["subject"])
        today = services.clock.today()
        book = services.rulebook()
        self._in_force = book.in_force_on(today)
        self.ruleset = QComboBox()
        self.ruleset.setObjectName("ruleset")
        if self._in_force is None:
            self.ruleset.addItem("（请选择规则版本）", None)
        for r in reversed(book.rulesets):
            span = f"{r.effective_from} 至 {r.effective_to or '长期'}"
            mark = "，施行中" if r is self._in_force else ""
            self.ruleset.addItem(f"{r.title}（{r.document_number}，{span}{mark}）", r.id)
        self.warning = QLabel()
        self.warning.setObjectName("ruleset_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        if self._in_force is None:
            latest = book.rulesets[-1] if book.rulesets else None
            ended = f"最新版本已于 {latest.effective_to} 到期" if latest and latest.effective_to else "尚无规则版本"
            self.warning.setText(f"注意：今天（{today}）没有施行中的规则版本（{ended}）。请明确选择本条失信信息"
                                 "依据的规则版本，该选择将记入失信信息和审计日志。")
        self.warning.setVisible(self._in_force is None)
        form.addRow("规则版本", self.ruleset)
        form.addRow("", self.warning)
        form.addRow("", self.errors["ruleset"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(buttons)
        self.resize(620, 420 if subject is None else 220)

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        subject = self.subject or (self.finder.selected() if self.finder else None)
        if subject is None:
            self.errors["subject"].show_text(text_for(DomainError("subject.no_unit_selected")))
            return
        chosen = self.ruleset.currentData()
        if chosen is None:
            self.errors["ruleset"].show_text(text_for(DomainError("record.no_ruleset_chosen")))
            return
        explicit = None if self._in_force is not None and chosen == self._in_force.id else chosen
        try:
            record = self._services.draft_record(DraftRecord(subject.kind, subject.id, explicit))
        except DomainError as error:
            key = "ruleset" if error.code.startswith("ruleset.") else "subject" if error.code.startswith("subject.") \
                else "form"
            self.errors[key].show_text(text_for(error))
            return
        super().accept()
        self.drafted.emit(record)


class RecordFormDialog(QDialog):
    """Signals:
        saved: the draft was saved (or submitted); arg: Record
        submitted: the draft went to review or ended as 不予归集; arg: Record
    """

    saved = Signal(object)
    submitted = Signal(object)

    def __init__(self, services, record_id: int, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        view = services.view_record(record_id)
        self.record = view.record
        r = self.record
        lists = picklists()
        self.setWindowTitle(f"编辑失信信息 — {r.number}")
        self.errors: dict[str, ErrorLabel] = {k: ErrorLabel() for k in (*FIELD_LABELS, "attachment", "form")}
        body = QWidget()
        sections = QVBoxLayout(body)
        basic = self._section(sections, "基本信息")
        subject = view.subject
        basic.addRow("编号", QLabel(r.number))
        basic.addRow("主体", QLabel(f"{subject.kind.value}：{subject.name}（{subject.identifier}）"))
        chosen = "（明确选择）" if r.ruleset_chosen_explicitly else ""
        basic.addRow("规则版本", QLabel(f"{r.ruleset_id}{chosen}"))
        basic.addRow("经办人／阶段", QLabel(f"{r.handler}　{r.stage.value}"))
        for step in r.returned_comments():
            note = QLabel(f"{step.kind.value}（{step.account}，{step.at:%Y-%m-%d %H:%M}）：{step.opinion}")
            note.setObjectName("returned_comment")
            note.setWordWrap(True)
            note.setStyleSheet("color: #b00020; font-weight: bold;")
            basic.addRow("退回意见", note)
        basis = self._section(sections, "归集依据（第五条）")
        self.basis_type = choice_combo(lists.basis_types, current=r.basis.type)
        self.document_number = QLineEdit(r.basis.document_number)
        self.document_number.setPlaceholderText("例如：穗密罚〔2026〕3号")
        self.authority = QLineEdit(r.basis.authority)
        today = services.clock.today()
        self.decided_on = OptionalDateEdit(r.basis.decided_on, today)
        self.effective_on = OptionalDateEdit(r.basis.effective_on, today)
        for key, widget in (("basis.type", self.basis_type), ("basis.document_number", self.document_number),
                            ("basis.authority", self.authority), ("basis.decided_on", self.decided_on),
                            ("basis.effective_on", self.effective_on)):
            self._row(basis, key, widget)
        content = self._section(sections, "失信情形与处罚（第六条）")
        self.circumstance = choice_combo(lists.circumstances, current=r.circumstance)
        self.penalties = MultiCheck(lists.penalty_categories, columns=5, selected=r.penalties)
        self.violation = _text_edit(r.violation, 2)
        self.penalty_detail = _text_edit(r.penalty_detail, 2)
        self.facts = _text_edit(r.facts, 4)
        for key, widget in (("circumstance", self.circumstance), ("penalties", self.penalties),
                            ("violation", self.violation), ("penalty_detail", self.penalty_detail),
                            ("facts", self.facts)):
            self._row(content, key, widget)
        exclusions = self._section(sections, "排除情形（第七条）")
        hint = QLabel("以下三项均须回答。任一项为“是”的，提交后本条以“不予归集”结束，并记录理由。")
        hint.setWordWrap(True)
        exclusions.addRow(hint)
        self.exclusions: dict[str, YesNo] = {}
        for question in lists.exclusion_questions:
            answer = YesNo(r.exclusion(question.key))
            answer.setObjectName(f"exclusion_{question.key}")
            answer.changed.connect(self._on_exclusion_changed)
            self.exclusions[question.key] = answer
            label = QLabel(f"{question.article}：{question.text}")
            label.setWordWrap(True)
            exclusions.addRow(label)
            exclusions.addRow("", answer)
            exclusions.addRow("", self.errors[f"exclusion.{question.key}"])
        self.exclusion_reason = _text_edit(r.exclusion_reason, 2)
        self._row(exclusions, "exclusion_reason", self.exclusion_reason)
        attachments = self._section(sections, "附件（依据文书扫描件）")
        self.attachments = AttachmentList(services, r.id, view.attachments, can_add=True)
        attachments.addRow(self.attachments)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.save_button = QPushButton("保存")
        self.save_button.setObjectName("save")
        self.submit_button = QPushButton("提交审核")
        self.submit_button.setObjectName("submit")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors["form"])
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._on_exclusion_changed()
        self.resize(900, 860)

    # -- layout helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _section(parent: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        parent.addWidget(box)
        return form

    def _row(self, form: QFormLayout, key: str, widget: QWidget) -> None:
        widget.setObjectName(key)
        form.addRow(FIELD_LABELS[key], widget)
        form.addRow("", self.errors[key])

    def _on_exclusion_changed(self) -> None:
        self.exclusion_reason.setEnabled(any(a.value() for a in self.exclusions.values()))

    # -- the command ------------------------------------------------------------------------------------
    def command(self) -> UpdateDraft:
        r = self.record
        basis = Basis(self.basis_type.currentData(), self.document_number.text().strip(), self.authority.text().strip(),
                      self.decided_on.value(), self.effective_on.value())
        exclusions = tuple((key, answer.value()) for key, answer in self.exclusions.items())
        reason = self.exclusion_reason.toPlainText().strip() if any(v for _, v in exclusions) else ""
        return UpdateDraft(r.id, r.version, basis, self.circumstance.currentData(), self.penalties.values(),
                           self.violation.toPlainText().strip(), self.penalty_detail.toPlainText().strip(),
                           self.facts.toPlainText().strip(), exclusions, reason)

    def has_changes(self) -> bool:
        cmd, r = self.command(), self.record
        return any(getattr(cmd, f) != getattr(r, f) for f in ("basis", "circumstance", "penalties", "violation",
                                                                "penalty_detail", "facts", "exclusions",
                                                                "exclusion_reason"))

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        self.status.clear()

    def show_error(self, error: DomainError) -> None:
        if error.code == "record.incomplete":
            missing = error.params.get("missing", [])
            self.errors["form"].show_text(f"{text_for(error)}{missing_text(missing)}")
            for code in missing:
                if code in self.errors:
                    self.errors[code].show_text("请回答此问题。" if code.startswith("exclusion.") else "此项为必填项。")
            return
        self.errors.get(error.field or "form", self.errors["form"]).show_text(text_for(error))

    # -- actions ----------------------------------------------------------------------------------------
    def _save(self) -> bool:
        if not self.has_changes():
            return True
        basis = self.command().basis
        try:
            if basis.decided_on and basis.decided_on > self._services.clock.today():
                raise ValidationError("date.in_future", field="basis.decided_on")
            self.record = self._services.update_draft(self.command())
        except DomainError as error:
            self.show_error(error)
            return False
        self.saved.emit(self.record)
        return True

    def save(self) -> None:
        self._clear_errors()
        if self._save():
            self.status.setText(f"草稿已保存（{self._services.clock.now():%H:%M}）。")

    def submit(self) -> None:
        self._clear_errors()
        if not self._save():
            return
        if any(v for _, v in self.record.exclusions) and self.record.exclusion_reason.strip() and not ask.confirm(
                self, "不予归集", "第七条排除情形中有回答为“是”的项目。提交后本条将以“不予归集”结束，不再进入审核。确定提交吗？"):
            return
        try:
            self.record = self._services.submit_record(self.record.id)
        except DomainError as error:
            self.show_error(error)
            return
        super().accept()
        self.saved.emit(self.record)
        self.submitted.emit(self.record)

    def reject(self) -> None:
        if self.has_changes() and not ask.confirm(self, "放弃修改", "有尚未保存的修改。确定放弃这些修改并关闭吗？"):
            return
        super().reject()
