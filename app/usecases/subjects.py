"""Subjects: units and persons. The same USCC or ID number never creates a second subject; similar names
are shown before saving; every view and search of a subject is audited (Art. 20)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from app.domain.accounts import SignedInSession
from app.domain.audit import AuditEvent
from app.domain.errors import DomainError, ValidationError
from app.domain.permissions import Permission, require
from app.domain.record import Record
from app.domain.subject import Person, Subject, SubjectKind, Unit
from app.ports import Clock, OpenedStore, SubjectChange, SubjectRef
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


def search_detail(text: str, found: int) -> dict:
    """What a search audit records: its kind and result count — not the name or number searched for, which
    the 安全审计员 must not read (三员分立); the account, time and count still show who searched how much."""
    kind = "证件号码/代码/编号" if any(ch.isdigit() for ch in text) else "名称"
    return {"检索方式": kind, "结果数": found}


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
        action = "subject.created" if before is None else "subject.updated"
        diff = _diff(before, saved)
        uow.subjects.add_change(saved.kind, saved.id, at=clock.now(), account=session.account.username,
                                action=action, detail=diff)
        # 三员分立: the auditor's trail names the changed fields, never the personal data itself
        audit_as(uow, session, AuditEvent(action, kind, oid, detail={"修改字段": sorted(diff["after"])}), clock)
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
        audit_as(uow, session, AuditEvent("subject.searched", "subject", "", detail=search_detail(text, len(found))),
                 clock)
        uow.commit()
    return found


@dataclass(frozen=True)
class SubjectPage:
    subject: Subject
    employer: Unit | None
    records: list[Record]
    history: list[SubjectChange]


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
        history = uow.subjects.changes(kind, subject_id)
        audit_as(uow, session, AuditEvent("subject.viewed", otype, oid), clock)
        uow.commit()
    return SubjectPage(subject, employer, records, history)


__all__ = ["SaveSubject", "SubjectPage", "save_subject", "search_subjects", "similar_subjects", "view_subject"]
