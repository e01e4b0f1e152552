"""Unit fixtures for the rules: the bundled calendar and rule set, loaded once per session."""

from __future__ import annotations

import pytest

from app.domain.calendar import WorkCalendar
from app.domain.rulesets import RuleSet
from app.rules_cli import default_calendar, default_rulebook


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    """The bundled 2004–2026 calendar."""
    return default_calendar()


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The 2021 rule set (穗密规字〔2021〕1号)."""
    return default_rulebook().get("2021")
