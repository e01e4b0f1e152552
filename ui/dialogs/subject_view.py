"""The subject page: a unit's or person's data, its records with their states, and the history of changes
to the subject (from the audit trail). The 经办人 can edit the subject and open a new record for it."""

from __future__ import annotations

from app.domain.audit import action_label

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout)

from app.domain.errors import DomainError
from app.domain.permissions import Permission
from app.domain.record import Stage
from app.domain.record_status import derive_status
from app.domain.subject import Unit
from app.exports.audit_xlsx import detail_text
from app.ports import SubjectRef
from ui.dialogs.record_form import NewDraftDialog, RecordFormDialog
from ui.dialogs.record_view import RecordViewDialog
from ui.dialogs.subject_dialogs import PersonDialog, UnitDialog
from ui.messages import text_for
from ui.widgets.tables import read_only_table as _table
from ui.widgets.forms import ErrorLabel

FIELD_NAMES = {"name": "名称", "uscc": "统一社会信用代码", "legal_representative": "法定代表人", "qualifications": "资质",
               "address": "地址", "contact_person": "联系人", "phone": "电话", "id_type": "证件类型",
               "id_number": "证件号码", "level": "涉密人员类别", "employer_id": "工作单位", "post": "岗位"}


def _history_text(detail: dict) -> str:
    named = {key: {FIELD_NAMES.get(k, k): v for k, v in detail.get(key, {}).items()} for key in ("before", "after")}
    return detail_text(named)


class SubjectViewDialog(QDialog):
    """Signals:
        changed: the subject or one of its records changed here
    """

    changed = Signal()

    def __init__(self, services, kind, subject_id: int, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._kind, self._id = kind, subject_id
        self.child = None
        self.error = ErrorLabel()
        self.body = QVBoxLayout()
        self.buttons = {}
        actions = QHBoxLayout()
        for key, text, slot, permission in (("edit", "编辑…", self._on_edit, Permission.RECORD_DRAFT),
                                            ("new_record", "新建失信信息…", self._on_new_record,
                                             Permission.RECORD_DRAFT),
                                            ("open_record", "打开失信信息", self._on_open_record, None)):
            if permission is None or services.can(permission):
                button = QPushButton(text)
                button.setObjectName(key)
                button.setAutoDefault(False)
                button.clicked.connect(slot)
                actions.addWidget(button)
                self.buttons[key] = button
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addLayout(self.body, 1)
        layout.addWidget(close)
        self.reload()
        self.resize(860, 720)

    def reload(self) -> None:
        self.page = self._services.view_subject(self._kind, self._id)
        while self.body.count():
            item = self.body.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        s = self.page.subject
        self.setWindowTitle(f"{s.kind.value}：{s.name}")
        info = QGroupBox("基本信息")
        form = QFormLayout(info)
        if isinstance(s, Unit):
            form.addRow("名称", QLabel(s.name))
            form.addRow("统一社会信用代码", QLabel(s.uscc))
            form.addRow("法定代表人（单位负责人）", QLabel(s.legal_representative))
            quals = "\n".join(f"{q.label}　{'、'.join(q.business_types)}　证书 {q.certificate_no}　{q.status}"
                              for q in s.qualifications)
            form.addRow("保密资质", QLabel(quals or "—"))
            form.addRow("联系人", QLabel(s.contact_person or "—"))
        else:
            form.addRow("姓名", QLabel(s.name))
            form.addRow("证件", QLabel(f"{s.id_type.label} {s.id_number}"))
            form.addRow("涉密人员类别", QLabel(s.level))
            employer = self.page.employer
            form.addRow("工作单位／岗位", QLabel(f"{employer.name if employer else '—'}　{s.post}"))
        form.addRow("送达地址／电话", QLabel(f"{s.address or '—'}　{s.phone}"))
        self.body.addWidget(info)
        info.show()
        self.records = _table(("编号", "状态", "失信情形", "经办人", "创建时间", "归集日期"),
                              [(r.number, self._state(r), r.circumstance, r.handler, f"{r.created_at:%Y-%m-%d %H:%M}",
                                r.collected_on or "") for r in self.page.records])
        self.records.setObjectName("subject_records")
        self.records.doubleClicked.connect(lambda _i: self._on_open_record())
        self.history = _table(("时间", "账户", "操作", "变更内容"),
                              [(c.at[:16].replace("T", " "), c.account, action_label(c.action), _history_text(c.detail))
                               for c in self.page.history])
        self.history.setObjectName("subject_history")
        for title, table in (("失信信息", self.records), ("主体信息变更记录", self.history)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            self.body.addWidget(box, 1)
            box.show()

    def _state(self, record) -> str:
        if record.stage is not Stage.APPROVED:
            return record.stage.value
        ruleset = self._services.rulebook().get(record.ruleset_id)
        status = derive_status(record.events, ruleset, self._services.calendar(), self._services.clock.today())
        return status.state.label

    def _ref(self) -> SubjectRef:
        s = self.page.subject
        return SubjectRef(s.kind, s.id, s.name, s.identifier)

    def _on_done(self, *_args) -> None:
        self.error.clear_text()
        try:
            self.reload()
        except DomainError as error:
            self.error.show_text(text_for(error))
        self.changed.emit()

    def _show(self, dialog, signal) -> None:
        self.child = dialog
        signal.connect(self._on_done)
        dialog.open()

    def _on_edit(self) -> None:
        s = self.page.subject
        dialog = UnitDialog(self._services, s, parent=self) if isinstance(s, Unit) \
            else PersonDialog(self._services, s, self.page.employer, parent=self)
        self._show(dialog, dialog.saved)

    def _on_new_record(self) -> None:
        dialog = NewDraftDialog(self._services, self._ref(), parent=self)
        dialog.drafted.connect(self._on_drafted)
        self.child = dialog
        dialog.open()

    def _on_drafted(self, record) -> None:
        self._on_done()
        dialog = RecordFormDialog(self._services, record.id, parent=self)
        self._show(dialog, dialog.saved)

    def _on_open_record(self) -> None:
        row = self.records.currentRow()
        if row < 0:
            self.error.show_text("请先在“失信信息”表中选择一条。")
            return
        dialog = RecordViewDialog(self._services, self.page.records[row].id, parent=self)
        self._show(dialog, dialog.changed)
