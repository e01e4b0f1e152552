"""Typing a year in from the notice."""

import datetime as dt

import pytest

from app.domain.calendar_entry import arrangement_from_entry, entry_from_arrangement
from app.domain.errors import ValidationError
from app.rules_cli import default_calendar

HOLIDAYS = "元旦 2026-01-01 2026-01-03\n\n春节　２０２６-02-15 2026-02-23\n"
MAKEUP = "2026-01-04 元旦\n2026-02-14 春节\n2026-02-28 春节"


def test_typed_lines_become_a_validated_year():
    year = arrangement_from_entry(2026, "通知", dt.date(2025, 11, 4), HOLIDAYS, MAKEUP)
    assert len(year.holidays) == 12 and year.holidays[dt.date(2026, 2, 23)] == "春节"
    assert year.makeup_workdays[dt.date(2026, 2, 28)] == "春节"


@pytest.mark.parametrize("holidays, makeup, field, code", [
    ("春节 2026-02-30", "", "holidays", "calendar_entry.bad_date"),
    ("春节", "", "holidays", "calendar_entry.holiday_line"),
    ("春节 2026-02-23 2026-02-15", "", "holidays", "calendar_entry.bad_range"),
    ("", "2026-02-14", "makeup", "calendar_entry.makeup_line"),
])
def test_a_bad_line_is_reported_at_its_field_with_its_line_number(holidays, makeup, field, code):
    with pytest.raises(ValidationError) as caught:
        arrangement_from_entry(2026, "通知", None, holidays, makeup)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.params["line"] == 1


def test_a_makeup_day_on_a_weekday_is_refused_by_the_calendar_rules():
    with pytest.raises(ValidationError) as caught:
        arrangement_from_entry(2026, "通知", None, "", "2026-02-16 春节")
    assert caught.value.code == "calendar.makeup_not_weekend"


def test_an_existing_year_round_trips_through_the_text_lists():
    year = default_calendar().arrangement(2025)
    holidays, makeup = entry_from_arrangement(year)
    again = arrangement_from_entry(2025, year.source_title, year.source_date, holidays, makeup)
    assert (again.holidays, again.makeup_workdays) == (year.holidays, year.makeup_workdays)


def test_a_missing_title_is_refused():
    with pytest.raises(ValidationError) as caught:
        arrangement_from_entry(2026, " ", None, HOLIDAYS, MAKEUP)
    assert caught.value.field == "title"
