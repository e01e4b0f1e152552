"""The working-day calendar and its file format."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.domain.calendar import (DayKind, NoticeSource, WorkCalendar, YearArrangement, arrangement_warnings,
                                 cn_date, cn_range, compare_arrangements)
from app.domain.calendar_data import (FORMAT, arrangement_to_dict, dump_calendar_text, load_calendar_file,
                                      parse_calendar_text)
from app.domain.errors import NotFound, ValidationError

D = dt.date
SOURCE = (NoticeSource("国务院办公厅关于2027年部分节假日安排的通知"),)


def arrangement(year=2027, holidays=None, makeup=None, sources=SOURCE):
    return YearArrangement(year, holidays if holidays is not None else {D(year, 1, 1): "元旦"},
                           makeup or {}, sources)


def test_the_bundled_calendar_covers_2004_to_2026_and_nothing_else(calendar):
    assert calendar.loaded_years == tuple(range(2004, 2027))
    assert not calendar.is_loaded(2027) and not calendar.is_loaded(2003)


@pytest.mark.parametrize(("day", "kind"), [
    (D(2025, 9, 28), DayKind.MAKEUP_WORKDAY),   # Sunday before 国庆+中秋 2025
    (D(2025, 10, 6), DayKind.HOLIDAY),          # 中秋 inside the joined break
    (D(2025, 10, 8), DayKind.HOLIDAY),
    (D(2025, 10, 11), DayKind.MAKEUP_WORKDAY),  # Saturday after
    (D(2026, 2, 14), DayKind.MAKEUP_WORKDAY),   # 春节 2026 make-up Saturdays
    (D(2026, 2, 28), DayKind.MAKEUP_WORKDAY),
    (D(2026, 2, 23), DayKind.HOLIDAY),          # 正月初七, a Monday
    (D(2026, 3, 7), DayKind.WEEKEND),
    (D(2026, 3, 9), DayKind.WORKDAY),
    (D(2018, 12, 29), DayKind.MAKEUP_WORKDAY),  # declared by the 2019 notice
    (D(2018, 12, 31), DayKind.HOLIDAY),
    (D(2026, 10, 7), DayKind.HOLIDAY),          # the package's last date
    (D(2026, 10, 10), DayKind.MAKEUP_WORKDAY),
    (D(2027, 1, 1), DayKind.HOLIDAY),           # not loaded: fixed-date statutory holiday (元旦) still counts
    (D(2027, 1, 4), DayKind.WORKDAY),           # not loaded: otherwise the weekday rule only
])
def test_days_are_classified_as_the_notices_say(calendar, day, kind):
    assert calendar.day_kind(day) is kind
    assert calendar.is_workday(day) is kind.is_working


def test_holidays_carry_the_names_of_the_notice(calendar):
    assert calendar.holiday_name(D(2025, 10, 6)) == "国庆节、中秋节"
    assert calendar.holiday_name(D(2023, 9, 29)) == "中秋节、国庆节"
    assert calendar.holiday_name(D(2015, 9, 3)).startswith("中国人民抗日战争")
    assert calendar.makeup_name(D(2026, 2, 14)) == "春节"
    assert calendar.holiday_name(D(2026, 3, 9)) is None


def test_2026_is_complete_as_published_on_2025_11_04(calendar):
    year = calendar.arrangement(2026)
    assert set(year.makeup_workdays) == {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9),
                                         D(2026, 9, 20), D(2026, 10, 10)}
    assert len(year.holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert (year.source_title, year.source_date) == ("国务院办公厅关于2026年部分节假日安排的通知", D(2025, 11, 4))


def test_unverified_notice_dates_are_left_empty_rather_than_invented(calendar):
    assert calendar.arrangement(2010).source_date is None
    assert calendar.arrangement(2025).sources[0].document_number == "国办发明电〔2024〕12号"
    assert [s.date for s in calendar.arrangement(2020).sources] == [D(2019, 11, 21), D(2020, 1, 26)]


def test_no_bundled_year_raises_a_soft_warning(calendar):
    assert all(arrangement_warnings(a) == () for a in calendar.arrangements.values())


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"holidays": {D(2026, 11, 30): "元旦"}}, "calendar.date_outside_year"),
    ({"holidays": {D(2028, 1, 1): "元旦"}}, "calendar.date_outside_year"),
    ({"holidays": {D(2027, 1, 1): " "}}, "calendar.name_missing"),
    ({"makeup": {D(2027, 1, 4): "元旦"}}, "calendar.makeup_not_weekend"),
    ({"holidays": {D(2027, 1, 2): "元旦"}, "makeup": {D(2027, 1, 2): "元旦"}},
     "calendar.day_both_holiday_and_workday"),
    ({"sources": ()}, "calendar.source_missing"),
    ({"sources": (NoticeSource(""),)}, "calendar.source_missing"),
    ({"year": 1900}, "calendar.year_out_of_range"),
])
def test_an_inconsistent_arrangement_is_refused_with_its_own_code(kwargs, code):
    with pytest.raises(ValidationError) as caught:
        arrangement(**kwargs)
    assert caught.value.code == code


def test_a_notice_may_declare_days_in_the_previous_december():
    year = arrangement(2027, {D(2026, 12, 31): "元旦"}, {D(2026, 12, 26): "元旦"})
    assert D(2026, 12, 31) in year.holidays


def test_with_year_returns_a_new_calendar_and_leaves_the_old_one_alone(calendar):
    extended = calendar.with_year(arrangement())
    assert extended.is_loaded(2027) and not calendar.is_loaded(2027)
    assert extended.is_workday(D(2027, 1, 1)) is False and calendar.is_workday(D(2027, 1, 1)) is False
    assert extended.holiday_name(D(2027, 1, 1)) == "元旦" == calendar.holiday_name(D(2027, 1, 1))
    replaced = extended.with_year(arrangement(holidays={D(2027, 1, 1): "元旦", D(2027, 1, 4): "元旦"}))
    assert not replaced.is_workday(D(2027, 1, 4)) and extended.is_workday(D(2027, 1, 4))


def test_building_a_calendar_refuses_duplicates_mismatches_and_conflicts():
    with pytest.raises(ValidationError, match="calendar.duplicate_year"):
        WorkCalendar.from_arrangements([arrangement(), arrangement()])
    with pytest.raises(ValidationError, match="calendar.year_mismatch"):
        WorkCalendar({2026: arrangement(2027)})
    with pytest.raises(ValidationError, match="calendar.conflict"):
        WorkCalendar.from_arrangements([arrangement(2026, {D(2026, 12, 26): "x"}),
                                        arrangement(2027, makeup={D(2026, 12, 26): "元旦"})])
    with pytest.raises(ValidationError, match="calendar.conflict"):
        WorkCalendar.from_arrangements([arrangement(2027, {D(2026, 12, 26): "元旦"}),
                                        arrangement(2026, makeup={D(2026, 12, 26): "x"})])


def test_asking_for_a_year_that_is_not_loaded_is_not_found(calendar):
    with pytest.raises(NotFound) as caught:
        calendar.arrangement(2027)
    assert caught.value.params == {"year": 2027}


@pytest.mark.parametrize(("today", "warn"), [
    (D(2026, 10, 31), False), (D(2026, 11, 1), True), (D(2026, 12, 31), True), (D(2025, 11, 1), False)])
def test_from_1_november_the_missing_next_year_is_warned_about(calendar, today, warn):
    assert calendar.missing_next_year_warning(today) is warn
    assert not calendar.with_year(arrangement()).missing_next_year_warning(D(2026, 11, 1))


def test_dates_are_written_without_zero_padding():
    assert cn_date(D(2024, 6, 1)) == "2024年6月1日"
    assert cn_range(D(2025, 10, 1), D(2025, 10, 8)) == "2025年10月1日至10月8日"
    assert cn_range(D(2018, 12, 30), D(2019, 1, 1)) == "2018年12月30日至2019年1月1日"
    assert cn_range(D(2025, 1, 1), D(2025, 1, 1)) == "2025年1月1日"


def test_comparing_two_versions_of_a_year_lists_every_change():
    old = arrangement(holidays={D(2027, 1, 1): "元旦", D(2027, 2, 5): "春节"}, makeup={D(2027, 1, 2): "元旦"})
    new = arrangement(holidays={D(2027, 1, 1): "新年", D(2027, 2, 6): "春节"}, makeup={D(2027, 1, 3): "元旦"})
    change = compare_arrangements(old, new)
    assert (change.added_holidays, change.removed_holidays) == ((D(2027, 2, 6),), (D(2027, 2, 5),))
    assert (change.added_makeup_days, change.removed_makeup_days) == ((D(2027, 1, 3),), (D(2027, 1, 2),))
    assert change.renamed == (D(2027, 1, 1),) and not change.is_empty
    assert compare_arrangements(new, new).is_empty
    assert compare_arrangements(None, new).added_holidays == (D(2027, 1, 1), D(2027, 2, 6))


def test_soft_warnings_flag_a_year_with_no_or_few_holidays():
    assert arrangement_warnings(arrangement(holidays={})) == ("calendar.no_holidays",)
    assert arrangement_warnings(arrangement()) == ("calendar.few_holidays",)


def test_the_file_format_round_trips_every_bundled_year(calendar):
    text = dump_calendar_text(calendar.arrangements.values())
    assert parse_calendar_text(text) == tuple(calendar.arrangements.values())
    national_day = arrangement_to_dict(calendar.arrangement(2025))["holidays"][-1]
    assert national_day == {"name": "国庆节、中秋节", "first": "2025-10-01", "last": "2025-10-08"}


def year_file(**overrides):
    year = {"year": 2027, "sources": [{"title": "国务院办公厅关于2027年部分节假日安排的通知", "date": None}],
            "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"}],
            "makeup_workdays": [], **overrides}
    return json.dumps({"format": FORMAT, "years": [year]})


def test_a_single_day_holiday_may_omit_its_last_date():
    (year,) = parse_calendar_text(year_file(holidays=[{"name": "元旦", "first": "2027-01-01"}]))
    assert dict(year.holidays) == {D(2027, 1, 1): "元旦"} and year.note == ""


@pytest.mark.parametrize(("text", "code"), [
    ("{not json", "calendar_file.not_json"),
    (json.dumps({"format": "other", "years": []}), "calendar_file.format"),
    (json.dumps(["x"]), "calendar_file.format"),
    (json.dumps({"format": FORMAT}), "calendar_file.field_missing"),
    (json.dumps({"format": FORMAT, "years": ["x"]}), "calendar_file.field_type"),
    (year_file(year=True), "calendar_file.field_type"),
    (year_file(year="2027"), "calendar_file.field_type"),
    (year_file(sources=[{"date": None}]), "calendar_file.field_missing"),
    (year_file(holidays=[{"name": "元旦", "first": "2027-1-1"}]), "calendar_file.bad_date"),
    (year_file(holidays=[{"name": "元旦", "first": "2027-02-30"}]), "calendar_file.bad_date"),
    (year_file(holidays=[{"name": "元旦", "first": "2027-01-03", "last": "2027-01-01"}]),
     "calendar_file.bad_range"),
    (year_file(holidays=[{"name": "元旦", "first": "2027-01-01"}, {"name": "x", "first": "2027-01-01"}]),
     "calendar_file.duplicate_date"),
    (year_file(makeup_workdays=[{"date": "2027-01-09"}]), "calendar_file.field_missing"),
    (year_file(makeup_workdays=[{"date": "2027-01-04", "holiday": "元旦"}]), "calendar.makeup_not_weekend"),
])
def test_a_bad_calendar_file_is_refused_with_a_code(text, code):
    with pytest.raises(ValidationError) as caught:
        parse_calendar_text(text)
    assert caught.value.code == code


def test_a_file_naming_the_same_year_twice_is_refused():
    data = json.loads(year_file())
    data["years"] *= 2
    with pytest.raises(ValidationError, match="calendar.duplicate_year"):
        parse_calendar_text(json.dumps(data))


def test_files_are_read_as_utf8_with_or_without_bom(tmp_path):
    path = tmp_path / "2027.json"
    path.write_text("\ufeff" + year_file(), encoding="utf-8")
    (year,) = load_calendar_file(path)
    assert year.year == 2027
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ValidationError, match="calendar_file.unreadable"):
        load_calendar_file(path)
    with pytest.raises(ValidationError, match="calendar_file.unreadable"):
        load_calendar_file(tmp_path / "missing.json")
