"""How much random damage `check` finds: one byte of a demo database set to another value.

SQLite keeps no checksums, so some flips change a value and leave every page well
formed: no check can see those short of a copy to compare with. This prints, of the
flips that changed data, how many the start-up check (quick_check) and `check`
caught (issue 8, finding 4).

    .venv/bin/python bench/bench_byte_flips.py [--flips 40] [--seed 8]
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import logging
import random
import shutil
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.errors import KnownError
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.health import run_checks
from app.demo.demo import load_demo
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, set_up_office

SETUP = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)


def make_demo(folder: Path) -> Path:
    database = open_database(DataLocation(folder / "data", folder / "logs"))
    try:
        set_up_office(database, SETUP)
        load_demo(database)
    finally:
        database.close()
    return folder / "data" / "cppcc-desk.sqlite3"


def dump(path: Path) -> dict[str, list[tuple[object, ...]]] | None:
    """Every row as stored (bytes, not decoded); None if SQLite cannot read it all."""
    try:
        with closing(sqlite3.connect(path)) as conn:
            conn.text_factory = bytes
            names = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            return {
                n[0].decode(): conn.execute(f'SELECT * FROM "{n[0].decode()}"').fetchall()
                for n in names
            }
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # a damaged schema's message, even
        return None


def verdict(folder: Path) -> str:
    """'start' if the program refuses to open it, 'check' if `check` fails, else 'passed'."""
    try:
        database = open_database(DataLocation(folder, folder.parent / "logs"))
    except KnownError:
        return "start"
    try:
        return "passed" if all(r.ok for r in run_checks(database)) else "check"
    except KnownError:
        return "check"
    finally:
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flips", type=int, default=40)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # every refusal is logged; the counts say enough
    rng = random.Random(args.seed)
    counts = {"unchanged": 0, "start": 0, "check": 0, "passed": 0}
    with tempfile.TemporaryDirectory() as tmp:
        original = make_demo(Path(tmp) / "demo")
        data = original.read_bytes()
        before = dump(original)
        for n in range(args.flips):
            folder = Path(tmp) / f"flip{n}" / "data"
            folder.mkdir(parents=True)
            damaged = bytearray(data)
            offset = rng.randrange(len(data))
            damaged[offset] = rng.choice([b for b in range(256) if b != data[offset]])
            path = folder / original.name
            path.write_bytes(bytes(damaged))
            shutil.copyfile(path, folder / "as-damaged.sqlite3")
            if dump(folder / "as-damaged.sqlite3") == before:
                counts["unchanged"] += 1  # free space, padding: nothing to find
                continue
            counts[verdict(folder)] += 1
    changed = args.flips - counts["unchanged"]
    caught = counts["start"] + counts["check"]
    print(f"database: {len(data) / 1024:.0f} KiB demo data; {args.flips} flips, seed {args.seed}")
    print(f"no data changed:          {counts['unchanged']}")
    print(f"data changed:             {changed}")
    print(f"  refused at start:       {counts['start']}")
    print(f"  found by `check`:       {counts['check']}")
    print(f"  passed every check:     {counts['passed']}")
    print(f"caught: {caught}/{changed} = {caught / max(changed, 1):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
