"""备份到U盘 with attachment files: time and size of the backup, time of the restore.

An office with about 50 MB of attachment files (random bytes: scans do not compress)
is backed up with the real scrypt cost and restored into a fresh data folder. Prints
the seconds, the backup's size against the database plus the files, and MB/s.

    .venv/bin/python bench/bench_usb_backup.py [--megabytes 50] [--files 25]
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.attachment_store import stored_files
from app.data_safety.planned_restore import restore_from_file
from app.data_safety.usb_backup import back_up_to_folder
from app.demo.demo import load_demo
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, set_up_office
from app.proposals.attachments import store_file

SETUP = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
PASSWORD = "县政协2026备份"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--files", type=int, default=25)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        database = open_database(DataLocation(root / "data", root / "logs"))
        set_up_office(database, SETUP)
        load_demo(database)
        each = args.megabytes * 1024 * 1024 // args.files
        for number in range(args.files):
            source = root / f"扫描件-{number}.pdf"
            source.write_bytes(os.urandom(each))
            store_file(database, source)
            source.unlink()
        payload = database.path.stat().st_size + sum(
            f.size for f in stored_files(database.location)
        )
        stick = root / "U盘"
        stick.mkdir()
        started = time.perf_counter()
        path = back_up_to_folder(database, stick, PASSWORD)
        backup_s = time.perf_counter() - started
        database.close()

        other = open_database(DataLocation(root / "other", root / "logs2"))
        set_up_office(other, SETUP)
        started = time.perf_counter()
        restore_from_file(other, path, PASSWORD)
        restore_s = time.perf_counter() - started
        restored = sum(f.size for f in stored_files(DataLocation(root / "other", root / "l")))

        mb = 1024 * 1024
        size = path.stat().st_size
        print(
            f"attachment files: {args.files} × {each / mb:.1f} MB, restored {restored / mb:.1f} MB"
        )
        print(f"database + files: {payload / mb:.1f} MB; backup file: {size / mb:.1f} MB")
        print(f"size ratio backup / (database + files): {size / payload:.4f}")
        print(
            f"备份到U盘 (scrypt, copy, seal, fsync, read back): {backup_s:.2f} s, "
            f"{payload / mb / backup_s:.0f} MB/s"
        )
        print(
            f"restore (scrypt, check, stage, 恢复前备份, put back): {restore_s:.2f} s, "
            f"{payload / mb / restore_s:.0f} MB/s"
        )

    if sys.platform != "win32":
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of the whole run: {peak:.0f} MB (files are streamed in 1 MiB chunks)")


if __name__ == "__main__":
    main()
