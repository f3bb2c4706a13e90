"""The attachment files in the data folder, as the USB backup sees them.

Proposal attachments and reply documents are not in the database: they are kept
as `<data folder>/attachments/<first two hex>/<sha256><suffix>` (app.proposals.
attachments, app.exchange.files), never deleted, so every file a database (or an
older copy of it) names is there. The USB backup carries all of them; a restore
puts back those that are missing. (Consultation attachments live in the database.)

This module cannot import app.proposals (features depend one way), so the folder
name is repeated here; a test checks that the two agree.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from app.common.errors import KnownError
from app.common.paths import DataLocation
from db.file_safety.files import sync_folder

log = logging.getLogger(__name__)

STORE_DIR = "attachments"
MAX_FILE_BYTES = 256 << 20  # one file; the program keeps none bigger than 200 MB
# A SHA-256 in hex and the original file's suffix (lower case, at most 10 characters
# with the dot): no path separator, no "..", nothing that could leave the folder.
SAFE_NAME = re.compile(r"[0-9a-f]{64}(?:\.[^./\\\x00-\x1f]{1,9})?")


@dataclass(frozen=True)
class StoredFile:
    name: str  # <sha256><suffix>
    path: Path
    size: int

    @property
    def sha256(self) -> str:
        return self.name[:64]


def store_root(location: DataLocation) -> Path:
    return location.data_dir / STORE_DIR


def is_safe_name(name: str) -> bool:
    return SAFE_NAME.fullmatch(name) is not None


def final_path(location: DataLocation, name: str) -> Path:
    """Where the file `name` belongs; a ValueError for a name that is not safe."""
    if not is_safe_name(name):
        raise ValueError(name)
    return store_root(location) / name[:2] / name


def stored_files(location: DataLocation) -> list[StoredFile]:
    """Every finished file in the store (temporary `.…part` files and strays are left out)."""
    root = store_root(location)
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir()):
        if not (folder.is_dir() and re.fullmatch(r"[0-9a-f]{2}", folder.name)):
            continue
        for path in sorted(folder.iterdir()):
            if is_safe_name(path.name) and path.name[:2] == folder.name and path.is_file():
                found.append(StoredFile(path.name, path, path.stat().st_size))
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def put_missing(location: DataLocation, staged: list[tuple[str, Path]]) -> int:
    """Rename checked staged files into the store where none is; how many were put back.

    A file already there is left alone: its name is its content's hash.
    """
    placed, folders = 0, set()
    for name, source in staged:
        target = final_path(location, name)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        folders.add(target.parent)
        placed += 1
    for folder in folders:
        with contextlib.suppress(OSError):
            sync_folder(folder)
    return placed


def not_enough_space(folder: Path, needed: int) -> KnownError | None:
    """A message when the disk holding `folder` has less than `needed` bytes free."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if free >= needed:
        return None
    return KnownError(
        f"数据文件夹所在的磁盘空间不足（需要约 {needed / 1024 / 1024:.0f} MB）。",
        "请清理磁盘或把数据文件夹移到空间更大的磁盘后重试。当前数据没有任何改动。",
    )
