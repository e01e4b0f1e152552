"""Pure functions behind ``credit-ledger workdays …`` and ``credit-ledger calendar …``.

Each command returns its standard-output text and exit code; the dispatcher prints and exits. Exit codes:
0 success, 1 bad input or a file that fails validation, 2 a provisional result (``workdays add`` reached a
year whose holidays are not loaded: the date is still printed, with the reason). The Chinese text here is
command-line output, which is why it lives in this module rather than in ``ui/messages.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.domain.calendar import (ArrangementChange, WorkCalendar, YearArrangement, arrangement_warnings,
                                 cn_date, cn_range, compare_arrangements)
from app.domain.calendar_data import load_calendar_file
from app.domain.errors import DomainError
from app.domain.numbering import PrefixTable, parse_prefix_table
from app.domain.rulesets import RuleBook, load_rulebook
from app.resources import resource_path

EXIT_OK, EXIT_BAD_INPUT, EXIT_PROVISIONAL = 0, 1, 2
MAX_DAYS = 10000
WEEKDAYS = "一二三四五六日"

MESSAGES = {
    "calendar_file.not_json": "文件不是有效的JSON（第{line}行第{column}列）",
    "calendar_file.format": "文件格式标识不符，应为“{expected}”",
    "calendar_file.unreadable": "无法读取文件：{path}",
    "calendar_file.field_missing": "缺少字段“{field_name}”（{year}年）",
    "calendar_file.field_type": "字段“{field_name}”类型错误（{year}年）",
    "calendar_file.bad_date": "日期“{value}”无效，应为YYYY-MM-DD（{year}年）",
    "calendar_file.bad_range": "日期范围{first}至{last}首尾颠倒（{year}年）",
    "calendar_file.duplicate_date": "日期{date}重复出现（{year}年）",
    "calendar.duplicate_year": "{year}年在文件中出现多次",
    "calendar.year_out_of_range": "年份{year}超出范围",
    "calendar.source_missing": "{year}年缺少通知标题",
    "calendar.date_outside_year": "日期{date}不属于{year}年的安排（只允许该年及上一年12月）",
    "calendar.name_missing": "日期{date}缺少节日名称（{year}年）",
    "calendar.day_both_holiday_and_workday": "日期{date}同时被列为放假日和调休上班日（{year}年）",
    "calendar.makeup_not_weekend": "调休上班日{date}不是星期六或星期日（{year}年）",
    "calendar.conflict": "日期{date}与相邻年份的安排冲突（{year}年）",
}
WARNINGS = {
    "calendar.no_holidays": "未列任何放假日，请核对通知",
    "calendar.few_holidays": "工作日放假天数少于7天，可能漏录，请核对通知",
}


def default_calendar() -> WorkCalendar:
    """The calendar bundled in ``resources/data/holidays.json`` (2004–2026 at release)."""
    return WorkCalendar.from_arrangements(load_calendar_file(resource_path("data", "holidays.json")))


def default_rulebook() -> RuleBook:
    """The rule sets bundled in ``resources/data/rulesets/``."""
    return load_rulebook(resource_path("data", "rulesets"))


def default_prefixes() -> PrefixTable:
    """The document-number prefixes bundled in ``resources/data/document_prefixes.json``."""
    return parse_prefix_table(resource_path("data", "document_prefixes.json").read_text(encoding="utf-8"))


def message_for(error: DomainError) -> str:
    """The Chinese one-line message for a calendar error (falls back to the code)."""
    template = MESSAGES.get(error.code)
    return template.format(**error.params) if template else f"{error.code} {error.params}"


def workdays_add(calendar: WorkCalendar, date_text: str, n_text: str) -> tuple[str, int]:
    """``workdays add DATE N``: first line the ISO date N working days after DATE, then the explanation."""
    try:
        trigger = dt.date.fromisoformat(date_text.strip())
    except ValueError:
        return f"日期格式错误：{date_text}（应为YYYY-MM-DD，如2025-09-26）\n", EXIT_BAD_INPUT
    days = _positive_int(n_text)
    if days is None:
        return f"工作日数错误：{n_text}（应为1至{MAX_DAYS}的整数）\n", EXIT_BAD_INPUT
    deadline = calendar.add_working_days(trigger, days)
    text = "\n".join((deadline.date.isoformat(), *deadline.lines())) + "\n"
    return text, EXIT_PROVISIONAL if deadline.provisional else EXIT_OK


def _positive_int(text: str) -> int | None:
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit():
        return None
    value = int(stripped)
    return value if 1 <= value <= MAX_DAYS else None


def calendar_show(calendar: WorkCalendar, year: int | str) -> tuple[str, int]:
    """``calendar show YEAR``: the year's holidays and make-up days with their source."""
    text = str(year).strip()
    if not (text.isascii() and text.isdigit()):
        return f"年份格式错误：{year}（应为四位数字，如2026）\n", EXIT_BAD_INPUT
    if not calendar.is_loaded(int(text)):
        loaded = calendar.loaded_years
        span = f"{loaded[0]}年至{loaded[-1]}年" if loaded else "无"
        return f"{text}年节假日安排尚未载入（已载入：{span}）\n", EXIT_BAD_INPUT
    return "\n".join(describe_arrangement(calendar.arrangement(int(text)))) + "\n", EXIT_OK


def describe_arrangement(arr: YearArrangement) -> list[str]:
    """A readable listing of one year's arrangement."""
    lines = [f"{arr.year}年节假日安排"]
    lines += [f"来源：{_source_text(s.title, s.date, s.document_number)}" for s in arr.sources]
    lines.append("放假：")
    for first, last, name in _runs(arr):
        lines.append(f"  {name}：{cn_range(first, last)}（{(last - first).days + 1}天）")
    lines.append("调休上班：" if arr.makeup_workdays else "调休上班：无")
    lines += [f"  {cn_date(d)}（星期{WEEKDAYS[d.weekday()]}，{name}）" for d, name in arr.makeup_workdays.items()]
    return lines + ([f"备注：{arr.note}"] if arr.note else [])


def _source_text(title: str, date: dt.date | None, number: str | None) -> str:
    parts = [number] if number else []
    parts.append(cn_date(date) if date else "发布日期未核实")
    return f"{title}（{'，'.join(parts)}）"


def _runs(arr: YearArrangement) -> list[tuple[dt.date, dt.date, str]]:
    runs: list[tuple[dt.date, dt.date, str]] = []
    for day, name in arr.holidays.items():
        if runs and runs[-1][2] == name and runs[-1][1] + dt.timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day, name)
        else:
            runs.append((day, day, name))
    return runs


@dataclass(frozen=True)
class CalendarImport:
    """Outcome of ``calendar import FILE``; ``calendar`` is None when the file was refused.

    The caller persists ``arrangements`` (and audits ``changes``) only when ``exit_code`` is 0.
    """

    text: str
    exit_code: int
    calendar: WorkCalendar | None = None
    arrangements: tuple[YearArrangement, ...] = ()
    changes: tuple[ArrangementChange, ...] = ()


def calendar_import(calendar: WorkCalendar, file_path: str | Path) -> CalendarImport:
    """``calendar import FILE``: parse and validate a year file, merge it, summarise what changes."""
    try:
        arrangements = load_calendar_file(file_path)
        merged = calendar
        for arr in arrangements:
            merged = merged.with_year(arr)
    except DomainError as error:
        return CalendarImport(f"导入失败：{message_for(error)}\n", EXIT_BAD_INPUT)
    if not arrangements:
        return CalendarImport("导入失败：文件中没有任何年份\n", EXIT_BAD_INPUT)
    changes = tuple(compare_arrangements(calendar.arrangements.get(a.year), a) for a in arrangements)
    lines = [f"已读取：{file_path}"]
    for arr, change in zip(arrangements, changes):
        lines += _import_lines(calendar, arr, change)
    return CalendarImport("\n".join(lines) + "\n", EXIT_OK, merged, arrangements, changes)


def _import_lines(calendar: WorkCalendar, arr: YearArrangement, change: ArrangementChange) -> list[str]:
    counts = f"放假{len(arr.holidays)}天，调休上班{len(arr.makeup_workdays)}天"
    if not calendar.is_loaded(arr.year):
        lines = [f"{arr.year}年：新增（{counts}），来源：{arr.source_title}"]
    elif change.is_empty:
        lines = [f"{arr.year}年：与已载入的安排相同"]
    else:
        lines = [f"{arr.year}年：替换已载入的安排（{counts}）；放假日新增{len(change.added_holidays)}天、"
                 f"删除{len(change.removed_holidays)}天，调休上班日新增{len(change.added_makeup_days)}天、"
                 f"删除{len(change.removed_makeup_days)}天，更名{len(change.renamed)}天"]
    return lines + [f"  提示：{WARNINGS[code]}" for code in arrangement_warnings(arr)]
