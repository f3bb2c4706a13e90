"""Backups with SQLite's online backup API — never a file copy of a live database.

A backup is written under `<name>.partial` (created exclusively, owner-only),
checked with integrity_check, and only then given its final name, never over
another file: two backups started in the same second get two names.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

from db.file_safety.files import (
    OWNER_ONLY_FOLDER,
    companions,
    connect,
    create_private_file,
    existing_uri,
    make_private,
    publish,
    readonly_uri,
)

__all__ = [
    "BackupDamaged",
    "NameTaken",
    "back_up_file",
    "backup_database",
    "clear_staged_restore",
    "clear_unpacked_restore",
    "integrity_problem",
    "readonly_uri",
    "staged_restore",
]

PAGES_PER_STEP = 256
BACKUP_SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".partial"
RESTORING_SUFFIX = ".restoring"
STALE_PARTIAL_S = 3600  # no backup takes an hour: an older .partial is a crash's leftover


class NameTaken(FileExistsError):
    """The backup's name, or its `.partial`, is already in use; nothing was written."""


class BackupDamaged(sqlite3.DatabaseError):
    """The finished copy failed its integrity check (so, almost always, did the source)."""


def back_up_file(
    source: Path,
    folder: Path,
    stem: str,
    on_pages: Callable[[int, int], None] | None = None,
    timeout_s: float = 5.0,
    when: datetime | None = None,
) -> Path:
    """A checked copy of `source` in `folder` as `<stem>-<date>-<time>[-n].sqlite3`.

    `when` names the copy (default: now); thinning reads a backup's age from its name.
    """
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)  # FileExistsError if a file is in the way
        make_private(folder, OWNER_ONLY_FOLDER)
    _clear_stale_partials(folder)
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        target = folder / f"{stem}-{stamp}{'' if number == 1 else f'-{number}'}{BACKUP_SUFFIX}"
        if target.exists() or _partial(target).exists():
            continue
        try:
            backup_database(source, target, on_pages, timeout_s)
        except NameTaken:
            continue  # another backup took this name a moment ago
        return target
    raise NameTaken(str(folder / stem))


def backup_database(
    source: Path,
    target: Path,
    on_pages: Callable[[int, int], None] | None = None,
    timeout_s: float = 5.0,
) -> None:
    """Copy `source` into `target` page by page, then verify the copy.

    Raises NameTaken, having written nothing, if `target` or its `.partial`
    exists. A failed backup never leaves a file under either name.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(target)
    try:
        create_private_file(partial)  # exclusive: this name is ours until we let go
    except FileExistsError as exc:
        raise NameTaken(str(partial)) from exc

    def progress(status: int, remaining: int, total: int) -> None:
        if on_pages is not None:
            on_pages(remaining, total)  # may raise to cancel

    try:
        if target.exists():
            raise NameTaken(str(target))
        # The source is opened as a writer could open it, so a journal left by a
        # crash is rolled back rather than making the copy fail.
        with (
            closing(sqlite3.connect(existing_uri(source), uri=True, timeout=timeout_s)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst, pages=PAGES_PER_STEP, progress=progress)
        problem = integrity_problem(partial)
        if problem:
            raise BackupDamaged(f"backup failed its integrity check: {problem}")
        try:
            publish(partial, target)
        except FileExistsError as exc:
            raise NameTaken(str(target)) from exc
    except BaseException:
        # With the disk full, SQLite leaves the copy's journal behind as well.
        for leftover in (partial, *companions(partial)):
            leftover.unlink(missing_ok=True)
        raise


def integrity_problem(
    path: Path, quick: bool = False, timeout_s: float = 5.0, live: bool = False
) -> str | None:
    """None when SQLite finds the file sound, otherwise its first complaints.

    A new connection reads what is on the disk (an open one may answer from
    its cache). `live`: the database in use, which another program's crash may
    have left with a journal to roll back; otherwise the file is opened read-only.
    """
    pragma = "quick_check" if quick else "integrity_check"
    uri = existing_uri(path) if live else readonly_uri(path)
    with connect(uri, timeout_s) as conn:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    return problem_text(rows)


def problem_text(rows: list[tuple[object, ...]]) -> str | None:
    """integrity_check's rows as one line; None for its single "ok"."""
    if [tuple(r) for r in rows] == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:5])


def staged_restore(database: Path) -> Path:
    """Where a restore puts its checked copy of the backup before renaming it over `database`."""
    return database.with_name(database.name + RESTORING_SUFFIX)


def clear_staged_restore(database: Path) -> list[Path]:
    """Remove what a restore cut off before its last rename left beside `database`: the
    copy (finished or not) and its journals. `database` itself is then still the one from
    before that restore, whole: the rename that would have replaced it is the last step."""
    staged = staged_restore(database)
    found = [staged, _partial(staged), *companions(staged), *companions(_partial(staged))]
    removed = [leftover for leftover in found if leftover.exists()]
    for leftover in removed:
        leftover.unlink(missing_ok=True)
    return removed


# An encrypted restore (备份到U盘) unpacks into these first: the decrypted database in the
# backup folder, the attachment files staged in the data folder.
UNPACKED_DATABASE = ".恢复-{stamp}.tmp"
UNPACKED_FILES = ".恢复附件-{stamp}"


def clear_unpacked_restore(data_dir: Path, backup_dir: Path) -> list[Path]:
    """Remove what an encrypted restore cut off earlier (kill -9, power cut) unpacked: the
    decrypted database copy and the staged attachment files, personal data that would
    otherwise stay for ever. Only while no other copy of the program holds the folder."""
    found = [*data_dir.glob(UNPACKED_FILES.format(stamp="*"))]
    if backup_dir.is_dir():
        found += backup_dir.glob(UNPACKED_DATABASE.format(stamp="*"))
    for leftover in found:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    return found


def _partial(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL_SUFFIX)


def _clear_stale_partials(folder: Path) -> None:
    """Remove unfinished copies a killed backup left behind (they hold personal data)."""
    now = time.time()
    for path in folder.glob(f"*{PARTIAL_SUFFIX}*"):  # and their journals
        try:
            if now - path.stat().st_mtime > STALE_PARTIAL_S:
                path.unlink()
        except OSError:
            continue  # gone already, or not ours to remove
