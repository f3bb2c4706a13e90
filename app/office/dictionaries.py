"""The office's editable lists (界别, 政治面貌, 民族, 专委会 …).

Entries keep their identity when renamed, so records that use them follow.
An entry in use can only be retired (hidden from new choices); an unused one
can be deleted, which leaves a tombstone and can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_line
from app.office.office import require_local_office
from db.base import utc_now
from db.models import DictionaryEntry, DictionaryKind, Office
from db.references import Reference, count_live_references, references_to

MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 500


@dataclass(frozen=True)
class DictionaryItem:
    uuid: str
    kind: DictionaryKind
    name: str
    description: str
    retired: bool
    usage: int

    @property
    def in_use(self) -> bool:
        return self.usage > 0


def list_entries(
    database: Database, kind: DictionaryKind, include_retired: bool = True
) -> list[DictionaryItem]:
    with database.begin() as session:
        query = _live(kind).order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
        if not include_retired:
            query = query.where(DictionaryEntry.retired.is_(False))
        refs = references_to(session.connection(), DictionaryEntry.__tablename__)
        return [_item(session, entry, refs) for entry in session.scalars(query)]


def add_entry(
    database: Database, kind: DictionaryKind, name: str, description: str = ""
) -> DictionaryItem:
    name = _valid_name(name)
    with database.begin() as session:
        office = require_local_office(session)
        _refuse_duplicate(session, kind, name)
        last = session.scalar(
            select(func.max(DictionaryEntry.sort_order)).where(
                DictionaryEntry.kind == kind, DictionaryEntry.owner_uuid == office.uuid
            )
        )
        order = (last if last is not None else -1) + 1
        # A name deleted earlier comes back as the same record (same UUID).
        entry = session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.kind == kind,
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.name == name,
                DictionaryEntry.deleted_at.is_not(None),
            )
        ).first()
        if entry is None:
            entry = DictionaryEntry(owner_uuid=office.uuid, kind=kind, name=name)
            session.add(entry)
        entry.deleted_at = None
        entry.retired = False
        entry.description = _valid_description(description)
        entry.sort_order = order
        session.flush()
        return _item(session, entry)


def rename_entry(database: Database, uuid: str, name: str) -> DictionaryItem:
    name = _valid_name(name)
    with database.begin() as session:
        entry = _get(session, uuid)
        if entry.name != name:
            _refuse_duplicate(session, entry.kind, name)
            _refuse_deleted_namesake(session, entry, name)
            entry.name = name
        session.flush()
        return _item(session, entry)


def set_description(database: Database, uuid: str, description: str) -> None:
    with database.begin() as session:
        entry = _get(session, uuid)
        entry.description = _valid_description(description)


def move_entry(database: Database, uuid: str, offset: int) -> None:
    """Move an entry up (offset -1) or down (+1) in the list the screens show."""
    with database.begin() as session:
        entry = _get(session, uuid)
        siblings = list(
            session.scalars(
                _live(entry.kind).order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
            )
        )
        index = siblings.index(entry)
        target = index + offset
        if not 0 <= target < len(siblings):
            return
        siblings.insert(target, siblings.pop(index))
        for order, sibling in enumerate(siblings):
            if sibling.sort_order != order:
                sibling.sort_order = order


def set_retired(database: Database, uuid: str, retired: bool) -> None:
    with database.begin() as session:
        _get(session, uuid).retired = retired


def delete_entry(database: Database, uuid: str) -> None:
    with database.begin() as session:
        entry = _get(session, uuid)
        usage = _usage(session, entry)
        if usage:
            raise KnownError(
                f"“{entry.name}”已被 {usage} 条记录使用，不能删除。",
                "如不再使用，请选择“停用”：停用后新记录中不再出现，已有记录保持不变。",
            )
        entry.deleted_at = utc_now()


def undelete_entry(database: Database, uuid: str) -> DictionaryItem:
    with database.begin() as session:
        entry = session.scalars(
            select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)
        ).one_or_none()
        if entry is None:
            raise KnownError("该条目已不存在，无法恢复。", "请刷新列表后再试。")
        _refuse_duplicate(session, entry.kind, entry.name)
        entry.deleted_at = None
        session.flush()
        return _item(session, entry)


def _live(kind: DictionaryKind):
    """The local office's own live entries (lists from other offices are read-only)."""
    local = select(Office.uuid).where(Office.is_local.is_(True)).scalar_subquery()
    return select(DictionaryEntry).where(
        DictionaryEntry.kind == kind,
        DictionaryEntry.deleted_at.is_(None),
        DictionaryEntry.owner_uuid == local,
    )


def _get(session: Session, uuid: str) -> DictionaryEntry:
    entry = session.scalars(
        select(DictionaryEntry).where(
            DictionaryEntry.uuid == uuid, DictionaryEntry.deleted_at.is_(None)
        )
    ).one_or_none()
    if entry is None:
        raise KnownError("该条目已不存在（可能已被删除）。", "请刷新列表后再试。")
    return entry


def _valid_name(name: str) -> str:
    name = clean_line(name)
    if not name:
        raise KnownError("名称不能为空。", "请输入名称。")
    if len(name) > MAX_NAME_LENGTH:
        raise KnownError(f"名称过长（不超过{MAX_NAME_LENGTH}个字）。", "请缩短名称。")
    return name


def _valid_description(description: str) -> str:
    description = clean_line(description)
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise KnownError(
            f"说明过长（{len(description)}字，不超过{MAX_DESCRIPTION_LENGTH}字）。", "请缩短说明。"
        )
    return description


def _refuse_duplicate(session: Session, kind: DictionaryKind, name: str) -> None:
    clash = session.scalars(_live(kind).where(DictionaryEntry.name == name)).first()
    if clash is not None:
        state = "（已停用，可重新启用）" if clash.retired else ""
        raise KnownError(f"“{name}”已经在列表中{state}。", "请换一个名称。")


def _refuse_deleted_namesake(session: Session, entry: DictionaryEntry, name: str) -> None:
    """Names stay unique with deleted entries too: their tombstones must travel."""
    deleted = session.scalars(
        select(DictionaryEntry).where(
            DictionaryEntry.owner_uuid == entry.owner_uuid,
            DictionaryEntry.kind == entry.kind,
            DictionaryEntry.name == name,
            DictionaryEntry.deleted_at.is_not(None),
        )
    ).first()
    if deleted is not None:
        raise KnownError(
            f"“{name}”是一个已删除条目的名称。",
            "如需使用该名称，请恢复那个已删除的条目，或换一个名称。",
        )


def _usage(session: Session, entry: DictionaryEntry, refs: list[Reference] | None = None) -> int:
    connection = session.connection()
    if refs is None:
        refs = references_to(connection, DictionaryEntry.__tablename__)
    return count_live_references(connection, refs, entry.id)


def _item(
    session: Session, entry: DictionaryEntry, refs: list[Reference] | None = None
) -> DictionaryItem:
    return DictionaryItem(
        uuid=entry.uuid,
        kind=entry.kind,
        name=entry.name,
        description=entry.description,
        retired=entry.retired,
        usage=_usage(session, entry, refs),
    )
