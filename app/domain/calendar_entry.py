"""Typing a year's arrangement in from the 国务院办公厅 notice: two short text lists, one line per item.

放假安排, one line per holiday: ``名称 起始日期 [结束日期]`` — e.g. ``春节 2027-02-06 2027-02-14``.
调休上班, one line per make-up working day: ``日期 所属节日`` — e.g. ``2027-02-20 春节``.
Blank lines are ignored; full-width spaces and digits are accepted.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from app.domain.calendar import NoticeSource, YearArrangement
from app.domain.errors import ValidationError


def _words(line: str) -> list[str]:
    return unicodedata.normalize("NFKC", line).replace("，", " ").replace(",", " ").split()


def _day(text: str, field: str, line_no: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("calendar_entry.bad_date", field=field, line=line_no, value=text) from None


def parse_holidays(text: str) -> dict[dt.date, str]:
    holidays: dict[dt.date, str] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        words = _words(line)
        if not words:
            continue
        if len(words) not in (2, 3):
            raise ValidationError("calendar_entry.holiday_line", field="holidays", line=line_no)
        first = _day(words[1], "holidays", line_no)
        last = _day(words[2], "holidays", line_no) if len(words) == 3 else first
        if last < first or (last - first).days > 15:
            raise ValidationError("calendar_entry.bad_range", field="holidays", line=line_no)
        for offset in range((last - first).days + 1):
            holidays[first + dt.timedelta(days=offset)] = words[0]
    return holidays


def parse_makeup_days(text: str) -> dict[dt.date, str]:
    days: dict[dt.date, str] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        words = _words(line)
        if not words:
            continue
        if len(words) != 2:
            raise ValidationError("calendar_entry.makeup_line", field="makeup", line=line_no)
        days[_day(words[0], "makeup", line_no)] = words[1]
    return days


def arrangement_from_entry(year: int, title: str, published: dt.date | None, holidays_text: str,
                           makeup_text: str) -> YearArrangement:
    """Build and validate one year from what the 系统管理员 typed (ValidationError at the field)."""
    if not title.strip():
        raise ValidationError("calendar_entry.title_missing", field="title")
    holidays, makeup = parse_holidays(holidays_text), parse_makeup_days(makeup_text)
    return YearArrangement(year, dict(sorted(holidays.items())), dict(sorted(makeup.items())),
                           (NoticeSource(title.strip(), published),))


def entry_from_arrangement(arrangement: YearArrangement) -> tuple[str, str]:
    """The two text lists for an existing year, to correct it."""
    runs: list[list] = []
    for day, name in sorted(arrangement.holidays.items()):
        if runs and runs[-1][2] == name and runs[-1][1] + dt.timedelta(days=1) == day:
            runs[-1][1] = day
        else:
            runs.append([day, day, name])
    holidays = "\n".join(f"{n} {a.isoformat()}" + (f" {b.isoformat()}" if b != a else "") for a, b, n in runs)
    makeup = "\n".join(f"{d.isoformat()} {n}" for d, n in sorted(arrangement.makeup_workdays.items()))
    return holidays, makeup
