"""失信信息归集审批表 (Art. 8 ¶1 written review and approval; content Art. 12); wording in approval_form.json."""

from __future__ import annotations

import datetime as dt

from app.documents.common import Copy, GenerationStamp, new_document, require, wording
from app.documents.fonts import FontBook
from app.documents.layout import Cell
from app.domain.calendar import cn_date
from app.domain.record import Record, StepKind, WorkflowStep
from app.domain.subject import Person, Unit

LABEL, VALUE = 7, 21
STEP_KINDS = {"submit": (StepKind.SUBMIT,), "review": (StepKind.REVIEW_AGREE, StepKind.REVIEW_RETURN),
              "approve": (StepKind.APPROVE, StepKind.APPROVAL_RETURN)}


def _subject_rows(texts: dict, subject: Unit | Person) -> list[tuple[str, str]]:
    labels = texts["labels"]
    if isinstance(subject, Unit):
        return [(labels["subject_unit"], subject.name), (labels["identifier_unit"], subject.uscc),
                (labels["representative"], subject.legal_representative)]
    return [(labels["subject_person"], subject.name), (labels["identifier_person"], subject.id_number),
            (labels["level"], subject.level)]


def _hearing(texts: dict, record: Record, today: dt.date) -> str:
    h = record.hearing
    parts = []
    if h.notified_on:
        parts.append(texts["hearing_notified"].format(notified_on=cn_date(h.notified_on), notified_how=h.notified_how,
                                                      due=cn_date(h.due) if h.due else ""))
    if h.waived_on:
        parts.append(texts["hearing_waived"].format(waived_on=cn_date(h.waived_on)))
    for s in h.statements:
        adopted = texts["undecided"] if s.adopted is None else texts["adopted" if s.adopted else "not_adopted"]
        parts.append(texts["hearing_statement"].format(received_on=cn_date(s.received_on), content=s.content,
                                                       adopted=adopted, reason=s.reason))
    if not h.statements and not h.waived_on:
        parts.append(texts["hearing_none"] if h.due and today > h.due else texts["hearing_pending"])
    return "\n".join(parts)


def _last(record: Record, key: str) -> WorkflowStep | None:
    return next((s for s in reversed(record.steps) if s.kind in STEP_KINDS[key]), None)


def _opinion_cell(texts: dict, record: Record, key: str) -> Cell:
    step = _last(record, key)
    if step is None:
        return Cell("", VALUE)
    opinion = step.opinion or (texts["submit_opinion"] if key == "submit" else texts["empty_opinion"])
    if step.kind in (StepKind.REVIEW_RETURN, StepKind.APPROVAL_RETURN):
        opinion = f"{step.kind.value}：{opinion}"
    signer = texts["signer"].format(role=texts["roles"][key], account=step.account, date=cn_date(step.at.date()))
    return Cell(opinion, VALUE, footer=signer)


def render_approval_form(record: Record, subject: Unit | Person, *, today: dt.date, copy: Copy = "recipient",
                         stamp: GenerationStamp | None = None, fonts: FontBook | None = None) -> bytes:
    """The 审批表 as PDF bytes: subject, facts and basis, 陈述申辩 summary, the three opinions with accounts
    and dates (the latest step of each kind). ``today`` decides whether an unheard hearing is overdue.
    """
    texts = wording("approval_form")
    labels = texts["labels"]
    b = record.basis
    basis = texts["basis_value"].format(type=b.type, document_number=b.document_number, authority=b.authority,
                                        decided_on=cn_date(b.decided_on) if b.decided_on else "",
                                        effective_on=cn_date(b.effective_on) if b.effective_on else "")
    penalty = texts["penalty_value"].format(penalties="、".join(record.penalties), detail=record.penalty_detail)
    rows = [((Cell(label, LABEL, "center"), Cell(value, VALUE)), 1) for label, value in _subject_rows(texts, subject)]
    rows += [((Cell(labels["basis"], LABEL, "center"), Cell(basis, VALUE)), 2),
             ((Cell(labels["circumstance"], LABEL, "center"), Cell(record.circumstance, VALUE)), 1),
             ((Cell(labels["violation"], LABEL, "center"), Cell(record.violation, VALUE)), 1),
             ((Cell(labels["penalty"], LABEL, "center"), Cell(penalty, VALUE)), 1),
             ((Cell(labels["facts"], LABEL, "center"), Cell(record.facts, VALUE)), 2),
             ((Cell(labels["hearing"], LABEL, "center"), Cell(_hearing(texts, record, today), VALUE)), 2)]
    rows += [((Cell(labels[key], LABEL, "center"), _opinion_cell(texts, record, key)), 3)
             for key in ("submit", "review", "approve")]
    file_texts = texts["file_copy"]
    doc = new_document(texts["title"], copy, stamp, file_texts, fonts)
    doc.title(texts["title"])
    doc.line(texts["number_line"].format(record_number=require(record.number, "record.number")), align="right")
    doc.table(rows)
    return doc.render()
