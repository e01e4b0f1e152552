"""The record (失信信息) before and at collection: basis (Art. 5), circumstance (Art. 6), exclusions
(Art. 7), 陈述和申辩 (Art. 8 ¶2), content (Art. 12), and the written review and approval (Art. 8 ¶1).

After approval the record's life is told by the events of ``app.domain.record_status`` and its state
is derived from them and the date; nothing here stores a state that could go stale.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace

from app.domain.errors import DomainError, ValidationError
from app.domain.picklists import picklists
from app.domain.record_status import Approved, RecordEvent
from app.domain.subject import SubjectKind


class Stage(enum.Enum):
    """Where the record is in the collection procedure (facts of the workflow, not derived states)."""

    DRAFT = "草稿"
    SUBMITTED = "待审核"
    REVIEWED = "待审批"
    RETURNED = "已退回"
    NOT_COLLECTED = "不予归集"
    APPROVED = "已批准归集"


class StepKind(enum.Enum):
    SUBMIT = "提交审核"
    REVIEW_AGREE = "审核同意"
    REVIEW_RETURN = "审核退回"
    APPROVE = "批准归集"
    APPROVAL_RETURN = "审批退回"
    EXCLUDE = "不予归集"


@dataclass(frozen=True)
class WorkflowStep:
    """One written step (Art. 8 ¶1): who, when, what, and the opinion."""

    kind: StepKind
    account: str
    at: dt.datetime
    opinion: str = ""


@dataclass(frozen=True)
class Basis:
    """Art. 5: the document collection rests on."""

    type: str = ""
    document_number: str = ""
    authority: str = ""
    decided_on: dt.date | None = None
    effective_on: dt.date | None = None


@dataclass(frozen=True)
class Statement:
    """One statement or defence received from the subject, and whether it was adopted and why."""

    received_on: dt.date
    content: str
    adopted: bool | None = None  # None: not yet decided
    reason: str = ""


class StatementOutcome(enum.Enum):
    PENDING = "待陈述申辩"
    STATED = "已陈述申辩"
    OVERDUE = "逾期未陈述申辩"
    WAIVED = "明确放弃"


@dataclass(frozen=True)
class Hearing:
    """Art. 8 ¶2: the subject was told and heard. ``due`` comes from the rule set (statement period)."""

    notified_on: dt.date | None = None
    notified_how: str = ""
    due: dt.date | None = None
    statements: tuple[Statement, ...] = ()
    waived_on: dt.date | None = None

    def outcome(self, today: dt.date) -> StatementOutcome:
        if self.waived_on:
            return StatementOutcome.WAIVED
        if self.statements:
            return StatementOutcome.STATED
        if self.due and today > self.due:
            return StatementOutcome.OVERDUE
        return StatementOutcome.PENDING

    def missing(self, today: dt.date) -> list[str]:
        """What is still needed before approval (empty when the hearing is complete)."""
        if not self.notified_on or not self.notified_how:
            return ["hearing.notified"]
        outcome = self.outcome(today)
        if outcome is StatementOutcome.PENDING:
            return ["hearing.pending"]
        if outcome is StatementOutcome.STATED and any(s.adopted is None or not s.reason.strip()
                                                     for s in self.statements):
            return ["hearing.adoption"]
        return []


EXCLUSION_KEYS = ("state_secret", "defeats_purpose", "otherwise_handled")


@dataclass(frozen=True)
class Record:
    """The record aggregate. ``number`` is the human-readable number staff quote (e.g. XY2026-000123)."""

    id: int | None
    number: str
    subject_kind: SubjectKind
    subject_id: int
    handler: str
    created_at: dt.datetime
    ruleset_id: str = ""
    ruleset_chosen_explicitly: bool = False
    basis: Basis = field(default_factory=Basis)
    circumstance: str = ""
    penalties: tuple[str, ...] = ()
    violation: str = ""  # 违反保密法律法规行为
    penalty_detail: str = ""  # 实施处罚的具体情况
    facts: str = ""  # 事由 (Art. 12(2))
    exclusions: tuple[tuple[str, bool | None], ...] = tuple((k, None) for k in EXCLUSION_KEYS)
    exclusion_reason: str = ""
    hearing: Hearing = field(default_factory=Hearing)
    stage: Stage = Stage.DRAFT
    steps: tuple[WorkflowStep, ...] = ()
    collected_on: dt.date | None = None
    events: tuple[RecordEvent, ...] = ()
    version: int = 0

    # -- content -----------------------------------------------------------------------------------------
    def exclusion(self, key: str) -> bool | None:
        return dict(self.exclusions)[key]

    def missing_for_review(self) -> list[str]:
        """Art. 5, 6, 7 and 12: every field the review needs, as field codes; empty when complete."""
        lists = picklists()
        missing = []
        b = self.basis
        checks = [(b.type in lists.basis_types, "basis.type"), (bool(b.document_number.strip()), "basis.document_number"),
                  (bool(b.authority.strip()), "basis.authority"), (b.decided_on is not None, "basis.decided_on"),
                  (b.effective_on is not None, "basis.effective_on"), (self.circumstance in lists.circumstances, "circumstance"),
                  (bool(self.penalties), "penalties"), (bool(self.violation.strip()), "violation"),
                  (bool(self.penalty_detail.strip()), "penalty_detail"), (bool(self.facts.strip()), "facts"),
                  (bool(self.ruleset_id), "ruleset")]
        missing += [code for ok, code in checks if not ok]
        missing += [f"exclusion.{k}" for k, v in self.exclusions if v is None]
        return missing

    def check_dates(self) -> None:
        b = self.basis
        if b.decided_on and b.effective_on and b.effective_on < b.decided_on:
            raise ValidationError("basis.effective_before_decided", field="basis.effective_on")

    # -- workflow ----------------------------------------------------------------------------------------
    def _step(self, kind: StepKind, account: str, at: dt.datetime, opinion: str, stage: Stage, **changes) -> "Record":
        step = WorkflowStep(kind, account, at, opinion.strip())
        return replace(self, steps=(*self.steps, step), stage=stage, **changes)

    def _require_stage(self, *stages: Stage) -> None:
        if self.stage not in stages:
            raise DomainError("record.wrong_stage", stage=self.stage.value)

    def editable(self) -> bool:
        return self.stage in (Stage.DRAFT, Stage.RETURNED)

    def submit(self, account: str, at: dt.datetime) -> "Record":
        """经办人 submits for review; an Art. 7 "yes" ends the draft as 不予归集 instead (kept, not deleted)."""
        self._require_stage(Stage.DRAFT, Stage.RETURNED)
        if any(v for _, v in self.exclusions):
            if not self.exclusion_reason.strip():
                raise ValidationError("exclusion.reason_missing", field="exclusion_reason")
            return self._step(StepKind.EXCLUDE, account, at, self.exclusion_reason, Stage.NOT_COLLECTED)
        missing = self.missing_for_review()
        if missing:
            raise ValidationError("record.incomplete", field=missing[0], missing=missing)
        self.check_dates()
        return self._step(StepKind.SUBMIT, account, at, "", Stage.SUBMITTED)

    def last(self, kind: StepKind) -> WorkflowStep | None:
        return next((s for s in reversed(self.steps) if s.kind is kind), None)

    def review(self, account: str, at: dt.datetime, *, agree: bool, opinion: str) -> "Record":
        """审核人: 同意 or 退回 with comments; never the handler of the draft."""
        self._require_stage(Stage.SUBMITTED)
        if account == self.handler:
            raise DomainError("record.own_draft", action="review")
        if not opinion.strip():
            raise ValidationError("workflow.opinion_missing", field="opinion")
        kind, stage = (StepKind.REVIEW_AGREE, Stage.REVIEWED) if agree else (StepKind.REVIEW_RETURN, Stage.RETURNED)
        return self._step(kind, account, at, opinion, stage)

    def approve(self, account: str, at: dt.datetime, *, approve: bool, opinion: str, today: dt.date) -> "Record":
        """审批人 (单位负责人): 批准 fixes 归集日 (today); or 退回. Needs a complete 陈述申辩 and a third person."""
        self._require_stage(Stage.REVIEWED)
        reviewer = self.last(StepKind.REVIEW_AGREE)
        if account == self.handler or (reviewer and account == reviewer.account):
            raise DomainError("record.own_draft", action="approve")
        if not opinion.strip():
            raise ValidationError("workflow.opinion_missing", field="opinion")
        if not approve:
            return self._step(StepKind.APPROVAL_RETURN, account, at, opinion, Stage.RETURNED)
        missing = self.hearing.missing(today)
        if missing:
            raise ValidationError("record.hearing_incomplete", field="hearing", missing=missing)
        return self._step(StepKind.APPROVE, account, at, opinion, Stage.APPROVED, collected_on=today,
                          events=(*self.events, Approved(today)))

    def returned_comments(self) -> list[WorkflowStep]:
        return [s for s in self.steps if s.kind in (StepKind.REVIEW_RETURN, StepKind.APPROVAL_RETURN)]
