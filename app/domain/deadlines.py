"""Every clock of the regulation, each result carrying its explanation.

Counting conventions (each a named function below, each covered by tests):

* :func:`count_working_days` — **working-day periods**: the trigger day is not counted; day 1 is the next
  working day; 调休 make-up Saturdays/Sundays are working days; statutory holidays and 调休 rest days are
  not (民法典 Art. 201, 民事诉讼法 Art. 85, 行政处罚法 Art. 85). The last day is a working day by
  construction, so no holiday roll-over is needed.
* :func:`add_calendar_period` — **calendar periods** in years/months: 民法典 Art. 202, the period ends on the
  corresponding date of the final month, or on that month's last day when there is none
  (2024-02-29 + 3 years → 2027-02-28). Validity periods are computed from the collection date with the
  total number of months (never by chaining end dates, which would drift after a month-end clamp).
* :func:`day_after_calendar_period` — **"届满 N 个月后"**: the earliest day a right may be used is the day
  after the period's last day (Art. 17: deletion may be applied for once 3 months have fully elapsed).
* **Suspensions** (:class:`Pause`, Art. 17: 补正 time is not counted): a pause is an *inclusive* date range
  ``first_day..last_day``; working days inside it are not counted. Overlapping pauses count once. A pause
  that starts on or before the unpaused due date and covers k working days after the trigger moves the
  due date by exactly k working days. For a 补正 request (:meth:`Pause.for_supplement`) the request day
  still counts and the day the materials arrive does not (like a trigger day): the pause is
  ``requested_on + 1 .. received_on``.
* **Extensions** add units to the base period (Art. 11 +1 year; Art. 17 up to 20 working days in total).
* A working-day count that reaches into a year whose arrangement is not loaded is **provisional**: it is
  computed with the weekday rule only and every text says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from app.domain.calendar import WorkCalendar, cn_date, cn_range
from app.domain.errors import ValidationError
from app.domain.rulesets import Period, PeriodUnit, RuleSet

ONE_DAY = dt.timedelta(days=1)
WEEKDAYS = "一二三四五六日"  # 星期一 .. 星期日


class Convention(Enum):
    """The counting convention a result was computed with (printed in its explanation)."""

    WORKING_DAYS = "起算日不计入，次一工作日为第1日；调休上班日计入，法定节假日及调休休息日不计入"
    CALENDAR_PERIOD = "按年、月计算，到期月的对应日为期间最后一日；无对应日的，以该月最后一日为期间最后一日（《民法典》第二百零二条）"
    AFTER_CALENDAR_PERIOD = "期间最后一日届满后，自次日起方可行使"


@dataclass(frozen=True)
class Pause:
    """A suspension of a working-day clock; ``first_day`` and ``last_day`` are both included."""

    first_day: dt.date
    last_day: dt.date
    reason: str = "补正材料"

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValidationError("pause.ends_before_start", first=self.first_day.isoformat(),
                                  last=self.last_day.isoformat())

    @classmethod
    def for_supplement(cls, requested_on: dt.date, received_on: dt.date) -> Pause | None:
        """The pause for a 补正 request: from the day after the request through the day of receipt.

        Returns None when the materials arrived on the day of the request (no day is lost).
        """
        if received_on < requested_on:
            raise ValidationError("pause.received_before_request", requested=requested_on.isoformat())
        return None if received_on == requested_on else cls(requested_on + ONE_DAY, received_on)

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` lies within the pause (inclusive)."""
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Extension:
    """An approved extension, in the unit of the period it extends."""

    approved_on: dt.date
    amount: int
    basis: str = ""
    reason: str = ""


@dataclass(frozen=True)
class HolidayRun:
    """Consecutive holiday dates skipped by a count, with the holidays' names."""

    first: dt.date
    last: dt.date
    names: tuple[str, ...]


@dataclass(frozen=True)
class PauseEffect:
    """A (merged) pause and the number of working days it took out of the count."""

    first_day: dt.date
    last_day: dt.date
    reasons: tuple[str, ...]
    working_days: int


@dataclass(frozen=True)
class Explanation:
    """Why a date is what it is: every input and every day that mattered."""

    convention: Convention
    label: str
    basis: str
    trigger: dt.date
    trigger_label: str
    amount: int
    unit: PeriodUnit
    result: dt.date
    holidays_skipped: tuple[HolidayRun, ...] = ()
    makeup_days_used: tuple[dt.date, ...] = ()
    pauses: tuple[PauseEffect, ...] = ()
    extensions: tuple[Extension, ...] = ()
    missing_years: tuple[int, ...] = ()
    month_end_clamped: bool = False
    period_last_day: dt.date | None = None

    def lines(self) -> tuple[str, ...]:
        """The explanation as Chinese text lines, as shown in the UI and printed on file copies."""
        kind = f"{self.trigger_label}，" if self.trigger_label else ""
        head = [f"起算日：{cn_date(self.trigger)}（{kind}当日不计入）",
                f"依据：{self.basis}，{self.amount}{self.unit.value}" if self.basis
                else f"期间：{self.amount}{self.unit.value}",
                f"计算方法：{self.convention.value}"]
        return tuple(head + _body_lines(self) + _closing_lines(self))


def _body_lines(exp: Explanation) -> list[str]:
    lines = [f"跳过法定节假日：{cn_range(r.first, r.last)}（{'、'.join(r.names)}）" for r in exp.holidays_skipped]
    if exp.makeup_days_used:
        days = "、".join(f"{cn_date(d)}（星期{WEEKDAYS[d.weekday()]}）" for d in exp.makeup_days_used)
        lines.append(f"调休上班日计入：{days}")
    lines += [f"暂停计算（{'、'.join(p.reasons)}时间不计入）：{cn_range(p.first_day, p.last_day)}，"
              f"{p.working_days}个工作日" for p in exp.pauses]
    lines += [f"延长：{cn_date(e.approved_on)}批准延长{e.amount}{exp.unit.value}"
              + (f"（{e.basis}）" if e.basis else "") for e in exp.extensions]
    return lines


def _closing_lines(exp: Explanation) -> list[str]:
    lines: list[str] = []
    if exp.month_end_clamped:
        last = exp.period_last_day or exp.result
        lines.append(f"{last.year}年{last.month}月无对应日（{exp.trigger.day}日），以该月最后一日为期间最后一日")
    if exp.convention is Convention.WORKING_DAYS:
        total = exp.amount + sum(e.amount for e in exp.extensions)
        lines.append(f"届满日：{cn_date(exp.result)}（星期{WEEKDAYS[exp.result.weekday()]}），共计{total}个工作日")
    elif exp.convention is Convention.CALENDAR_PERIOD:
        lines.append(f"届满日：{cn_date(exp.result)}（星期{WEEKDAYS[exp.result.weekday()]}）")
    else:
        lines.append(f"期间最后一日：{cn_date(exp.period_last_day or exp.result)}；"
                     f"自{cn_date(exp.result)}起可以提出")
    if exp.missing_years:
        years = "、".join(f"{y}年" for y in exp.missing_years)
        lines.append(f"暂定：{years}节假日安排尚未载入，结果仅计入固定日期的法定节假日（元旦、劳动节、国庆节），"
                     "未计春节等其他节日和调休，须在载入后复核")
    return lines


@dataclass(frozen=True)
class Deadline:
    """A computed date with its explanation. ``CountedDate`` is the same type."""

    date: dt.date
    explanation: Explanation

    @property
    def provisional(self) -> bool:
        """True when the count reached into a year whose holidays are not loaded (暂定)."""
        return bool(self.explanation.missing_years)

    @property
    def missing_years(self) -> tuple[int, ...]:
        """The years the count crossed without a loaded arrangement."""
        return self.explanation.missing_years

    def lines(self) -> tuple[str, ...]:
        """Shortcut for ``explanation.lines()``."""
        return self.explanation.lines()


CountedDate = Deadline


def count_working_days(calendar: WorkCalendar, trigger: dt.date, days: int, *, label: str = "工作日期间",
                       basis: str = "", trigger_label: str = "", pauses: Iterable[Pause] = (),
                       extensions: Iterable[Extension] = ()) -> Deadline:
    """Return the day ``days`` working days (plus extensions) after ``trigger``; trigger not counted.

    Raises:
        ValidationError: ``deadline.days_not_positive`` when ``days`` < 1.
    """
    if days < 1:
        raise ValidationError("deadline.days_not_positive", days=days)
    extensions = tuple(extensions)
    merged = merge_pauses(pauses)
    total, counted, day = days + sum(e.amount for e in extensions), 0, trigger
    while counted < total:
        day += ONE_DAY
        counted += calendar.is_workday(day) and not any(p.covers(day) for p in merged)
    return Deadline(day, Explanation(
        Convention.WORKING_DAYS, label, basis, trigger, trigger_label, days, PeriodUnit.WORKING_DAYS, day,
        holiday_runs(calendar, trigger, day), _makeup_used(calendar, trigger, day, merged),
        _pause_effects(calendar, trigger, day, merged), extensions, _missing(calendar, trigger, day)))


def merge_pauses(pauses: Iterable[Pause]) -> tuple[Pause, ...]:
    """Union of pauses: overlapping or adjacent ranges become one, reasons joined (counted once)."""
    merged: list[Pause] = []
    for pause in sorted(pauses, key=lambda p: p.first_day):
        if merged and pause.first_day <= merged[-1].last_day + ONE_DAY:
            last = merged[-1]
            reason = last.reason if pause.reason in last.reason.split("、") else f"{last.reason}、{pause.reason}"
            merged[-1] = Pause(last.first_day, max(last.last_day, pause.last_day), reason)
        else:
            merged.append(pause)
    return tuple(merged)


def holiday_runs(calendar: WorkCalendar, trigger: dt.date, end: dt.date) -> tuple[HolidayRun, ...]:
    """The holidays in ``trigger+1 .. end``, grouped into runs of consecutive dates."""
    runs: list[HolidayRun] = []
    for day in _days(trigger, end):
        name = calendar.holiday_name(day)
        if name is None:
            continue
        names = tuple(dict.fromkeys(name.split("、")))
        if runs and runs[-1].last + ONE_DAY == day:
            previous = runs[-1]
            runs[-1] = HolidayRun(previous.first, day, tuple(dict.fromkeys(previous.names + names)))
        else:
            runs.append(HolidayRun(day, day, names))
    return tuple(runs)


def _days(trigger: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = trigger + ONE_DAY
    while day <= end:
        yield day
        day += ONE_DAY


def _makeup_used(calendar: WorkCalendar, trigger: dt.date, end: dt.date,
                 pauses: tuple[Pause, ...]) -> tuple[dt.date, ...]:
    return tuple(d for d in _days(trigger, end)
                 if calendar.makeup_name(d) is not None and not any(p.covers(d) for p in pauses))


def _pause_effects(calendar: WorkCalendar, trigger: dt.date, end: dt.date,
                   pauses: tuple[Pause, ...]) -> tuple[PauseEffect, ...]:
    window_start = trigger + ONE_DAY
    return tuple(
        PauseEffect(p.first_day, p.last_day, tuple(p.reason.split("、")),
                    sum(1 for d in _days(max(trigger, p.first_day - ONE_DAY), min(end, p.last_day))
                        if calendar.is_workday(d)))
        for p in pauses if p.last_day >= window_start and p.first_day <= end)


LATE_DECEMBER = 20  # from this day on, next year's notice may still move days (2018-12-29..31, 2023-12-30..31)


def _missing(calendar: WorkCalendar, trigger: dt.date, end: dt.date) -> tuple[int, ...]:
    """Years whose arrangement the count depends on but which are not loaded.

    Year Y+1's notice can fix days at the end of December of Y (e.g. 2018-12-29 was a make-up working day
    in the 2019 notice), so a count ending late in December also depends on the next year.
    """
    first = (trigger + ONE_DAY).year
    last = end.year + (1 if end.month == 12 and end.day >= LATE_DECEMBER else 0)
    return tuple(y for y in range(first, last + 1) if not calendar.is_loaded(y))


def add_calendar_period(start: dt.date, months: int) -> tuple[dt.date, bool]:
    """民法典 Art. 202: the corresponding date ``months`` later, or that month's last day if none.

    Returns:
        (last day of the period, whether the month-end rule applied).
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = _month_length(year, month)
    return dt.date(year, month, min(start.day, last_day)), start.day > last_day


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - ONE_DAY).day


def calendar_period_end(period: Period, start: dt.date, extensions: Iterable[Extension] = (),
                        extension_unit: Period | None = None) -> Deadline:
    """The last day of a calendar period (with extensions in ``extension_unit``), per 民法典 Art. 202."""
    extensions = tuple(extensions)
    step = extension_unit.months if extension_unit else 0
    end, clamped = add_calendar_period(start, period.months + step * sum(e.amount for e in extensions))
    return Deadline(end, Explanation(Convention.CALENDAR_PERIOD, period.label, period.basis, start,
                                     period.trigger, period.amount, period.unit, end,
                                     extensions=extensions, month_end_clamped=clamped))


def day_after_calendar_period(period: Period, start: dt.date) -> Deadline:
    """The first day after a calendar period has fully elapsed (届满后之次日)."""
    last, clamped = add_calendar_period(start, period.months)
    opens = last + ONE_DAY
    return Deadline(opens, Explanation(Convention.AFTER_CALENDAR_PERIOD, period.label, period.basis, start,
                                       period.trigger, period.amount, period.unit, opens,
                                       month_end_clamped=clamped, period_last_day=last))


def working_day_deadline(period: Period, calendar: WorkCalendar, trigger: dt.date, *,
                         pauses: Iterable[Pause] = (), extensions: Iterable[Extension] = ()) -> Deadline:
    """Count a rule-set period in working days from ``trigger``."""
    return count_working_days(calendar, trigger, period.amount, label=period.label, basis=period.basis,
                              trigger_label=period.trigger, pauses=pauses, extensions=extensions)


def objection_due(ruleset: RuleSet, calendar: WorkCalendar, served_on: dt.date) -> Deadline:
    """Art. 9: objection within 15 working days of receipt of the written notice."""
    return working_day_deadline(ruleset.objection, calendar, served_on)


def statement_due(ruleset: RuleSet, calendar: WorkCalendar, served_on: dt.date) -> Deadline:
    """Art. 8: 陈述申辩 before collection; the period is a bureau default (5 working days)."""
    return working_day_deadline(ruleset.statement_defence, calendar, served_on)


def objection_decision_due(ruleset: RuleSet, calendar: WorkCalendar, received_on: dt.date,
                           pauses: Iterable[Pause] = ()) -> Deadline:
    """Art. 9: the bureau verifies and decides; the period is a bureau default (10 working days)."""
    return working_day_deadline(ruleset.objection_verification, calendar, received_on, pauses=pauses)


def report_due(ruleset: RuleSet, calendar: WorkCalendar, effective_on: dt.date) -> Deadline:
    """Art. 13: report "及时" to the credit authority; bureau default 7 working days."""
    return working_day_deadline(ruleset.report_to_credit_authority, calendar, effective_on)


def assist_reply_due(ruleset: RuleSet, calendar: WorkCalendar, received_on: dt.date) -> Deadline:
    """信用广州 objection guide: reply to a 协查函 within 10 working days of receipt."""
    return working_day_deadline(ruleset.assist_letter_reply, calendar, received_on)


def deletion_review_due(ruleset: RuleSet, calendar: WorkCalendar, received_on: dt.date, *,
                        pauses: Iterable[Pause] = (), extension: Extension | None = None) -> Deadline:
    """Art. 17: review within 10 working days, extendable with approval to at most 20; 补正 time excluded.

    Raises:
        ValidationError: ``deletion_review.extension_above_cap`` when base + extension exceeds the maximum.
    """
    base, cap = ruleset.deletion_review.amount, ruleset.deletion_review_max.amount
    if extension is not None and base + extension.amount > cap:
        raise ValidationError("deletion_review.extension_above_cap", total=base + extension.amount, cap=cap)
    return working_day_deadline(ruleset.deletion_review, calendar, received_on,
                                pauses=pauses if ruleset.supplement_time_excluded else (),
                                extensions=(extension,) if extension else ())


def validity_end(ruleset: RuleSet, collected_on: dt.date, extensions: Iterable[Extension] = ()) -> Deadline:
    """Art. 10: valid 3 years from collection; Art. 11: +1 year per extension, never above 5 in total.

    Raises:
        ValidationError: ``validity.above_cap`` when the extensions would exceed the cap.
    """
    extensions = tuple(extensions)
    months = ruleset.validity.months + ruleset.validity_extension.months * sum(e.amount for e in extensions)
    if months > ruleset.validity_cap.months:
        raise ValidationError("validity.above_cap", cap=ruleset.validity_cap.describe())
    return calendar_period_end(ruleset.validity, collected_on, extensions, ruleset.validity_extension)


def deletion_application_opens(ruleset: RuleSet, collected_on: dt.date) -> Deadline:
    """Art. 17: deletion may be applied for once 3 months from collection have fully elapsed."""
    return day_after_calendar_period(ruleset.deletion_wait, collected_on)


@dataclass(frozen=True)
class DeadlineMove:
    """A deadline whose date or provisional mark changed after a calendar change."""

    key: Hashable
    before: Deadline
    after: Deadline


def changed_deadlines(before: Mapping[Hashable, Deadline],
                      after: Mapping[Hashable, Deadline]) -> tuple[DeadlineMove, ...]:
    """Compare deadlines recomputed under two calendars (old date → new date), keyed alike."""
    return tuple(DeadlineMove(key, before[key], after[key]) for key in before
                 if key in after and (before[key].date, before[key].provisional)
                 != (after[key].date, after[key].provisional))
