"""The dry run: what importing a file would do, record by record, writing nothing.

Each record is new, changed (the owner's revision is newer than ours),
unchanged (same revision and content, or ours is already newer: files may
arrive in any order), or a conflict: it does not belong to the office that
sent it, our copy belongs to another office, or the same revision arrived with
different content. Conflicts are never applied (TRUST.md check 7).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.exchange.labels import own_label, reference, table_label
from app.exchange.receiving.validate import invalid
from app.exchange.records import RecordReader, canonical, digest
from app.exchange.tables import SyncTable, sync_table, sync_tables

CATEGORIES = ("new", "changed", "unchanged", "conflicts")
Existing = dict[str, tuple[int, str, int]]  # uuid → (id, owner, revision)


@dataclass
class Incoming:
    """A decrypted, validated file's content."""

    header: dict[str, Any]
    records: dict[str, list[tuple[str, dict[str, Any]]]]  # table → (line digest, record)
    purged: list[dict[str, Any]]
    blobs: dict[str, Path]


@dataclass(slots=True)
class Item:
    table: str
    uuid: str
    category: str
    # The reference, or how to make it from the record (only when shown: most imports
    # name no record at all).
    naming: str | Callable[[dict[str, Any]], str]
    reason: str = ""
    stale: bool = False  # unchanged because our copy is already newer
    local_id: int | None = None
    record: dict[str, Any] | None = None
    digest: str = ""

    @property
    def reference(self) -> str:
        """What names the record for a person: 委员 张建国, 提案 2025-012 关于…"""
        if not isinstance(self.naming, str):
            self.naming = self.naming(self.record or {})
        return self.naming


@dataclass
class Plan:
    sender_uuid: str
    items: dict[str, list[Item]] = field(default_factory=dict)  # in table order
    purges: list[Item] = field(default_factory=list)
    # Per table, the rows here among every uuid the file names (apply maps uuids to ids).
    existing: dict[str, Existing] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for table, items in self.items.items():
            row = dict.fromkeys(CATEGORIES, 0)
            row.update(Counter(map(_category, items)))
            counts[table] = row
        for item in self.purges:
            counts.setdefault(item.table, dict.fromkeys(CATEGORIES, 0))[item.category] += 1
        return counts

    def all_items(self) -> list[Item]:
        return [i for items in self.items.values() for i in items] + self.purges

    @property
    def conflicts(self) -> list[Item]:
        return [i for i in self.all_items() if i.category == "conflicts"]

    @property
    def changes(self) -> int:
        return sum(1 for i in self.all_items() if i.category in ("new", "changed"))


_CHUNK = 500  # uuids per IN (...) list, below SQLite's variable limit


def existing_rows(connection: Connection, table: str, uuids: set[str]) -> Existing:
    """The rows here among `uuids` (looked up by the uuid index: the cost follows the
    file's size, not how much this database already holds)."""
    found: Existing = {}
    wanted = list(uuids)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f'SELECT uuid, id, owner_uuid, revision FROM "{table}" WHERE uuid IN ({marks})',
            tuple(chunk),
        )
        found.update((uuid, (row_id, owner, revision)) for uuid, row_id, owner, revision in rows)
    return found


def uuids_asked(incoming: Incoming) -> dict[str, set[str]]:
    """Per table, every uuid the plan asks about: the file's records, what they refer
    to, and the removals."""
    asked: dict[str, set[str]] = {t.name: set() for t in sync_tables()}
    for name, rows in incoming.records.items():
        table = sync_table(name)
        records = list(map(itemgetter(1), rows))
        asked[name].update(map(itemgetter("u"), records))
        fields = list(map(itemgetter("f"), records))
        for f in table.refs:
            asked[f.target or ""].update(map(itemgetter(f.name), fields))
        for link in table.links:
            lists = map(itemgetter(link.key), map(itemgetter("l"), records))
            asked[link.other_table].update(chain.from_iterable(lists))
    for entry in incoming.purged:
        asked[entry["t"]].add(entry["u"])
    for uuids in asked.values():
        uuids.discard(None)  # type: ignore[arg-type]
    return asked


def removed_here(connection: Connection, owner: str) -> set[str]:
    """uuids of `owner`'s records whose removal arrived here (apply._remember_removals)."""
    rows = connection.exec_driver_sql(
        "SELECT record_uuid FROM purged_record WHERE owner_uuid = ?", (owner,)
    )
    return set(rows.scalars())


def make_plan(connection: Connection, incoming: Incoming, sender_uuid: str) -> Plan:
    asked = uuids_asked(incoming)
    existing = {t.name: existing_rows(connection, t.name, asked[t.name]) for t in sync_tables()}
    plan = Plan(sender_uuid, existing=existing)
    reader = RecordReader(connection)
    named = _namer(incoming)
    removed = removed_here(connection, sender_uuid)
    for table in sync_tables():
        rows = incoming.records.get(table.name)
        if rows:
            plan.items[table.name] = _classify(
                table, rows, existing[table.name], sender_uuid, reader, named, removed
            )
    for entry in incoming.purged:
        plan.purges.append(_classify_purge(entry, existing[entry["t"]], sender_uuid))
    _check_references(plan, existing)
    return plan


def _classify(
    table: SyncTable,
    rows: list[tuple[str, dict[str, Any]]],
    existing: Existing,
    sender: str,
    reader: RecordReader,
    named: Callable[[str], str],
    removed: set[str],
) -> list[Item]:
    naming = partial(_reference, table, named)
    records = list(map(itemgetter(1), rows))
    owners = set(map(itemgetter("o"), records))
    uuids = list(map(itemgetter("u"), records))
    if owners == {sender} and existing.keys().isdisjoint(uuids) and removed.isdisjoint(uuids):
        # The usual first file: every record new. One C-driven pass, no per-record branches.
        return [
            Item(table.name, record["u"], "new", naming, "", False, None, record, line_digest)
            for line_digest, record in rows
        ]
    items = []
    same_revision: dict[int, Item] = {}
    for line_digest, record in rows:
        item = Item(table.name, record["u"], "new", naming, record=record)
        item.digest = line_digest
        found = existing.get(record["u"])
        if record["o"] != sender:
            item.category, item.reason = "conflicts", "该记录不属于发送单位，只有其所属单位才能修改"
        elif record["u"] in removed:  # an older file, late: its owner has removed it since
            item.category, item.stale = "unchanged", True
        elif found is None:
            pass
        elif found[1] != record["o"]:
            item.category, item.reason = "conflicts", "本机已有同一编号的记录，但属于另一单位"
        elif record["r"] > found[2]:
            item.category, item.local_id = "changed", found[0]
        elif record["r"] < found[2]:
            item.category, item.local_id, item.stale = "unchanged", found[0], True
        else:
            item.category, item.local_id = "unchanged", found[0]
            same_revision[found[0]] = item
        items.append(item)
    if same_revision:
        for local in reader.read_ids(table, same_revision):
            row_id = existing[local["u"]][0]
            if digest(canonical(local)) != same_revision[row_id].digest:
                item = same_revision[row_id]
                item.category, item.reason = "conflicts", "版本号相同但内容不同"
    return items


_category = attrgetter("category")
_uuid = attrgetter("uuid")


def _reference(table: SyncTable, named: Callable[[str], str], record: dict[str, Any]) -> str:
    return reference(table, record, named)


def _namer(incoming: Incoming) -> Callable[[str], str]:
    """uuid → the words of a record in the same file (a seat is named by its member).

    Built on first use: most imports name no record at all (only conflicts and the
    dry-run dialog's details do). It keeps each record's uuid and fields, not the
    records: an import's summary keeps it after the import (see details.py)."""
    sources = [
        (name, list(map(itemgetter("u"), records)), list(map(itemgetter("f"), records)))
        for name, records in (
            (n, list(map(itemgetter(1), rows))) for n, rows in incoming.records.items()
        )
    ]
    words: dict[str, str] = {}

    def named(uuid: str) -> str:
        if not words:
            for name, uuids, fields in sources:
                table = sync_table(name)
                words.update(zip(uuids, (own_label(table, {"f": f}) for f in fields), strict=True))
        return words.get(uuid, "")

    return named


def _classify_purge(entry: dict[str, Any], existing: Existing, sender: str) -> Item:
    table = sync_table(entry["t"])
    item = Item(table.name, entry["u"], "unchanged", f"{table_label(table.name)} {entry['u'][:8]}")
    found = existing.get(entry["u"])
    if entry["o"] != sender or (found is not None and found[1] != sender):
        item.category, item.reason = "conflicts", "删除了不属于发送单位的记录"
    elif found is not None:
        item.category, item.local_id, item.reason = "changed", found[0], "对方已删除"
    return item


def _check_references(plan: Plan, existing: dict[str, Existing]) -> None:
    """Every record to be written must point at rows that exist here or arrive with it.

    A record pointing at a conflict is a conflict too (it cannot be written without
    it); one pointing at nothing at all makes the file invalid.
    """
    conflicting: dict[str, set[str]] = {name: set() for name in plan.items}
    for name, items in plan.items.items():
        if "conflicts" in map(_category, items):
            conflicting[name] = {i.uuid for i in items if i.category == "conflicts"}
    arriving = {name: set(map(_uuid, items)) for name, items in plan.items.items()}
    if not any(conflicting.values()) and _all_targets_found(plan, existing, arriving):
        return  # the usual file: nothing to mark, nothing missing (checked per column)
    changed = True
    while changed:
        changed = False
        for name, items in plan.items.items():
            table = sync_table(name)
            for item in items:
                if item.category not in ("new", "changed") or item.record is None:
                    continue
                blocker = _missing_target(table, item, existing, arriving, conflicting)
                if blocker is not None:
                    item.category, item.reason = "conflicts", f"引用了冲突记录（{blocker}）"
                    conflicting[name].add(item.uuid)
                    changed = True


def _all_targets_found(
    plan: Plan, existing: dict[str, Existing], arriving: dict[str, set[str]]
) -> bool:
    """Whether every reference of every record to be written points at a row that exists
    here or arrives in the file: one set difference per column instead of a lookup per
    value. False sends the caller to the record-by-record walk, which names the record."""
    for name, items in plan.items.items():
        table = sync_table(name)
        records = [i.record for i in items if i.category in ("new", "changed") and i.record]
        fields = list(map(itemgetter("f"), records))
        wanted: list[tuple[str, set[str]]] = []
        for f in table.refs:
            wanted.append((f.target or "", set(map(itemgetter(f.name), fields)) - {None}))
        for link in table.links:
            lists = map(itemgetter(link.key), map(itemgetter("l"), records))
            wanted.append((link.other_table, set(chain.from_iterable(lists))))
        for target, values in wanted:
            if values - existing[target].keys() - arriving.get(target, set()):
                return False
    return True


def _missing_target(
    table: SyncTable,
    item: Item,
    existing: dict[str, Existing],
    arriving: dict[str, set[str]],
    conflicting: dict[str, set[str]],
) -> str | None:
    """The label of a conflicting record this one needs; raises if it needs a record nowhere."""
    record = item.record
    assert record is not None
    fields = record["f"]
    for f in table.refs:
        value = fields[f.name]
        if value is not None:
            found = _target(
                f.target or "", value, f.name, table, item, existing, arriving, conflicting
            )
            if found:
                return found
    for link in table.links:
        for value in record["l"][link.key]:
            found = _target(
                link.other_table, value, link.key, table, item, existing, arriving, conflicting
            )
            if found:
                return found
    return None


def _target(
    target: str,
    value: str,
    what: str,
    table: SyncTable,
    item: Item,
    existing: dict[str, Existing],
    arriving: dict[str, set[str]],
    conflicting: dict[str, set[str]],
) -> str:
    if value in conflicting.get(target, ()):
        return table_label(target)
    if value not in existing[target] and value not in arriving.get(target, ()):
        raise invalid(table.name, item.uuid, f"{what} 引用的记录不存在")
    return ""
