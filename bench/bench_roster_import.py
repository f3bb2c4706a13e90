"""Roster import speed: 5,000 rows against one openpyxl read-only pass over the same file.

Target (issue 3): the whole import — read, check, write in one transaction —
within 1.5x of `load_workbook(read_only=True)` plus iterating every row. The same
roster saved as .xls (by xlwt) is imported too, and its ratio to the same pass
printed (openpyxl cannot read .xls; the .xlsx pass is the yardstick).

    .venv/bin/python bench/bench_roster_import.py [--rows 5000] [--runs 5]
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.people.idcard import check_digit
from app.common.storage import open_database
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.dictionaries import add_entry
from app.office.dictionary_defaults import DEFAULT_ENTRIES, ETHNIC_GROUPS
from app.office.labels import DictionaryKind, OfficeLevel
from app.office.office import OfficeSetup, set_up_office
from tests.sheet_files import xlsx_as_xls
from tests.xlsx_files import as_saved_by_excel

SETUP = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
HEADER = [
    "序号", "姓名", "性别", "民族", "出生年月", "籍贯", "学历", "政治面貌", "界别",
    "工作单位及职务", "职称", "政协职务", "专委会", "联络组", "联系电话", "身份证号码",
    "通讯地址", "备注",
]  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕晓东文"
LIAISON = [f"第{n}联络组" for n in "一二三四五六七八"]


def names(kind: DictionaryKind) -> list[str]:
    return [name for name, _ in DEFAULT_ENTRIES[kind]]


def write_roster(path: Path, rows: int, rng: random.Random) -> None:
    # Normal mode, like Excel: <dimension> comes first, so loading does not scan the sheet.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "委员名单"
    sheet.append(["示范县政协第十届委员会委员名单"])
    sheet.append(HEADER)
    sectors, parties = names(DictionaryKind.SECTOR), names(DictionaryKind.PARTY)
    committees = names(DictionaryKind.COMMITTEE)
    start = date(1950, 1, 1)
    for i in range(rows):
        birth = start + timedelta(days=i * 5 + rng.randrange(5))
        first17 = f"150523{birth:%Y%m%d}{i % 1000:03d}"
        id_number = first17 + check_digit(first17)
        row = [
            i + 1,
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)]),
            "男" if int(first17[16]) % 2 else "女",  # as the ID number says
            rng.choice(ETHNIC_GROUPS[:6]),
            rng.choice([f"{birth:%Y.%m}", f"{birth.year}年{birth.month}月", f"{birth:%Y-%m-%d}"]),
            "内蒙古赤峰",
            rng.choice(["大学", "研究生", "大专"]),
            rng.choice(parties),
            rng.choice(sectors),
            f"县第{i % 40 + 1}中学校长",
            rng.choice(["", "高级教师", "主任医师"]),
            rng.choice(["委员"] * 9 + ["常委"]),
            "、".join(rng.sample(committees, rng.randint(0, 2))),
            rng.choice(LIAISON),
            f"138{rng.randrange(10**8):08d}" if i % 3 else f"0476-{rng.randrange(10**7):07d}",
            id_number.lower(),
            f"××县××路{i}号",
            "",
        ]
        sheet.append([value if value != "" else None for value in row])
    sheet.append(["注：以姓氏笔画为序。"])
    book.save(path)
    as_saved_by_excel(path)


def read_only_pass(path: Path) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of loading the file and iterating every row's values."""
    wall, cpu = time.perf_counter(), time.process_time()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert count > 0
    return time.perf_counter() - wall, time.process_time() - cpu


def full_import(path: Path, folder: Path) -> tuple[float, float, float, float]:
    """(wall, CPU, plan wall, apply wall) seconds of importing into a new office."""
    database = open_database(DataLocation(folder / "data", folder / "logs"))
    try:
        set_up_office(database, SETUP)
        for name in LIAISON:
            add_entry(database, DictionaryKind.LIAISON_GROUP, name)
        wall, cpu = time.perf_counter(), time.process_time()
        plan = plan_roster_import(database, path)
        planned = time.perf_counter()
        assert plan.ok, plan.errors[:3]
        summary = apply_roster_import(database, plan, ProgressTracker())
        done, cpu_done = time.perf_counter(), time.process_time()
        assert summary.new == len(plan.rows)
        return done - wall, cpu_done - cpu, planned - wall, done - planned
    finally:
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "委员名单.xlsx"
        write_roster(path, args.rows, random.Random(2025))
        old = xlsx_as_xls(path, folder / "委员名单.xls")
        read_only_pass(path)  # warm the file cache and imports
        # Interleaved, so that a busy machine slows all alike; minimums, as usual for timings.
        passes, runs, old_runs = [], [], []
        for i in range(args.runs):
            passes.append(read_only_pass(path))
            runs.append(full_import(path, folder / f"run{i}"))
            old_runs.append(full_import(old, folder / f"xls{i}"))
    base_wall, base_cpu = (min(p[i] for p in passes) for i in (0, 1))
    wall, cpu, plan, write = (min(r[i] for r in runs) for i in range(4))
    old_wall, _, old_plan, _ = (min(r[i] for r in old_runs) for i in range(4))
    print(f"rows: {args.rows}  runs: {args.runs} interleaved (minimum of each)")
    print(
        f"openpyxl read-only pass:  {base_wall * 1000:6.0f} ms wall  {base_cpu * 1000:6.0f} ms CPU"
    )
    print(f"import (plan + apply):    {wall * 1000:6.0f} ms wall  {cpu * 1000:6.0f} ms CPU")
    print(f"  plan (read + check):    {plan * 1000:6.0f} ms wall")
    print(f"  apply (backup + write): {write * 1000:6.0f} ms wall")
    print(
        f"import of the same as .xls: {old_wall * 1000:4.0f} ms wall (plan {old_plan * 1000:.0f}),"
        f" ratio {old_wall / base_wall:.2f}"
    )
    ratio = wall / base_wall
    print(
        f"ratio import / read-only pass: {ratio:.2f} wall, {cpu / base_cpu:.2f} CPU"
        " (target <= 1.50)"
    )
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
