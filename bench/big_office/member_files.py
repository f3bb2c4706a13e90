"""打印履职档案 for the whole big county (big_office.py: about 565 members checked in
2025, ten years of records): the time to read, to lay out and to save, per member.

    .venv/bin/python bench/big_office/member_files.py [--root /tmp/big-office] [--runs 3]

The figure a clerk sees is the total; the document's word/document.xml digest is printed
so that two versions of the code can be shown to write the same file.
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_office import build

from app.five_ones.check import check_five_ones
from app.five_ones.member_file_doc import gather_member_files, write_member_files

YEAR = 2025


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("/tmp/big-office"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    database = build(args.root)
    report = check_five_ones(database, YEAR)
    members = len(report.members)
    out = Path(tempfile.mkdtemp()) / "履职档案.docx"
    reads, totals = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        gather_member_files(database, report)
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        write_member_files(database, out, YEAR, report=report, printed_on=date(2026, 1, 5))
        totals.append(time.perf_counter() - started)
    xml = zipfile.ZipFile(out).read("word/document.xml")
    total, read = statistics.median(totals), statistics.median(reads)
    print(
        f"{members} members: {total:.2f} s in all (median of {args.runs}; "
        f"{min(totals):.2f}-{max(totals):.2f}), of which reading {read:.2f} s; "
        f"{total / members * 1000:.1f} ms a member; "
        f"document.xml sha256 {hashlib.sha256(xml).hexdigest()[:16]}"
    )
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
