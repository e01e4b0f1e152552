"""Measure the print engine: font load, one 告知书, a batch of 500 notices into one PDF, one-page size.

Run:  .venv/bin/python bench/documents.py [--batch N] [--out DIR]

Targets (issue #5): fonts load once per process in ≤ 1 s; one notice ≤ 100 ms once fonts are loaded
(median of 20); a one-page notice ≤ 200 KB. The 500-notice batch is reported, not bounded. A benchmark,
not a test: the numbers depend on the machine. With --out the PDFs are kept for a look (pdftoppm).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.documents import BureauInfo  # noqa: E402
from app.documents.batch import NoticeJob, render_notices  # noqa: E402
from app.documents.fonts import font_book  # noqa: E402
from app.documents.notice import render_notice  # noqa: E402
from app.domain.identifiers import IdType, ric_check_character, uscc_check_character  # noqa: E402
from app.domain.record import Basis, Record, Stage  # noqa: E402
from app.domain.subject import Person, SubjectKind, Unit  # noqa: E402

D = dt.date
NAMES = "堃喆赟昇珺玥琰淼犇燚焱頔旻昱祎翀婕妤芃玹瑄玙璟镕䶮"


def record(i: int, kind: SubjectKind) -> Record:
    return Record(i, f"XY2026-{i:05d}", kind, i, "jingban", dt.datetime(2026, 11, 20, 9), "2021", True,
                  Basis("行政处罚决定书", f"穗密罚〔2026〕{i}号", "广州市国家保密局", D(2026, 10, 9), D(2026, 10, 20)),
                  "受到保密行政管理部门行政处罚", ("警告",), "违规将涉密载体带离保密场所",
                  "给予警告并暂停涉密业务六个月", "检查发现违规将涉密载体带离保密场所。", stage=Stage.APPROVED,
                  collected_on=D(2026, 12, 3))


def subject(i: int) -> Unit | Person:
    if i % 2:
        body = f"91440101MA59T{i % 10000:04d}"
        return Unit(i, f"广州某某{i}号信息技术有限公司", body + uscc_check_character(body), "张三")
    body = "44010619800101001"
    return Person(i, f"王{NAMES[i % len(NAMES)]}{NAMES[(i * 7) % len(NAMES)]}", IdType.RESIDENT_ID,
                  body + ric_check_character(body), "重要涉密人员")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    bureau = BureauInfo(contact="陈某某", phone="020-83000000")

    start = time.perf_counter()
    font_book()
    load = time.perf_counter() - start

    def one(i: int = 1) -> bytes:
        s = subject(i)
        return render_notice(record(i, s.kind), s, f"穗密确信〔2026〕{i}号", issued_on=D(2026, 12, 4),
                             validity_end=D(2029, 12, 2), bureau=bureau)

    first = time.perf_counter()
    pdf = one()
    first = time.perf_counter() - first
    times = []
    for i in range(20):
        t = time.perf_counter()
        one(i + 1)
        times.append(time.perf_counter() - t)
    jobs = [NoticeJob(record(i, subject(i).kind), subject(i), f"穗密确信〔2026〕{i}号", D(2026, 12, 4), D(2029, 12, 2))
            for i in range(1, args.batch + 1)]
    t = time.perf_counter()
    batch = render_notices(jobs, bureau=bureau, progress=lambda done, total: True)
    batch_time = time.perf_counter() - t
    print(f"fonts load (once per process)   {load * 1000:8.0f} ms   (target ≤ 1000 ms)")
    print(f"first notice (cold subsets)     {first * 1000:8.1f} ms")
    print(f"one notice, median of 20        {statistics.median(times) * 1000:8.1f} ms   (target ≤ 100 ms)")
    print(f"one-page notice size            {len(pdf) / 1024:8.1f} KB   (target ≤ 200 KB)")
    print(f"batch of {args.batch} notices            {batch_time:8.2f} s    "
          f"({batch_time / args.batch * 1000:.1f} ms each, {len(batch) / 1024 / 1024:.1f} MB)")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "notice.pdf").write_bytes(pdf)
        (args.out / "batch.pdf").write_bytes(batch)


if __name__ == "__main__":
    main()
