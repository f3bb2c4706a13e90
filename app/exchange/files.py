"""Attachment files kept in the data folder (not in a table) travel as blobs too.

Proposal attachments live under attachments/ addressed by SHA-256
(app.proposals.attachments); their rows name the hash. The exchange file
carries the bytes under that hash, and the receiver stores them the same way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import uuid as uuid_module
from pathlib import Path

from app.common.storage import Database
from app.exchange.receiving.validate import SHA256
from app.exchange.records import Record
from app.proposals.attachments import stored_path

log = logging.getLogger(__name__)

# table → (its hash column, its file-name column)
FILE_TABLES = {"proposal_attachment": ("sha256", "original_name")}


def files_of(database: Database, table: str, records: list[Record]) -> dict[str, Path]:
    """sha256 → the stored file, for the records of a file-keeping table."""
    if table not in FILE_TABLES:
        return {}
    hash_column, name_column = FILE_TABLES[table]
    found = {}
    for record in records:
        sha, name = record["f"][hash_column], record["f"][name_column]
        path = stored_path(database, sha, name)
        if path.is_file():
            found[sha] = path
        else:
            log.warning("attachment file %s of %s is missing; sent without it", path, record["u"])
    return found


def wanted_files(table: str, record: Record) -> tuple[str, str] | None:
    """(sha256, file name) a received record needs, if its table keeps files."""
    if table not in FILE_TABLES:
        return None
    hash_column, name_column = FILE_TABLES[table]
    sha = record["f"].get(hash_column)
    if not isinstance(sha, str) or not SHA256.fullmatch(sha):
        return None
    return sha, str(record["f"].get(name_column) or "")


def store_file(database: Database, sha: str, name: str, source: Path) -> None:
    """Put a received (already hash-checked) file where the program looks for it."""
    target = stored_path(database, sha, name)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{uuid_module.uuid4().hex}.part")
    try:
        shutil.copyfile(source, temp)
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
