"""The demo at a city office: the same story, told of a city (市) instead of a county (县).

The demo's texts are written for a county office (县政协主席, 县教育和体育局, 我县…).
At a city office the texts the demo has just added are reworded once its steps have
run, so the city's own screens do not read like a county's. What the office entered
itself (a demo added with --force) is left as it was: only rows after each table's
highest id before the demo are touched. Nothing has travelled yet, so the revision
counters are left alone.
"""

from __future__ import annotations

from sqlalchemy import Column, Enum, String, Table, Text, func, select, update
from sqlalchemy.orm import Session

import db.schema  # noqa: F401 - every table, so all of them are reworded
from db.base import Base
from db.models import Office

COUNTY, CITY = "县", "市"


def highest_ids(session: Session) -> dict[str, int]:
    """Each reworded table's highest id now: the demo's rows come after."""
    return {
        table.name: session.scalar(select(func.max(table.c.id))) or 0 for table in _owned_tables()
    }


def reword_for_city(session: Session, office: Office, before: dict[str, int]) -> int:
    """Replace 县 by 市 in the texts `office` owns that were added after `before`;
    how many values changed."""
    session.flush()
    changed = 0
    for table in _owned_tables():
        for column in filter(_is_text, table.c):
            result = session.execute(
                update(table)
                .where(
                    table.c.id > before.get(table.name, 0),
                    table.c.owner_uuid == office.uuid,
                    column.contains(COUNTY),
                )
                .values({column.name: func.replace(column, COUNTY, CITY)})
            )
            changed += result.rowcount  # type: ignore[attr-defined]
    return changed


def _owned_tables() -> list[Table]:
    # Offices are named by themselves (their cards), not by the demo.
    return [
        table
        for table in Base.metadata.sorted_tables
        if "owner_uuid" in table.c and "id" in table.c and table.name != Office.__tablename__
    ]


def _is_text(column: Column[object]) -> bool:
    """Free text: not a uuid, not a code from a fixed list."""
    kind = column.type
    return (
        isinstance(kind, String | Text)
        and not isinstance(kind, Enum)
        and not column.name.endswith("uuid")
    )
