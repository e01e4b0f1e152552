"""Subjects and records <-> rows. Nested parts are canonical JSON; dates ISO; enums by name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import typing
from functools import lru_cache

from app.domain import record_status
from app.domain.identifiers import IdType
from app.domain.record import Basis, Hearing, Record, Stage, Statement, WorkflowStep
from app.domain.subject import Person, Qualification, SubjectKind, Unit, name_key
from storage.schema import PersonRow, RecordRow, UnitRow


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _typed(kind, raw):
    if raw is None:
        return None
    for candidate in typing.get_args(kind) or (kind,):
        if candidate is dt.date:
            return dt.date.fromisoformat(raw)
        if candidate is dt.datetime:
            return dt.datetime.fromisoformat(raw)
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate[raw]
    return raw


def _build(cls, data: dict):
    hints = _hints(cls)
    return cls(**{k: _typed(hints[k], v) for k, v in data.items()})


EVENT_TYPES = {cls.__name__: cls for cls in vars(record_status).values()
               if isinstance(cls, type) and issubclass(cls, record_status.RecordEvent)
               and cls is not record_status.RecordEvent}


# -- subjects -----------------------------------------------------------------------------------------------
def unit_fill(row: UnitRow, unit: Unit) -> None:
    row.name, row.name_key, row.uscc = unit.name, name_key(unit.name), unit.uscc
    row.legal_representative = unit.legal_representative
    row.qualifications = _dumps([_plain(q) for q in unit.qualifications])
    row.address, row.contact_person, row.phone = unit.address, unit.contact_person, unit.phone


def unit_to_domain(row: UnitRow) -> Unit:
    quals = tuple(Qualification(**{**q, "business_types": tuple(q["business_types"])})
                  for q in json.loads(row.qualifications))
    return Unit(row.id, row.name, row.uscc, row.legal_representative, quals, row.address, row.contact_person,
                row.phone)


def person_fill(row: PersonRow, person: Person) -> None:
    row.name, row.name_key = person.name, name_key(person.name)
    row.id_type, row.id_number, row.level = person.id_type.name, person.id_number, person.level
    row.employer_id, row.post, row.address, row.phone = person.employer_id, person.post, person.address, person.phone


def person_to_domain(row: PersonRow) -> Person:
    return Person(row.id, row.name, IdType[row.id_type], row.id_number, row.level, row.employer_id, row.post,
                  row.address, row.phone)


# -- records ------------------------------------------------------------------------------------------------
def record_fill(row: RecordRow, record: Record) -> None:
    row.number, row.subject_kind, row.subject_id = record.number, record.subject_kind.name, record.subject_id
    row.handler, row.created_at = record.handler, record.created_at.isoformat()
    row.ruleset_id, row.ruleset_explicit = record.ruleset_id, record.ruleset_chosen_explicitly
    row.basis_type, row.circumstance = record.basis.type, record.circumstance
    row.content = _dumps({"basis": _plain(record.basis), "penalties": list(record.penalties),
                          "violation": record.violation, "penalty_detail": record.penalty_detail,
                          "facts": record.facts, "exclusions": [list(e) for e in record.exclusions],
                          "exclusion_reason": record.exclusion_reason, "hearing": _plain(record.hearing)})
    row.stage = record.stage.name
    row.steps = _dumps([_plain(s) for s in record.steps])
    row.collected_on = record.collected_on.isoformat() if record.collected_on else None
    row.events = _dumps([{"type": type(e).__name__, **_plain(e)} for e in record.events])


def record_to_domain(row: RecordRow) -> Record:
    content = json.loads(row.content)
    hearing = dict(content["hearing"])
    hearing["statements"] = tuple(_build(Statement, s) for s in hearing.get("statements", []))
    events = tuple(_build(EVENT_TYPES[e.pop("type")], e) for e in json.loads(row.events))
    return Record(
        row.id, row.number, SubjectKind[row.subject_kind], row.subject_id, row.handler,
        dt.datetime.fromisoformat(row.created_at), row.ruleset_id, row.ruleset_explicit,
        _build(Basis, content["basis"]), row.circumstance, tuple(content["penalties"]), content["violation"],
        content["penalty_detail"], content["facts"], tuple((k, v) for k, v in content["exclusions"]),
        content["exclusion_reason"], _build(Hearing, hearing), Stage[row.stage],
        tuple(_build(WorkflowStep, s) for s in json.loads(row.steps)),
        dt.date.fromisoformat(row.collected_on) if row.collected_on else None, events, row.version)
