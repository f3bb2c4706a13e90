"""Another program holding the database's write lock, for tests of screens that only read.

A page that reads through database.begin() (BEGIN IMMEDIATE) waits for that lock: the
window froze for the 5 s busy timeout, then said 数据库正被其他程序占用. One that reads
through database.read() goes on at once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

from sqlalchemy import event

from app.common.storage import Database

PATIENCE_MS = 200  # how long the program waits for the lock meanwhile: a wrong wait fails fast
PROMPT_S = 2.0  # what a read while the lock is held may take (a wrong wait took 5 s)


@contextmanager
def write_lock_held(database: Database, patience_ms: int = PATIENCE_MS) -> Iterator[None]:
    """A second connection holds the write lock (BEGIN IMMEDIATE, as a long import does)
    during the block, and the program's own connections wait only `patience_ms` for it:
    a read that takes the write lock raises DatabaseLocked quickly instead of slowing
    the suite by the full busy timeout."""

    def impatient(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(patience_ms)}")

    database.engine.dispose()  # pooled connections were opened with the full timeout
    event.listen(database.engine, "connect", impatient)
    try:
        with closing(sqlite3.connect(database.path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                other.execute("ROLLBACK")
    finally:
        event.remove(database.engine, "connect", impatient)
        database.engine.dispose()


@contextmanager
def promptly(limit_s: float = PROMPT_S) -> Iterator[None]:
    """The block must finish well within the busy timeout."""
    started = time.monotonic()
    yield
    took = time.monotonic() - started
    assert took < limit_s, f"took {took:.1f} s: it waited for the other program's write lock"
