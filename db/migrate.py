"""Schema revisions: read them without touching the file, and upgrade to head.

Alembic is imported only when a database really needs upgrading: start-up with a
current schema reads the revisions from the migration files' own lines (a test
checks that this agrees with Alembic).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from db.file_safety.files import connect, readonly_uri

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def _revision_links() -> dict[str, str | None]:
    """revision → the revision it follows, read from the version files' own lines."""
    links: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(
            (m.group(1), m.group(2)) for m in _REVISION_LINE.finditer(script.read_text("utf-8"))
        )
        if "revision" in found:
            links[found["revision"]] = found.get("down_revision")
    return links


def head_revision() -> str:
    links = _revision_links()
    heads = set(links) - {down for down in links.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_links())


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


def missing_tables(path: Path, timeout_s: float = 5.0) -> list[str]:
    """The program's tables that a database at the head revision lacks (read-only).

    Only meaningful at the head revision: older ones get their tables by upgrading.
    """
    from db.schema import metadata

    with connect(readonly_uri(path), timeout_s) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return sorted(set(metadata.tables) - tables)


class ForeignDatabase(Exception):
    """An SQLite file that was not made by this program."""


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration in one transaction."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
