"""`exchange verify`: is this file intact and signed by an office we trust?

A file addressed to this office is also decrypted and read through, so every
check an import makes before the database is made here too; nothing is written.
"""

from __future__ import annotations

import shutil
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path

from app.common.storage import Database
from app.exchange import usb
from app.exchange.export import work_dir
from app.exchange.receiving.reading import decrypt_and_read, identify, open_checked


@dataclass(frozen=True)
class Verified:
    kind: str
    sender_name: str
    sender_code: str
    recipient_name: str
    sequence: int | None
    records: int | None  # None: a receipt
    file_sha256: str


def verify_file(database: Database, path: Path) -> Verified:
    """Raises FileRefused (or KnownError) when it is not."""
    work = work_dir(database) / f"verify-{uuid_module.uuid4().hex[:8]}"
    try:
        local_copy = usb.copy_to_local(Path(path), work)
        opened = open_checked(local_copy)
        with database.begin() as session:
            ident = identify(session, opened, verify_only=True)
        records = None
        if ident.content_key is not None:
            incoming = decrypt_and_read(ident, work)
            records = sum(len(rows) for rows in incoming.records.values())
        return Verified(
            kind=ident.header["kind"],
            sender_name=ident.sender.name,
            sender_code=ident.sender.division_code,
            recipient_name=str(ident.header["recipient"]["name"]),
            sequence=ident.header.get("sequence"),
            records=records,
            file_sha256=opened.file_sha256,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
