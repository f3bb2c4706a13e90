"""Is every stored value of the kind its column declares? (`check`, issue 8 finding 4)

SQLite keeps no checksums: a flipped byte inside a value leaves every page well
formed and passes integrity_check. Many such flips still leave a value no
program of ours writes — text that is not UTF-8, a date that is no date, an
integer where text belongs, a status outside its list — and those this finds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, DateTime, Enum, Integer, LargeBinary, String, Table

import db.schema  # noqa: F401 - every mapped table
from db.base import Base, UtcDateTime

Valid = Callable[[object], bool]


@dataclass(frozen=True)
class ContentProblem:
    table: str
    rowid: int
    column: str

    def __str__(self) -> str:
        return f"表 {self.table} 第 {self.rowid} 行的 {self.column}"


def content_problems(conn: sqlite3.Connection, limit: int = 20) -> list[ContentProblem]:
    """The first `limit` values that do not fit their column; reads every row once."""
    conn.text_factory = bytes  # look at the stored bytes, not a repaired reading
    found: list[ContentProblem] = []
    for table in Base.metadata.sorted_tables:
        found.extend(_problems_in(conn, table))
        if len(found) >= limit:
            break
    return found[:limit]


def _problems_in(conn: sqlite3.Connection, table: Table) -> Iterator[ContentProblem]:
    columns = list(table.columns)
    checks = [_check_for(column) for column in columns]
    names = ", ".join(f'"{c.name}"' for c in columns)
    for row in conn.execute(f'SELECT rowid, {names} FROM "{table.name}"'):
        for column, valid, value in zip(columns, checks, row[1:], strict=True):
            ok = bool(column.nullable) if value is None else valid(value)
            if not ok:
                yield ContentProblem(table.name, row[0], column.name)


def _check_for(column: Column[object]) -> Valid:
    kind = column.type
    if isinstance(kind, Boolean):
        return lambda v: v in (0, 1) and isinstance(v, int)
    if isinstance(kind, Integer):
        return lambda v: isinstance(v, int)
    if isinstance(kind, Enum):
        allowed = {e.encode() for e in kind.enums}
        return lambda v: v in allowed
    if isinstance(kind, UtcDateTime | DateTime):
        return lambda v: _parses(v, datetime.fromisoformat)
    if isinstance(kind, Date):
        return lambda v: _parses(v, date.fromisoformat)
    if isinstance(kind, LargeBinary):
        return lambda v: isinstance(v, bytes)
    if isinstance(kind, String):  # Text too
        return _is_utf8
    return lambda v: True


def _is_utf8(value: object) -> bool:
    if not isinstance(value, bytes):
        return False
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _parses(value: object, parse: Callable[[str], object]) -> bool:
    if not _is_utf8(value):
        return False
    assert isinstance(value, bytes)
    try:
        parse(value.decode())
    except ValueError:
        return False
    return True
