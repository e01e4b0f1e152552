"""Document numbers (发文字号) as in the regulation's annex: ``穗密确信〔2021〕1号``.

GB/T 9704-2012 7.2.5: the full year in 六角括号 〔〕, the serial without zero padding and without "第",
ending in "号". A series is keyed by (prefix, year): document types that share a prefix share a series,
so a printed number can never be issued twice. Numbers are issued inside the transaction that uses them
(the store's job); this module is the pure rule: next serial = highest serial ever issued or voided + 1,
gaps are never filled, a voided number stays voided and is never reused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from types import MappingProxyType

from app.domain.errors import NotFound, ValidationError

FORMAT = "credit-ledger/document-prefixes@1"
_NUMBER = re.compile(r"(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号")
_FORBIDDEN_IN_PREFIX = re.compile(r"[\s〔〕\[\]()（）［］0-9０-９号第]")


@dataclass(frozen=True, order=True)
class DocumentNumber:
    """A document number; ``str()`` gives the printed form."""

    prefix: str
    year: int
    serial: int

    def __post_init__(self) -> None:
        validate_prefix(self.prefix)
        if not 1000 <= self.year <= 9999:
            raise ValidationError("docno.year", year=self.year)
        if self.serial < 1:
            raise ValidationError("docno.serial", serial=self.serial)

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def validate_prefix(prefix: str) -> str:
    """A prefix is non-empty Chinese text without brackets, digits, spaces, 第 or 号."""
    if not prefix or _FORBIDDEN_IN_PREFIX.search(prefix):
        raise ValidationError("docno.prefix", field="prefix", prefix=prefix)
    return prefix


def parse_document_number(text: str) -> DocumentNumber:
    """Parse a printed number strictly, with a distinct code for each common mistake.

    Raises:
        ValidationError: ``docno.brackets`` (［］[]() instead of 〔〕), ``docno.has_di`` (第),
            ``docno.zero_padded`` (01号), ``docno.format`` otherwise.
    """
    text = (text or "").strip()
    if "第" in text:
        raise ValidationError("docno.has_di", value=text)
    match = _NUMBER.fullmatch(text)
    if match is None:
        bracketed = re.search(r"[\[［(（【]\d{4}[\]］)）】]", text)
        raise ValidationError("docno.brackets" if bracketed else "docno.format", value=text)
    if match["serial"].startswith("0"):
        raise ValidationError("docno.zero_padded", value=text)
    return DocumentNumber(match["prefix"], int(match["year"]), int(match["serial"]))


class NumberStatus(Enum):
    """Whether a number is in use or was voided (作废)."""

    ISSUED = "已使用"
    VOIDED = "已作废"


@dataclass(frozen=True)
class IssuedNumber:
    """A number in a series with its status."""

    number: DocumentNumber
    status: NumberStatus = NumberStatus.ISSUED
    void_reason: str = ""


@dataclass(frozen=True)
class NumberSeries:
    """The numbers of one (prefix, year) series, issued and voided."""

    prefix: str
    year: int
    numbers: tuple[IssuedNumber, ...] = ()

    def __post_init__(self) -> None:
        validate_prefix(self.prefix)
        serials = [n.number.serial for n in self.numbers]
        if len(set(serials)) != len(serials):
            raise ValidationError("docno.duplicate", prefix=self.prefix, year=self.year)
        if any((n.number.prefix, n.number.year) != (self.prefix, self.year) for n in self.numbers):
            raise ValidationError("docno.wrong_series", prefix=self.prefix, year=self.year)

    def next_number(self) -> DocumentNumber:
        """The number the next issue will get: highest serial ever used (issued or voided) + 1."""
        return DocumentNumber(self.prefix, self.year, max((n.number.serial for n in self.numbers), default=0) + 1)

    def issue(self) -> tuple[NumberSeries, DocumentNumber]:
        """Issue the next number; returns the new series and the number."""
        number = self.next_number()
        return replace(self, numbers=(*self.numbers, IssuedNumber(number))), number

    def void(self, number: DocumentNumber, reason: str) -> NumberSeries:
        """Mark an issued number voided; it stays in the series and is never reused.

        Raises:
            NotFound: ``docno.not_issued``; ValidationError: ``docno.already_voided``, ``docno.reason_missing``.
        """
        if not reason.strip():
            raise ValidationError("docno.reason_missing", field="reason")
        entry = next((n for n in self.numbers if n.number == number), None)
        if entry is None:
            raise NotFound("docno.not_issued", number=str(number))
        if entry.status is NumberStatus.VOIDED:
            raise ValidationError("docno.already_voided", number=str(number))
        voided = IssuedNumber(number, NumberStatus.VOIDED, reason)
        return replace(self, numbers=tuple(voided if n is entry else n for n in self.numbers))


class DocumentType(Enum):
    """Documents that carry a number; values are Chinese labels."""

    NOTICE = "失信信息归集告知书"
    SERVICE_RECEIPT = "送达回证"
    APPROVAL_FORM = "失信信息归集审批表"
    OBJECTION_DECISION = "异议处理决定书"
    DELETION_DECISION = "删除失信信息决定书"
    REPORT_LETTER = "报送函"
    DELETION_NOTICE_LETTER = "删除通知函"


@dataclass(frozen=True)
class PrefixTable:
    """Prefix per document type; ``shares`` maps a type to the type whose number it carries."""

    prefixes: Mapping[DocumentType, str]
    shares: Mapping[DocumentType, DocumentType] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for prefix in self.prefixes.values():
            validate_prefix(prefix)
        object.__setattr__(self, "prefixes", MappingProxyType(dict(self.prefixes)))
        object.__setattr__(self, "shares", MappingProxyType(dict(self.shares)))

    def prefix_for(self, doc_type: DocumentType) -> str:
        """The prefix of ``doc_type`` (following ``shares``); NotFound ``docno.no_prefix`` otherwise."""
        doc_type = self.shares.get(doc_type, doc_type)
        if doc_type not in self.prefixes:
            raise NotFound("docno.no_prefix", document_type=doc_type.name)
        return self.prefixes[doc_type]

    def series_key(self, doc_type: DocumentType, on: dt.date) -> tuple[str, int]:
        """(prefix, year) of the series a document of ``doc_type`` issued on ``on`` draws from."""
        return self.prefix_for(doc_type), on.year

    def with_prefix(self, doc_type: DocumentType, prefix: str) -> PrefixTable:
        """A new table with ``doc_type``'s prefix changed (configurable per type)."""
        return PrefixTable({**self.prefixes, doc_type: validate_prefix(prefix)}, self.shares)


def parse_prefix_table(text: str) -> PrefixTable:
    """Parse ``resources/data/document_prefixes.json`` (format ``credit-ledger/document-prefixes@1``)."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("docno.prefix_file_format", expected=FORMAT)
    types: dict[str, dict[str, str]] = data["types"]
    prefixes = {DocumentType[k]: v["prefix"] for k, v in types.items() if "prefix" in v}
    shares = {DocumentType[k]: DocumentType[v["shares_number_with"]] for k, v in types.items()
              if "shares_number_with" in v}
    return PrefixTable(prefixes, shares)


def series_from_numbers(numbers: Iterable[IssuedNumber], prefix: str, year: int) -> NumberSeries:
    """Build a series from stored rows (the store keeps one row per number)."""
    return NumberSeries(prefix, year, tuple(sorted(numbers, key=lambda n: n.number.serial)))
