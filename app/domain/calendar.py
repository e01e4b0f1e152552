"""The working-day calendar: statutory holidays and 调休 make-up working days, year by year.

Each year's arrangement comes from the 国务院办公厅 notice for that year and carries its source. The
calendar is our own data (``resources/data/holidays.json`` plus the years an administrator adds); a year
that is not loaded is never treated as "a year without holidays" silently: counts that reach into it are
marked provisional by :mod:`app.domain.deadlines`.

Conventions:
    * A *holiday* date is any rest day of a statutory break as the notice lists it, including the 调休 rest
      days and the weekend days inside the break (e.g. 2025-10-01..10-08 国庆节、中秋节).
    * A *make-up working day* (调休上班日) is a Saturday or Sunday the notice declares a working day.
    * A notice for year Y may start its 元旦 break or a make-up day in late December of Y-1 (the 2019 notice:
      2018-12-29 上班, 2018-12-30..2019-01-01 放假). Such dates belong to arrangement Y. Coverage, however,
      is by calendar year: a date counts as "loaded" when the arrangement of *its own* year is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING

from app.domain.errors import NotFound, ValidationError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from app.domain.deadlines import Deadline, Pause

FIRST_YEAR = 1949
LAST_YEAR = 2199
NEXT_YEAR_WARNING_MONTH = 11  # the notice for next year usually appears in November


def cn_date(day: dt.date) -> str:
    """A date as written in documents (GB/T 9704 7.3.5.4): 2024年6月1日, no zero padding."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_range(first: dt.date, last: dt.date) -> str:
    """A date range: 2025年10月1日至10月8日; the year is repeated only when it changes."""
    if first == last:
        return cn_date(first)
    tail = cn_date(last) if last.year != first.year else f"{last.month}月{last.day}日"
    return f"{cn_date(first)}至{tail}"


# 《全国年节及纪念日放假办法》(2025): the statutory holidays whose dates are fixed in the calendar. The lunar ones
# (春节, 端午节, 中秋节), 清明节 and all 调休 come only from each year's 国务院办公厅 notice.
FIXED_DATE_HOLIDAYS = {(1, 1): "元旦", (5, 1): "劳动节", (5, 2): "劳动节", (10, 1): "国庆节", (10, 2): "国庆节",
                       (10, 3): "国庆节"}


class DayKind(Enum):
    """What a date is in the calendar."""

    WORKDAY = "工作日"
    MAKEUP_WORKDAY = "调休上班日"
    WEEKEND = "休息日"
    HOLIDAY = "法定节假日"

    @property
    def is_working(self) -> bool:
        """True for ordinary and make-up working days."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


@dataclass(frozen=True)
class NoticeSource:
    """The notice an arrangement comes from.

    Attributes:
        title: e.g. "国务院办公厅关于2026年部分节假日安排的通知".
        date: the date printed on the notice (成文日期); ``None`` when it has not been verified.
        document_number: e.g. "国办发明电〔2024〕12号", when known.
    """

    title: str
    date: dt.date | None = None
    document_number: str | None = None


@dataclass(frozen=True)
class YearArrangement:
    """The holidays and make-up working days one year's notice(s) declare.

    Attributes:
        year: the year the notice is for.
        holidays: rest date -> holiday name ("春节", "国庆节、中秋节", ...).
        makeup_workdays: make-up working Saturday/Sunday -> name of the holiday it belongs to.
        sources: the notice first, then any later notice that changed the year (e.g. 2020's extension).
        note: free text (e.g. how the data was obtained).

    Raises:
        ValidationError: ``calendar.*`` codes when the arrangement is inconsistent.
    """

    year: int
    holidays: Mapping[dt.date, str]
    makeup_workdays: Mapping[dt.date, str]
    sources: tuple[NoticeSource, ...]
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", MappingProxyType(dict(sorted(self.holidays.items()))))
        object.__setattr__(self, "makeup_workdays", MappingProxyType(dict(sorted(self.makeup_workdays.items()))))
        object.__setattr__(self, "sources", tuple(self.sources))
        _validate_arrangement(self)

    @property
    def source_title(self) -> str:
        """Title of the main notice."""
        return self.sources[0].title

    @property
    def source_date(self) -> dt.date | None:
        """Date of the main notice, or None when not verified."""
        return self.sources[0].date


def _validate_arrangement(arr: YearArrangement) -> None:
    if not FIRST_YEAR <= arr.year <= LAST_YEAR:
        raise ValidationError("calendar.year_out_of_range", field="year", year=arr.year)
    if not arr.sources or not all(s.title.strip() for s in arr.sources):
        raise ValidationError("calendar.source_missing", field="source", year=arr.year)
    for day, name in [*arr.holidays.items(), *arr.makeup_workdays.items()]:
        _check_day(arr.year, day, name)
    for day in arr.makeup_workdays:
        if day in arr.holidays:
            raise ValidationError("calendar.day_both_holiday_and_workday", date=day.isoformat(), year=arr.year)
        if day.weekday() < 5:
            raise ValidationError("calendar.makeup_not_weekend", date=day.isoformat(), year=arr.year)


def _check_day(year: int, day: dt.date, name: str) -> None:
    if not dt.date(year - 1, 12, 1) <= day <= dt.date(year, 12, 31):
        raise ValidationError("calendar.date_outside_year", date=day.isoformat(), year=year)
    if not name or not name.strip():
        raise ValidationError("calendar.name_missing", date=day.isoformat(), year=year)


def arrangement_warnings(arr: YearArrangement) -> tuple[str, ...]:
    """Soft checks an administrator should confirm before saving (codes, not errors).

    ``calendar.no_holidays``: nothing declared; ``calendar.few_holidays``: fewer than 7 weekday rest days
    in the year (the 放假办法 gives 13 statutory days from 2025, 11 from 2008), which suggests a break was
    left out.
    """
    weekday_holidays = sum(1 for d in arr.holidays if d.weekday() < 5 and d.year == arr.year)
    warnings: list[str] = []
    if not arr.holidays:
        warnings.append("calendar.no_holidays")
    elif weekday_holidays < 7:
        warnings.append("calendar.few_holidays")
    return tuple(warnings)


@dataclass(frozen=True)
class ArrangementChange:
    """What changed between two versions of a year (for the audit trail)."""

    year: int
    added_holidays: tuple[dt.date, ...]
    removed_holidays: tuple[dt.date, ...]
    added_makeup_days: tuple[dt.date, ...]
    removed_makeup_days: tuple[dt.date, ...]
    renamed: tuple[dt.date, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the two versions declare the same days with the same names."""
        return not (self.added_holidays or self.removed_holidays or self.added_makeup_days
                    or self.removed_makeup_days or self.renamed)


def compare_arrangements(old: YearArrangement | None, new: YearArrangement) -> ArrangementChange:
    """List the days added, removed and renamed when ``new`` replaces ``old``."""
    old_h = dict(old.holidays) if old else {}
    old_m = dict(old.makeup_workdays) if old else {}
    renamed = sorted(d for d in set(old_h) & set(new.holidays) if old_h[d] != new.holidays[d])
    renamed += sorted(d for d in set(old_m) & set(new.makeup_workdays) if old_m[d] != new.makeup_workdays[d])
    return ArrangementChange(
        new.year,
        tuple(sorted(set(new.holidays) - set(old_h))), tuple(sorted(set(old_h) - set(new.holidays))),
        tuple(sorted(set(new.makeup_workdays) - set(old_m))), tuple(sorted(set(old_m) - set(new.makeup_workdays))),
        tuple(renamed),
    )


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """An immutable working-day calendar built from year arrangements.

    Dates in years that are not loaded follow the plain Monday–Friday rule; callers learn about it from
    :meth:`is_loaded` and the deadline functions mark such results provisional.
    """

    arrangements: Mapping[int, YearArrangement] = field(default_factory=dict)
    _holidays: Mapping[dt.date, str] = field(init=False, repr=False)
    _makeup: Mapping[dt.date, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        arrangements = dict(sorted(self.arrangements.items()))
        holidays: dict[dt.date, str] = {}
        makeup: dict[dt.date, str] = {}
        for year, arr in arrangements.items():
            if year != arr.year:
                raise ValidationError("calendar.year_mismatch", year=year, arrangement_year=arr.year)
            _merge(arr, holidays, makeup)
        object.__setattr__(self, "arrangements", MappingProxyType(arrangements))
        object.__setattr__(self, "_holidays", MappingProxyType(holidays))
        object.__setattr__(self, "_makeup", MappingProxyType(makeup))

    @classmethod
    def from_arrangements(cls, arrangements: Iterable[YearArrangement]) -> WorkCalendar:
        """Build a calendar; two arrangements for the same year are an error."""
        by_year: dict[int, YearArrangement] = {}
        for arr in arrangements:
            if arr.year in by_year:
                raise ValidationError("calendar.duplicate_year", year=arr.year)
            by_year[arr.year] = arr
        return cls(by_year)

    @property
    def loaded_years(self) -> tuple[int, ...]:
        """The years whose arrangement is loaded, ascending."""
        return tuple(self.arrangements)

    def is_loaded(self, year: int) -> bool:
        """True when the arrangement of ``year`` is loaded."""
        return year in self.arrangements

    def arrangement(self, year: int) -> YearArrangement:
        """Return the arrangement of ``year``; NotFound ``calendar.year_not_loaded`` otherwise."""
        if year not in self.arrangements:
            raise NotFound("calendar.year_not_loaded", year=year)
        return self.arrangements[year]

    def with_year(self, arrangement: YearArrangement) -> WorkCalendar:
        """Return a new calendar with ``arrangement`` added, or replacing the same year."""
        return WorkCalendar({**self.arrangements, arrangement.year: arrangement})

    def day_kind(self, day: dt.date) -> DayKind:
        """Classify ``day``: make-up days and holidays first, then the weekday rule.

        In a year with no loaded arrangement the holidays fixed by date in 《全国年节及纪念日放假办法》
        (元旦, 劳动节, 国庆节) still count; anything computed there is provisional (暂定) all the same.
        """
        if day in self._makeup:
            return DayKind.MAKEUP_WORKDAY
        if day in self._holidays or self._fixed_holiday(day):
            return DayKind.HOLIDAY
        return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY

    def _fixed_holiday(self, day: dt.date) -> str | None:
        if self.is_loaded(day.year):
            return None
        return FIXED_DATE_HOLIDAYS.get((day.month, day.day))

    def is_workday(self, day: dt.date) -> bool:
        """True for Monday–Friday outside holidays, and for 调休 make-up Saturdays/Sundays."""
        return self.day_kind(day).is_working

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday ``day`` belongs to, or None."""
        return self._holidays.get(day) or self._fixed_holiday(day)

    def makeup_name(self, day: dt.date) -> str | None:
        """The holiday a make-up working day belongs to, or None."""
        return self._makeup.get(day)

    def missing_next_year_warning(self, today: dt.date) -> bool:
        """From 1 November on, True while next year's arrangement is not loaded."""
        return today.month >= NEXT_YEAR_WARNING_MONTH and not self.is_loaded(today.year + 1)

    def add_working_days(self, trigger: dt.date, n: int, pauses: Iterable[Pause] = ()) -> Deadline:
        """Return the date ``n`` working days after ``trigger`` (trigger not counted), with explanation.

        Convenience for :func:`app.domain.deadlines.count_working_days` with a generic rule label.
        """
        from app.domain.deadlines import count_working_days  # deadlines imports this module

        return count_working_days(self, trigger, n, pauses=tuple(pauses))


def _merge(arr: YearArrangement, holidays: dict[dt.date, str], makeup: dict[dt.date, str]) -> None:
    for day, name in arr.holidays.items():
        if day in makeup:
            raise ValidationError("calendar.conflict", date=day.isoformat(), year=arr.year)
        holidays[day] = name
    for day, name in arr.makeup_workdays.items():
        if day in holidays:
            raise ValidationError("calendar.conflict", date=day.isoformat(), year=arr.year)
        makeup[day] = name
