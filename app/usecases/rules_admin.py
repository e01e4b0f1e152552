"""The rules data the 系统管理员 maintains in the app: holiday arrangements per year and rule sets.

The effective calendar is the bundled one (resources/data/holidays.json) with every year stored in the
app laid over it; the effective rule book is the bundled 2021 set plus successors added in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain.accounts import SignedInSession
from app.domain.audit import AuditEvent
from app.domain.calendar import ArrangementChange, WorkCalendar, YearArrangement, cn_date, compare_arrangements
from app.domain.calendar_data import load_calendar_file
from app.domain.deadlines import DeadlineMove
from app.domain.permissions import Permission, require
from app.domain.rulesets import RuleBook, parse_ruleset_text
from app.ports import Clock, OpenedStore
from app.domain.record_status import moved_deadlines
from app.usecases.session import audit_as
from app.usecases.snapshots import calendar_from, refresh_stale, rulebook_from


def effective_calendar(*, store: OpenedStore) -> WorkCalendar:
    with store.uow_factory() as uow:
        return calendar_from(uow)


def next_year_missing(calendar: WorkCalendar, today: date) -> int | None:
    """From 1 November on, the year whose arrangement should be loaded but is not."""
    return today.year + 1 if calendar.missing_next_year_warning(today) else None


@dataclass(frozen=True)
class CalendarYearSaved:
    year: int
    change: ArrangementChange
    moved: tuple[DeadlineMove, ...]  # open deadlines whose date changed (old → new)


def _change_detail(arrangement: YearArrangement, change: ArrangementChange) -> dict:
    days = lambda ds: "、".join(cn_date(d) for d in sorted(ds)) or "无"  # noqa: E731
    return {"年份": arrangement.year, "来源": arrangement.source_title,
            "新增放假日": days(change.added_holidays), "取消放假日": days(change.removed_holidays),
            "新增调休上班日": days(change.added_makeup_days), "取消调休上班日": days(change.removed_makeup_days)}


def save_calendar_year(arrangement: YearArrangement, *, session: SignedInSession, store: OpenedStore,
                       clock: Clock) -> CalendarYearSaved:
    """Add or correct one year (as entered from the 国务院办公厅 notice); audited with what changed.

    The open deadlines that moved are listed from the records kept in the store; until records exist
    (collection, issue 4) there are none to move.
    """
    require(session, Permission.CALENDAR_EDIT)
    today = clock.today()
    with store.uow_factory() as uow:
        before = calendar_from(uow)
        after = before.with_year(arrangement)  # validates against the neighbouring years before writing
        change = compare_arrangements(before.arrangements.get(arrangement.year), arrangement)
        rulebook = rulebook_from(uow)
        moved = tuple(DeadlineMove(f"{r.number} {m.key.value}", m.before, m.after)
                      for r in uow.records.open_records()
                      for m in moved_deadlines(r.events, rulebook.get(r.ruleset_id), before, after, today))
        uow.calendar.save(arrangement, by=session.account.username, at=clock.now())
        detail = _change_detail(arrangement, change)
        detail["受影响期限"] = len(moved)
        audit_as(uow, session, AuditEvent("calendar.changed", "calendar", str(arrangement.year), detail=detail), clock)
        refresh_stale(uow, today, everything=True)
        uow.commit()
    return CalendarYearSaved(arrangement.year, change, moved)


def import_calendar_file(path: Path, *, session: SignedInSession, store: OpenedStore,
                         clock: Clock) -> list[CalendarYearSaved]:
    """Import a year file brought on removable media (format: docs/calendar-file-format.md)."""
    require(session, Permission.CALENDAR_EDIT)
    arrangements = load_calendar_file(path)
    return [save_calendar_year(a, session=session, store=store, clock=clock) for a in arrangements]


def effective_rulebook(*, store: OpenedStore) -> RuleBook:
    with store.uow_factory() as uow:
        return rulebook_from(uow)


def add_ruleset(text: str, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> RuleBook:
    """Add a successor rule set (new parameters, its own effective date) from its JSON text."""
    require(session, Permission.RULESET_EDIT)
    ruleset = parse_ruleset_text(text)
    with store.uow_factory() as uow:
        book = rulebook_from(uow).with_successor(ruleset)
        uow.rulesets.add(ruleset, text, by=session.account.username, at=clock.now())
        detail = {"版本": ruleset.id, "名称": ruleset.title, "施行日期": ruleset.effective_from.isoformat()}
        audit_as(uow, session, AuditEvent("ruleset.added", "ruleset", ruleset.id, detail=detail), clock)
        refresh_stale(uow, clock.today(), everything=True)
        uow.commit()
    return book
