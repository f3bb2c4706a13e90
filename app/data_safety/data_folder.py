"""What the data-safety panel (数据安全) shows: where the data lives and its backups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.storage import Database

BACKUP_SUFFIX = ".sqlite3"


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
        backups.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(backups, key=lambda b: (b.made_at, b.name), reverse=True)


def megabytes(size_bytes: int) -> str:
    """1_572_864 → "1.50 MB" (clerks compare backup sizes by eye)."""
    return f"{size_bytes / 1024 / 1024:.2f} MB"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
