"""Who refers to a row: found from the database's own foreign keys.

Later tables (members, proposals …) refer to dictionary entries; this finds
them without a hand-kept list, so a new table can never be forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class Reference:
    table: str
    column: str
    tombstoned: bool  # the referring table has deleted_at


def references_to(connection: Connection, table: str) -> list[Reference]:
    found = []
    names = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    ).scalars()
    for referrer in list(names):
        columns = {row[1] for row in connection.execute(text(f'PRAGMA table_info("{referrer}")'))}
        for fk in connection.execute(text(f'PRAGMA foreign_key_list("{referrer}")')):
            target_table, from_column, to_column = fk[2], fk[3], fk[4]
            if target_table == table and to_column in (None, "id"):
                found.append(Reference(referrer, from_column, "deleted_at" in columns))
    return found


def count_live_references(connection: Connection, references: list[Reference], row_id: int) -> int:
    """Rows that point at row_id through any of `references`; tombstoned rows do not count."""
    total = 0
    for ref in references:
        live = " AND deleted_at IS NULL" if ref.tombstoned else ""
        total += connection.execute(
            text(f'SELECT count(*) FROM "{ref.table}" WHERE "{ref.column}" = :id{live}'),
            {"id": row_id},
        ).scalar_one()
    return total
