"""Versioned rule sets and the rule book."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from app.domain.errors import DomainError, NotFound, ValidationError
from app.domain.rulesets import (Period, PeriodOrigin, PeriodUnit, RuleBook, parse_ruleset_text)
from app.resources import resource_path

D = dt.date
TEXT = resource_path("data", "rulesets", "2021.json").read_text(encoding="utf-8")


def test_the_2021_set_carries_every_period_of_the_regulation(ruleset):
    expected = {"objection": (15, PeriodUnit.WORKING_DAYS, "第九条"), "validity": (3, PeriodUnit.YEARS, "第十条"),
                "validity_extension": (1, PeriodUnit.YEARS, "第十一条"), "validity_cap": (5, PeriodUnit.YEARS, "第十一条"),
                "deletion_wait": (3, PeriodUnit.MONTHS, "第十七条"),
                "deletion_review": (10, PeriodUnit.WORKING_DAYS, "第十七条"),
                "deletion_review_max": (20, PeriodUnit.WORKING_DAYS, "第十七条")}
    for key, (amount, unit, article) in expected.items():
        period = getattr(ruleset, key)
        assert (period.amount, period.unit, period.origin) == (amount, unit, PeriodOrigin.REGULATION)
        assert article in period.basis
    assert ruleset.supplement_time_excluded and ruleset.max_extensions == 2
    assert (ruleset.effective_from, ruleset.effective_to) == (D(2021, 9, 1), D(2024, 8, 31))


@pytest.mark.parametrize(("key", "amount"), [
    ("statement_defence", 5), ("objection_verification", 10), ("report_to_credit_authority", 7),
    ("assist_letter_reply", 10)])
def test_the_periods_the_regulation_leaves_open_are_marked_as_bureau_defaults(ruleset, key, amount):
    period = getattr(ruleset, key)
    assert (period.amount, period.unit, period.origin) == (amount, PeriodUnit.WORKING_DAYS, PeriodOrigin.DEFAULT)
    assert period.note


def test_periods_describe_themselves_and_only_calendar_periods_have_months(ruleset):
    assert [p.describe() for p in ruleset.periods()[:2]] == ["15个工作日", "10个工作日"]
    assert ruleset.validity.months == 36 and ruleset.deletion_wait.months == 3
    with pytest.raises(ValidationError, match="ruleset.not_calendar_period"):
        _ = ruleset.objection.months


@pytest.mark.parametrize(("day", "in_force"), [
    (D(2021, 8, 31), False), (D(2021, 9, 1), True), (D(2024, 8, 31), True), (D(2024, 9, 1), False),
    (D(2026, 12, 1), False)])
def test_the_2021_set_is_in_force_for_three_years_from_1_september_2021(ruleset, day, in_force):
    assert (RuleBook([ruleset]).in_force_on(day) is ruleset) is in_force


def test_collecting_when_no_set_is_in_force_requires_an_explicit_choice(ruleset):
    book = RuleBook([ruleset])
    with pytest.raises(DomainError) as caught:
        book.resolve(D(2026, 12, 1))
    assert caught.value.code == "ruleset.none_in_force"
    assert caught.value.params == {"on": "2026-12-01", "latest": "2021"}
    chosen = book.resolve(D(2026, 12, 1), chosen="2021")
    assert chosen.ruleset is ruleset and chosen.explicitly_chosen and not chosen.in_force
    automatic = book.resolve(D(2023, 1, 1))
    assert automatic.in_force and not automatic.explicitly_chosen
    with pytest.raises(NotFound, match="ruleset.not_found"):
        book.resolve(D(2023, 1, 1), chosen="2099")
    with pytest.raises(DomainError) as empty:
        RuleBook([]).resolve(D(2023, 1, 1))
    assert empty.value.params["latest"] is None


def test_a_successor_closes_an_open_ended_predecessor_the_day_before(ruleset):
    open_ended = replace(ruleset, id="2021b", effective_to=None)
    successor = replace(ruleset, id="2027", effective_from=D(2027, 1, 1), effective_to=None,
                        objection=replace(ruleset.objection, amount=20))
    book = RuleBook([open_ended]).with_successor(successor)
    assert book.get("2021b").effective_to == D(2026, 12, 31)
    assert book.in_force_on(D(2027, 1, 1)).objection.amount == 20
    assert RuleBook([]).with_successor(successor).rulesets == (successor,)
    with_gap = RuleBook([ruleset]).with_successor(successor)
    assert with_gap.in_force_on(D(2025, 1, 1)) is None


def test_a_successor_must_start_after_its_predecessor_and_not_overlap(ruleset):
    with pytest.raises(ValidationError, match="ruleset.successor_not_after"):
        RuleBook([ruleset]).with_successor(replace(ruleset, id="x", effective_from=D(2021, 9, 1)))
    with pytest.raises(ValidationError, match="ruleset.overlap"):
        RuleBook([ruleset]).with_successor(replace(ruleset, id="x", effective_from=D(2024, 1, 1)))
    with pytest.raises(ValidationError, match="ruleset.overlap"):
        RuleBook([replace(ruleset, effective_to=None),
                  replace(ruleset, id="x", effective_from=D(2025, 1, 1), effective_to=None)])
    with pytest.raises(ValidationError, match="ruleset.duplicate_id"):
        RuleBook([ruleset, replace(ruleset, effective_from=D(2025, 1, 1), effective_to=None)])


@pytest.mark.parametrize(("change", "code"), [
    ({"effective_to": D(2021, 1, 1)}, "ruleset.ends_before_start"),
    ({"objection": Period("objection", "异议", 1, PeriodUnit.MONTHS, "b", "t")}, "ruleset.wrong_unit"),
    ({"validity": Period("validity", "有效期", 10, PeriodUnit.WORKING_DAYS, "b", "t")}, "ruleset.wrong_unit"),
    ({"deletion_review_max": Period("deletion_review_max", "x", 5, PeriodUnit.WORKING_DAYS, "b", "t")},
     "ruleset.review_max_below_base"),
    ({"validity_cap": Period("validity_cap", "x", 2, PeriodUnit.YEARS, "b", "t")}, "ruleset.cap_below_validity"),
])
def test_an_inconsistent_rule_set_is_refused(ruleset, change, code):
    with pytest.raises(ValidationError) as caught:
        replace(ruleset, **change)
    assert caught.value.code == code


@pytest.mark.parametrize("amount", [0, -1, True, 1.5])
def test_a_period_must_be_a_positive_whole_number(amount):
    with pytest.raises(ValidationError, match="ruleset.period_not_positive"):
        Period("objection", "异议", amount, PeriodUnit.WORKING_DAYS, "b", "t")


def test_the_rule_set_file_round_trips_and_bad_files_are_refused(ruleset):
    assert parse_ruleset_text(TEXT) == ruleset
    data = json.loads(TEXT)
    data["effective_to"] = None
    assert parse_ruleset_text(json.dumps(data)).effective_to is None
    del data["periods"]["objection"]
    for text, code in [("{", "ruleset_file.not_json"), ("[]", "ruleset_file.format"),
                       (json.dumps(data), "ruleset_file.invalid")]:
        with pytest.raises(ValidationError) as caught:
            parse_ruleset_text(text)
        assert caught.value.code == code
