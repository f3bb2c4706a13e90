"""Backups with SQLite's online backup API — never a file copy of a live database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from db.files import readonly_uri

__all__ = ["backup_database", "integrity_problem", "readonly_uri"]


PAGES_PER_STEP = 256


def backup_database(
    source: Path, target: Path, on_pages: Callable[[int, int], None] | None = None
) -> None:
    """Copy `source` into `target` page by page, then verify the copy.

    Writes to a temporary name first so a failed backup never leaves a file
    under the final name.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)

    def progress(status: int, remaining: int, total: int) -> None:
        if on_pages is not None:
            on_pages(remaining, total)  # may raise to cancel

    try:
        with (
            closing(sqlite3.connect(readonly_uri(source), uri=True)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst, pages=PAGES_PER_STEP, progress=progress)
        problem = integrity_problem(partial)
        if problem:
            raise sqlite3.DatabaseError(f"backup failed its integrity check: {problem}")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


def integrity_problem(path: Path, quick: bool = False, timeout_s: float = 5.0) -> str | None:
    """None when SQLite finds the file sound, otherwise its first complaint."""
    pragma = "quick_check" if quick else "integrity_check"
    with closing(sqlite3.connect(readonly_uri(path), uri=True, timeout=timeout_s)) as conn:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:5])
