"""The 系统管理员 maintains holiday years and rule sets; every change is audited (on fakes)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.domain.accounts import Role
from app.domain.calendar import NoticeSource, YearArrangement
from app.domain.errors import DomainError, PermissionDenied
from app.rules_cli import default_rulebook
from app.usecases import rules_admin

D = dt.date


def year_2027() -> YearArrangement:
    holidays = {D(2027, 1, 1): "元旦", **{D(2027, 2, 6) + dt.timedelta(days=i): "春节" for i in range(9)}}
    return YearArrangement(2027, holidays, {D(2027, 2, 20): "春节"},
                           (NoticeSource("国务院办公厅关于2027年部分节假日安排的通知（测试数据）", None),))


def test_a_saved_year_joins_the_calendar_and_the_change_is_audited(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    assert not services.calendar().is_loaded(2027)
    saved = services.save_calendar_year(year_2027())
    calendar = services.calendar()
    assert calendar.is_loaded(2027) and not calendar.is_workday(D(2027, 2, 8)) and calendar.is_workday(D(2027, 2, 20))
    entry = world.store.audit_entries[-1]
    assert entry.action == "calendar.changed" and entry.detail["年份"] == 2027
    assert "2027年2月20日" in entry.detail["新增调休上班日"] and saved.moved == ()


def test_a_deadline_reaching_2027_stops_being_provisional_once_the_year_is_loaded(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    before = services.calendar().add_working_days(D(2026, 12, 20), 15)
    services.save_calendar_year(year_2027())
    after = services.calendar().add_working_days(D(2026, 12, 20), 15)
    assert before.provisional and not after.provisional and after.date == D(2027, 1, 11)


def test_from_the_first_of_november_a_missing_next_year_is_reported(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    assert services.next_year_missing() == 2027  # the fixed clock says 2026-12-04
    services.save_calendar_year(year_2027())
    assert services.next_year_missing() is None


@pytest.mark.parametrize("role", [Role.SECADMIN, Role.AUDITOR, Role.HANDLER, Role.APPROVER])
def test_only_the_system_administrator_edits_the_calendar(world, admins, role):
    with pytest.raises(PermissionDenied):
        world.services(admins[role]).save_calendar_year(year_2027())
    assert world.store.calendar_data == {}


def test_an_imported_file_is_validated_before_anything_is_saved(world, admins, tmp_path):
    bad = tmp_path / "2027.json"
    bad.write_text(json.dumps({"format": "credit-ledger/holidays@1", "years": [
        {"year": 2027, "sources": [{"title": "通知", "date": None}], "holidays": [{"name": "元旦", "first": "2027-01-01"}],
         "makeup_workdays": [{"date": "2027-01-06", "holiday": "元旦"}]}]}), encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        world.services(admins[Role.SYSADMIN]).import_calendar_file(bad)
    assert caught.value.code == "calendar.makeup_not_weekend"
    assert world.store.calendar_data == {} and world.store.audit_entries == []


def _successor_text() -> str:
    from app.resources import resource_path
    data = json.loads(resource_path("data", "rulesets", "2021.json").read_text(encoding="utf-8"))
    data.update(id="2026", title="继任规则（测试）", effective_from="2026-12-01", effective_to=None)
    data["periods"]["statement_defence"]["amount"] = 7
    return json.dumps(data, ensure_ascii=False)


def test_a_successor_rule_set_comes_into_force_on_its_own_date(world, admins):
    services = world.services(admins[Role.SYSADMIN])
    assert default_rulebook().in_force_on(D(2026, 12, 4)) is None
    book = services.add_ruleset(_successor_text())
    assert book.in_force_on(D(2026, 12, 4)).id == "2026"
    assert book.in_force_on(D(2023, 1, 1)).id == "2021"
    assert services.rulebook().in_force_on(D(2026, 12, 4)).id == "2026"
    assert world.store.audit_entries[-1].action == "ruleset.added"


def test_a_successor_starting_before_the_latest_set_is_refused(world, admins):
    text = _successor_text().replace("2026-12-01", "2021-01-01")
    with pytest.raises(DomainError) as caught:
        world.services(admins[Role.SYSADMIN]).add_ruleset(text)
    assert caught.value.code == "ruleset.successor_not_after"
    assert world.store.ruleset_data == []
