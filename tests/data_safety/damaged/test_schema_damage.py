"""A database at the program's version that lacks one of its tables (dropped by some other
tool, or a bad "repair") is damage: found when it is opened, never a Python traceback
from the first screen or from `check`, and the newest good backup is offered."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseDamaged
from app.common.paths import DataLocation
from app.common.storage import open_database

REPO = Path(__file__).resolve().parents[3]


def drop(path: Path, table: str) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(f'DROP TABLE "{table}"')


@pytest.mark.parametrize("table", ["office", "membership", "audit_entry"])
def test_a_missing_table_is_damage_found_at_open(
    location: DataLocation, office_file: Path, file_digest, table: str
) -> None:
    drop(office_file, table)
    before = file_digest(office_file)
    with pytest.raises(DatabaseDamaged) as raised:
        open_database(location)
    assert "数据表不全" in raised.value.what
    assert file_digest(office_file) == before


def test_check_on_a_missing_table_says_so_without_a_traceback(
    location: DataLocation, office_file: Path
) -> None:
    drop(office_file, "membership")
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "--data-dir", str(location.data_dir), "check"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "数据表不全" in done.stderr and "备份" in done.stderr
