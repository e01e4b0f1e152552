"""Read and write the holiday-calendar file format (``credit-ledger/holidays@1``).

The same format serves the bundled data (``resources/data/holidays.json``, all years) and the file an
administrator brings on removable media (one or more years). See ``docs/calendar-file-format.md``.

Example::

    {"format": "credit-ledger/holidays@1",
     "years": [{"year": 2026,
                "sources": [{"title": "国务院办公厅关于2026年部分节假日安排的通知",
                             "date": "2025-11-04", "document_number": null}],
                "holidays": [{"name": "元旦", "first": "2026-01-01", "last": "2026-01-03"}],
                "makeup_workdays": [{"date": "2026-01-04", "holiday": "元旦"}],
                "note": ""}]}
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.domain.calendar import NoticeSource, YearArrangement
from app.domain.errors import ValidationError

FORMAT = "credit-ledger/holidays@1"


def parse_calendar_text(text: str) -> tuple[YearArrangement, ...]:
    """Parse and validate a calendar file's text.

    Raises:
        ValidationError: ``calendar_file.*`` for format problems, ``calendar.*`` for inconsistent years.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError("calendar_file.not_json", line=error.lineno, column=error.colno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("calendar_file.format", expected=FORMAT)
    years = _require(data, "years", list, year=None)
    arrangements = tuple(_arrangement(item) for item in years)
    seen: set[int] = set()
    for arr in arrangements:
        if arr.year in seen:
            raise ValidationError("calendar.duplicate_year", year=arr.year)
        seen.add(arr.year)
    return arrangements


def load_calendar_file(path: str | Path) -> tuple[YearArrangement, ...]:
    """Read a calendar file (UTF-8, BOM tolerated); ``calendar_file.unreadable`` when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError("calendar_file.unreadable", path=str(path), reason=type(error).__name__) from None
    return parse_calendar_text(text)


def dump_calendar_text(arrangements: Iterable[YearArrangement]) -> str:
    """Serialise arrangements in the file format (holiday runs of one name become one range)."""
    years = [arrangement_to_dict(arr) for arr in sorted(arrangements, key=lambda a: a.year)]
    return json.dumps({"format": FORMAT, "years": years}, ensure_ascii=False, indent=1) + "\n"


def arrangement_to_dict(arr: YearArrangement) -> dict[str, Any]:
    """One year as a JSON-ready dict."""
    return {
        "year": arr.year,
        "sources": [{"title": s.title, "date": s.date.isoformat() if s.date else None,
                     "document_number": s.document_number} for s in arr.sources],
        "holidays": [{"name": name, "first": first.isoformat(), "last": last.isoformat()}
                     for first, last, name in _runs(arr.holidays)],
        "makeup_workdays": [{"date": d.isoformat(), "holiday": n} for d, n in arr.makeup_workdays.items()],
        "note": arr.note,
    }


def _runs(days: Mapping[dt.date, str]) -> list[tuple[dt.date, dt.date, str]]:
    runs: list[tuple[dt.date, dt.date, str]] = []
    for day, name in sorted(days.items()):
        if runs and runs[-1][2] == name and runs[-1][1] + dt.timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day, name)
        else:
            runs.append((day, day, name))
    return runs


def _arrangement(item: Any) -> YearArrangement:
    if not isinstance(item, dict):
        raise ValidationError("calendar_file.field_type", field_name="years[]", year=None)
    year = _require(item, "year", int, year=None)
    sources = tuple(_source(s, year) for s in _require(item, "sources", list, year))
    holidays: dict[dt.date, str] = {}
    for entry in _require(item, "holidays", list, year):
        _add_range(holidays, entry, year)
    makeup: dict[dt.date, str] = {}
    for entry in _require(item, "makeup_workdays", list, year):
        day = _date(_require(entry, "date", str, year), year)
        _put(makeup, day, _require(entry, "holiday", str, year), year)
    note = item.get("note") or ""
    return YearArrangement(year, holidays, makeup, sources, str(note))


def _source(entry: Any, year: int) -> NoticeSource:
    title = _require(entry, "title", str, year)
    raw_date = entry.get("date")
    number = entry.get("document_number")
    return NoticeSource(title, _date(raw_date, year) if raw_date else None, number or None)


def _add_range(holidays: dict[dt.date, str], entry: Any, year: int) -> None:
    name = _require(entry, "name", str, year)
    first = _date(_require(entry, "first", str, year), year)
    last = _date(entry.get("last") or first.isoformat(), year)
    if last < first:
        raise ValidationError("calendar_file.bad_range", first=first.isoformat(), last=last.isoformat(), year=year)
    day = first
    while day <= last:
        _put(holidays, day, name, year)
        day += dt.timedelta(days=1)


def _put(target: dict[dt.date, str], day: dt.date, name: str, year: int) -> None:
    if day in target:
        raise ValidationError("calendar_file.duplicate_date", date=day.isoformat(), year=year)
    target[day] = name


def _date(value: Any, year: int) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)) if len(str(value)) == 10 else _bad_date(value, year)
    except ValueError:
        return _bad_date(value, year)


def _bad_date(value: Any, year: int) -> dt.date:
    raise ValidationError("calendar_file.bad_date", value=str(value), year=year)


def _require(container: Any, key: str, kind: type, year: int | None) -> Any:
    if not isinstance(container, dict) or key not in container:
        raise ValidationError("calendar_file.field_missing", field_name=key, year=year)
    value = container[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValidationError("calendar_file.field_type", field_name=key, year=year)
    return value
