"""Document numbers: 穗密确信〔2021〕1号, never reused."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import NotFound, ValidationError
from app.domain.numbering import (DocumentNumber, DocumentType, IssuedNumber, NumberSeries, NumberStatus,
                                  PrefixTable, parse_document_number, parse_prefix_table, series_from_numbers)
from app.rules_cli import default_prefixes


def test_a_number_prints_as_in_the_annex():
    assert str(DocumentNumber("穗密确信", 2021, 1)) == "穗密确信〔2021〕1号"
    assert str(DocumentNumber("穗密函", 2024, 12)) == "穗密函〔2024〕12号"


def test_a_printed_number_parses_back():
    assert parse_document_number(" 穗密确信〔2021〕123号 ") == DocumentNumber("穗密确信", 2021, 123)


@pytest.mark.parametrize(("text", "code"), [
    ("穗密确信〔2021〕第1号", "docno.has_di"),
    ("穗密确信〔2021〕01号", "docno.zero_padded"),
    ("穗密确信[2021]1号", "docno.brackets"),
    ("穗密确信（2021）1号", "docno.brackets"),
    ("穗密确信〔21〕1号", "docno.format"),
    ("穗密确信〔2021〕1", "docno.format"),
    ("", "docno.format"),
])
def test_common_mistakes_in_a_number_are_named(text, code):
    with pytest.raises(ValidationError) as caught:
        parse_document_number(text)
    assert caught.value.code == code


@pytest.mark.parametrize(("prefix", "year", "serial", "code"), [
    ("穗密 确信", 2021, 1, "docno.prefix"), ("", 2021, 1, "docno.prefix"), ("穗密2", 2021, 1, "docno.prefix"),
    ("穗密确信", 21, 1, "docno.year"), ("穗密确信", 2021, 0, "docno.serial")])
def test_invalid_parts_are_refused(prefix, year, serial, code):
    with pytest.raises(ValidationError) as caught:
        DocumentNumber(prefix, year, serial)
    assert caught.value.code == code


def test_numbers_are_issued_in_sequence_and_a_voided_number_is_never_reused():
    series = NumberSeries("穗密确信", 2026)
    series, first = series.issue()
    series, second = series.issue()
    assert (first.serial, second.serial) == (1, 2)
    series = series.void(second, "打印错误")
    series, third = series.issue()
    assert third.serial == 3
    assert [n.status for n in series.numbers] == [NumberStatus.ISSUED, NumberStatus.VOIDED, NumberStatus.ISSUED]
    assert series.numbers[1].void_reason == "打印错误"


def test_gaps_are_never_filled():
    stored = [IssuedNumber(DocumentNumber("穗密函", 2026, 7)), IssuedNumber(DocumentNumber("穗密函", 2026, 2))]
    series = series_from_numbers(stored, "穗密函", 2026)
    assert [n.number.serial for n in series.numbers] == [2, 7] and series.next_number().serial == 8


def test_voiding_requires_a_reason_an_issued_number_and_happens_once():
    series, number = NumberSeries("穗密确信", 2026).issue()
    with pytest.raises(ValidationError, match="docno.reason_missing"):
        series.void(number, " ")
    with pytest.raises(NotFound, match="docno.not_issued"):
        series.void(DocumentNumber("穗密确信", 2026, 9), "x")
    with pytest.raises(ValidationError, match="docno.already_voided"):
        series.void(number, "x").void(number, "again")


def test_a_series_refuses_duplicates_and_numbers_of_another_series():
    number = IssuedNumber(DocumentNumber("穗密确信", 2026, 1))
    with pytest.raises(ValidationError, match="docno.duplicate"):
        NumberSeries("穗密确信", 2026, (number, number))
    with pytest.raises(ValidationError, match="docno.wrong_series"):
        NumberSeries("穗密确信", 2025, (number,))


def test_the_bundled_prefixes_follow_the_annex_and_share_where_configured():
    table = default_prefixes()
    assert table.prefix_for(DocumentType.NOTICE) == "穗密确信"
    assert table.prefix_for(DocumentType.SERVICE_RECEIPT) == "穗密确信"  # carries the notice's number
    assert table.series_key(DocumentType.REPORT_LETTER, dt.date(2026, 3, 1)) == ("穗密函", 2026)
    assert table.series_key(DocumentType.DELETION_NOTICE_LETTER, dt.date(2026, 3, 1)) == ("穗密函", 2026)


def test_prefixes_are_configurable_per_type():
    table = default_prefixes().with_prefix(DocumentType.APPROVAL_FORM, "穗密审")
    assert table.prefix_for(DocumentType.APPROVAL_FORM) == "穗密审"
    with pytest.raises(ValidationError, match="docno.prefix"):
        table.with_prefix(DocumentType.APPROVAL_FORM, "穗密〔审〕")
    with pytest.raises(NotFound, match="docno.no_prefix"):
        PrefixTable({}).prefix_for(DocumentType.NOTICE)
    with pytest.raises(ValidationError, match="docno.prefix_file_format"):
        parse_prefix_table("{}")
