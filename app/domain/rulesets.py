"""Versioned rule sets: every period of the regulation as data, with its article and effective dates.

A rule set is immutable. The bureau changes a parameter by adding a *successor* set with its own effective
date, so every record keeps the set it was collected under (``RuleSet.id``). The 2021 set
(穗密规字〔2021〕1号) is in force 2021-09-01 to 2024-08-31 (Art. 21: 有效期3年); after that no set is in force
until the bureau adds one, and collecting then needs an explicit choice (:meth:`RuleBook.resolve`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from app.domain.errors import DomainError, NotFound, ValidationError

FORMAT = "credit-ledger/ruleset@1"


class PeriodUnit(Enum):
    """How a period is counted (see app.domain.deadlines for the conventions)."""

    WORKING_DAYS = "个工作日"
    MONTHS = "个月"
    YEARS = "年"


class PeriodOrigin(Enum):
    """Whether the regulation fixes the period or the bureau chose a default for an open one."""

    REGULATION = "办法规定"
    DEFAULT = "本局默认值（办法未规定，可调整）"


@dataclass(frozen=True)
class Period:
    """One period of a rule set.

    Attributes:
        key: stable name, e.g. "objection".
        label: Chinese name, e.g. "异议申请期限".
        amount: number of units (≥ 1).
        unit: working days, months or years.
        basis: where it comes from, e.g. "《广州市涉密领域失信信息管理暂行办法》第九条".
        trigger: what starts it, e.g. "收到书面告知之日".
        origin: fixed by the regulation, or a configurable default.
        note: why a default was chosen.
    """

    key: str
    label: str
    amount: int
    unit: PeriodUnit
    basis: str
    trigger: str
    origin: PeriodOrigin = PeriodOrigin.REGULATION
    note: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValidationError("ruleset.period_not_positive", field=self.key, amount=self.amount)

    @property
    def months(self) -> int:
        """The period in months (calendar periods only)."""
        if self.unit is PeriodUnit.WORKING_DAYS:
            raise ValidationError("ruleset.not_calendar_period", field=self.key)
        return self.amount * 12 if self.unit is PeriodUnit.YEARS else self.amount

    def describe(self) -> str:
        """E.g. "15个工作日", "3年", "3个月"."""
        return f"{self.amount}{self.unit.value}"


WORKING_DAY_KEYS = ("objection", "deletion_review", "deletion_review_max", "statement_defence",
                    "objection_verification", "report_to_credit_authority", "assist_letter_reply")
CALENDAR_KEYS = ("validity", "validity_extension", "validity_cap", "deletion_wait")
PERIOD_KEYS = WORKING_DAY_KEYS + CALENDAR_KEYS


@dataclass(frozen=True)
class RuleSet:
    """The parameters in force for records collected during ``effective_from``..``effective_to``.

    Periods fixed by the regulation: objection (Art. 9, 15 WD of receipt of the notice); validity
    (Art. 10, 3 years from collection); validity_extension (Art. 11, +1 year); validity_cap (Art. 11,
    total never above 5 years); deletion_wait (Art. 17, 3 months after collection); deletion_review
    (Art. 17, 10 WD) and deletion_review_max (Art. 17, at most 20 WD with approval); 补正 time excluded
    (Art. 17). Open periods with bureau defaults: statement_defence (Art. 8), objection_verification
    (Art. 9), report_to_credit_authority (Art. 13), assist_letter_reply (信用广州 协查函).
    """

    id: str
    title: str
    document_number: str
    effective_from: dt.date
    effective_to: dt.date | None
    objection: Period
    validity: Period
    validity_extension: Period
    validity_cap: Period
    deletion_wait: Period
    deletion_review: Period
    deletion_review_max: Period
    statement_defence: Period
    objection_verification: Period
    report_to_credit_authority: Period
    assist_letter_reply: Period
    supplement_time_excluded: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValidationError("ruleset.ends_before_start", ruleset=self.id)
        for key in WORKING_DAY_KEYS:
            _expect_unit(self, key, working_days=True)
        for key in CALENDAR_KEYS:
            _expect_unit(self, key, working_days=False)
        if self.deletion_review_max.amount < self.deletion_review.amount:
            raise ValidationError("ruleset.review_max_below_base", ruleset=self.id)
        if self.validity_cap.months < self.validity.months:
            raise ValidationError("ruleset.cap_below_validity", ruleset=self.id)

    def in_force_on(self, day: dt.date) -> bool:
        """True when ``day`` lies within the effective period (both ends inclusive)."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def periods(self) -> tuple[Period, ...]:
        """All periods, regulation ones first."""
        return tuple(getattr(self, key) for key in PERIOD_KEYS)

    @property
    def max_extensions(self) -> int:
        """How many +1 extensions fit under the cap (Art. 11: 3 + 1 + 1 ≤ 5 years → 2)."""
        return (self.validity_cap.months - self.validity.months) // self.validity_extension.months


def _expect_unit(ruleset: RuleSet, key: str, *, working_days: bool) -> None:
    period: Period = getattr(ruleset, key)
    if (period.unit is PeriodUnit.WORKING_DAYS) != working_days:
        raise ValidationError("ruleset.wrong_unit", field=key, ruleset=ruleset.id, unit=period.unit.name)


@dataclass(frozen=True)
class ResolvedRuleSet:
    """The rule set a collection uses, and how it was chosen (for the record and the audit trail)."""

    ruleset: RuleSet
    in_force: bool
    explicitly_chosen: bool


class RuleBook:
    """All known rule sets, ordered by start date, with non-overlapping effective periods."""

    def __init__(self, rulesets: Iterable[RuleSet]) -> None:
        ordered = tuple(sorted(rulesets, key=lambda r: r.effective_from))
        ids = [r.id for r in ordered]
        if len(set(ids)) != len(ids):
            raise ValidationError("ruleset.duplicate_id", ids=ids)
        for earlier, later in zip(ordered, ordered[1:]):
            if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
                raise ValidationError("ruleset.overlap", first=earlier.id, second=later.id)
        self.rulesets = ordered

    def get(self, ruleset_id: str) -> RuleSet:
        """The set with this id; NotFound ``ruleset.not_found`` otherwise."""
        for ruleset in self.rulesets:
            if ruleset.id == ruleset_id:
                return ruleset
        raise NotFound("ruleset.not_found", ruleset=ruleset_id)

    def in_force_on(self, day: dt.date) -> RuleSet | None:
        """The set in force on ``day``, or None."""
        return next((r for r in self.rulesets if r.in_force_on(day)), None)

    def resolve(self, on: dt.date, chosen: str | None = None) -> ResolvedRuleSet:
        """The set to collect under on ``on``.

        The set in force wins unless another one is chosen explicitly. When none is in force the caller
        must choose (the UI warns and asks).

        Raises:
            DomainError: ``ruleset.none_in_force`` (params ``on``, ``latest``) when none is in force and
                none was chosen.
            NotFound: ``ruleset.not_found`` for an unknown choice.
        """
        current = self.in_force_on(on)
        if chosen is not None:
            picked = self.get(chosen)
            return ResolvedRuleSet(picked, picked.in_force_on(on), explicitly_chosen=True)
        if current is None:
            latest = self.rulesets[-1].id if self.rulesets else None
            raise DomainError("ruleset.none_in_force", on=on.isoformat(), latest=latest)
        return ResolvedRuleSet(current, True, explicitly_chosen=False)

    def with_successor(self, successor: RuleSet) -> RuleBook:
        """Add a set that starts after the latest one; an open-ended predecessor is closed the day before.

        Raises:
            ValidationError: ``ruleset.successor_not_after`` when it does not start after the latest set's
                start; ``ruleset.overlap`` when the predecessor's fixed end reaches into it.
        """
        if not self.rulesets:
            return RuleBook([successor])
        last = self.rulesets[-1]
        if successor.effective_from <= last.effective_from:
            raise ValidationError("ruleset.successor_not_after", predecessor=last.id, successor=successor.id)
        if last.effective_to is None:
            last = _replace_end(last, successor.effective_from - dt.timedelta(days=1))
        return RuleBook([*self.rulesets[:-1], last, successor])


def _replace_end(ruleset: RuleSet, end: dt.date) -> RuleSet:
    from dataclasses import replace

    return replace(ruleset, effective_to=end)


def parse_ruleset_text(text: str) -> RuleSet:
    """Parse one rule-set file (format ``credit-ledger/ruleset@1``, see resources/data/rulesets/2021.json).

    Raises:
        ValidationError: ``ruleset_file.*`` for format problems, ``ruleset.*`` for inconsistent values.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError("ruleset_file.not_json", line=error.lineno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("ruleset_file.format", expected=FORMAT)
    try:
        periods = {key: _period(key, data["periods"][key]) for key in PERIOD_KEYS}
        end = data["effective_to"]
        return RuleSet(
            id=str(data["id"]), title=data["title"], document_number=data["document_number"],
            effective_from=dt.date.fromisoformat(data["effective_from"]),
            effective_to=dt.date.fromisoformat(end) if end else None,
            supplement_time_excluded=bool(data.get("supplement_time_excluded", True)),
            note=data.get("note", ""), **periods)
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError("ruleset_file.invalid", detail=str(error)) from None


def _period(key: str, raw: dict[str, Any]) -> Period:
    return Period(key=key, label=raw["label"], amount=raw["amount"], unit=PeriodUnit[raw["unit"]],
                  basis=raw["basis"], trigger=raw["trigger"], origin=PeriodOrigin[raw.get("origin", "REGULATION")],
                  note=raw.get("note", ""))


def load_rulebook(directory: str | Path) -> RuleBook:
    """Load every ``*.json`` rule set in ``directory``."""
    files = sorted(Path(directory).glob("*.json"))
    return RuleBook(parse_ruleset_text(f.read_text(encoding="utf-8")) for f in files)
