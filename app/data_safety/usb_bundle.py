"""What a format-2 USB backup holds, in order: the database, every attachment file, an end.

Each entry is a 4-byte big-endian length, a JSON head, then `size` bytes:
  {"kind": "database", "size", "sha256", "files", "file_bytes"}
  {"kind": "file", "name": "<sha256><suffix>", "size"}      (as many as "files" said)
  {"kind": "end", "files"}
Reading checks everything before anything is used: the database's SHA-256; each
file's name (attachment_store.SAFE_NAME), size (bounded) and SHA-256 (its name); the
count; nothing after the end. Unpacked files are staged under temporary names in
the data folder; only the caller (planned_restore) gives them their final names.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from app.common.errors import KnownError
from app.common.paths import DataLocation
from app.data_safety.attachment_store import (
    MAX_FILE_BYTES,
    StoredFile,
    is_safe_name,
    not_enough_space,
)
from app.data_safety.sealed_stream import Damaged, SealedReader, SealedWriter
from db.file_safety.backup import UNPACKED_DATABASE, UNPACKED_FILES, clear_unpacked_restore

_ENTRY = struct.Struct(">I")
MAX_ENTRY_HEAD = 4096
MAX_FILES = 1_000_000
_PIECE = 1 << 20

OnFile = Callable[[int, int], None]  # (files done, files in all)


@dataclass
class Unpacked:
    """A checked backup taken apart: the database copy and the staged attachment files."""

    database: Path | None = None
    staging: Path | None = None
    files: list[tuple[str, Path]] = field(default_factory=list)  # (final name, staged path)

    def clean_up(self) -> None:
        if self.database is not None:
            self.database.unlink(missing_ok=True)
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def write_bundle(
    file: BinaryIO,
    password: str,
    made_at: datetime,
    database_copy: Path,
    database_sha256: str,
    files: list[StoredFile],
    on_file: OnFile,
) -> None:
    writer = SealedWriter(file, password, made_at)
    size = database_copy.stat().st_size
    total = sum(f.size for f in files)
    head = {"size": size, "sha256": database_sha256, "files": len(files), "file_bytes": total}
    _write_entry(writer, kind="database", **head)
    _copy_in(writer, database_copy, size)
    for number, stored in enumerate(files, 1):
        _write_entry(writer, kind="file", name=stored.name, size=stored.size)
        _copy_in(writer, stored.path, stored.size)
        on_file(number, len(files))
    _write_entry(writer, kind="end", files=len(files))
    writer.finish()


def check_bundle(path: Path, password: str, on_file: OnFile) -> str:
    """Read the whole backup, checking every entry, writing nothing; the database's SHA-256."""
    with path.open("rb") as file:
        return _read_bundle(SealedReader(file, password, path), path, Unpacked(), None, on_file)


def unpack(path: Path, password: str, location: DataLocation, on_file: OnFile) -> Unpacked:
    """The database in a temporary file, the attachments staged, all checked; else nothing."""
    needed = path.stat().st_size + (64 << 20)
    location.data_dir.mkdir(parents=True, exist_ok=True)
    problem = not_enough_space(location.data_dir, needed)
    if problem is not None:
        raise problem
    clear_unpacked_restore(location.data_dir, location.backup_dir)
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
    location.backup_dir.mkdir(parents=True, exist_ok=True)
    unpacked = Unpacked(staging=location.data_dir / UNPACKED_FILES.format(stamp=stamp))
    try:
        unpacked.staging.mkdir()  # type: ignore[union-attr]
        unpacked.database = location.backup_dir / UNPACKED_DATABASE.format(stamp=stamp)
        with path.open("rb") as file:
            reader = SealedReader(file, password, path)
            _read_bundle(reader, path, unpacked, unpacked.database, on_file)
    except BaseException:
        unpacked.clean_up()
        raise
    return unpacked


def _read_bundle(
    reader: SealedReader, path: Path, into: Unpacked, database: Path | None, on_file: OnFile
) -> str:
    head = _read_entry(reader, path, "database")
    size = _number(head, "size", os.path.getsize(path), path)
    count = _number(head, "files", MAX_FILES, path)
    digest = head.get("sha256")
    if not isinstance(digest, str):
        raise Damaged(path)
    if _take(reader, size, database) != digest:
        raise Damaged(path, "数据库与其校验值不符")
    names = set()
    for number in range(1, count + 1):
        head = _read_entry(reader, path, "file")
        name = head.get("name")
        if not isinstance(name, str) or not is_safe_name(name) or name in names:
            raise Damaged(path, f"附件文件名“{str(name)[:80]}”不安全")
        names.add(name)
        size = _number(head, "size", MAX_FILE_BYTES, path)
        staged = into.staging / f"{name}.part" if into.staging is not None else None
        if _take(reader, size, staged) != name[:64]:
            raise Damaged(path, f"附件文件“{name}”与其校验值不符")
        if staged is not None:
            into.files.append((name, staged))
        on_file(number, count)
    end = _read_entry(reader, path, "end")
    if end.get("files") != count:
        raise Damaged(path, "附件文件数目不符")
    reader.finish()
    return digest


def _write_entry(writer: SealedWriter, **head: Any) -> None:
    encoded = json.dumps(head, ensure_ascii=False, sort_keys=True).encode()
    writer.write(_ENTRY.pack(len(encoded)) + encoded)


def _read_entry(reader: SealedReader, path: Path, kind: str) -> dict[str, Any]:
    (length,) = _ENTRY.unpack(reader.read(_ENTRY.size))
    if length > MAX_ENTRY_HEAD:
        raise Damaged(path)
    try:
        head = json.loads(reader.read(length))
    except ValueError:
        raise Damaged(path) from None
    if not isinstance(head, dict) or head.get("kind") != kind:
        raise Damaged(path)
    return head


def _number(head: dict[str, Any], key: str, limit: int, path: Path) -> int:
    value = head.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
        raise Damaged(path, "大小超出范围" if key == "size" else "")
    return value


def _copy_in(writer: SealedWriter, source: Path, size: int) -> None:
    """Exactly `size` bytes of `source` (a stored file never changes; if it did, stop)."""
    copied = 0
    with source.open("rb") as file:
        for piece in iter(lambda: file.read(_PIECE), b""):
            copied += len(piece)
            if copied > size:
                break
            writer.write(piece)
    if copied != size:
        raise KnownError(
            f"附件文件“{source.name}”在备份过程中发生了变化。",
            "请关闭其他正在使用本程序的窗口后重试。当前数据没有任何改动。",
        )


def _take(reader: SealedReader, size: int, target: Path | None) -> str:
    """Read `size` bytes into `target` (or nowhere), fsynced; their SHA-256."""
    digest = hashlib.sha256()
    with open(target, "xb") if target is not None else contextlib.nullcontext() as out:
        left = size
        while left:
            piece = reader.read(min(left, _PIECE))
            digest.update(piece)
            if out is not None:
                out.write(piece)
            left -= len(piece)
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
    return digest.hexdigest()
