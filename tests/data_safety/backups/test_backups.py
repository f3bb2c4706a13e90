"""app/data_safety/backups.py and db/file_safety/backup.py: verified backups (SQLite backup API)."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.jobs import Cancelled, ProgressTracker
from app.common.storage import Database
from app.data_safety import backups
from app.office import dictionaries
from db import migrate
from db.file_safety.backup import backup_database, integrity_problem, readonly_uri
from db.models import DictionaryKind
from tests.security.helpers import audit_lines


def rows(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(readonly_uri(path), uri=True)) as conn:
        return conn.execute(
            "SELECT uuid, name, revision FROM dictionary_entry ORDER BY id"
        ).fetchall()


def test_back_up_now_makes_a_verified_copy(office_db: Database) -> None:
    reports: list[tuple[int, int, str]] = []
    result = backups.back_up_now(office_db, ProgressTracker(lambda *r: reports.append(r)))
    assert result.path.parent == office_db.location.backup_dir
    assert result.path.name.startswith("手动备份-")
    assert result.path.suffix == ".sqlite3"
    assert result.size_bytes == result.path.stat().st_size > 0
    assert integrity_problem(result.path) is None
    assert migrate.stored_revision(result.path) == migrate.head_revision()
    assert rows(result.path) == rows(office_db.path)
    assert reports
    assert reports[-1][0] == reports[-1][1]  # all pages done
    assert [p.name for p in office_db.location.backup_dir.iterdir()] == [result.path.name]


def test_backup_holds_the_data_of_its_moment(office_db: Database) -> None:
    first = backups.back_up_now(office_db, ProgressTracker())
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    assert len(rows(first.path)) == len(rows(office_db.path)) - 1


def test_cancelled_backup_leaves_no_file(office_db: Database) -> None:
    tracker = ProgressTracker()
    tracker.cancel()
    with pytest.raises(Cancelled):
        backups.back_up_now(office_db, tracker)
    assert list(office_db.location.backup_dir.iterdir()) == []


def test_backup_into_a_blocked_folder_is_a_known_error(office_db: Database) -> None:
    office_db.location.backup_dir.write_text("不是文件夹")
    before = rows(office_db.path)
    with pytest.raises(KnownError, match="无法访问") as caught:
        backups.back_up_now(office_db, ProgressTracker())
    assert rows(office_db.path) == before  # only the audit trail learnt of it:
    assert audit_lines(office_db)[-1][1:] == ("backup", "手动备份", "failed", caught.value.what)


def test_backup_of_a_database_in_use_waits_for_its_commit(
    office_db: Database, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(office_db.path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE dictionary_entry SET name = name || '（未提交）'")
        backup_database(office_db.path, tmp_path / "during.sqlite3")
        writer.execute("ROLLBACK")
    assert not any("未提交" in str(r[1]) for r in rows(tmp_path / "during.sqlite3"))


def test_a_damaged_copy_is_never_left_under_the_final_name(
    office_db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "damaged.sqlite3"
    source.write_bytes(office_db.path.read_bytes())
    with source.open("r+b") as f:
        f.seek(5 * 4096)
        f.write(b"\xff" * 4096)
    target = tmp_path / "out" / "copy.sqlite3"
    with pytest.raises(sqlite3.DatabaseError):
        backup_database(source, target)
    assert list(target.parent.iterdir()) == []


def test_readonly_uri_never_creates_a_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        sqlite3.connect(readonly_uri(missing), uri=True).execute("SELECT 1")
    assert not missing.exists()


def test_readonly_uri_handles_chinese_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "政协 数据#1" / "备份 %20.sqlite3"
    path.parent.mkdir()
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE t (x)")
    assert integrity_problem(path) is None


def test_backups_in_the_same_second_never_replace_each_other(office_db: Database) -> None:
    """Finding 5: names carry the second only, so a second backup gets a number."""
    made = [backups.back_up_now(office_db, ProgressTracker()).path for _ in range(3)]
    assert len({p.name for p in made}) == 3
    assert sorted(p.name for p in office_db.location.backup_dir.iterdir()) == sorted(
        p.name for p in made
    )
    for path in made:
        assert integrity_problem(path) is None


def test_backups_started_together_each_get_their_own_file(office_db: Database) -> None:
    """Finding 5: two imports starting at once once shared one `.partial` file."""
    barrier = threading.Barrier(4)
    made: list[Path] = []
    failed: list[BaseException] = []

    def back_up() -> None:
        barrier.wait()
        try:
            made.append(backups.back_up_now(office_db, ProgressTracker()).path)
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=back_up) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert len({p.name for p in made}) == 4
    assert all(integrity_problem(p) is None for p in made)
    assert not list(office_db.location.backup_dir.glob("*.partial"))


def test_a_partial_backup_left_by_a_crash_is_cleared_later(office_db: Database) -> None:
    folder = office_db.location.backup_dir
    folder.mkdir()
    stale = folder / "导入名单前备份-20240101-080000.sqlite3.partial"
    stale.write_bytes(b"half a copy")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = folder / "手动备份-20240101-080000.sqlite3.partial"  # maybe still being written
    fresh.write_bytes(b"being written")
    backups.make_backup(office_db, backups.MANUAL)
    assert not stale.exists()
    assert fresh.exists()
