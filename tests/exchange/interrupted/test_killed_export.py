"""`kill -9` of `cppcc-desk exchange export` after the file is on the stick but before the
database has recorded it (bench/kill_nine.py found the window).

The stick must not hold a finished-looking file the county's database does not know it
sent, and running the export again must succeed; the city then imports what is there.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import COUNTY_SETUP
from tests.exchange.conftest import Offices, add_members, open_office

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[3]

# The real command, killed at the step that follows placing the file on the stick
# (keeping the local copy of the sent file), still inside the database transaction.
_KILLED_EXPORT = """
import os, signal, sys
import app.exchange.export as export
export._keep_copy = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
import ui.entry
sys.exit(ui.entry.main(sys.argv[1:]))
"""


def sent_files(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as conn:
        rows = conn.execute("SELECT file_name FROM exchange_log WHERE kind = 'sent'")
        return {r[0] for r in rows}


def test_an_export_killed_before_its_commit_leaves_no_file_and_runs_again(
    offices: Offices,
) -> None:
    county = offices.county
    add_members(county, "张建国", "李秀英")
    county.database.close()
    data = county.location.data_dir
    argv = ["--data-dir", str(data), "exchange", "export", "--to", "150500",
            "--out", str(offices.stick)]  # fmt: skip
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_EXPORT, *argv], cwd=REPO, capture_output=True, check=False
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()

    known = sent_files(county.location.database)
    on_stick = {p.name for p in offices.stick.glob("*.cppccx")}
    assert on_stick <= known, f"a file the database does not know it sent: {on_stick - known}"

    county = open_office(county.location.data_dir.parent, COUNTY_SETUP)
    try:
        again = county.export_to(offices.city, offices.stick)  # no "已存在" in the way
    finally:
        county.database.close()
    assert again.path.exists()
    for file in sorted(offices.stick.glob("*.cppccx")):
        result = offices.city.import_(file)
        assert result.receipt_path is not None
