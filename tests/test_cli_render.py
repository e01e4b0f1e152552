"""``credit-ledger render KIND --record NUMBER --out FILE.pdf`` on a demo store (in-process, fast KDF)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.ports import RecordFilter
from storage.keyslots import FAST_TEST_KDF
from ui.cli import build_parser, run
from ui.demo import build_demo
from tests.test_demo import printed_accounts, signed_in


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render") / "data"
    lines: list[str] = []
    build_demo(folder, subjects=6, seed=5, out=lines.append, kdf=FAST_TEST_KDF)
    return folder, printed_accounts(lines)


def served_record(demo) -> str:
    folder, accounts = demo
    with signed_in(folder, "chaxun", accounts["chaxun"][0]) as (services, _):
        services.prepare_list()
        return services.list_records(RecordFilter(states=("有效",)), 0, 1)[0].number


@pytest.mark.parametrize("kind, expected", [("notice", "失信信息归集告知书"), ("receipt", "送达回证"),
                                            ("approval", "失信信息归集审批表")])
def test_render_writes_the_document_of_a_record_as_pdf(demo, tmp_path, monkeypatch, kind, expected):
    folder, accounts = demo
    number = served_record(demo)
    monkeypatch.setenv("CREDIT_LEDGER_USER", "jingban")
    monkeypatch.setenv("CREDIT_LEDGER_PASSWORD", accounts["jingban"][0])
    out, lines = tmp_path / f"{kind}.pdf", []
    args = build_parser().parse_args(["render", kind, "--record", number, "--out", str(out), "--copy", "file",
                                      "--data-dir", str(folder)])
    assert run(args, lines.append) == 0, lines
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages).replace(" ", "")
    assert expected in text.replace("\n", "") and "存档联" in text


def test_render_of_an_unknown_record_is_one_chinese_line(demo, tmp_path, monkeypatch, capsys):
    folder, accounts = demo
    monkeypatch.setenv("CREDIT_LEDGER_USER", "jingban")
    monkeypatch.setenv("CREDIT_LEDGER_PASSWORD", accounts["jingban"][0])
    args = build_parser().parse_args(["render", "notice", "--record", "XY1999-00001", "--out",
                                      str(tmp_path / "x.pdf"), "--data-dir", str(folder)])
    assert run(args, print) == 1
    assert capsys.readouterr().err.strip() == "失信信息不存在。"
    assert not (tmp_path / "x.pdf").exists()
