"""Subjects: units and persons. The same USCC or ID number never creates a second subject; similar names
are shown before saving; every view and search of a subject is audited (Art. 20)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from app.domain.accounts import SignedInSession
from app.domain.audit import AuditEntry, AuditEvent
from app.domain.errors import DomainError, ValidationError
from app.domain.permissions import Permission, require
from app.domain.record import Record
from app.domain.subject import Person, Subject, SubjectKind, Unit
from app.ports import AuditFilter, Clock, OpenedStore, SubjectRef
from app.usecases.session import audit_as


@dataclass(frozen=True)
class SaveSubject:
    subject: Subject
    confirm_similar: bool = False  # the user saw the similar names and still wants a new subject


def _object(subject: Subject) -> tuple[str, str]:
    return ("unit" if subject.kind is SubjectKind.UNIT else "person", str(subject.id))


def _diff(before: Subject | None, after: Subject) -> dict:
    names = [f.name for f in fields(after) if f.name not in ("id", "kind")]
    old = asdict(before) if before else {}
    new = asdict(after)
    changed = [n for n in names if old.get(n) != new.get(n)]
    return {"before": {n: str(old.get(n, "")) for n in changed if before},
            "after": {n: str(new.get(n)) for n in changed}}


def save_subject(cmd: SaveSubject, *, session: SignedInSession, store: OpenedStore, clock: Clock) -> Subject:
    """Create or update a unit or person (经办人)."""
    require(session, Permission.RECORD_DRAFT)
    subject = cmd.subject
    subject = subject.validated(clock.today()) if isinstance(subject, Person) else subject.validated()
    with store.uow_factory() as uow:
        existing = uow.subjects.by_identifier(subject.kind, subject.identifier)
        if existing and existing.id != subject.id:
            field = "uscc" if subject.kind is SubjectKind.UNIT else "id_number"
            raise ValidationError("subject.duplicate_identifier", field=field, name=existing.name)
        if isinstance(subject, Person) and subject.employer_id is not None:
            uow.subjects.get(SubjectKind.UNIT, subject.employer_id)
        similar = [s for s in uow.subjects.similar(subject.kind, subject.name) if s.id != subject.id]
        if similar and subject.id is None and not cmd.confirm_similar:
            raise DomainError("subject.similar_names", field="name", names=[f"{s.name}（{s.identifier}）" for s in similar])
        before = uow.subjects.get(subject.kind, subject.id) if subject.id else None
        if before is None:
            saved = uow.subjects.add(subject)
        else:
            uow.subjects.save(subject)
            saved = subject
        kind, oid = _object(saved)
        audit_as(uow, session, AuditEvent("subject.created" if before is None else "subject.updated", kind, oid,
                                          detail=_diff(before, saved)), clock)
        uow.commit()
    return saved


def similar_subjects(kind: SubjectKind, name: str, *, session: SignedInSession, store: OpenedStore) -> list[SubjectRef]:
    require(session, Permission.RECORD_DRAFT)
    with store.uow_factory() as uow:
        return uow.subjects.similar(kind, name)


def search_subjects(text: str, kind: SubjectKind | None, *, session: SignedInSession, store: OpenedStore,
                    clock: Clock) -> list[SubjectRef]:
    """Search by name (partial, normalised), USCC or ID number; the search is audited."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        found = uow.subjects.search(text, kind)
        audit_as(uow, session, AuditEvent("subject.searched", "subject", "", detail={"检索词": text,
                                                                                   "结果数": len(found)}), clock)
        uow.commit()
    return found


@dataclass(frozen=True)
class SubjectPage:
    subject: Subject
    employer: Unit | None
    records: list[Record]
    history: list[AuditEntry]


def view_subject(kind: SubjectKind, subject_id: int, *, session: SignedInSession, store: OpenedStore,
                 clock: Clock) -> SubjectPage:
    """A subject with its records and the history of changes to it; the view is audited."""
    require(session, Permission.RECORD_READ)
    with store.uow_factory() as uow:
        subject = uow.subjects.get(kind, subject_id)
        employer = None
        if isinstance(subject, Person) and subject.employer_id:
            employer = uow.subjects.get(SubjectKind.UNIT, subject.employer_id)
        records = uow.records.for_subject(kind, subject_id)
        otype, oid = _object(subject)
        history = [e for e in uow.audit.query(AuditFilter(object_type=otype, object_id=oid))
                   if e.action in ("subject.created", "subject.updated")]
        audit_as(uow, session, AuditEvent("subject.viewed", otype, oid), clock)
        uow.commit()
    return SubjectPage(subject, employer, records, history)


__all__ = ["SaveSubject", "SubjectPage", "save_subject", "search_subjects", "similar_subjects", "view_subject"]
