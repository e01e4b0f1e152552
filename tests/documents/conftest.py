"""A realistic approved record for a unit and for a person named with rare characters (堃 U+5803, 䶮 U+4DAE)."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

import pdfplumber
import pytest

from app.documents import BureauInfo, DeadlineNote, GenerationStamp
from app.domain.identifiers import IdType, ric_check_character, uscc_check_character
from app.domain.record import Basis, Hearing, Record, Stage, Statement, StepKind, WorkflowStep
from app.domain.subject import Person, SubjectKind, Unit

D = dt.date
MM = 72 / 25.4


def uscc(body: str = "91440101MA59TEXT0") -> str:
    return body + uscc_check_character(body)


def id_number(body: str = "44010619800101001") -> str:
    return body + ric_check_character(body)


def make_record(kind: SubjectKind = SubjectKind.UNIT, subject_id: int = 1) -> Record:
    steps = (WorkflowStep(StepKind.SUBMIT, "jingban", dt.datetime(2026, 12, 1, 9, 30)),
             WorkflowStep(StepKind.REVIEW_AGREE, "shenhe", dt.datetime(2026, 12, 2, 10), "事实清楚，依据充分，同意归集。"),
             WorkflowStep(StepKind.APPROVE, "shenpi", dt.datetime(2026, 12, 3, 15), "批准归集。"))
    hearing = Hearing(D(2026, 11, 27), "书面告知", D(2026, 12, 4),
                      (Statement(D(2026, 11, 30), "对事实无异议，申请从轻。", False, "处罚已从轻，不再调整。"),))
    return Record(1, "XY2026-00001", kind, subject_id, "jingban", dt.datetime(2026, 11, 20, 9), "2021", True,
                  Basis("行政处罚决定书", "穗密罚〔2026〕3号", "广州市国家保密局", D(2026, 10, 9), D(2026, 10, 20)),
                  "受到保密行政管理部门行政处罚", ("警告", "暂停涉密业务"), "违规将涉密载体带离保密场所",
                  "给予警告并暂停涉密业务六个月", "2026年8月检查发现该单位违规将涉密载体带离保密场所。",
                  hearing=hearing, stage=Stage.APPROVED, steps=steps, collected_on=D(2026, 12, 3))


@pytest.fixture
def unit() -> Unit:
    return Unit(1, "广州某某信息技术有限公司", uscc(), "张三", (), "广州市天河区某某路1号", "李四", "020-12345678")


@pytest.fixture
def person() -> Person:
    return Person(2, "王堃䶮", IdType.RESIDENT_ID, id_number(), "重要涉密人员", 1, "工程师", "广州市越秀区某某街2号",
                  "13800000000")


@pytest.fixture
def record() -> Record:
    return make_record()


@pytest.fixture
def person_record() -> Record:
    return make_record(SubjectKind.PERSON, 2)


@pytest.fixture
def bureau() -> BureauInfo:
    return BureauInfo(contact="陈某某", phone="020-83000000", address="广州市越秀区某某路100号")


@pytest.fixture
def stamp() -> GenerationStamp:
    return GenerationStamp("jingban", dt.datetime(2026, 12, 4, 10, 20), "穗密确信〔2026〕1号", reprint=True)


@pytest.fixture
def deadlines() -> list[DeadlineNote]:
    return [DeadlineNote("有效期", ("起算日：2026年12月3日（归集日，当日不计入）", "届满日：2029年12月2日（星期日）")),
            DeadlineNote("异议期", ("起算日：送达之日（当日不计入）", "依据：第九条，15个工作日"))]


def lines_of(pdf: bytes, page: int = 0) -> list[list[dict]]:
    """The page's characters grouped into lines (same top), each sorted left to right, lines top to bottom."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = doc.pages[page].chars
    grouped: dict[float, list[dict]] = defaultdict(list)
    for char in chars:
        grouped[round(char["top"], 1)].append(char)
    return [sorted(grouped[top], key=lambda c: c["x0"]) for top in sorted(grouped)]


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join(c["text"] for page in doc.pages for c in page.chars)


def page_count(pdf: bytes) -> int:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)
