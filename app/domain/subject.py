"""Subjects (主体) of dishonesty information: units holding a secrecy qualification, and their classified
personnel (Art. 2). Art. 12(1): name, 统一社会信用代码 / 公民身份证号码, 法定代表人（单位负责人）."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace

from app.domain.errors import ValidationError
from app.domain.identifiers import IdType, normalise_name, validate_identity_document, validate_uscc
from app.domain.picklists import picklists


class SubjectKind(enum.Enum):
    UNIT = "单位"
    PERSON = "个人"


@dataclass(frozen=True)
class Qualification:
    """One 保密资质（格） the unit holds (pick lists: resources/data/picklists.json)."""

    category: str  # key of a QualificationCategory
    grade: str = ""
    business_types: tuple[str, ...] = ()
    certificate_no: str = ""
    status: str = "有效"
    note: str = ""  # required for 其他（注明）

    @property
    def label(self) -> str:
        cat = picklists().category(self.category)
        text = cat.label if self.category != "other" else f"其他：{self.note}"
        return text + (f"（{self.grade}）" if self.grade else "")

    def validated(self) -> "Qualification":
        lists = picklists()
        if self.category not in {c.key for c in lists.qualification_categories}:
            raise ValidationError("subject.qualification_category", field="qualifications")
        cat = lists.category(self.category)
        if cat.grades and self.grade not in cat.grades:
            raise ValidationError("subject.qualification_grade", field="qualifications", category=cat.label)
        if set(self.business_types) - set(cat.business_types):
            raise ValidationError("subject.business_type", field="qualifications", category=cat.label)
        if self.status not in lists.certificate_statuses:
            raise ValidationError("subject.certificate_status", field="qualifications")
        if self.category == "other" and not self.note.strip():
            raise ValidationError("subject.other_note_missing", field="qualifications")
        return self


@dataclass(frozen=True)
class Unit:
    id: int | None
    name: str
    uscc: str
    legal_representative: str
    qualifications: tuple[Qualification, ...] = ()
    address: str = ""
    contact_person: str = ""
    phone: str = ""
    kind: SubjectKind = field(default=SubjectKind.UNIT, init=False)

    @property
    def identifier(self) -> str:
        return self.uscc

    def validated(self) -> "Unit":
        """Art. 12(1) for a unit: 名称, 统一社会信用代码 (GB 32100 checks), 法定代表人（单位负责人）."""
        _required(self.name, "name")
        uscc = validate_uscc(self.uscc, field="uscc")
        _required(self.legal_representative, "legal_representative")
        quals = tuple(q.validated() for q in self.qualifications)
        return _replace(self, name=self.name.strip(), uscc=uscc, legal_representative=self.legal_representative.strip(),
                        qualifications=quals)


@dataclass(frozen=True)
class Person:
    id: int | None
    name: str
    id_type: IdType
    id_number: str
    level: str  # 核心/重要/一般涉密人员
    employer_id: int | None = None
    post: str = ""
    address: str = ""
    phone: str = ""
    kind: SubjectKind = field(default=SubjectKind.PERSON, init=False)

    @property
    def identifier(self) -> str:
        return self.id_number

    def validated(self, today: dt.date) -> "Person":
        """Art. 12(1) for a person: 姓名 and 证件号码 (居民身份证: GB 11643 checks)."""
        _required(self.name, "name")
        document = validate_identity_document(self.id_type, self.id_number, today=today, field="id_number")
        if self.level not in picklists().personnel_levels:
            raise ValidationError("subject.personnel_level", field="level")
        return _replace(self, name=self.name.strip(), id_number=document.number)


Subject = Unit | Person


def _required(value: str, field_name: str) -> None:
    if not value or not value.strip():
        raise ValidationError("field.required", field=field_name)


def _replace(obj, **changes):
    return replace(obj, **changes)


def name_key(name: str) -> str:
    """The form names are compared in: full/half width, brackets and spaces folded."""
    return normalise_name(name)


def similar(a: str, b: str) -> bool:
    """Names that look alike enough to show before saving: equal after folding, or one inside the other."""
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka == kb or (min(len(ka), len(kb)) >= 4 and (ka in kb or kb in ka)))
