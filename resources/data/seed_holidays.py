"""Development-time seed: write resources/data/holidays.json from the chinesecalendar package (2004–2026).

Run once, from the repository root, with the dev dependencies installed::

    .venv/bin/python resources/data/seed_holidays.py

Never imported at run time: the application reads only the JSON it writes (our own data, extended by
the administrator each year). The script:

* names each holiday in Chinese (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节, and the 2015
  抗战胜利70周年纪念日);
* groups consecutive rest days into one break named after every holiday in it, in order
  ("国庆节、中秋节" for 2025-10-01..10-08), which is how the notices name them;
* files late-December 元旦 dates under the next year's notice (2018-12-29..31 belong to the 2019 notice);
* attaches each year's notice(s): title, and the date and number only where they were checked against a
  published copy of the notice (see VERIFIED_SOURCES); otherwise the date is null ("未核实").
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

from chinese_calendar.constants import holidays as PACKAGE_HOLIDAYS  # dev-time only
from chinese_calendar.constants import workdays as PACKAGE_WORKDAYS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.domain.calendar import NoticeSource, YearArrangement  # noqa: E402
from app.domain.calendar_data import dump_calendar_text, parse_calendar_text  # noqa: E402

NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节", "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# year -> [(title, date printed on the notice, document number)], checked against published copies
# (gov.cn mirrors, 人民日报/新华社 reprints, Wikisource) in December 2026.
VERIFIED_SOURCES: dict[int, list[tuple[str, str | None, str | None]]] = {
    2014: [("国务院办公厅关于2014年部分节假日安排的通知", "2013-12-11", "国办发明电〔2013〕28号")],
    2015: [("国务院办公厅关于2015年部分节假日安排的通知", "2014-12-16", "国办发明电〔2014〕28号"),
           ("国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知", "2015-05-13",
            "国发明电〔2015〕1号")],
    2016: [("国务院办公厅关于2016年部分节假日安排的通知", "2015-12-10", "国办发明电〔2015〕18号")],
    2017: [("国务院办公厅关于2017年部分节假日安排的通知", "2016-12-01", "国办发明电〔2016〕17号")],
    2018: [("国务院办公厅关于2018年部分节假日安排的通知", "2017-11-30", "国办发明电〔2017〕12号")],
    2019: [("国务院办公厅关于2019年部分节假日安排的通知", "2018-12-04", "国办发明电〔2018〕15号"),
           ("国务院办公厅关于调整2019年劳动节假期安排的通知", "2019-03-22", "国办发明电〔2019〕3号")],
    2020: [("国务院办公厅关于2020年部分节假日安排的通知", "2019-11-21", "国办发明电〔2019〕16号"),
           ("国务院办公厅关于延长2020年春节假期的通知", "2020-01-26", "国办发明电〔2020〕1号")],
    2021: [("国务院办公厅关于2021年部分节假日安排的通知", "2020-11-25", "国办发明电〔2020〕27号")],
    2022: [("国务院办公厅关于2022年部分节假日安排的通知", "2021-10-25", "国办发明电〔2021〕11号")],
    2023: [("国务院办公厅关于2023年部分节假日安排的通知", "2022-12-08", "国办发明电〔2022〕16号")],
    2024: [("国务院办公厅关于2024年部分节假日安排的通知", "2023-10-25", "国办发明电〔2023〕7号")],
    2025: [("国务院办公厅关于2025年部分节假日安排的通知", "2024-11-12", "国办发明电〔2024〕12号")],
    2026: [("国务院办公厅关于2026年部分节假日安排的通知", "2025-11-04", None)],
}

# Breaks whose joined name in the notice differs from the package's per-day names (checked notices).
RUN_NAME_OVERRIDES = {
    dt.date(2017, 10, 1): "中秋节、国庆节",  # 国办发明电〔2016〕17号 六、中秋节、国庆节：10月1日至8日
    dt.date(2020, 10, 1): "国庆节、中秋节",  # 国办发明电〔2019〕16号 六、国庆节、中秋节：10月1日至8日
}

# 2026 as published (domain-notes §5.3): used to check the package's data, which ends 2026-10-07.
EXPECTED_2026_MAKEUP = {dt.date(2026, m, d) for m, d in [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)]}


def notice_year(day: dt.date, english: str) -> int:
    """The year whose notice declares ``day`` (late-December 元旦 days belong to the next year)."""
    return day.year + 1 if day.month == 12 and english == "New Year's Day" else day.year


def holiday_runs(days: dict[dt.date, str]) -> dict[dt.date, str]:
    """Give every day of a consecutive break the joined names of the holidays in it."""
    result: dict[dt.date, str] = {}
    run: list[dt.date] = []
    for day in sorted(days) + [None]:
        if run and (day is None or day - run[-1] != dt.timedelta(days=1)):
            names = "、".join(dict.fromkeys(days[d] for d in run))
            result.update({d: RUN_NAME_OVERRIDES.get(run[0], names) for d in run})
            run = []
        if day is not None:
            run.append(day)
    return result


def makeup_name(day: dt.date, holiday: str, runs: dict[dt.date, str]) -> str:
    """Name a make-up day after the nearest break that contains its holiday."""
    candidates = [d for d, name in runs.items() if holiday in name.split("、")]
    nearest = min(candidates, key=lambda d: abs((d - day).days))
    return runs[nearest]


def build() -> list[YearArrangement]:
    """All years 2004–2026 as arrangements."""
    by_year_h: dict[int, dict[dt.date, str]] = defaultdict(dict)
    by_year_w: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for day, english in PACKAGE_HOLIDAYS.items():
        by_year_h[notice_year(day, english)][day] = NAMES[english]
    for day, english in PACKAGE_WORKDAYS.items():
        by_year_w[notice_year(day, english)][day] = NAMES[english]
    arrangements = []
    for year in sorted(by_year_h):
        runs = holiday_runs(by_year_h[year])
        makeup = {d: makeup_name(d, n, runs) for d, n in by_year_w[year].items()}
        arrangements.append(YearArrangement(year, runs, makeup, sources(year), note(year)))
    return arrangements


def sources(year: int) -> tuple[NoticeSource, ...]:
    """The verified sources of ``year``, or the conventional title with an unverified (null) date."""
    verified = VERIFIED_SOURCES.get(year)
    if not verified:
        return (NoticeSource(f"国务院办公厅关于{year}年部分节假日安排的通知"),)
    return tuple(NoticeSource(t, dt.date.fromisoformat(d) if d else None, n) for t, d, n in verified)


def note(year: int) -> str:
    """Provenance note stored with the year."""
    text = "据chinesecalendar 1.11.0数据导入。"
    return text if year in VERIFIED_SOURCES else text + "通知标题按惯例填写，发布日期未核实。"


def main() -> None:
    arrangements = build()
    last = arrangements[-1]
    assert last.year == 2026 and set(last.makeup_workdays) == EXPECTED_2026_MAKEUP, "2026 incomplete"
    assert dt.date(2026, 10, 7) in last.holidays, "2026 国庆 incomplete"
    text = dump_calendar_text(arrangements)
    assert parse_calendar_text(text) == tuple(arrangements)
    (ROOT / "resources" / "data" / "holidays.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(arrangements)} years, {sum(len(a.holidays) for a in arrangements)} holiday dates")


if __name__ == "__main__":
    main()
