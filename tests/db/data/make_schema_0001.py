"""Build tests/db/data/schema-0001.sqlite3: a database of the FIRST schema revision.

The file stands for what an office that installed the first release has on its
disk: the schema of revision 0001 (migrated with Alembic, exactly as that release
did) and a realistic county office with its term, plenary sessions and some
dictionary entries, written with plain SQL so that no later model code is
involved. tests/db/test_migrations.py opens a copy of it through the program.

Run from the project root:  .venv/bin/python tests/db/data/make_schema_0001.py
The committed file must only be rebuilt when this script changes; never after a
new migration (the point is to keep the old shape).
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from alembic import command

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from db.engine import make_engine  # noqa: E402
from db.migrate import alembic_config  # noqa: E402

TARGET = Path(__file__).resolve().parent / "schema-0001.sqlite3"

# Fixed ids and stamps so the rows can be checked after the upgrade.
OFFICE_UUID = "0b7c2a4e-5f0e-4c1b-9a57-3f3d1f0a0001"
CITY_UUID = "0b7c2a4e-5f0e-4c1b-9a57-3f3d1f0a0002"
TERM_UUID = "5e1d7c9a-2b3f-4f6e-8d0c-1a2b3c4d0010"
CREATED = "2021-01-08 02:30:00.000000"
UPDATED = "2023-03-05 09:12:44.123456"

OFFICES = [
    # uuid, owner, level, name, code, is_local
    (OFFICE_UUID, OFFICE_UUID, "county", "奈曼旗政协", "150525", 1),
    (CITY_UUID, CITY_UUID, "city", "通辽市政协", "150500", 0),
]
SESSIONS = [
    # number, start, end
    (1, "2021-01-10", "2021-01-13"),
    (2, "2022-02-24", "2022-02-26"),
    (3, "2023-03-02", "2023-03-04"),
]
ENTRIES = [
    # kind, name, description, sort_order, retired, deleted_at
    ("sector", "中共", "", 0, 0, None),
    ("sector", "民革", "", 1, 0, None),
    ("sector", "农业界", "", 2, 0, None),
    ("sector", "少数民族界", "", 3, 0, None),
    ("party", "中共党员", "", 0, 0, None),
    ("party", "群众", "", 1, 0, None),
    ("ethnic_group", "汉族", "", 0, 0, None),
    ("ethnic_group", "蒙古族", "", 1, 0, None),
    ("committee", "提案委员会", "", 0, 0, None),
    ("committee", "文史和学习委员会", "", 1, 1, None),
    ("handling_unit", "旗教育和体育局", "学前教育、义务教育、校舍安全", 0, 0, None),
    ("handling_unit", "旗旧机构", "", 1, 0, "2022-06-30 01:00:00.000000"),
    ("result_class", "A", "已解决或采纳", 0, 0, None),
]


def entry_uuid(index: int) -> str:
    return f"9d3e1f20-7a6b-4c5d-8e9f-0a1b2c3d{index:04d}"


def build(target: Path) -> None:
    target.unlink(missing_ok=True)
    engine = make_engine(target)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()

    with closing(sqlite3.connect(target)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=ON")
        for uuid, owner, level, name, code, is_local in OFFICES:
            conn.execute(
                "INSERT INTO office (uuid, owner_uuid, level, name, division_code, is_local,"
                " created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (uuid, owner, level, name, code, is_local, CREATED, CREATED),
            )
        term_id = conn.execute(
            "INSERT INTO term (uuid, owner_uuid, number, first_year, last_year,"
            " created_at, updated_at, revision) VALUES (?, ?, 10, 2021, 2026, ?, ?, 1)",
            (TERM_UUID, OFFICE_UUID, CREATED, CREATED),
        ).lastrowid
        for number, start, end in SESSIONS:
            conn.execute(
                "INSERT INTO plenary_session (uuid, owner_uuid, term_id, number, start_date,"
                " end_date, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"7f0c2d1e-3a4b-4c5d-9e8f-00000000010{number}",
                    OFFICE_UUID,
                    term_id,
                    number,
                    start,
                    end,
                    CREATED,
                    UPDATED if number == 1 else CREATED,
                    2 if number == 1 else 1,  # the first session's dates were corrected once
                ),
            )
        for index, (kind, name, description, order, retired, deleted_at) in enumerate(ENTRIES):
            conn.execute(
                "INSERT INTO dictionary_entry (uuid, owner_uuid, kind, name, description,"
                " sort_order, retired, deleted_at, created_at, updated_at, revision)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    entry_uuid(index),
                    OFFICE_UUID,
                    kind,
                    name,
                    description,
                    order,
                    retired,
                    deleted_at,
                    CREATED,
                    CREATED,
                ),
            )
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("VACUUM")


if __name__ == "__main__":
    build(TARGET)
    print(f"wrote {TARGET}")  # noqa: T201 - a build script
