"""SQLite engine with the settings this program relies on for never losing data."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

import db.events
import db.schema  # noqa: F401 - every mapped class, so relationships resolve
from db.file_safety.files import tolerant_text

DEFAULT_BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024
IMMEDIATE = "begin_immediate"  # execution option: BEGIN IMMEDIATE, the write lock at once


def make_engine(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000},
        # An error's text never quotes the values of a failed write: they are ID and
        # phone numbers, and error texts reach stderr and the log.
        hide_parameters=True,
    )
    _install_sqlite_recipe(engine, busy_timeout_ms)
    if path.exists():
        _never_create(engine, path)
    return engine


def _never_create(engine: Engine, path: Path) -> None:
    """Connections to an existing database open it read-write only, never create it.

    Deleted or moved while the program runs, the file was silently made anew, empty,
    by the next connection: every page then failed on a missing table, and the next
    start found an empty database where the data had been.
    """
    uri = f"{path.absolute().as_uri()}?mode=rw"

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        cargs[:] = [uri]
        cparams["uri"] = True


def _install_sqlite_recipe(engine: Engine, busy_timeout_ms: int) -> None:
    """SQLAlchemy's recipe for pysqlite: let SQLAlchemy, not the driver, emit BEGIN.

    The driver otherwise begins transactions lazily and commits behind our back
    around DDL, which breaks atomic migrations and savepoints.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None
        # A value damaged on disk reads as text with U+FFFD instead of stopping every
        # list and export that touches it; `check` reports it (db.file_safety.content_check).
        dbapi_connection.text_factory = tolerant_text
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # Room for a big import's changes in memory (64 MiB, used only as needed): SQLite
        # then takes the exclusive lock only to commit, and other windows can read meanwhile.
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.info.get("immediate", conn.get_execution_options().get(IMMEDIATE))
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine, writing: bool = True) -> sessionmaker[Session]:
    """Sessions whose transactions take the write lock at BEGIN, or (reading) only read.

    A transaction that has read and then writes while another program writes gets
    "database is locked" at once: SQLite does not wait, as waiting could deadlock.
    Taking the write lock first makes it wait its turn (busy_timeout) instead.
    """
    bind = engine.execution_options(**{IMMEDIATE: True}) if writing else engine
    return sessionmaker(bind, expire_on_commit=False)
