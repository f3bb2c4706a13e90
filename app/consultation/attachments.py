"""Attachments (附件) kept in the database: work plans, reports, speeches, outcomes.

Files live in the database rather than beside it, so a backup or a restore
always has them. A file belongs to one record, named by its UUID (a topic,
a research report, a speech, an outcome). Deleting leaves a tombstone.
To open one, the screen asks for a copy (`save_copy`) and opens that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from app.common.documents import write_atomically
from app.common.errors import KnownError, translate_os_error
from app.common.storage import Database
from app.office.office import require_local_office
from db.base import utc_now
from db.consultation_models import Attachment

MAX_BYTES = 50 * 1024 * 1024  # a scanned report of a few dozen pages; bigger belongs elsewhere


@dataclass(frozen=True)
class AttachmentRow:
    uuid: str
    file_name: str
    size: int  # bytes
    added_at: datetime

    @property
    def size_text(self) -> str:
        """12 KB / 3.4 MB."""
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / 1024 / 1024:.1f} MB"


def add_attachment(database: Database, parent_uuid: str, path: Path) -> AttachmentRow:
    """Keep a copy of the file with the record `parent_uuid`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise KnownError(
                f"文件“{path.name}”有 {size / 1024 / 1024:.0f} MB，超过附件上限 50 MB。",
                "请压缩或拆分后再添加。",
            )
        content = path.read_bytes()
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
    with database.begin() as session:
        office = require_local_office(session)
        row = Attachment(
            owner_uuid=office.uuid,
            parent_uuid=parent_uuid,
            file_name=path.name[:255],
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
        )
        session.add(row)
        session.flush()
        return _row(row)


def list_attachments(database: Database, parent_uuid: str) -> list[AttachmentRow]:
    with database.read() as session:
        return [
            _row(a)
            for a in session.scalars(
                select(Attachment)
                .where(Attachment.parent_uuid == parent_uuid, Attachment.deleted_at.is_(None))
                .order_by(Attachment.id)
            )
        ]


def save_copy(database: Database, uuid: str, folder: Path) -> Path:
    """Write the attachment into `folder` under its own name; returns the path."""
    with database.read() as session:
        row = session.scalars(
            select(Attachment)
            .where(Attachment.uuid == uuid, Attachment.deleted_at.is_(None))
            .options(undefer(Attachment.content))
        ).one_or_none()
        if row is None:
            raise KnownError("该附件已不存在（可能已被删除）。", "请刷新后再试。")
        name, content, digest = row.file_name, row.content, row.sha256
    if hashlib.sha256(content).hexdigest() != digest:
        raise KnownError(f"附件“{name}”的内容已损坏。", "请从备份中恢复数据库，或重新添加该附件。")
    return write_atomically(Path(folder) / name, lambda temp: temp.write_bytes(content))


def delete_attachment(database: Database, uuid: str) -> None:
    with database.begin() as session:
        row = session.scalars(select(Attachment).where(Attachment.uuid == uuid)).one_or_none()
        if row is not None:
            row.deleted_at = utc_now()


def undelete_attachment(database: Database, uuid: str) -> None:
    with database.begin() as session:
        session.scalars(select(Attachment).where(Attachment.uuid == uuid)).one().deleted_at = None


def attachment_counts(session: Session, parent_uuids: list[str]) -> dict[str, int]:
    if not parent_uuids:
        return {}
    rows = session.execute(
        select(Attachment.parent_uuid, func.count())
        .where(Attachment.parent_uuid.in_(parent_uuids), Attachment.deleted_at.is_(None))
        .group_by(Attachment.parent_uuid)
    )
    return {parent: count for parent, count in rows}


def _row(row: Attachment) -> AttachmentRow:
    return AttachmentRow(row.uuid, row.file_name, row.size, row.created_at)
