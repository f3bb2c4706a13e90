"""Which tables travel, found from the models themselves.

Every SyncedMixin table travels (but `office`: partner offices arrive as office
cards), in foreign-key order. A plain link table (two foreign keys to synced
tables, e.g. member_committee) travels inside the record of its first column's
table, as a list of the other side's uuids. Integer foreign keys between synced
rows travel as the referenced row's uuid; LargeBinary columns travel as blobs
addressed by SHA-256. A table added later travels without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, LargeBinary, String, Table, Text

import db.schema
from db.base import Base, SyncedMixin

# Columns every synced record has; they travel under short keys (records.py).
META_COLUMNS = ("id", "uuid", "owner_uuid", "revision", "deleted_at", "created_at", "updated_at")
NOT_EXCHANGED = frozenset({"office"})  # partner offices arrive as office cards
# A table with this column belongs to the record the column names (attachments).
PARENT_UUID = "parent_uuid"


@dataclass(frozen=True)
class Link:
    """A link table carried inside its parent record: {key: [other uuids]}."""

    table: Table
    parent_column: str
    other_column: str
    other_table: str

    @property
    def key(self) -> str:
        return self.table.name


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # int / bool / text / date / datetime / enum / blob / ref
    nullable: bool
    max_length: int | None = None
    choices: frozenset[str] | None = None  # enum values
    target: str | None = None  # for a ref: the referenced table
    deferred: bool = False  # a ref to this or a later table: written after the rows

    @property
    def is_ref(self) -> bool:
        return self.kind == "ref"

    @property
    def blobbed(self) -> bool:
        return self.kind == "blob"


@dataclass(frozen=True)
class SyncTable:
    name: str
    table: Table
    fields: tuple[Field, ...]
    links: tuple[Link, ...]
    label_columns: tuple[str, ...]  # what names a record for a person (summaries)
    refs: tuple[Field, ...] = ()  # the foreign keys among `fields` (kept: asked per record)
    blobs: tuple[Field, ...] = ()  # the LargeBinary columns among `fields`
    field_names: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_names", frozenset(f.name for f in self.fields))
        object.__setattr__(self, "refs", tuple(f for f in self.fields if f.is_ref))
        object.__setattr__(self, "blobs", tuple(f for f in self.fields if f.kind == "blob"))

    @property
    def has_parent_uuid(self) -> bool:
        return PARENT_UUID in self.table.c

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


_LABEL_PREFERENCE = (
    "number",
    "title",
    "name",
    "file_name",
    "original_name",
    "content",
    "text",
    "department",
)


@cache
def sync_tables() -> tuple[SyncTable, ...]:
    """The travelling tables in foreign-key order (a referenced table comes first)."""
    del db.schema  # imported for its side effect: every table is registered
    synced = {
        m.local_table.name
        for m in Base.registry.mappers
        if issubclass(m.class_, SyncedMixin) and m.local_table.name not in NOT_EXCHANGED
    }
    ordered = [t for t in Base.metadata.sorted_tables if t.name in synced]
    position = {t.name: i for i, t in enumerate(ordered)}
    links = _links(synced)
    result = []
    for table in ordered:
        fields = tuple(
            _field(table, column.name, position)
            for column in table.columns
            if column.name not in META_COLUMNS
        )
        texts = {f.name for f in fields if f.kind in ("text", "int")}
        labels = tuple(c for c in _LABEL_PREFERENCE if c in texts)
        result.append(
            SyncTable(
                table.name,
                table,
                fields,
                tuple(link for link in links if _parent_table(link) == table.name),
                labels[:2],
            )
        )
    return tuple(result)


@cache
def sync_table(name: str) -> SyncTable:
    for table in sync_tables():
        if table.name == name:
            return table
    raise KeyError(name)


def _parent_table(link: Link) -> str:
    [fk] = link.table.c[link.parent_column].foreign_keys
    return fk.column.table.name


def _links(synced: set[str]) -> list[Link]:
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in synced or "uuid" in table.c or table.info.get("local"):
            continue
        keyed = [c for c in table.columns if c.foreign_keys]
        targets = [next(iter(c.foreign_keys)).column for c in keyed]
        if (
            len(keyed) == 2
            and len(table.columns) == 2
            and all(t.table.name in synced and t.name == "id" for t in targets)
        ):
            found.append(Link(table, keyed[0].name, keyed[1].name, targets[1].table.name))
    return found


def _field(table: Table, name: str, position: dict[str, int]) -> Field:
    column = table.c[name]
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column
        if target.name != "id" or target.table.name not in position:
            raise TypeError(f"{table.name}.{name} refers to something that does not travel")
        deferred = position[target.table.name] >= position[table.name]
        if deferred and not column.nullable:
            raise TypeError(f"{table.name}.{name}: a forward reference must allow NULL")
        return Field(name, "ref", column.nullable, target=target.table.name, deferred=deferred)
    kind, length, choices = _kind(column.type)
    return Field(name, kind, bool(column.nullable), length, choices)


def _kind(column_type: object) -> tuple[str, int | None, frozenset[str] | None]:
    if isinstance(column_type, Enum):
        return "enum", None, frozenset(column_type.enums)
    if isinstance(column_type, Boolean):
        return "bool", None, None
    if isinstance(column_type, Integer):
        return "int", None, None
    if isinstance(column_type, LargeBinary):
        return "blob", None, None
    if isinstance(column_type, DateTime) or getattr(column_type, "impl", None) is DateTime:
        return "datetime", None, None
    if isinstance(column_type, Date):
        return "date", None, None
    if isinstance(column_type, (String, Text)):
        return "text", getattr(column_type, "length", None), None
    impl = getattr(column_type, "impl_instance", None)
    if impl is not None:
        return _kind(impl)
    raise TypeError(f"no exchange form for column type {column_type!r}")
