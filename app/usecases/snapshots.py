"""The records list's status snapshot: a cache of ``derive_status`` keyed by the date it was computed for.

Filtering 100,000 records by state cannot run the rules on every row at every keystroke, so each record
keeps (state, next due, recheck date, as-of date). It is recomputed whenever the record changes, for every
record whose recheck date has come (the next date on which its derived state can change), and for all
records after a change to the calendar or the rule sets. It is never the source of truth: the record page
always derives the state afresh.
"""

from __future__ import annotations

import datetime as dt

from app.domain.calendar import WorkCalendar
from app.domain.record import Record, Stage, StatementOutcome
from app.domain.record_status import derive_status
from app.domain.rulesets import RuleBook
from app.rules_cli import default_calendar, default_rulebook

ONE_DAY = dt.timedelta(days=1)


def calendar_from(uow) -> WorkCalendar:
    calendar = default_calendar()
    for arrangement in uow.calendar.years():
        calendar = calendar.with_year(arrangement)
    return calendar


def rulebook_from(uow) -> RuleBook:
    book = default_rulebook()
    for ruleset in uow.rulesets.list():
        book = book.with_successor(ruleset)
    return book


def snapshot(record: Record, rulebook: RuleBook, calendar: WorkCalendar, today: dt.date) -> tuple[str, str, dt.date | None]:
    """(state label, next thing due, the date to look again) for the list."""
    if record.stage is not Stage.APPROVED:
        due = record.hearing.due
        pending = record.editable() and record.hearing.outcome(today) is StatementOutcome.PENDING
        text = f"陈述申辩期满 {due.isoformat()}" if due and pending else ""
        return record.stage.value, text, (due + ONE_DAY) if due and pending and due >= today else None
    status = derive_status(record.events, rulebook.get(record.ruleset_id), calendar, today)
    nxt = status.next_due
    marks = ("（已逾期）" if nxt and nxt.overdue else "") + ("（暂定）" if nxt and nxt.deadline.provisional else "")
    text = f"{nxt.kind.value} {nxt.date.isoformat()}{marks}" if nxt else ""
    dates = [item.date + ONE_DAY for item in status.upcoming if item.date >= today]
    dates += [event.on for event in record.events if event.on > today]  # e.g. 公告送达 deemed served later
    for deadline in (status.validity, status.deletion_opens):
        if deadline and deadline.date >= today:
            dates.append(deadline.date + ONE_DAY)
    return status.state.label, text, min(dates, default=None)


def refresh_one(uow, record: Record, *, today: dt.date, rulebook: RuleBook | None = None,
                calendar: WorkCalendar | None = None) -> None:
    state, text, recheck = snapshot(record, rulebook or rulebook_from(uow), calendar or calendar_from(uow), today)
    uow.records.set_snapshot(record.id, state, text, recheck, today)


def refresh_stale(uow, today: dt.date, *, everything: bool = False) -> int:
    """Recompute the snapshots that may have changed by ``today``; return how many were recomputed."""
    ids = uow.records.stale_snapshot_ids(today, everything=everything)
    if not ids:
        return 0
    rulebook, calendar = rulebook_from(uow), calendar_from(uow)
    for record_id in ids:
        refresh_one(uow, uow.records.get(record_id), today=today, rulebook=rulebook, calendar=calendar)
    return len(ids)
