"""How long a big records import holds the write lock (issue 8, finding 16).

While it holds it, another window that saves must wait (up to the 5 s busy
timeout). Prints the whole import's time, the write lock's, and their ratio.

    .venv/bin/python bench/bench_write_lock.py [--rows 20000] [--members 300]
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, set_up_office
from app.records.records_import import import_records
from tests.data_safety.big_files import people, write_records, write_roster

SETUP = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        members = people(args.members)
        records = write_records(folder / "records.xlsx", members, args.rows)
        database = open_database(DataLocation(folder / "data", folder / "logs"))
        try:
            set_up_office(database, SETUP)
            plan = plan_roster_import(database, write_roster(folder / "roster.xlsx", members))
            apply_roster_import(database, plan, ProgressTracker())
            held: list[float] = []

            @event.listens_for(database.engine, "begin")
            def began(conn: Any) -> None:
                conn.info["began"] = time.perf_counter()

            @event.listens_for(database.engine, "commit")
            def committed(conn: Any) -> None:
                held.append(time.perf_counter() - conn.info.pop("began"))

            started = time.perf_counter()
            result = import_records(database, records)
            whole = time.perf_counter() - started
        finally:
            database.close()
    assert result.attendance_new == args.rows
    longest = max(held)
    print(f"rows: {args.rows}  members: {args.members}")
    print(f"whole import (read, check, back up, write): {whole:6.2f} s")
    print(f"longest transaction (the write lock):        {longest:6.2f} s")
    print(f"share of the import holding the lock:        {longest / whole:6.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
