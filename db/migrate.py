"""Schema revisions: read them without touching the file, and upgrade to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db.files import connect, readonly_uri

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def stored_revision(path: Path, timeout_s: float = 5.0) -> str | None:
    """The revision recorded in an existing database, read in read-only mode.

    Returns None for an empty database (a new file).
    Raises ForeignDatabase for an SQLite file of some other program, and
    sqlite3.DatabaseError for a file that is not a database at all.
    """
    with connect(readonly_uri(path), timeout_s) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise ForeignDatabase(path)
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


class ForeignDatabase(Exception):
    """An SQLite file that was not made by this program."""


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
