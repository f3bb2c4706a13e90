"""Attached files (the original scan or Word file, reply documents), kept in the data folder.

Each file is copied to attachments/<first two hex digits>/<sha256><suffix>:
addressed by its SHA-256, so the same file is stored once and exchange files
can carry it by hash; the original file name stays in the database. The
screens open `attachment_path` with the system viewer.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid as uuid_module
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError, translate_os_error
from app.common.operator import current_operator
from app.common.storage import Database
from app.proposals.labels import ATTACHMENT_LABELS, AttachmentPurpose
from app.proposals.store import get_proposal, record_step
from app.proposals.views import AttachmentView
from db.base import utc_now
from db.proposal_models import Proposal, ProposalAttachment

ATTACHMENTS_DIR = "attachments"
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


def attachments_root(database: Database) -> Path:
    return database.location.data_dir / ATTACHMENTS_DIR


def stored_path(database: Database, sha256: str, original_name: str) -> Path:
    suffix = Path(original_name).suffix.lower()[:10]
    return attachments_root(database) / sha256[:2] / f"{sha256}{suffix}"


def store_file(database: Database, source: Path) -> tuple[str, int]:
    """Copy a file into the attachments folder (once per content); (sha256, size)."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise KnownError(f"“{source.name}”过大（超过200MB）。", "请压缩或拆分后再添加。")
        digest = hashlib.sha256()
        with source.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        sha256 = digest.hexdigest()
        target = stored_path(database, sha256, source.name)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{uuid_module.uuid4().hex}.part")
            shutil.copyfile(source, temp)
            os.replace(temp, target)
    except FileNotFoundError as exc:
        raise KnownError(f"找不到文件“{source}”。", "请检查文件是否还在。") from exc
    except OSError as exc:
        raise translate_os_error(exc, source) from exc
    return sha256, size


def attach_file(
    database: Database,
    proposal_uuid: str,
    source: Path,
    purpose: AttachmentPurpose = AttachmentPurpose.ORIGINAL,
) -> str:
    """Copy the file into the data folder and attach it to the proposal; its uuid."""
    sha256, size = store_file(database, source)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, proposal_uuid)
        attachment = add_attachment_row(session, proposal, purpose, sha256, Path(source).name, size)
        record_step(
            session,
            proposal,
            "attach",
            f"添加附件（{ATTACHMENT_LABELS[purpose]}）：{Path(source).name}",
            operator,
        )
        return attachment.uuid


def add_attachment_row(
    session: Session,
    proposal: Proposal,
    purpose: AttachmentPurpose,
    sha256: str,
    name: str,
    size: int,
) -> ProposalAttachment:
    attachment = ProposalAttachment(
        owner_uuid=proposal.owner_uuid,
        proposal_id=proposal.id,
        purpose=purpose,
        sha256=sha256,
        original_name=name[:255],
        size=size,
    )
    session.add(attachment)
    session.flush()
    return attachment


def list_attachments(database: Database, proposal_uuid: str) -> list[AttachmentView]:
    with database.read() as session:
        proposal = get_proposal(session, proposal_uuid)
        rows = session.scalars(
            select(ProposalAttachment)
            .where(
                ProposalAttachment.proposal_id == proposal.id,
                ProposalAttachment.deleted_at.is_(None),
            )
            .order_by(ProposalAttachment.id)
        )
        return [AttachmentView(a.uuid, a.purpose, a.original_name, a.sha256, a.size) for a in rows]


def attachment_path(database: Database, attachment_uuid: str) -> Path:
    """The stored file, for the system viewer; checked against its hash's name."""
    with database.read() as session:
        row = _get(session, attachment_uuid)
        path = stored_path(database, row.sha256, row.original_name)
    if not path.is_file():
        raise KnownError(
            f"附件文件“{path.name}”不在数据文件夹中。",
            "数据文件夹可能被移动或清理过；请从备份中恢复 attachments 文件夹。",
        )
    return path


def remove_attachment(database: Database, attachment_uuid: str) -> None:
    """A tombstone; the file stays (another record may use the same content)."""
    operator = current_operator(database)
    with database.begin() as session:
        row = _get(session, attachment_uuid)
        row.deleted_at = utc_now()
        proposal = session.get(Proposal, row.proposal_id)
        assert proposal is not None
        record_step(session, proposal, "detach", f"删除附件：{row.original_name}", operator)


def _get(session: Session, uuid: str) -> ProposalAttachment:
    row = session.scalars(
        select(ProposalAttachment).where(ProposalAttachment.uuid == uuid)
    ).one_or_none()
    if row is None or row.deleted_at is not None:
        raise KnownError("找不到该附件，可能已被删除。", "请刷新后再试。")
    return row
