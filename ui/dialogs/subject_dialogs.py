"""Forms for subjects: a unit (with its 保密资质 sub-table) and a person (with an employer chooser).

Each calls ``save_subject`` and stays open on a domain error, shown at its field. Similar names are shown
below the name; clicking 确定 again with the same name confirms that it is a different subject.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.domain.errors import DomainError, ValidationError
from app.domain.identifiers import IdType
from app.domain.picklists import picklists
from app.domain.subject import Person, Qualification, SubjectKind, Unit
from app.usecases.subjects import SaveSubject
from ui.collection_messages import similar_text
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel
from ui.widgets.pick import MultiCheck, SubjectFinder, choice_combo

QUAL_HEADERS = ("资质类别", "等级", "业务种类", "证书编号", "证书状态")


class _Form(QDialog):
    """A form with an error label under each field and one for the whole form; OK/Cancel.

    Signals:
        saved: emitted with the use case's result after it succeeded.
    """

    saved = Signal(object)
    fields: tuple[str, ...] = ()

    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors = {k: ErrorLabel() for k in (*self.fields, "form")}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.errors["form"])
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def add_row(self, label: str, widget, key: str | None = None) -> None:
        self.form.addRow(label, widget)
        if key:
            self.form.addRow("", self.errors[key])
            if isinstance(widget, QLineEdit):  # a corrected field loses its stale message
                widget.textEdited.connect(lambda _t, k=key: self.errors[k].clear_text())

    def show_error(self, error: DomainError) -> None:
        self.errors.get(error.field or "form", self.errors["form"]).show_text(text_for(error))

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear_text()
        try:
            result = self.submit()
        except DomainError as error:
            self.show_error(error)
            return
        super().accept()
        self.saved.emit(result)

    def submit(self):  # pragma: no cover - abstract
        raise NotImplementedError


class QualificationDialog(_Form):
    """One 保密资质: category, grade and business types from the pick list, certificate number and status."""

    fields = ("category", "grade", "business_types", "certificate_no")

    def __init__(self, qualification: Qualification | None = None, parent=None) -> None:
        super().__init__("保密资质", parent)
        q = qualification or Qualification("")
        self._lists = picklists()
        self.category = QComboBox()
        self.category.addItem("（请选择）", "")
        for cat in self._lists.qualification_categories:
            self.category.addItem(cat.label, cat.key)
        self.category.setCurrentIndex(max(self.category.findData(q.category), 0))
        self.grade = QComboBox()
        self.types_box = QVBoxLayout()
        self.types: MultiCheck | None = None
        self.note = QLineEdit(q.note)
        self.note.setPlaceholderText("类别为“其他”时注明资质名称")
        self.certificate_no = QLineEdit(q.certificate_no)
        self.status = choice_combo(self._lists.certificate_statuses, current=q.status)
        holder = QWidget()
        holder.setLayout(self.types_box)
        self.types_box.setContentsMargins(0, 0, 0, 0)
        self.add_row("资质类别", self.category, "category")
        self.add_row("注明", self.note)
        self.add_row("等级", self.grade, "grade")
        self.add_row("业务种类", holder, "business_types")
        self.add_row("证书编号", self.certificate_no, "certificate_no")
        self.add_row("证书状态", self.status)
        self.category.currentIndexChanged.connect(lambda _i: self._on_category(q))
        self._on_category(q)

    def _on_category(self, initial: Qualification) -> None:
        key = self.category.currentData()
        cat = self._lists.category(key) if key else None
        self.grade.clear()
        self.grade.addItem("（无等级）" if cat is None or not cat.grades else "（请选择）", "")
        for grade in cat.grades if cat else ():
            self.grade.addItem(grade, grade)
        self.grade.setCurrentIndex(max(self.grade.findData(initial.grade), 0))
        self.grade.setEnabled(bool(cat and cat.grades))
        if self.types is not None:
            self.types.setParent(None)
            self.types.deleteLater()
        self.types = MultiCheck(cat.business_types if cat else (), columns=4, selected=initial.business_types)
        self.types_box.addWidget(self.types)
        self.types.show()
        self.note.setEnabled(key == "other")

    def submit(self) -> Qualification:
        if not self.category.currentData():
            raise ValidationError("subject.qualification_category", field="category")
        q = Qualification(self.category.currentData(), self.grade.currentData(), self.types.values(),
                          self.certificate_no.text().strip(), self.status.currentData() or "",
                          self.note.text().strip() if self.category.currentData() == "other" else "")
        try:
            return q.validated()
        except DomainError as error:
            where = {"subject.qualification_grade": "grade", "subject.business_type": "business_types"}
            raise type(error)(error.code, field=where.get(error.code, "form"), **error.params) from None


class _SubjectDialog(_Form):
    """What units and persons share: similar-name confirmation, the save call."""

    def __init__(self, services, title: str, parent=None) -> None:
        super().__init__(title, parent)
        self._services = services
        self._similar_confirmed_for: str | None = None

    def _save(self, subject):
        confirm = self._similar_confirmed_for == subject.name.strip()
        try:
            return self._services.save_subject(SaveSubject(subject, confirm_similar=confirm))
        except DomainError as error:
            if error.code == "subject.similar_names":
                self._similar_confirmed_for = subject.name.strip()
            raise

    def show_error(self, error: DomainError) -> None:
        if error.code == "subject.similar_names":
            self.errors["name"].show_text(similar_text(error.params.get("names", [])))
        else:
            super().show_error(error)


class UnitDialog(_SubjectDialog):
    fields = ("name", "uscc", "legal_representative", "qualifications")

    def __init__(self, services, unit: Unit | None = None, parent=None) -> None:
        super().__init__(services, "修改单位" if unit else "新建单位", parent)
        self._id = unit.id if unit else None
        u = unit or Unit(None, "", "", "")
        self.name = QLineEdit(u.name)
        self.uscc = QLineEdit(u.uscc)
        self.uscc.setPlaceholderText("18 位，可含空格或全角字符，保存时自动规范")
        self.legal_representative = QLineEdit(u.legal_representative)
        self.qualifications = list(u.qualifications)
        self.qual_table = QTableWidget(0, len(QUAL_HEADERS))
        self.qual_table.setObjectName("qualifications")
        self.qual_table.setHorizontalHeaderLabels(QUAL_HEADERS)
        self.qual_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.qual_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.qual_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.qual_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.qual_table.verticalHeader().hide()
        self.qual_table.setFixedHeight(120)
        self.qual_buttons = {}
        qual_row = QHBoxLayout()
        for key, text, slot in (("add", "添加资质…", self._on_add_qualification),
                                ("edit", "修改资质…", self._on_edit_qualification),
                                ("remove", "删除资质", self._on_remove_qualification)):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            qual_row.addWidget(button)
            self.qual_buttons[key] = button
        qual_row.addStretch(1)
        quals = QWidget()
        box = QVBoxLayout(quals)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.qual_table)
        box.addLayout(qual_row)
        self.address = QLineEdit(u.address)
        self.contact_person = QLineEdit(u.contact_person)
        self.phone = QLineEdit(u.phone)
        self.add_row("名称", self.name, "name")
        self.add_row("统一社会信用代码", self.uscc, "uscc")
        self.add_row("法定代表人（单位负责人）", self.legal_representative, "legal_representative")
        self.add_row("保密资质", quals, "qualifications")
        self.add_row("送达地址", self.address)
        self.add_row("联系人", self.contact_person)
        self.add_row("联系电话", self.phone)
        self.resize(720, 440)
        self._fill_qualifications()

    def _fill_qualifications(self) -> None:
        self.qual_table.setRowCount(len(self.qualifications))
        lists = picklists()
        for row, q in enumerate(self.qualifications):
            label = lists.category(q.category).label if q.category != "other" else f"其他：{q.note}"
            for col, text in enumerate((label, q.grade, "、".join(q.business_types), q.certificate_no, q.status)):
                self.qual_table.setItem(row, col, QTableWidgetItem(text))
        self.qual_table.resizeRowsToContents()

    def _open_qualification(self, row: int | None) -> None:
        self.qualification_dialog = QualificationDialog(None if row is None else self.qualifications[row], self)
        self.qualification_dialog.saved.connect(lambda q: self._on_qualification_saved(row, q))
        self.qualification_dialog.open()

    def _on_qualification_saved(self, row: int | None, q: Qualification) -> None:
        if row is None:
            self.qualifications.append(q)
        else:
            self.qualifications[row] = q
        self.errors["qualifications"].clear_text()
        self._fill_qualifications()

    def _on_add_qualification(self) -> None:
        self._open_qualification(None)

    def _selected_row(self) -> int | None:
        row = self.qual_table.currentRow()
        if row < 0:
            self.errors["qualifications"].show_text("请先在表中选择一项资质。")
            return None
        return row

    def _on_edit_qualification(self) -> None:
        row = self._selected_row()
        if row is not None:
            self._open_qualification(row)

    def _on_remove_qualification(self) -> None:
        row = self._selected_row()
        if row is not None:
            del self.qualifications[row]
            self._fill_qualifications()

    def submit(self):
        return self._save(Unit(self._id, self.name.text(), self.uscc.text(), self.legal_representative.text(),
                               tuple(self.qualifications), self.address.text().strip(),
                               self.contact_person.text().strip(), self.phone.text().strip()))


class PersonDialog(_SubjectDialog):
    fields = ("name", "id_number", "level", "employer")

    def __init__(self, services, person: Person | None = None, employer: Unit | None = None, parent=None) -> None:
        super().__init__(services, "修改个人" if person else "新建个人", parent)
        self._id = person.id if person else None
        p = person or Person(None, "", IdType.RESIDENT_ID, "", "")
        self.name = QLineEdit(p.name)
        self.id_type = QComboBox()
        for id_type in IdType:
            self.id_type.addItem(id_type.label, id_type)
        self.id_type.setCurrentIndex(self.id_type.findData(p.id_type))
        self.id_number = QLineEdit(p.id_number)
        self.id_number.setPlaceholderText("居民身份证号码校验出生日期、行政区划和校验位")
        self.level = choice_combo(picklists().personnel_levels, current=p.level)
        self.employer_id = p.employer_id
        self.employer_label = QLabel(f"{employer.name}（{employer.uscc}）" if employer else "（未选择）")
        self.employer_label.setObjectName("employer_label")
        self.employer_finder = SubjectFinder(services, SubjectKind.UNIT)
        self.employer_finder.chosen.connect(self._on_employer_chosen)
        clear = QPushButton("清除工作单位")
        clear.setAutoDefault(False)
        clear.clicked.connect(lambda: self._on_employer_chosen(None))
        employer_box = QWidget()
        box = QVBoxLayout(employer_box)
        box.setContentsMargins(0, 0, 0, 0)
        current = QHBoxLayout()
        current.addWidget(self.employer_label, 1)
        current.addWidget(clear)
        box.addLayout(current)
        box.addWidget(self.employer_finder)
        self.post = QLineEdit(p.post)
        self.address = QLineEdit(p.address)
        self.phone = QLineEdit(p.phone)
        self.add_row("姓名", self.name, "name")
        self.add_row("证件类型", self.id_type)
        self.add_row("证件号码", self.id_number, "id_number")
        self.add_row("涉密人员类别", self.level, "level")
        self.add_row("工作单位", employer_box, "employer")
        self.add_row("岗位", self.post)
        self.add_row("送达地址", self.address)
        self.add_row("联系电话", self.phone)
        self.resize(640, 560)

    def _on_employer_chosen(self, ref) -> None:
        if ref is None and self.sender() is self.employer_finder:
            return  # the result list was cleared for a new search: keep the chosen employer
        self.employer_id = ref.id if ref else None
        self.employer_label.setText(f"{ref.name}（{ref.identifier}）" if ref else "（未选择）")

    def submit(self):
        if not self.level.currentData():
            raise ValidationError("subject.personnel_level", field="level")
        return self._save(Person(self._id, self.name.text(), self.id_type.currentData(), self.id_number.text(),
                                 self.level.currentData(), self.employer_id, self.post.text().strip(),
                                 self.address.text().strip(), self.phone.text().strip()))
