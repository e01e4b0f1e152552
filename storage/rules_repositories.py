"""Repositories for the rules data kept in the store: calendar years, rule sets, document numbers."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.calendar import YearArrangement
from app.domain.calendar_data import FORMAT as CALENDAR_FORMAT
from app.domain.calendar_data import arrangement_to_dict, parse_calendar_text
from app.domain.numbering import DocumentNumber, IssuedNumber, NumberSeries, NumberStatus
from app.domain.rulesets import RuleSet, parse_ruleset_text
from storage.schema import CalendarYearRow, DocumentNumberRow, RuleSetRow


class SqlCalendarRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def years(self) -> list[YearArrangement]:
        out: list[YearArrangement] = []
        for row in self._s.scalars(select(CalendarYearRow).order_by(CalendarYearRow.year)):
            out.extend(parse_calendar_text(row.data))
        return out

    def save(self, arrangement: YearArrangement, *, by: str, at: datetime) -> None:
        data = json.dumps({"format": CALENDAR_FORMAT, "years": [arrangement_to_dict(arrangement)]},
                          ensure_ascii=False, sort_keys=True)
        row = self._s.get(CalendarYearRow, arrangement.year) or CalendarYearRow(year=arrangement.year)
        row.data, row.changed_at, row.changed_by = data, at.isoformat(timespec="seconds"), by
        self._s.add(row)
        self._s.flush()


class SqlRuleSetRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def list(self) -> list[RuleSet]:
        return [parse_ruleset_text(r.data) for r in self._s.scalars(select(RuleSetRow).order_by(RuleSetRow.id))]

    def add(self, ruleset: RuleSet, text: str, *, by: str, at: datetime) -> None:
        self._s.add(RuleSetRow(id=ruleset.id, data=text, added_at=at.isoformat(timespec="seconds"), added_by=by))
        self._s.flush()


class SqlDocumentNumbers:
    """Issued inside the caller's transaction (BEGIN IMMEDIATE): two issues never get the same serial."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def series(self, prefix: str, year: int) -> NumberSeries:
        rows = self._s.scalars(select(DocumentNumberRow).where(DocumentNumberRow.prefix == prefix,
                                                               DocumentNumberRow.year == year))
        numbers = tuple(IssuedNumber(DocumentNumber(r.prefix, r.year, r.serial), NumberStatus[r.status],
                                     r.void_reason) for r in rows)
        return NumberSeries(prefix, year, numbers)

    def issue(self, prefix: str, year: int, *, doc_type: str, by: str, at: datetime, ref: str = "") -> DocumentNumber:
        _, number = self.series(prefix, year).issue()
        self._s.add(DocumentNumberRow(prefix=prefix, year=year, serial=number.serial, doc_type=doc_type,
                                      status=NumberStatus.ISSUED.name, issued_at=at.isoformat(timespec="seconds"),
                                      issued_by=by, object_ref=ref, void_reason=""))
        self._s.flush()
        return number

    def void(self, number: DocumentNumber, reason: str) -> None:
        self.series(number.prefix, number.year).void(number, reason)  # the rules: issued, not yet voided
        row = self._s.scalar(select(DocumentNumberRow).where(DocumentNumberRow.prefix == number.prefix,
                                                             DocumentNumberRow.year == number.year,
                                                             DocumentNumberRow.serial == number.serial))
        row.status, row.void_reason = NumberStatus.VOIDED.name, reason
        self._s.flush()
