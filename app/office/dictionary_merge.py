"""Merging two entries of a list (中国共产党 into 中共), and undoing it.

Every record that uses the merged entry is moved to the one kept, whatever the
table (db.references finds them from the database's own foreign keys); the
merged entry's name and aliases become aliases of the kept one, so later imports
still find it; the merged entry is left as a tombstone. One transaction, and one
undo: MergeUndo says exactly which rows moved, and undo_merge moves them back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, text
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.office.dictionary_defaults import KIND_LABELS
from app.office.dictionary_names import join_aliases, name_key, split_aliases
from app.office.office import require_local_office
from db.base import UtcDateTime, utc_now
from db.models import DictionaryEntry
from db.references import Reference, references_to

Key = tuple[tuple[str, object], ...]  # (column, value) pairs naming one row


@dataclass(frozen=True)
class MovedRow:
    """One row that pointed at the merged entry; `dropped`: a link row deleted because
    the same link to the kept entry existed already (a member in both committees)."""

    table: str
    column: str
    key: Key
    dropped: bool = False


@dataclass(frozen=True)
class MergeUndo:
    source_uuid: str
    target_uuid: str
    added_aliases: tuple[str, ...]
    rows: tuple[MovedRow, ...]


@dataclass(frozen=True)
class MergeResult:
    source_name: str
    target_name: str
    moved: int  # rows that now use the kept entry
    undo: MergeUndo

    @property
    def text(self) -> str:
        return (
            f"已将“{self.source_name}”合并到“{self.target_name}”：{self.moved} 条记录改为"
            f"“{self.target_name}”，“{self.source_name}”成为它的别名。"
        )


def merge_entries(database: Database, source_uuid: str, target_uuid: str) -> MergeResult:
    """Move every use of `source` to `target`; `source` becomes an alias and a tombstone."""
    if source_uuid == target_uuid:
        raise KnownError("不能把一个条目合并到它自己。", "请选择另一个条目作为合并目标。")
    with database.begin() as session:
        source, target = _local(session, source_uuid), _local(session, target_uuid)
        if source.kind is not target.kind:
            raise KnownError(
                f"“{source.name}”（{KIND_LABELS[source.kind]}）与“{target.name}”"
                f"（{KIND_LABELS[target.kind]}）不是同一种名录，不能合并。",
                "只能合并同一名录中的两个条目。",
            )
        if target.retired:
            raise KnownError(
                f"“{target.name}”已停用，不能作为合并目标。", "请先重新启用它，或另选目标。"
            )
        connection = session.connection()
        rows = _move(connection, source.id, target.id)
        kept = split_aliases(target.aliases)
        known = {name_key(target.name), *map(name_key, kept)}
        added = [
            a
            for a in dict.fromkeys([source.name, *split_aliases(source.aliases)])
            if name_key(a) not in known
        ]
        source.aliases = ""  # they belong to the kept entry now
        source.deleted_at = utc_now()
        session.flush()  # the tombstone first: its aliases must be free for the target
        target.aliases = join_aliases([*kept, *added])
        undo = MergeUndo(source.uuid, target.uuid, tuple(added), tuple(rows))
        moved = sum(1 for r in rows if not r.dropped)
        return MergeResult(source.name, target.name, moved, undo)


def undo_merge(database: Database, undo: MergeUndo) -> str:
    """Put back what merge_entries did; returns the name of the entry restored."""
    with database.begin() as session:
        source = session.scalars(
            select(DictionaryEntry).where(DictionaryEntry.uuid == undo.source_uuid)
        ).one_or_none()
        target = session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.uuid == undo.target_uuid, DictionaryEntry.deleted_at.is_(None)
            )
        ).one_or_none()
        if source is None or target is None or source.deleted_at is None:
            raise KnownError("合并之后名录已有变化，无法撤销。", "请在基础名录中手工调整。")
        added = {name_key(a) for a in undo.added_aliases}
        kept = [a for a in split_aliases(target.aliases) if name_key(a) not in added]
        target.aliases = join_aliases(kept)
        session.flush()
        source.aliases = join_aliases(
            a for a in undo.added_aliases if name_key(a) != name_key(source.name)
        )
        source.deleted_at = None
        _move_back(session.connection(), undo.rows, source.id, target.id)
        return source.name


def _local(session: Session, uuid: str) -> DictionaryEntry:
    office = require_local_office(session)
    entry = session.scalars(
        select(DictionaryEntry).where(
            DictionaryEntry.uuid == uuid,
            DictionaryEntry.deleted_at.is_(None),
            DictionaryEntry.owner_uuid == office.uuid,
        )
    ).one_or_none()
    if entry is None:
        raise KnownError("该条目已不存在（可能已被删除）。", "请刷新列表后再试。")
    return entry


# --- moving the rows that refer to an entry -------------------------------------------


@dataclass(frozen=True)
class _Shape:
    key_columns: tuple[str, ...]  # "id", or a link table's primary key
    synced: bool  # has revision and updated_at
    parents: tuple[tuple[str, str], ...]  # a link table's (column, synced parent table)


def _columns(connection: Connection, table: str) -> list[tuple]:
    return list(connection.execute(text(f'PRAGMA table_info("{table}")')))


def _is_synced(columns: list[tuple]) -> bool:
    return {"id", "revision", "updated_at"} <= {row[1] for row in columns}


def _shape(connection: Connection, table: str) -> _Shape:
    info = _columns(connection, table)
    if "id" in {row[1] for row in info}:
        return _Shape(("id",), _is_synced(info), ())
    key = tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5])
    parents = tuple(
        (fk[3], fk[2])
        for fk in connection.execute(text(f'PRAGMA foreign_key_list("{table}")'))
        if fk[2] != DictionaryEntry.__tablename__ and _is_synced(_columns(connection, fk[2]))
    )
    return _Shape(key, False, parents)


def _move(connection: Connection, source_id: int, target_id: int) -> list[MovedRow]:
    moved: list[MovedRow] = []
    for ref in references_to(connection, DictionaryEntry.__tablename__):
        shape = _shape(connection, ref.table)
        keys = _keys_pointing_at(connection, ref, shape, source_id)
        for key in keys:
            if shape.key_columns != ("id",) and _exists(connection, ref, key, target_id):
                _delete(connection, ref.table, key)
                moved.append(MovedRow(ref.table, ref.column, key, dropped=True))
            else:
                _point(connection, ref, key, source_id, target_id)
                moved.append(MovedRow(ref.table, ref.column, key))
            _bump(connection, ref.table, shape, key)
    return moved


def _move_back(
    connection: Connection, rows: tuple[MovedRow, ...], source_id: int, target_id: int
) -> None:
    for row in rows:
        ref = Reference(row.table, row.column, tombstoned=False)
        shape = _shape(connection, row.table)
        if row.dropped:
            if not _exists(connection, ref, row.key, source_id):
                _insert(connection, ref, row.key, source_id)
        else:
            _point(connection, ref, row.key, target_id, source_id)
        _bump(connection, row.table, shape, row.key)


def _keys_pointing_at(
    connection: Connection, ref: Reference, shape: _Shape, entry_id: int
) -> list[Key]:
    names = ", ".join(f'"{c}"' for c in shape.key_columns)
    found = connection.execute(
        text(f'SELECT {names} FROM "{ref.table}" WHERE "{ref.column}" = :id'), {"id": entry_id}
    )
    return [tuple(zip(shape.key_columns, row, strict=True)) for row in found]


def _where(key: Key, ref: Reference | None = None) -> tuple[str, dict[str, object]]:
    """SQL for the row with `key`; in a link table the entry column is part of the key
    and is matched separately (it is what changes)."""
    parts = [(c, v) for c, v in key if ref is None or c != ref.column]
    sql = " AND ".join(f'"{c}" = :k{i}' for i, (c, _v) in enumerate(parts))
    return sql, {f"k{i}": v for i, (_c, v) in enumerate(parts)}


def _exists(connection: Connection, ref: Reference, key: Key, entry_id: int) -> bool:
    where, params = _where(key, ref)
    sql = f'SELECT 1 FROM "{ref.table}" WHERE {where} AND "{ref.column}" = :entry'
    return connection.execute(text(sql), {**params, "entry": entry_id}).first() is not None


def _point(connection: Connection, ref: Reference, key: Key, old: int, new: int) -> None:
    where, params = _where(key, ref)
    column = f'"{ref.column}"'
    connection.execute(
        text(f'UPDATE "{ref.table}" SET {column} = :new WHERE {where} AND {column} = :old'),
        {**params, "old": old, "new": new},
    )


def _delete(connection: Connection, table: str, key: Key) -> None:
    where, params = _where(key)
    connection.execute(text(f'DELETE FROM "{table}" WHERE {where}'), params)


def _insert(connection: Connection, ref: Reference, key: Key, entry_id: int) -> None:
    values = {c: v for c, v in key if c != ref.column} | {ref.column: entry_id}
    names = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join(f":v{i}" for i in range(len(values)))
    params = {f"v{i}": v for i, v in enumerate(values.values())}
    connection.execute(text(f'INSERT INTO "{ref.table}" ({names}) VALUES ({marks})'), params)


def _bump(connection: Connection, table: str, shape: _Shape, key: Key) -> None:
    """A moved row is a changed record for the exchange: a new revision. A link row
    (committee membership) travels with its parent record, so the parent's is bumped."""
    rows: list[tuple[str, object]] = []
    if shape.synced:
        rows.append((table, key[0][1]))
    values = dict(key)
    rows += [(parent, values[column]) for column, parent in shape.parents if column in values]
    for parent, row_id in rows:
        statement = text(
            f'UPDATE "{parent}" SET revision = revision + 1, updated_at = :now WHERE id = :id'
        ).bindparams(bindparam("now", type_=UtcDateTime()))
        connection.execute(statement, {"now": utc_now(), "id": row_id})
