"""Rules data in the real store: calendar years, rule sets and document numbers survive and never repeat."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.calendar import NoticeSource, YearArrangement
from app.domain.errors import DomainError
from app.domain.numbering import DocumentNumber
from storage.engine import connect
from tests.storage.conftest import ADMIN, ADMIN_PW


def test_a_year_saved_in_the_app_is_there_after_signing_in_again(ctx, admin):
    arrangement = YearArrangement(2027, {dt.date(2027, 1, 1): "元旦"}, {},
                                  (NoticeSource("国务院办公厅关于2027年部分节假日安排的通知（测试）", dt.date(2026, 11, 3)),))
    admin.save_calendar_year(arrangement)
    admin.store.close()
    services, _ = ctx.sign_in(ADMIN, ADMIN_PW)
    calendar = services.calendar()
    assert calendar.arrangement(2027) == arrangement and calendar.is_loaded(2026)


def test_numbers_are_issued_in_sequence_per_prefix_and_year_and_a_voided_one_is_kept(ctx, admin):
    now = admin.clock.now()
    with admin.store.uow_factory() as uow:
        first = uow.numbers.issue("穗密确信", 2026, doc_type="NOTICE", by=ADMIN, at=now, ref="R-1")
        second = uow.numbers.issue("穗密确信", 2026, doc_type="NOTICE", by=ADMIN, at=now, ref="R-2")
        other = uow.numbers.issue("穗密确信", 2027, doc_type="NOTICE", by=ADMIN, at=now)
        uow.numbers.void(second, "打印错误")
        uow.commit()
    assert (str(first), str(second), str(other)) == ("穗密确信〔2026〕1号", "穗密确信〔2026〕2号", "穗密确信〔2027〕1号")
    with admin.store.uow_factory() as uow:
        third = uow.numbers.issue("穗密确信", 2026, doc_type="NOTICE", by=ADMIN, at=now)
        uow.commit()
    assert third == DocumentNumber("穗密确信", 2026, 3)  # the voided 2 is never reused


def test_a_number_issued_in_a_transaction_that_rolls_back_is_not_consumed(ctx, admin):
    now = admin.clock.now()
    with admin.store.uow_factory() as uow:
        uow.numbers.issue("穗密确信", 2026, doc_type="NOTICE", by=ADMIN, at=now)
    with admin.store.uow_factory() as uow:
        number = uow.numbers.issue("穗密确信", 2026, doc_type="NOTICE", by=ADMIN, at=now)
        uow.commit()
    assert number.serial == 1


def test_voiding_twice_is_refused_and_numbers_cannot_be_deleted(ctx, admin):
    now = admin.clock.now()
    with admin.store.uow_factory() as uow:
        number = uow.numbers.issue("穗密确信", 2026, doc_type="NOTICE", by=ADMIN, at=now)
        uow.numbers.void(number, "作废")
        with pytest.raises(DomainError):
            uow.numbers.void(number, "再次作废")
        uow.commit()
    admin.store.close()
    conn = connect(ctx.data_dir / "ledger.db", admin.store.db_key)
    with pytest.raises(Exception, match="never deleted"):
        conn.execute("DELETE FROM document_numbers")
    conn.close()
