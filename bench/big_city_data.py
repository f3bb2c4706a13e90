"""Build once: a city office that has imported ten counties' files, each county five
years of data (200 members, 2,000 proposals, 10,000 duty records) — bench_exchange's
counties. Kept under a folder so the screens' benchmark can reuse it.

    .venv/bin/python bench/big_city_data.py [--root /tmp/big-city] [--counties 10]
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exchange import CITY, fill_county, office, trade_cards

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.exchange.export import export_file
from app.exchange.receiving.importing import import_file
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup

READY = "ready"  # marker file: the city is complete


def city_location(root: Path) -> DataLocation:
    return DataLocation(root / "offices" / CITY.division_code, root / "logs")


def build_city(root: Path, counties: int = 10) -> None:
    """The city database under root, unless a complete one is already there."""
    if (root / READY).exists():
        return
    for part in ("offices", "many", "cards", "out", "logs"):
        shutil.rmtree(root / part, ignore_errors=True)
    started = time.perf_counter()
    city = office(root / "offices", CITY)
    out = root / "out"
    out.mkdir(parents=True)
    files = []
    for n in range(counties):
        setup = OfficeSetup(OfficeLevel.COUNTY, f"第{n + 1}县政协", f"1505{30 + n}", 10, 2021, 2026)
        other = office(root / "many", setup)
        trade_cards(city, other, root / "cards" / setup.division_code)
        fill_county(other, 100 + n)
        files.append(export_file(other, CITY.division_code, out).path)
        other.close()
        print(f"county {n + 1} filled and exported: {time.perf_counter() - started:.0f} s")
    for path in files:
        import_file(city, path)
    city.close()
    (root / READY).write_text("ok")
    print(f"city built: {time.perf_counter() - started:.0f} s")


def open_city(root: Path) -> Database:
    return open_database(city_location(root))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("/tmp/big-city"))
    parser.add_argument("--counties", type=int, default=10)
    args = parser.parse_args()
    build_city(args.root, args.counties)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
