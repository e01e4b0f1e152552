"""Measure the records list on 100,000 records and ~40,000 subjects: open, filter, search, sort, page; memory.

Run:  .venv/bin/python bench/records_list.py [--data-dir DIR] [--records N] [--subjects N] [--rebuild] [--explain]

The store is built once and cached in --data-dir (default /tmp/credit-ledger-bench): accounts through the
use cases, then subjects and records straight through the storage layer's row mapping in big transactions
(the per-record use cases audit every step: far too slow for 100k). Snapshots are computed with the same
``app.usecases.snapshots.snapshot`` the app uses. Each measurement runs the façade call the records page
makes (``Services.count_records`` + ``list_records(offset, 200)``); the table shows the first (cold) run and
the median of the next three. A benchmark, not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import time
import tracemalloc
import unicodedata
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.domain import record_status as rs  # noqa: E402
from app.domain.accounts import Role  # noqa: E402
from app.domain.record import Record, Stage, StepKind, WorkflowStep  # noqa: E402
from app.domain.subject import SubjectKind  # noqa: E402
from app.ports import RecordFilter, SystemClock  # noqa: E402
from app.rules_cli import default_calendar, default_rulebook  # noqa: E402
from app.usecases.accounts import AssignBusinessRoles, CreateAccount  # noqa: E402
from app.usecases.session import ChangeOwnPassword  # noqa: E402
from app.usecases.snapshots import snapshot  # noqa: E402
from storage.collection_repositories import SqlRecordRepository  # noqa: E402
from storage.mapping_records import person_fill, record_fill, unit_fill  # noqa: E402
from storage.schema import PersonRow, RecordRow, UnitRow  # noqa: E402
from ui.composition import Context  # noqa: E402
from ui.demo import Synth, record_content  # noqa: E402

ADMIN, READER = ("admin", "Bench-Sysop-2026!"), ("reader", "Bench-Query-2026!")
PAGE = 200
BATCH = 5000


# -- building the store (once) -------------------------------------------------------------------------------
def _accounts(ctx: Context) -> None:
    admin, _ = ctx.sign_in(*ADMIN)
    temps = {"secadmin": "Temp-Secure-0000!", "reader": "Temp-Query-0000!"}
    ids = {name: admin.create_account(CreateAccount(name, name, Role.SECADMIN if name == "secadmin" else None,
                                                    temp)).id for name, temp in temps.items()}
    sec, _ = ctx.sign_in("secadmin", temps["secadmin"])
    sec.change_own_password(ChangeOwnPassword(temps["secadmin"], "Bench-Secure-2026!", "Bench-Secure-2026!"))
    sec.assign_business_roles(AssignBusinessRoles(ids["reader"], frozenset({Role.QUERIER, Role.HANDLER})))
    reader, _ = ctx.sign_in("reader", temps["reader"])
    reader.change_own_password(ChangeOwnPassword(temps["reader"], READER[1], READER[1]))
    for services in (admin, sec, reader):
        services.store.close()


def _subjects(session: Session, synth: Synth, rng: random.Random, count: int) -> list[tuple[SubjectKind, int, object]]:
    """Two units for every three persons; each person works for one of the units."""
    units = [(synth.unit(unique_name=False), UnitRow()) for _ in range(max(1, count * 2 // 5))]
    for subject, row in units:
        unit_fill(row, subject)
    session.add_all(row for _, row in units)
    session.flush()
    persons = [(synth.person(rng.choice(units)[1].id), PersonRow()) for _ in range(count - len(units))]
    for subject, row in persons:
        person_fill(row, subject)
    session.add_all(row for _, row in persons)
    session.flush()
    return ([(SubjectKind.UNIT, row.id, subject) for subject, row in units]
            + [(SubjectKind.PERSON, row.id, subject) for subject, row in persons])


def _record(rng: random.Random, number: str, kind: SubjectKind, subject_id: int, subject, today: dt.date,
            calendar) -> Record:
    created = today - rng.randint(1, 5 * 365 - 60) * dt.timedelta(days=1)
    c = record_content(rng, subject, created)
    at = dt.datetime(created.year, created.month, created.day, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    exclusions = tuple((k, False) for k in ("state_secret", "defeats_purpose", "otherwise_handled"))
    record = Record(None, number, kind, subject_id, "jingban", at, "2021", True, c["basis"], c["circumstance"],
                    c["penalties"], c["violation"], c["penalty_detail"], c["facts"], exclusions)
    roll = rng.random()
    if created > today - dt.timedelta(days=45) and roll < 0.5:
        stage = rng.choice((Stage.DRAFT, Stage.SUBMITTED, Stage.REVIEWED, Stage.RETURNED, Stage.NOT_COLLECTED))
        return replace(record, stage=stage)
    collected = calendar.add_working_days(created, 10).date
    if collected >= today:
        return record
    events: list[rs.RecordEvent] = [rs.Approved(collected)]
    served = calendar.add_working_days(collected, rng.randint(1, 6)).date
    if served < today and roll < 0.95:
        events.append(rs.NoticeServed(served))
        reported = calendar.add_working_days(served, 20).date
        if reported < today and roll < 0.85:
            events.append(rs.ReportedToCreditAuthority(reported))
        if collected < today - dt.timedelta(days=3 * 365 + 20) and roll < 0.6:
            events.append(rs.Deleted(collected + dt.timedelta(days=3 * 365 + 3), rs.DeletionReason.EXPIRED))
    steps = (WorkflowStep(StepKind.SUBMIT, "jingban", at), WorkflowStep(StepKind.REVIEW_AGREE, "shenhe", at, "同意"),
             WorkflowStep(StepKind.APPROVE, "shenpi", at, "批准"))
    return replace(record, stage=Stage.APPROVED, collected_on=collected, events=tuple(events), steps=steps)


def build(folder: Path, records: int, subjects: int, seed: int) -> None:
    started = time.perf_counter()
    ctx = Context(folder)
    ctx.create_store(ADMIN[0], "基准管理员", ADMIN[1])
    _accounts(ctx)
    services, _ = ctx.sign_in(*READER)
    today, rng = SystemClock().today(), random.Random(seed)
    synth, calendar, rulebook = Synth(rng, today), default_calendar(), default_rulebook()
    with Session(services.store.engine) as session, session.begin():
        refs = _subjects(session, synth, rng, subjects)
    print(f"  {subjects} subjects: {time.perf_counter() - started:.1f} s", flush=True)
    per_year: dict[int, int] = {}
    for start in range(0, records, BATCH):
        with Session(services.store.engine) as session, session.begin():
            for i in range(start, min(records, start + BATCH)):
                kind, subject_id, subject = refs[i % len(refs)] if i < len(refs) else rng.choice(refs)
                draft = _record(rng, "", kind, subject_id, subject, today, calendar)
                year = draft.created_at.year
                per_year[year] = per_year.get(year, 0) + 1
                row = RecordRow(version=1)
                record_fill(row, draft)
                row.number = f"B{year}-{per_year[year]:06d}"  # bench numbers: unique, never clash with XY…
                state, due, recheck = snapshot(draft, rulebook, calendar, today)
                row.snap_state, row.snap_next_due, row.snap_as_of = state, due, today.isoformat()
                row.snap_recheck_on = recheck.isoformat() if recheck else None
                session.add(row)
        print(f"  {min(records, start + BATCH)} records: {time.perf_counter() - started:.1f} s", flush=True)
    services.store.close()
    ctx.release()
    print(f"built in {time.perf_counter() - started:.1f} s")


# -- measuring -----------------------------------------------------------------------------------------------
def timed(fn, runs: int = 4) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:]), result


def _samples(services) -> dict[str, str]:
    with Session(services.store.engine) as session:
        uscc = session.scalar(select(UnitRow.uscc).order_by(UnitRow.id.desc()).limit(1))
        id_number = session.scalar(select(PersonRow.id_number).order_by(PersonRow.id.desc()).limit(1))
    return {"uscc": uscc, "id_number": id_number}


def filters(samples: dict[str, str]) -> list[tuple[str, RecordFilter]]:
    return [("no filter", RecordFilter()),
            ("state 可申请删除", RecordFilter(states=("可申请删除",))),
            ("state 待审核 (rare)", RecordFilter(states=("待审核",))),
            ("circumstance 受到行政强制", RecordFilter(circumstance="受到行政强制")),
            ("collected 2024-01..06", RecordFilter(collected_from=dt.date(2024, 1, 1), collected_to=dt.date(2024, 6, 30))),
            ("name contains 华信", RecordFilter(text="华信")),
            ("name contains 志明 (few)", RecordFilter(text="志明")),
            ("exact USCC", RecordFilter(text=samples["uscc"])),
            ("exact ID number", RecordFilter(text=samples["id_number"])),
            ("sort by subject name", RecordFilter(sort="subject_name", descending=False))]


def explain(services, flt: RecordFilter) -> list[str]:
    with Session(services.store.engine) as session:
        repo = SqlRecordRepository(session)
        stmt, (r, u, p) = repo._query(flt, lambda r, u, p: [r.id, func.coalesce(u.name, p.name)])
        if flt.sort == "subject_name":  # mirrors SqlRecordRepository.rows(): the page query, with its order
            order = func.coalesce(stmt.selected_columns[1], "")
        else:
            order = getattr(r, repo.SORTS.get(flt.sort, "created_at"))
        stmt = stmt.order_by(order.desc() if flt.descending else order.asc(), r.id.desc()).limit(PAGE)
        sql = str(stmt.compile(session.bind, compile_kwargs={"literal_binds": True}))
        return [row[-1] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql))]


def measure(folder: Path, show_plans: bool) -> None:
    rows: list[tuple[str, str, str, str]] = []
    ctx = Context(folder)
    ctx.acquire()
    start = time.perf_counter()
    services, _ = ctx.sign_in(*READER)
    rows.append(("sign-in + open (Argon2id + key check + audit)", f"{(time.perf_counter() - start) * 1000:.0f}", "", ""))
    real_clock = services.clock

    class Tomorrow:
        def now(self):
            return real_clock.now() + dt.timedelta(days=1)

        def today(self):
            return self.now().date()
    services.clock = Tomorrow()
    start = time.perf_counter()
    stale = services.prepare_list()
    rows.append((f"prepare_list, next day ({stale} stale snapshots)", f"{(time.perf_counter() - start) * 1000:.0f}", "", ""))
    first, median, _ = timed(services.prepare_list)
    rows.append(("prepare_list, fresh (0 stale)", f"{first:.0f}", f"{median:.0f}", ""))
    samples = _samples(services)
    for label, flt in filters(samples):
        c_first, c_med, total = timed(lambda: services.count_records(flt))
        l_first, l_med, _ = timed(lambda: services.list_records(flt, 0, PAGE))
        rows.append((f"{label}: count", f"{c_first:.0f}", f"{c_med:.0f}", str(total)))
        rows.append((f"{label}: first page ({PAGE})", f"{l_first:.0f}", f"{l_med:.0f}", ""))
        if show_plans or l_med > 300 or c_med > 300:
            for line in explain(services, flt):
                rows.append(("    plan: " + line, "", "", ""))
    first, median, _ = timed(lambda: services.list_records(RecordFilter(), 50_000, PAGE))
    rows.append(("page 250 (offset 50,000)", f"{first:.0f}", f"{median:.0f}", ""))
    tracemalloc.start()
    services.list_records(RecordFilter(sort="subject_name", descending=False), 0, PAGE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("python heap peak for one page (tracemalloc)", f"{peak / 1024:.0f} KiB", "", ""))
    rows.append(("peak RSS of this process (ru_maxrss)",
                 f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB", "", ""))
    services.clock = real_clock
    services.store.close()
    ctx.release()
    _print_table(rows)


def _width(label: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label)


def _print_table(rows) -> None:
    width = max(_width(r[0]) for r in rows if not r[0].startswith("    plan")) + 2
    print(f"{'measurement':<{width}}{'first ms':>10}{'median ms':>11}{'rows':>8}")
    for label, first, median, total in rows:
        pad = " " * max(0, width - _width(label))
        print(f"{label}{pad}{first:>10}{median:>11}{total:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/credit-ledger-bench"))
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--subjects", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="delete the cached store and build it again")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN QUERY PLAN for every filter")
    args = parser.parse_args()
    if args.rebuild and args.data_dir.exists():
        import shutil
        shutil.rmtree(args.data_dir)
    if not (args.data_dir / "ledger.db").exists():
        print(f"building {args.records} records / {args.subjects} subjects in {args.data_dir} (once) …", flush=True)
        build(args.data_dir, args.records, args.subjects, args.seed)
        print("(peak RSS below includes the build; run again for the list alone)")
    measure(args.data_dir, args.explain)


if __name__ == "__main__":
    main()
