"""Counting conventions: worked examples checked by hand, and properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import (Convention, Extension, Pause, add_calendar_period, assist_reply_due,
                                  changed_deadlines, count_working_days, deletion_application_opens,
                                  deletion_review_due, merge_pauses, objection_decision_due, objection_due,
                                  report_due, statement_due, validity_end)
from app.domain.errors import ValidationError

D = dt.date
ONE = dt.timedelta(days=1)
PROPERTY = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(("trigger", "days", "due"), [
    # domain-notes §5.2 table (make-up days 2025-09-28, 10-11, 2026-02-14, 02-28, 05-09 included)
    (D(2025, 9, 26), 10, D(2025, 10, 16)), (D(2025, 9, 26), 15, D(2025, 10, 23)),
    (D(2025, 9, 26), 20, D(2025, 10, 30)),
    (D(2026, 2, 10), 10, D(2026, 3, 2)), (D(2026, 2, 10), 15, D(2026, 3, 9)), (D(2026, 2, 10), 20, D(2026, 3, 16)),
    (D(2026, 4, 30), 10, D(2026, 5, 18)), (D(2026, 4, 30), 15, D(2026, 5, 25)), (D(2026, 4, 30), 20, D(2026, 6, 1)),
    # National Day 2025 joined with 中秋: 10-01..10-08 off, day 1 is Thursday 10-09
    (D(2025, 9, 30), 1, D(2025, 10, 9)), (D(2025, 9, 30), 3, D(2025, 10, 11)), (D(2025, 9, 30), 15, D(2025, 10, 28)),
    # Spring Festivals with make-up weekends
    (D(2025, 1, 24), 1, D(2025, 1, 26)), (D(2025, 1, 24), 5, D(2025, 2, 7)), (D(2025, 2, 7), 1, D(2025, 2, 8)),
    (D(2024, 2, 8), 5, D(2024, 2, 21)), (D(2023, 1, 20), 3, D(2023, 1, 30)),
    (D(2026, 2, 13), 1, D(2026, 2, 14)), (D(2026, 2, 13), 2, D(2026, 2, 24)),
    # year ends, including a 元旦 declared in the previous December
    (D(2025, 12, 30), 3, D(2026, 1, 5)), (D(2018, 12, 28), 1, D(2018, 12, 29)), (D(2018, 12, 28), 2, D(2019, 1, 2)),
    (D(2022, 12, 30), 1, D(2023, 1, 3)),
    # a trigger on a holiday or weekend is simply not counted
    (D(2025, 10, 3), 1, D(2025, 10, 9)), (D(2026, 3, 7), 1, D(2026, 3, 9)),
])
def test_working_day_periods_match_the_table_checked_by_hand(calendar, trigger, days, due):
    assert calendar.add_working_days(trigger, days).date == due


def test_an_objection_deadline_explains_itself_line_by_line(calendar, ruleset):
    deadline = objection_due(ruleset, calendar, D(2025, 9, 30))
    assert deadline.date == D(2025, 10, 28) and not deadline.provisional
    assert deadline.lines() == (
        "起算日：2025年9月30日（收到书面告知之日，当日不计入）",
        "依据：《广州市涉密领域失信信息管理暂行办法》第九条，15个工作日",
        "计算方法：起算日不计入，次一工作日为第1日；调休上班日计入，法定节假日及调休休息日不计入",
        "跳过法定节假日：2025年10月1日至10月8日（国庆节、中秋节）",
        "调休上班日计入：2025年10月11日（星期六）",
        "届满日：2025年10月28日（星期二），共计15个工作日",
    )


def test_a_count_into_a_year_without_data_is_provisional_and_says_so(calendar):
    deadline = calendar.add_working_days(D(2026, 12, 20), 15)
    assert deadline.date == D(2027, 1, 11) and deadline.provisional and deadline.missing_years == (2027,)
    assert deadline.lines()[1] == "期间：15个工作日"
    assert deadline.lines()[-1] == "暂定：2027年节假日安排尚未载入，结果仅计入固定日期的法定节假日（元旦、劳动节、国庆节），未计春节等其他节日和调休，须在载入后复核"


def test_a_count_that_stays_inside_loaded_years_is_not_provisional(calendar):
    assert not calendar.add_working_days(D(2026, 12, 1), 5).provisional


def test_zero_or_negative_days_are_refused(calendar):
    with pytest.raises(ValidationError) as caught:
        count_working_days(calendar, D(2025, 1, 2), 0)
    assert caught.value.params == {"days": 0}


def test_a_supplement_pause_runs_from_the_day_after_the_request_to_the_day_of_receipt():
    assert Pause.for_supplement(D(2025, 10, 13), D(2025, 10, 15)) == Pause(D(2025, 10, 14), D(2025, 10, 15))
    assert Pause.for_supplement(D(2025, 10, 13), D(2025, 10, 13)) is None
    with pytest.raises(ValidationError, match="pause.received_before_request"):
        Pause.for_supplement(D(2025, 10, 13), D(2025, 10, 12))
    with pytest.raises(ValidationError, match="pause.ends_before_start"):
        Pause(D(2025, 10, 13), D(2025, 10, 12))


def test_a_deletion_review_with_supplement_and_extension_explains_both(calendar, ruleset):
    pause = Pause.for_supplement(D(2025, 9, 29), D(2025, 10, 13))
    extension = Extension(D(2025, 10, 20), 10, basis="第十七条，经单位负责人批准")
    deadline = deletion_review_due(ruleset, calendar, D(2025, 9, 26), pauses=[pause], extension=extension)
    assert deadline.date == D(2025, 11, 6)
    assert "暂停计算（补正材料时间不计入）：2025年9月30日至10月13日，5个工作日" in deadline.lines()
    assert "延长：2025年10月20日批准延长10个工作日（第十七条，经单位负责人批准）" in deadline.lines()
    assert "调休上班日计入：2025年9月28日（星期日）" in deadline.lines()  # 10-11 fell inside the pause


def test_the_review_can_never_be_extended_beyond_twenty_working_days(calendar, ruleset):
    with pytest.raises(ValidationError) as caught:
        deletion_review_due(ruleset, calendar, D(2025, 3, 3), extension=Extension(D(2025, 3, 5), 11))
    assert caught.value.params == {"total": 21, "cap": 20}


def test_without_the_supplement_rule_pauses_are_ignored(calendar, ruleset):
    no_exclusion = replace(ruleset, supplement_time_excluded=False)
    pause = Pause(D(2025, 3, 4), D(2025, 3, 6))
    assert deletion_review_due(no_exclusion, calendar, D(2025, 3, 3), pauses=[pause]).date == D(2025, 3, 17)
    assert deletion_review_due(ruleset, calendar, D(2025, 3, 3), pauses=[pause]).date == D(2025, 3, 20)


def test_overlapping_and_adjacent_pauses_count_once(calendar):
    a, b, c = Pause(D(2025, 3, 4), D(2025, 3, 6)), Pause(D(2025, 3, 5), D(2025, 3, 7), "鉴定"), \
        Pause(D(2025, 3, 8), D(2025, 3, 10))
    assert merge_pauses([c, b, a]) == (Pause(D(2025, 3, 4), D(2025, 3, 10), "补正材料、鉴定"),)
    assert merge_pauses([a, a]) == (a,)
    once = calendar.add_working_days(D(2025, 3, 3), 5, [a, b, c])
    assert once.date == calendar.add_working_days(D(2025, 3, 3), 5, [Pause(D(2025, 3, 4), D(2025, 3, 10))]).date
    assert once.explanation.pauses[0].working_days == 5


def test_pauses_before_the_trigger_or_after_the_due_date_change_nothing(calendar):
    plain = calendar.add_working_days(D(2025, 3, 3), 5)
    before = calendar.add_working_days(D(2025, 3, 3), 5, [Pause(D(2025, 2, 1), D(2025, 3, 3))])
    after = calendar.add_working_days(D(2025, 3, 3), 5, [Pause(D(2025, 3, 11), D(2025, 3, 20))])
    assert plain.date == before.date == after.date == D(2025, 3, 10)
    assert before.explanation.pauses == () and after.explanation.pauses == ()


@pytest.mark.parametrize(("start", "months", "end", "clamped"), [
    (D(2024, 2, 29), 36, D(2027, 2, 28), True),   # 民法典 Art. 202: last day of the month
    (D(2024, 2, 29), 48, D(2028, 2, 29), False),
    (D(2024, 6, 1), 36, D(2027, 6, 1), False),
    (D(2024, 11, 30), 3, D(2025, 2, 28), True),
    (D(2024, 10, 31), 3, D(2025, 1, 31), False),
    (D(2023, 12, 31), 2, D(2024, 2, 29), True),
    (D(2024, 12, 15), 12, D(2025, 12, 15), False),
])
def test_calendar_periods_end_on_the_corresponding_date_or_the_month_end(start, months, end, clamped):
    assert add_calendar_period(start, months) == (end, clamped)


def test_validity_is_three_years_and_explains_the_month_end_rule(ruleset):
    deadline = validity_end(ruleset, D(2024, 2, 29))
    assert deadline.date == D(2027, 2, 28) and deadline.explanation.convention is Convention.CALENDAR_PERIOD
    assert "2027年2月无对应日（29日），以该月最后一日为期间最后一日" in deadline.lines()
    assert deadline.lines()[-1] == "届满日：2027年2月28日（星期日）"


def test_extensions_count_from_the_collection_date_not_from_a_clamped_end(ruleset):
    one = validity_end(ruleset, D(2024, 2, 29), [Extension(D(2026, 1, 5), 1, "第十一条第（一）项")])
    assert one.date == D(2028, 2, 29)
    assert "延长：2026年1月5日批准延长1年（第十一条第（一）项）" in one.lines()
    two = validity_end(ruleset, D(2024, 2, 29), [Extension(D(2026, 1, 5), 1), Extension(D(2027, 1, 5), 1)])
    assert two.date == D(2029, 2, 28)


def test_validity_never_exceeds_five_years(ruleset):
    with pytest.raises(ValidationError) as caught:
        validity_end(ruleset, D(2024, 1, 1), [Extension(D(2025, 1, 1), 1)] * 3)
    assert caught.value.code == "validity.above_cap"


@pytest.mark.parametrize(("collected", "opens"), [
    (D(2024, 6, 1), D(2024, 9, 2)), (D(2024, 11, 30), D(2025, 3, 1)), (D(2024, 12, 31), D(2025, 4, 1))])
def test_deletion_may_be_applied_for_the_day_after_three_months_have_elapsed(ruleset, collected, opens):
    deadline = deletion_application_opens(ruleset, collected)
    assert deadline.date == opens
    assert deadline.lines()[-1].endswith(f"自{opens.year}年{opens.month}月{opens.day}日起可以提出")


def test_open_periods_use_the_rule_set_defaults(calendar, ruleset):
    assert statement_due(ruleset, calendar, D(2025, 9, 26)).date == D(2025, 10, 10)
    assert objection_decision_due(ruleset, calendar, D(2025, 9, 26)).date == D(2025, 10, 16)
    assert report_due(ruleset, calendar, D(2025, 9, 26)).date == D(2025, 10, 13)
    assert assist_reply_due(ruleset, calendar, D(2026, 2, 10)).date == D(2026, 3, 2)


def test_changed_deadlines_lists_only_dates_or_marks_that_moved(calendar):
    without_2025 = WorkCalendar({y: a for y, a in calendar.arrangements.items() if y != 2025})
    before = {"a": without_2025.add_working_days(D(2025, 9, 26), 15),
              "b": without_2025.add_working_days(D(2024, 3, 1), 5),
              "c": without_2025.add_working_days(D(2025, 3, 3), 5)}
    after = {"a": calendar.add_working_days(D(2025, 9, 26), 15),
             "b": calendar.add_working_days(D(2024, 3, 1), 5),
             "c": calendar.add_working_days(D(2025, 3, 3), 5)}
    moves = changed_deadlines(before, after)
    assert [(m.key, m.before.date, m.after.date) for m in moves] == [
        ("a", D(2025, 10, 22), D(2025, 10, 23)), ("c", D(2025, 3, 10), D(2025, 3, 10))]


triggers = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31))
day_counts = st.integers(min_value=1, max_value=60)


@PROPERTY
@given(trigger=triggers, days=day_counts)
def test_a_result_is_always_a_working_day(calendar, trigger, days):
    assert calendar.is_workday(calendar.add_working_days(trigger, days).date)


@PROPERTY
@given(trigger=triggers, days=day_counts, more=st.integers(min_value=1, max_value=30))
def test_more_days_never_give_an_earlier_date(calendar, trigger, days, more):
    assert calendar.add_working_days(trigger, days).date < calendar.add_working_days(trigger, days + more).date


@PROPERTY
@given(trigger=triggers, days=day_counts, offset=st.integers(min_value=0, max_value=90),
       length=st.integers(min_value=0, max_value=40))
def test_a_pause_of_k_working_days_moves_the_date_by_exactly_k_working_days(calendar, trigger, days, offset,
                                                                            length):
    plain = calendar.add_working_days(trigger, days).date
    first = min(trigger + ONE + dt.timedelta(days=offset), plain)  # starts on or before the unpaused date
    pause = Pause(first, first + dt.timedelta(days=length))
    k = sum(1 for i in range(length + 1) if calendar.is_workday(first + dt.timedelta(days=i)))
    paused = calendar.add_working_days(trigger, days, [pause]).date
    assert paused == (calendar.add_working_days(plain, k).date if k else plain)


@PROPERTY
@given(trigger=st.dates(min_value=D(2018, 1, 1), max_value=D(2027, 12, 31)),
       days=st.integers(min_value=1, max_value=400), missing=st.sampled_from([2019, 2022, 2025]))
def test_a_date_counted_across_a_missing_year_is_always_provisional(calendar, trigger, days, missing):
    gappy = WorkCalendar({y: a for y, a in calendar.arrangements.items() if y != missing})
    deadline = gappy.add_working_days(trigger, days)
    late_december = deadline.date.month == 12 and deadline.date.day >= 20  # next year's notice may move it
    crossed = set(range((trigger + ONE).year, deadline.date.year + 1 + late_december))
    if missing in crossed:
        assert deadline.provisional and missing in deadline.missing_years
    assert deadline.provisional == bool(crossed - set(gappy.loaded_years))


def test_a_count_ending_late_in_december_is_provisional_while_next_years_notice_is_missing():
    from app.rules_cli import default_calendar
    full = default_calendar()
    upto_2018 = type(full).from_arrangements(a for y, a in full.arrangements.items() if y <= 2018)
    early = upto_2018.add_working_days(dt.date(2018, 12, 3), 5)
    late = upto_2018.add_working_days(dt.date(2018, 12, 24), 5)
    assert not early.provisional
    assert late.provisional and late.missing_years == (2019,)
    assert full.add_working_days(dt.date(2018, 12, 24), 5).date == dt.date(2018, 12, 29)
