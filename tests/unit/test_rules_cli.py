"""The command-line functions: text and exit code, nothing printed."""

from __future__ import annotations

import json
import sys

import pytest

from app import resources
from app.domain.calendar_data import FORMAT, dump_calendar_text
from app.rules_cli import (EXIT_BAD_INPUT, EXIT_OK, EXIT_PROVISIONAL, calendar_import, calendar_show,
                           workdays_add)

YEAR_2027 = {"year": 2027,
             "sources": [{"title": "国务院办公厅关于2027年部分节假日安排的通知", "date": None}],
             "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"},
                          {"name": "春节", "first": "2027-02-06", "last": "2027-02-13"}],
             "makeup_workdays": [{"date": "2027-02-14", "holiday": "春节"}]}


def write(tmp_path, *years):
    path = tmp_path / "holidays-2027.json"
    path.write_text(json.dumps({"format": FORMAT, "years": list(years)}, ensure_ascii=False), encoding="utf-8")
    return path


def test_workdays_add_prints_the_iso_date_first_then_the_explanation(calendar):
    text, code = workdays_add(calendar, "2025-09-26", "15")
    lines = text.splitlines()
    assert code == EXIT_OK and lines[0] == "2025-10-23"
    assert "跳过法定节假日：2025年10月1日至10月8日（国庆节、中秋节）" in lines


def test_a_provisional_answer_is_still_printed_with_the_reason_and_exit_code_2(calendar):
    text, code = workdays_add(calendar, "2026-12-20", "15")
    assert code == EXIT_PROVISIONAL and text.splitlines()[0] == "2027-01-11"
    assert "2027年节假日安排尚未载入" in text


@pytest.mark.parametrize(("date_text", "n_text", "start"), [
    ("2025-13-01", "3", "日期格式错误"), ("yesterday", "3", "日期格式错误"), ("2025-01-02", "0", "工作日数错误"),
    ("2025-01-02", "-1", "工作日数错误"), ("2025-01-02", "1.5", "工作日数错误"), ("2025-01-02", "１０", "工作日数错误"),
    ("2025-01-02", "10001", "工作日数错误")])
def test_bad_input_gives_one_chinese_line_and_exit_code_1(calendar, date_text, n_text, start):
    text, code = workdays_add(calendar, date_text, n_text)
    assert code == EXIT_BAD_INPUT and text.startswith(start) and text.count("\n") == 1


def test_calendar_show_lists_holidays_make_up_days_and_source(calendar):
    text, code = calendar_show(calendar, "2026")
    assert code == EXIT_OK
    assert "来源：国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）" in text
    assert "  春节：2026年2月15日至2月23日（9天）" in text and "  2026年2月14日（星期六，春节）" in text
    assert "发布日期未核实" in calendar_show(calendar, 2010)[0]


@pytest.mark.parametrize(("year", "start"), [("2027", "2027年节假日安排尚未载入（已载入：2004年至2026年）"),
                                             ("二〇二六", "年份格式错误")])
def test_calendar_show_refuses_unknown_or_malformed_years(calendar, year, start):
    text, code = calendar_show(calendar, year)
    assert code == EXIT_BAD_INPUT and text.startswith(start)


def test_importing_a_new_year_merges_it_and_settles_provisional_dates(calendar, tmp_path):
    result = calendar_import(calendar, write(tmp_path, YEAR_2027))
    assert result.exit_code == EXIT_OK and result.calendar.is_loaded(2027) and not calendar.is_loaded(2027)
    assert "2027年：新增（放假11天，调休上班1天）" in result.text
    assert "提示：工作日放假天数少于7天" in result.text
    text, code = workdays_add(result.calendar, "2026-12-20", "15")
    assert code == EXIT_OK and text.splitlines()[0] == "2027-01-11"


def test_importing_a_known_year_reports_identity_or_the_changes(calendar, tmp_path):
    same = calendar_import(calendar, write(tmp_path, *json.loads(
        dump_calendar_text([calendar.arrangement(2026)]))["years"]))
    assert same.exit_code == EXIT_OK and "2026年：与已载入的安排相同" in same.text
    year = {**YEAR_2027, "year": 2026, "holidays": [{"name": "元旦", "first": "2026-01-01", "last": "2026-01-03"}],
            "makeup_workdays": [], "sources": [{"title": "更正", "date": "2025-11-04"}]}
    changed = calendar_import(calendar, write(tmp_path, year))
    assert "2026年：替换已载入的安排" in changed.text and changed.changes[0].removed_holidays


@pytest.mark.parametrize(("content", "start"), [
    ("{", "导入失败：文件不是有效的JSON"),
    (json.dumps({"format": "x"}), "导入失败：文件格式标识不符"),
    (json.dumps({"format": FORMAT, "years": []}), "导入失败：文件中没有任何年份"),
    (json.dumps({"format": FORMAT, "years": [{**YEAR_2027, "makeup_workdays": [
        {"date": "2027-01-04", "holiday": "元旦"}]}]}, ensure_ascii=False), "导入失败：调休上班日2027-01-04不是星期六或星期日"),
])
def test_a_bad_import_file_is_refused_with_a_message_and_exit_code_1(calendar, tmp_path, content, start):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = calendar_import(calendar, path)
    assert result.exit_code == EXIT_BAD_INPUT and result.calendar is None and result.text.startswith(start)


def test_an_unknown_error_code_falls_back_to_the_code(calendar, tmp_path):
    from app.domain.errors import DomainError
    from app.rules_cli import message_for

    assert message_for(DomainError("x.unknown", a=1)) == "x.unknown {'a': 1}"


def test_resources_are_found_in_the_source_tree_and_in_a_bundle(monkeypatch, tmp_path):
    assert resources.resource_path("data", "holidays.json").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("data", "x.json") == tmp_path / "resources" / "data" / "x.json"
