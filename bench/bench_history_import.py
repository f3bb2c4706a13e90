"""Speed of the proposals history import (提案 → 导入历年提案): 10,000 rows of earlier years.

A first-time county or a city imports twenty years at once. The workbook is built as
offices keep it: title rows, 年度 merged down each year, dates typed as text in several
ways, joint proposers who are members of the demo office (and former members kept as
text), parties, sectors and committees as collective proposers, one to three handling
units, results, and the demo's own earlier-year proposals in it once more (already in
the database: left alone). Each run starts from a copy of a fresh demo data folder and
times, through the service the command line and the screen call (`import_history`):

- the dry run (检查), and how long it holds SQLite's write lock;
- the real import (backup, write), and how long it holds the lock;
- the same file imported a second time (nothing new).

    .venv/bin/python bench/bench_history_import.py [--rows 10000] [--runs 2] [--profile FILE]

The same as the command line: `cppcc-desk --data-dir D proposals import FILE [--dry-run]`.

Measured Dec 2026 on the shared 2-core machine (load ~1–2), 10,000 rows, minimum of runs:
before (a flush and a plenary-session query per row, the dry run in a write transaction
it rolled back): dry run 46–65 s holding the write lock 44–46 s, import 42–53 s (lock
40–43 s). After (history_plan read once; dry run only reads; the import plans again
under the lock and inserts 500 proposals per batch): dry run 1.4–1.9 s, no write lock;
import 3.4–4.0 s, lock 1.8 s; the same file again 1.1 s, no write lock.
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import cProfile
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl
from sqlalchemy import event, func, select

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.demo.demo import HANDLING_UNITS, load_demo
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, set_up_office
from app.proposals.intake.history_import import HistoryImportResult, import_history
from db.engine import IMMEDIATE
from db.member_models import Member
from db.proposal_models import Proposal, ProposalHistory, ProposalSigner

SETUP = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
HEADERS = (
    "年度", "提案号", "案由", "提案人", "联名人", "类别", "提交日期", "主要内容", "承办单位",
    "办理结果",
)  # fmt: skip
SUBJECTS = (
    "农村学校校舍安全管理", "老旧小区改造", "农村公路养护", "基层医疗卫生服务",
    "乡村振兴财政支持", "历史文化街区保护", "黄河流域生态保护", "城区停车秩序",
    "高标准农田建设", "农村饮水安全", "中小企业融资", "养老服务体系", "职业教育发展",
    "电子商务进农村", "食品安全监管", "社区治理", "人才引进", "畜牧业转型升级",
)  # fmt: skip
ACTIONS = ("加强", "推进", "完善", "加快", "规范", "支持", "做好", "提升")
COLLECTIVE = (
    "民盟示范县支部", "九三学社示范县支社", "民进示范县总支", "县工商联", "经济界",
    "农业界别", "提案委员会", "教科卫体委", "第三联络组活动组", "县妇联",
)  # fmt: skip
FORMER = ("钱老", "孙前委员", "周建华", "吴秀兰", "郑国强")  # not on today's roster
CATEGORIES = ("经济", "社会", "文化", "生态文明", "政治", "经济类", "社会建设", "法治和民生")
RESULTS = ("A", "B", "C", "A", "B", "已办结", "不予立案", "")


def typed_date(day: date, n: int) -> object:
    return (
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}-{day.month:02d}-{day.day:02d}",
        day,
    )[n % 4]


def history_rows(count: int, members: list[str], known: list[tuple[object, ...]]) -> list[list]:
    """`count` rows: the known ones (already in the database) and new ones before them."""
    rng = random.Random(2026)
    units = [name for name, _ in HANDLING_UNITS]
    fresh = count - len(known)
    years = list(range(2005, 2025))
    per_year = -(-fresh // len(years))
    rows: list[list] = []
    for year in years:
        for n in range(min(per_year, fresh - len(rows))):
            day = date(year, 1, 10) + timedelta(days=n % 300)
            kind = rng.random()
            if kind < 0.12:
                first, others = rng.choice(COLLECTIVE), rng.sample(members, rng.randint(0, 2))
            elif kind < 0.18:
                first, others = rng.choice(FORMER), []
            else:
                first = rng.choice(members)
                others = rng.sample(members, rng.choice((0, 0, 1, 2, 3, 4)))
                others = [name for name in others if name != first]
            subject = rng.choice(SUBJECTS)
            rows.append(
                [
                    year,
                    f"{year}-{n + 1:03d}",
                    f"关于{rng.choice(ACTIONS)}{subject}的建议（{year}-{n + 1}）",
                    first,
                    "、".join(others),
                    rng.choice(CATEGORIES),
                    typed_date(day, n),
                    f"情况分析：{subject}方面存在的问题……\n具体建议：一是……二是……三是……",
                    "、".join(rng.sample(units, rng.choice((1, 1, 1, 2, 3)))),
                    rng.choice(RESULTS),
                ]
            )
    return rows + [list(row) for row in known]


def write_workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "历年提案"
    sheet.append(["示范县政协历年提案及办理情况汇总表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(["制表：提案委员会"])
    sheet.append(list(HEADERS))
    first = sheet.max_row + 1
    previous = None
    start = first
    for i, row in enumerate(rows):
        year = row[0]
        sheet.append([None if year == previous else year, *row[1:]])
        if year != previous:
            if previous is not None and first + i - 1 > start:
                sheet.merge_cells(
                    start_row=start, start_column=1, end_row=first + i - 1, end_column=1
                )
            start, previous = first + i, year
    if first + len(rows) - 1 > start:
        sheet.merge_cells(
            start_row=start, start_column=1, end_row=first + len(rows) - 1, end_column=1
        )
    sheet.append([])
    sheet.append(["注：办理结果 A 为已解决或采纳，B 为正在解决或列入计划，C 为留作参考。"])
    book.save(path)
    return path


def demo_folder(folder: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    """A demo office in `folder`; its members' names and last year's proposals as rows."""
    database = open_database(DataLocation(folder / "data", folder / "logs"))
    try:
        set_up_office(database, SETUP)
        load_demo(database)
        with database.read() as session:
            names = sorted(set(session.scalars(select(Member.name))))
            last = session.scalar(select(func.max(Proposal.year)))
            known = [
                (p.year, p.number, p.title, "张三", "", "", None, "", "", "")
                for p in session.scalars(select(Proposal).where(Proposal.year < last))
            ]
    finally:
        database.close()
    return names, known


class LockWatch:
    """The longest write transaction (BEGIN IMMEDIATE … COMMIT or ROLLBACK) in seconds."""

    def __init__(self, database: Database) -> None:
        self.held: list[float] = []
        event.listen(database.engine, "begin", self._began)
        event.listen(database.engine, "commit", self._ended)
        event.listen(database.engine, "rollback", self._ended)

    def _began(self, conn: Any) -> None:
        if conn.info.get("immediate", conn.get_execution_options().get(IMMEDIATE)):
            conn.info["began"] = time.perf_counter()  # a write: BEGIN IMMEDIATE (db.engine)

    def _ended(self, conn: Any) -> None:
        began = conn.info.pop("began", None)
        if began is not None:
            self.held.append(time.perf_counter() - began)

    def longest(self) -> float:
        found, self.held = max(self.held, default=0.0), []
        return found


def timed(call: Callable[[], HistoryImportResult]) -> tuple[float, HistoryImportResult]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def one_run(template: Path, folder: Path, path: Path, profile: cProfile.Profile | None) -> dict:
    shutil.copytree(template, folder)
    database = open_database(DataLocation(folder / "data", folder / "logs"))
    try:
        watch = LockWatch(database)
        figures: dict[str, float] = {}
        if profile is not None:
            profile.enable()
        figures["dry"], dry = timed(lambda: import_history(database, path, dry_run=True))
        figures["dry_lock"] = watch.longest()
        figures["real"], real = timed(lambda: import_history(database, path))
        figures["real_lock"] = watch.longest()
        if profile is not None:
            profile.disable()
        figures["again"], again = timed(lambda: import_history(database, path))
        figures["again_lock"] = watch.longest()
        assert dry.ok and real.ok, (dry.errors[:3], real.errors[:3])
        assert (dry.new, dry.unchanged, len(dry.warnings)) == (
            real.new,
            real.unchanged,
            len(real.warnings),
        )
        assert again.new == 0 and again.unchanged == real.rows
        with database.read() as session:
            stored = {
                table.__tablename__: session.scalar(select(func.count()).select_from(table))
                for table in (Proposal, ProposalSigner, ProposalHistory)
            }
        figures.update(rows=real.rows, new=real.new, unchanged=real.unchanged)
        figures.update(warnings=len(real.warnings), **stored)
        return figures
    finally:
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the first run here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        members, known = demo_folder(folder / "template")
        path = write_workbook(folder / "历年提案.xlsx", history_rows(args.rows, members, known))
        print(f"built the demo office and the workbook in {time.perf_counter() - started:.1f} s")
        runs = []
        for i in range(args.runs):
            profile = cProfile.Profile() if args.profile and i == 0 else None
            runs.append(one_run(folder / "template", folder / f"run{i}", path, profile))
            if profile is not None:
                profile.dump_stats(args.profile)
    first = runs[0]
    print(
        f"rows: {first['rows']:.0f} (new {first['new']:.0f}, already there"
        f" {first['unchanged']:.0f}), warnings {first['warnings']:.0f}; stored: proposal"
        f" {first['proposal']:.0f}, signers {first['proposal_signer']:.0f},"
        f" history {first['proposal_history']:.0f}"
    )
    print(f"runs: {args.runs} (each from a fresh copy of the demo folder); minimum of each")
    best = {key: min(r[key] for r in runs) for key in first}
    for key, label in (
        ("dry", "dry run (检查)        "),
        ("real", "import (backup, write)"),
        ("again", "same file again       "),
    ):
        lock = best[f"{key}_lock"]
        print(
            f"{label}: {best[key]:6.2f} s   write lock held {lock:6.2f} s"
            f" ({lock / best[key]:4.0%})   all runs: " + ", ".join(f"{r[key]:.2f}" for r in runs)
        )
    print(f"rows per second, import: {best['rows'] / best['real']:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
