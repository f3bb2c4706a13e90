"""TRUST.md checks 11-12: `kill -9` at any moment of an import, then run it again.

A real `cppcc-desk exchange import` in a subprocess is killed with SIGKILL at
points spread over its whole run. Each time the city's database must be exactly
as before or exactly as after, and sound; running the import again then finishes
it without a duplicate.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from app.office.office import office_info
from db.record_models import SocialInfo
from tests.exchange.conftest import Offices, add_members

KILLS = 8
RECORDS = 2500


def content_digest(path: Path, history: bool = True) -> str:
    """Every row, leaving out only when history rows were written (they differ per run);
    without `history`, the exchange history is left out entirely. The audit trail is left
    out: it records each attempt, killed or not, in a transaction of its own."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            if (table == "exchange_log" and not history) or table == "audit_entry":
                continue
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            kept = [c for c in columns if not (table == "exchange_log" and c == "recorded_at")]
            names = ", ".join(f'"{c}"' for c in kept)
            for row in conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid'):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def backups(data_dir: Path) -> list[Path]:
    folder = data_dir / "backups"
    return list(folder.glob("导入交换文件前备份-*")) if folder.is_dir() else []


def run_import(
    data_dir: Path, file: Path, kill_after: float | None, after_backup: bool = False
) -> int | None:
    """Run the import; kill it `kill_after` seconds after start (or after its backup
    appeared: then the kill lands in the one transaction that writes)."""
    command = [
        sys.executable,
        "-m",
        "ui.entry",
        "--data-dir",
        str(data_dir),
        "exchange",
        "import",
        str(file),
        "--receipt-dir",
        str(data_dir.parent),
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        command,
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if kill_after is None:
        return process.wait(timeout=300)
    if after_backup:
        while not backups(data_dir) and process.poll() is None:
            time.sleep(0.002)
    time.sleep(kill_after)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return None


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_before_or_after(offices: Offices, tmp_path: Path) -> None:
    county = offices.county
    county_uuid = office_info(county.database).uuid
    add_members(county, *(f"委员{n}" for n in range(60)))
    with county.database.begin() as session:
        for n in range(RECORDS):
            session.add(
                SocialInfo(
                    owner_uuid=county_uuid, title=f"社情民意{n}", submitted_on=date(2025, 3, 1)
                )
            )
    file = county.export_to(offices.city, offices.stick).path
    city_dir = offices.city.location.data_dir
    offices.city.database.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(city_dir, pristine)
    before = content_digest(city_dir / "cppcc-desk.sqlite3")

    reference = tmp_path / "reference" / "data"
    shutil.copytree(pristine, reference)
    started = time.monotonic()
    assert run_import(reference, file, None) == 0
    finished, whole = time.time(), time.monotonic() - started
    writing = max(finished - backups(reference)[0].stat().st_mtime, 0.05)  # backup → exit
    after = content_digest(reference / "cppcc-desk.sqlite3")
    after_records = content_digest(reference / "cppcc-desk.sqlite3", history=False)
    assert after != before

    outcomes = []
    for n in range(KILLS):
        target = tmp_path / f"kill{n}" / "data"
        shutil.copytree(pristine, target)
        if n % 2:  # in the writing transaction …
            run_import(target, file, writing * n / KILLS, after_backup=True)
        else:  # … or anywhere, some after the end
            run_import(target, file, whole * 1.5 * (n + 0.5) / KILLS)
        state = content_digest(target / "cppcc-desk.sqlite3")  # also: integrity_check ok
        assert state in (before, after), f"kill {n} left a database neither before nor after"
        outcomes.append("after" if state == after else "before")
        assert run_import(target, file, None) == 0  # running it again completes it
        assert content_digest(target / "cppcc-desk.sqlite3", history=False) == after_records
        with closing(sqlite3.connect(target / "cppcc-desk.sqlite3")) as conn:
            [(rows, distinct)] = conn.execute(
                "SELECT count(*), count(DISTINCT uuid) FROM social_info"
            )
            assert rows == distinct == RECORDS
    assert "before" in outcomes and "after" in outcomes, outcomes
    offices.city.database = _reopen(offices)


def _reopen(offices: Offices):  # type: ignore[no-untyped-def]
    from app.common.storage import open_database

    return open_database(offices.city.location)
