"""What the data-safety panel (数据安全) shows: where the data lives and its backups."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.storage import Database
from db.file_safety.backup import integrity_problem

BACKUP_SUFFIX = ".sqlite3"
# `<reason>-YYYYmmdd-HHMMSS[-n].sqlite3`, as db.file_safety.backup.back_up_file names them.
_NAMED = re.compile(r"^(?P<reason>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    size_bytes: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class DataFolder:
    data_dir: Path
    database: Path
    database_bytes: int
    backup_dir: Path
    backups: list[BackupFile]  # newest first


def describe_data_folder(database: Database) -> DataFolder:
    location = database.location
    return DataFolder(
        data_dir=location.data_dir,
        database=location.database,
        database_bytes=_size(location.database),
        backup_dir=location.backup_dir,
        backups=list_backups(location.backup_dir),
    )


def list_backups(folder: Path) -> list[BackupFile]:
    """Finished backups in `folder`, newest first (unfinished `.partial` files are skipped)."""
    if not folder.is_dir():
        return []
    backups = []
    for path in folder.glob(f"*{BACKUP_SUFFIX}"):
        try:
            stat = path.stat()
        except OSError:  # removed while we were looking
            continue
        made_at = made_at_by_name(path) or datetime.fromtimestamp(stat.st_mtime)
        backups.append(BackupFile(path, made_at, stat.st_size))
    return sorted(backups, key=lambda b: (b.made_at, b.name), reverse=True)


def made_at_by_name(path: Path) -> datetime | None:
    """The time in a backup's own name: it survives a copy, unlike the file's mtime."""
    found = _NAMED.match(path.name)
    if found is None:
        return None
    try:
        return datetime.strptime(found["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def reason_of(path: Path) -> str | None:
    """ "每日备份" for 每日备份-20261201-080000.sqlite3; None for a file not named by us."""
    found = _NAMED.match(path.name)
    return found["reason"] if found else None


def megabytes(size_bytes: int) -> str:
    """1_572_864 → "1.50 MB" (clerks compare backup sizes by eye)."""
    return f"{size_bytes / 1024 / 1024:.2f} MB"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def backup_is_sound(path: Path, quick: bool = False) -> bool:
    """Does the backup open and pass integrity_check (quick_check for a screen's list)?"""
    try:
        return integrity_problem(path, quick=quick) is None
    except sqlite3.DatabaseError:
        return False
