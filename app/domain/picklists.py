"""Pick lists (qualifications, personnel levels, basis types, penalties …) as data, from resources/data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from app.resources import resource_path


@dataclass(frozen=True)
class QualificationCategory:
    key: str
    label: str
    grades: tuple[str, ...]
    business_types: tuple[str, ...]


@dataclass(frozen=True)
class ExclusionQuestion:
    key: str
    article: str
    text: str


@dataclass(frozen=True)
class PickLists:
    qualification_categories: tuple[QualificationCategory, ...]
    certificate_statuses: tuple[str, ...]
    personnel_levels: tuple[str, ...]
    basis_types: tuple[str, ...]
    circumstances: tuple[str, ...]
    penalty_categories: tuple[str, ...]
    notification_methods: tuple[str, ...]
    exclusion_questions: tuple[ExclusionQuestion, ...]

    def category(self, key: str) -> QualificationCategory:
        return next(c for c in self.qualification_categories if c.key == key)


@lru_cache(maxsize=1)
def picklists() -> PickLists:
    data = json.loads(resource_path("data", "picklists.json").read_text(encoding="utf-8"))
    return PickLists(
        tuple(QualificationCategory(c["key"], c["label"], tuple(c["grades"]), tuple(c["business_types"]))
              for c in data["qualification_categories"]),
        tuple(data["certificate_statuses"]), tuple(data["personnel_levels"]), tuple(data["basis_types"]),
        tuple(data["circumstances"]), tuple(data["penalty_categories"]), tuple(data["notification_methods"]),
        tuple(ExclusionQuestion(**q) for q in data["exclusion_questions"]))
