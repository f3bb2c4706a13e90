"""app/data_safety/health.py: the `check` command's findings."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from app.common.storage import Database
from app.data_safety import health


def test_a_sound_database_passes_every_check(office_db: Database) -> None:
    results = health.run_checks(office_db)
    assert len(results) == 3
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
    integrity, foreign_keys, revision = health.run_checks(office_db)
    assert integrity.ok
    assert revision.ok
    assert not foreign_keys.ok
    assert "1 处外键引用失效" in foreign_keys.detail
    assert "term" in foreign_keys.detail


def test_a_schema_changed_behind_our_back_is_found(office_db: Database) -> None:
    with closing(sqlite3.connect(office_db.path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    revision = health.run_checks(office_db)[2]
    assert not revision.ok
    assert "当前 0001" in revision.detail
