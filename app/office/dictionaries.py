"""The office's editable lists (界别, 政治面貌, 民族, 专委会 …).

Entries keep their identity when renamed, so records that use them follow.
An entry in use can only be retired (hidden from new choices); an unused one
can be deleted, which leaves a tombstone and can be undone. Each entry may
have aliases (中国共产党 for 中共) that imports resolve to it; within a kind,
a name or an alias belongs to one entry only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_line
from app.office.dictionary_defaults import KIND_LABELS, KNOWN_ALIASES
from app.office.dictionary_names import (
    Named,
    NameLookup,
    join_aliases,
    name_key,
    split_aliases,
)
from app.office.office import require_local_office
from db.base import utc_now
from db.models import DictionaryEntry, DictionaryKind, Office
from db.references import Reference, count_live_references, references_to

MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 500
MAX_ALIASES = 20


@dataclass(frozen=True)
class DictionaryItem:
    uuid: str
    kind: DictionaryKind
    name: str
    description: str
    retired: bool
    usage: int
    aliases: tuple[str, ...] = ()

    @property
    def in_use(self) -> bool:
        return self.usage > 0

    @property
    def aliases_text(self) -> str:
        return "、".join(self.aliases)


@dataclass(frozen=True)
class ValueChoice:
    """What to do with a value a file brought that the list does not have:
    add it as a new entry (target ""), or make it an alias of the entry `target`."""

    kind: DictionaryKind
    value: str
    target: str = ""


def list_entries(
    database: Database, kind: DictionaryKind, include_retired: bool = True
) -> list[DictionaryItem]:
    with database.read() as session:
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
        return _add_in_session(session, kind, name, description)


def _add_in_session(
    session: Session, kind: DictionaryKind, name: str, description: str
) -> DictionaryItem:
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
    entry.aliases = join_aliases(_free_known_aliases(session, kind, name))
    session.flush()
    return _item(session, entry)


def rename_entry(database: Database, uuid: str, name: str) -> DictionaryItem:
    name = _valid_name(name)
    with database.begin() as session:
        entry = _get(session, uuid)
        if entry.name != name:
            _refuse_duplicate(session, entry.kind, name, entry, renaming=True)
            _refuse_deleted_namesake(session, entry, name)
            aliases = split_aliases(entry.aliases)
            if any(name_key(a) == name_key(name) for a in aliases):
                # Renamed to one of its own aliases: the old name becomes an alias.
                aliases = [a for a in aliases if name_key(a) != name_key(name)] + [entry.name]
                entry.aliases = join_aliases(aliases)
            entry.name = name
        session.flush()
        return _item(session, entry)


def set_aliases(database: Database, uuid: str, aliases: str | list[str]) -> DictionaryItem:
    """Replace the entry's aliases (、 or one a line); its own name is left out."""
    with database.begin() as session:
        entry = _get(session, uuid)
        wanted = split_aliases(aliases if isinstance(aliases, str) else "\n".join(aliases))
        wanted = [a for a in wanted if name_key(a) != name_key(entry.name)]
        if len(wanted) > MAX_ALIASES:
            raise KnownError(f"别名过多（不超过{MAX_ALIASES}个）。", "请删去不常用的别名。")
        for alias in wanted:
            _refuse_duplicate(session, entry.kind, _valid_name(alias, "别名"), entry)
        entry.aliases = join_aliases(wanted)
        session.flush()
        return _item(session, entry)


def apply_value_choices(database: Database, choices: list[ValueChoice]) -> None:
    """Values from an import: each added as an entry or as an alias of one; all or none."""
    with database.begin() as session:
        for choice in choices:
            if choice.target:
                _add_alias(session, choice)
        for choice in choices:
            if not choice.target:
                _add_in_session(session, choice.kind, _valid_name(choice.value), "")


def load_lookup(session: Session) -> NameLookup:
    """Every live entry of the local office, with its aliases (retired ones marked)."""
    rows = session.execute(
        _all_live().with_only_columns(
            DictionaryEntry.kind,
            DictionaryEntry.name,
            DictionaryEntry.aliases,
            DictionaryEntry.retired,
        )
    ).all()
    return NameLookup(
        Named(kind, name, tuple(split_aliases(aliases)), retired)
        for kind, name, aliases, retired in rows
    )


def name_lookup(database: Database) -> NameLookup:
    with database.read() as session:
        return load_lookup(session)


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
        # Aliases another entry has taken meanwhile stay with that entry.
        entry.aliases = join_aliases(
            a for a in split_aliases(entry.aliases) if _owner(session, entry.kind, a) is None
        )
        entry.deleted_at = None
        session.flush()
        return _item(session, entry)


def _all_live():
    """The local office's own live entries (lists from other offices are read-only)."""
    local = select(Office.uuid).where(Office.is_local.is_(True)).scalar_subquery()
    return select(DictionaryEntry).where(
        DictionaryEntry.deleted_at.is_(None), DictionaryEntry.owner_uuid == local
    )


def _live(kind: DictionaryKind):
    return _all_live().where(DictionaryEntry.kind == kind)


def _get(session: Session, uuid: str) -> DictionaryEntry:
    entry = session.scalars(
        select(DictionaryEntry).where(
            DictionaryEntry.uuid == uuid, DictionaryEntry.deleted_at.is_(None)
        )
    ).one_or_none()
    if entry is None:
        raise KnownError("该条目已不存在（可能已被删除）。", "请刷新列表后再试。")
    return entry


def _valid_name(name: str, what: str = "名称") -> str:
    name = clean_line(name)
    if not name:
        raise KnownError(f"{what}不能为空。", f"请输入{what}。")
    if len(name) > MAX_NAME_LENGTH:
        raise KnownError(f"{what}过长（不超过{MAX_NAME_LENGTH}个字）：{name[:20]}…", "请缩短。")
    return name


def _valid_description(description: str) -> str:
    description = clean_line(description)
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise KnownError(
            f"说明过长（{len(description)}字，不超过{MAX_DESCRIPTION_LENGTH}字）。", "请缩短说明。"
        )
    return description


def _owner(
    session: Session, kind: DictionaryKind, text: str, other_than: DictionaryEntry | None = None
) -> DictionaryEntry | None:
    """The live entry of the kind whose name or an alias is `text` (compared by key)."""
    key = name_key(text)
    for entry in session.scalars(_live(kind)):
        if entry is other_than:
            continue
        if name_key(entry.name) == key or key in map(name_key, split_aliases(entry.aliases)):
            return entry
    return None


def _refuse_duplicate(
    session: Session,
    kind: DictionaryKind,
    name: str,
    entry: DictionaryEntry | None = None,
    renaming: bool = False,
) -> None:
    """A name or alias belongs to one entry of a kind: an import must know which."""
    clash = _owner(session, kind, name, other_than=entry)
    if clash is None:
        return
    label = KIND_LABELS[kind]
    if name_key(clash.name) != name_key(name):
        raise KnownError(
            f"“{name}”已是{label}“{clash.name}”的别名。",
            f"同一名称只能对应一个条目。如确需改动，请先从“{clash.name}”的别名中删去它。",
        )
    state = "（已停用，可重新启用）" if clash.retired else ""
    if entry is not None and not renaming:  # an alias of `entry` is another entry's name
        raise KnownError(
            f"别名“{name}”是{label}“{clash.name}”{state}的名称，不能再作为“{entry.name}”的别名。",
            f"如“{entry.name}”与“{clash.name}”是同一个，请选中“{entry.name}”后点“合并到…”；"
            f"否则请从别名中删去“{name}”。",
        )
    hint = "请换一个名称。"
    if renaming and entry is not None:
        hint = (
            f"如“{entry.name}”与“{clash.name}”是同一个，请选中“{entry.name}”后点“合并到…”："
            f"使用它的记录会一并改为“{clash.name}”。"
        )
    raise KnownError(f"“{name}”已经在列表中{state}。", hint)


def _free_known_aliases(session: Session, kind: DictionaryKind, name: str) -> list[str]:
    """The usual other names of a new entry (台湾民主自治同盟 for 台盟) nobody has taken."""
    known = KNOWN_ALIASES.get(kind, {}).get(name, ())
    return [a for a in known if _owner(session, kind, a) is None]


def _add_alias(session: Session, choice: ValueChoice) -> None:
    entry = session.scalars(_live(choice.kind).where(DictionaryEntry.name == choice.target)).first()
    if entry is None:
        raise KnownError(
            f"{KIND_LABELS[choice.kind]}“{choice.target}”已不在列表中。", "请重新检查后再选择。"
        )
    alias = _valid_name(choice.value, "别名")
    _refuse_duplicate(session, choice.kind, alias, entry)
    aliases = split_aliases(entry.aliases)
    if name_key(alias) in map(name_key, aliases):
        return
    if len(aliases) >= MAX_ALIASES:
        raise KnownError(
            f"“{entry.name}”的别名已有{MAX_ALIASES}个。", "请先在基础名录中删去不用的别名。"
        )
    entry.aliases = join_aliases([*aliases, alias])


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
        aliases=tuple(split_aliases(entry.aliases)),
    )
