"""Repositories for subjects, records and attachments, and the records list query."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import and_, func, or_, select, union_all, update
from sqlalchemy.orm import Session, aliased

from app.domain.errors import DomainError, NotFound
from app.domain.identifiers import normalise_code, normalise_name
from app.domain.record import Record, Stage
from app.domain.subject import Person, Subject, SubjectKind, Unit, similar
from app.ports import AttachmentMeta, RecordFilter, RecordRow, SubjectChange, SubjectRef
from storage.mapping_records import (person_fill, person_to_domain, record_fill, record_to_domain, unit_fill,
                                     unit_to_domain)
from storage.schema import AttachmentRow, PersonRow, RecordRow as RecordDbRow, SubjectChangeRow, UnitRow

_ROW = {SubjectKind.UNIT: UnitRow, SubjectKind.PERSON: PersonRow}


def _ref(kind: SubjectKind, row) -> SubjectRef:
    return SubjectRef(kind, row.id, row.name, row.uscc if kind is SubjectKind.UNIT else row.id_number)


class SqlSubjectRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, subject: Subject) -> Subject:
        row = _ROW[subject.kind]()
        (unit_fill if isinstance(subject, Unit) else person_fill)(row, subject)
        self._s.add(row)
        self._s.flush()
        return self.get(subject.kind, row.id)

    def save(self, subject: Subject) -> None:
        row = self._row(subject.kind, subject.id)
        (unit_fill if isinstance(subject, Unit) else person_fill)(row, subject)
        self._s.flush()

    def _row(self, kind: SubjectKind, subject_id: int):
        row = self._s.get(_ROW[kind], subject_id)
        if row is None:
            raise NotFound("subject.not_found", field="subject")
        return row

    def get(self, kind: SubjectKind, subject_id: int) -> Subject:
        row = self._row(kind, subject_id)
        return unit_to_domain(row) if kind is SubjectKind.UNIT else person_to_domain(row)

    def by_identifier(self, kind: SubjectKind, identifier: str) -> SubjectRef | None:
        column = UnitRow.uscc if kind is SubjectKind.UNIT else PersonRow.id_number
        row = self._s.scalar(select(_ROW[kind]).where(column == identifier))
        return _ref(kind, row) if row else None

    def search(self, text: str, kind: SubjectKind | None = None, limit: int = 50) -> list[SubjectRef]:
        key, code = normalise_name(text), normalise_code(text)
        out: list[SubjectRef] = []
        for k in ([kind] if kind else list(SubjectKind)):
            table = _ROW[k]
            ident = table.uscc if k is SubjectKind.UNIT else table.id_number
            stmt = select(table).where(or_(table.name_key.contains(key), ident == code)).order_by(table.name)
            out += [_ref(k, r) for r in self._s.scalars(stmt.limit(limit))]
        return out[:limit]

    def similar(self, kind: SubjectKind, name: str, limit: int = 10) -> list[SubjectRef]:
        key = normalise_name(name)
        if not key:
            return []
        table = _ROW[kind]
        probe = key[: max(2, min(4, len(key)))]
        rows = self._s.scalars(select(table).where(table.name_key.contains(probe)).limit(500))
        return [_ref(kind, r) for r in rows if similar(r.name, name)][:limit]


    def add_change(self, kind: SubjectKind, subject_id: int, *, at: dt.datetime, account: str, action: str,
                   detail: dict) -> None:
        self._s.add(SubjectChangeRow(subject_kind=kind.name, subject_id=subject_id, at=at.isoformat(timespec="seconds"),
                                     account=account, action=action,
                                     detail=json.dumps(detail, ensure_ascii=False, sort_keys=True)))
        self._s.flush()

    def changes(self, kind: SubjectKind, subject_id: int) -> list[SubjectChange]:
        rows = self._s.scalars(select(SubjectChangeRow).where(SubjectChangeRow.subject_kind == kind.name,
                                                              SubjectChangeRow.subject_id == subject_id)
                               .order_by(SubjectChangeRow.id.desc()))
        return [SubjectChange(r.at, r.account, r.action, json.loads(r.detail)) for r in rows]


class SqlRecordRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, record: Record) -> Record:
        row = RecordDbRow(version=1, snap_state="", snap_next_due="")
        record_fill(row, record)
        self._s.add(row)
        self._s.flush()
        return record_to_domain(row)

    def _row(self, record_id: int) -> RecordDbRow:
        row = self._s.get(RecordDbRow, record_id)
        if row is None:
            raise NotFound("record.not_found")
        return row

    def get(self, record_id: int) -> Record:
        return record_to_domain(self._row(record_id))

    def by_number(self, number: str) -> Record | None:
        row = self._s.scalar(select(RecordDbRow).where(RecordDbRow.number == number.strip()))
        return record_to_domain(row) if row else None

    def save(self, record: Record) -> Record:
        """Optimistic: the stored version must be the one this record was read at."""
        row = self._row(record.id)
        if row.version != record.version:
            raise DomainError("record.changed_meanwhile")
        record_fill(row, record)
        row.version += 1
        self._s.flush()
        return record_to_domain(row)

    def next_number(self, year: int) -> str:
        prefix = f"XY{year}-"
        last = self._s.scalar(select(func.max(RecordDbRow.number)).where(RecordDbRow.number.like(prefix + "%")))
        return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:05d}"

    def for_subject(self, kind: SubjectKind, subject_id: int) -> list[Record]:
        rows = self._s.scalars(select(RecordDbRow).where(RecordDbRow.subject_kind == kind.name,
                                                         RecordDbRow.subject_id == subject_id)
                               .order_by(RecordDbRow.created_at.desc()))
        return [record_to_domain(r) for r in rows]

    def open_records(self) -> list[Record]:
        """Collected records not yet deleted: those whose deadlines a calendar change can move."""
        rows = self._s.scalars(select(RecordDbRow).where(RecordDbRow.stage == Stage.APPROVED.name,
                                                         RecordDbRow.snap_state != "已删除"))
        return [record_to_domain(r) for r in rows]

    def set_snapshot(self, record_id: int, state: str, next_due: str, recheck_on: dt.date | None,
                     as_of: dt.date) -> None:
        self._s.execute(update(RecordDbRow).where(RecordDbRow.id == record_id).values(
            snap_state=state, snap_next_due=next_due, snap_as_of=as_of.isoformat(),
            snap_recheck_on=recheck_on.isoformat() if recheck_on else None))

    def stale_snapshot_ids(self, today: dt.date, everything: bool = False) -> list[int]:
        if everything:  # after a calendar or rule-set change: only collected records have date-driven states
            return list(self._s.scalars(select(RecordDbRow.id).where(RecordDbRow.stage == Stage.APPROVED.name)))
        # UNION ALL, not OR: each half uses its own index (ix_records_unsnapped, ix_records_recheck); the halves
        # never overlap, since a record without a snapshot has no recheck date either.
        stmt = union_all(select(RecordDbRow.id).where(RecordDbRow.snap_as_of.is_(None)),
                         select(RecordDbRow.id).where(RecordDbRow.snap_recheck_on <= today.isoformat()))
        return list(self._s.scalars(stmt))

    # -- the list ---------------------------------------------------------------------------------------
    def _query(self, flt: RecordFilter, columns, *, join_subjects: bool = True):
        u, p, r = aliased(UnitRow), aliased(PersonRow), RecordDbRow
        stmt = select(*columns(r, u, p)).select_from(r)
        if join_subjects:
            stmt = (stmt.outerjoin(u, and_(r.subject_kind == "UNIT", u.id == r.subject_id))
                    .outerjoin(p, and_(r.subject_kind == "PERSON", p.id == r.subject_id)))
        conditions = []
        if flt.states:
            conditions.append(r.snap_state.in_(flt.states))
        for value, column in ((flt.circumstance, r.circumstance), (flt.basis_type, r.basis_type),
                              (flt.handler, r.handler)):
            if value:
                conditions.append(column == value)
        if flt.subject_kind:
            conditions.append(r.subject_kind == flt.subject_kind.name)
        if flt.created_from:
            conditions.append(r.created_at >= flt.created_from.isoformat())
        if flt.created_to:
            conditions.append(r.created_at < (flt.created_to + dt.timedelta(days=1)).isoformat())
        if flt.collected_from:
            conditions.append(r.collected_on >= flt.collected_from.isoformat())
        if flt.collected_to:
            conditions.append(r.collected_on <= flt.collected_to.isoformat())
        if flt.text and flt.text.strip():
            conditions.append(_text_condition(r, flt.text))
        return stmt.where(*conditions), (r, u, p)

    def count(self, flt: RecordFilter) -> int:
        stmt, _ = self._query(flt, lambda r, u, p: [func.count()], join_subjects=False)
        return self._s.scalar(stmt) or 0

    SORTS = {"number": "number", "created_at": "created_at", "collected_on": "collected_on", "state": "snap_state",
             "handler": "handler", "circumstance": "circumstance"}

    def rows(self, flt: RecordFilter, offset: int, limit: int) -> list[RecordRow]:
        def columns(r, u, p):
            return [r.id, r.number, r.subject_kind, func.coalesce(u.name, p.name),
                    func.coalesce(u.uscc, p.id_number), r.circumstance, r.basis_type, r.handler, r.created_at,
                    r.collected_on, r.snap_state, r.snap_next_due]
        by_name = flt.sort == "subject_name"
        ids, (r, u, p) = self._query(flt, lambda r, u, p: [r.id], join_subjects=by_name)
        order = func.coalesce(u.name, p.name, "") if by_name else getattr(r, self.SORTS.get(flt.sort, "created_at"))
        ids = ids.order_by(order.desc() if flt.descending else order.asc(), r.id.desc()).offset(offset).limit(limit)
        # Page on the indexes alone, then read only the page's rows: OFFSET 50,000 no longer reads 50,000 records.
        page = list(self._s.scalars(ids))
        position = {row_id: i for i, row_id in enumerate(page)}
        stmt, (r, _, _) = self._query(RecordFilter(), columns)
        found = sorted(self._s.execute(stmt.where(r.id.in_(page))), key=lambda row: position[row[0]])
        return [RecordRow(i, n, SubjectKind[k], name or "", ident or "", c, b, h, ca[:16].replace("T", " "), co or "",
                          st, nd) for i, n, k, name, ident, c, b, h, ca, co, st, nd in found]


def _text_condition(r, text: str):
    """Name (partial, normalised), USCC, ID number or record number. Subjects are matched in their own, much
    smaller tables first, then records through ix_records_subject: never a scan of every record."""
    key, code = normalise_name(text), normalise_code(text)
    units = select(UnitRow.id).where(or_(UnitRow.name_key.contains(key), UnitRow.uscc == code))
    persons = select(PersonRow.id).where(or_(PersonRow.name_key.contains(key), PersonRow.id_number == code))
    return or_(and_(r.subject_kind == "UNIT", r.subject_id.in_(units)),
               and_(r.subject_kind == "PERSON", r.subject_id.in_(persons)), r.number == text.strip().upper())


class SqlAttachmentStore:
    def __init__(self, session: Session) -> None:
        self._s = session

    @staticmethod
    def _meta(row: AttachmentRow) -> AttachmentMeta:
        return AttachmentMeta(row.id, row.record_id, row.filename, row.mime, row.size, row.added_at, row.added_by)

    def add(self, record_id: int, filename: str, mime: str, data: bytes, *, by: str, at: dt.datetime) -> AttachmentMeta:
        row = AttachmentRow(record_id=record_id, filename=filename, mime=mime, size=len(data), data=data,
                            added_at=at.isoformat(timespec="seconds"), added_by=by)
        self._s.add(row)
        self._s.flush()
        return self._meta(row)

    def list(self, record_id: int) -> list[AttachmentMeta]:
        stmt = select(AttachmentRow.id, AttachmentRow.record_id, AttachmentRow.filename, AttachmentRow.mime,
                      AttachmentRow.size, AttachmentRow.added_at, AttachmentRow.added_by).where(
            AttachmentRow.record_id == record_id).order_by(AttachmentRow.id)
        return [AttachmentMeta(*row) for row in self._s.execute(stmt)]

    def data(self, attachment_id: int) -> tuple[AttachmentMeta, bytes]:
        row = self._s.get(AttachmentRow, attachment_id)
        if row is None:
            raise NotFound("attachment.not_found")
        return self._meta(row), row.data
