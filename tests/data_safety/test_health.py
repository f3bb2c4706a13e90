"""app/data_safety/health.py: the `check` command's findings."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from app.common.storage import Database
from app.data_safety import health


def test_a_sound_database_passes_every_check(office_db: Database) -> None:
    results = health.run_checks(office_db)
    assert [r.name for r in results] == [
        "数据文件是否完好",
        "记录之间的关联",
        "数据格式",
        "记录内容",
    ]
    assert all(r.ok for r in results), results


def test_a_broken_foreign_key_is_found(office_db: Database) -> None:
    with closing(sqlite3.connect(office_db.path)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO term (uuid, owner_uuid, number, first_year, last_year,"
            " created_at, updated_at, revision)"
            " VALUES ('t-11', 'no-such-office', 11, 2026, 2031,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )
    integrity, foreign_keys, revision, _content = health.run_checks(office_db)
    assert integrity.ok
    assert revision.ok
    assert not foreign_keys.ok
    assert "1 条记录指向已不存在的记录" in foreign_keys.detail
    assert "届次" in foreign_keys.detail


def test_a_schema_changed_behind_our_back_is_found(office_db: Database) -> None:
    with closing(sqlite3.connect(office_db.path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    revision = health.run_checks(office_db)[2]
    assert not revision.ok
    assert "数据为第 0001 版" in revision.detail


FIRST = "WHERE id = (SELECT min(id) FROM dictionary_entry)"


def _store(office_db: Database, sql: str) -> None:
    """Write as a damaged disk would: behind the program's back."""
    with closing(sqlite3.connect(office_db.path)) as conn, conn:
        conn.execute(sql)


@pytest.mark.parametrize(
    "damage",
    [
        # One byte of a Chinese character changed: no longer UTF-8.
        f"UPDATE dictionary_entry SET name = CAST(x'e58ebfe6b0b4e588a9e5b141' AS TEXT) {FIRST}",
        # A status outside its list.
        f"UPDATE dictionary_entry SET kind = 'sectoq' {FIRST}",
        # A date that is no date.
        "UPDATE term SET created_at = '2026-13-01 08:00:00'",
        # A number where a yes/no belongs.
        f"UPDATE dictionary_entry SET retired = 7 {FIRST}",
    ],
    ids=["not-utf8", "unknown-kind", "bad-date", "bad-boolean"],
)
def test_values_no_program_of_ours_writes_fail_the_check(office_db: Database, damage: str) -> None:
    """Finding 4: damage inside a value passes integrity_check; the content check sees it."""
    _store(office_db, damage)
    integrity, *_, content = health.run_checks(office_db)
    assert integrity.ok  # SQLite itself sees nothing wrong
    assert not content.ok
    assert "无法识别的内容" in content.detail
