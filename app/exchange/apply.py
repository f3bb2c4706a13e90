"""Writing a planned import, inside the caller's one transaction.

Values are written as the owner's database holds them (revisions included), so
the revision counter is not bumped and the ownership guard does not apply:
this is the owner's change arriving. Order: removals, then each table in
foreign-key order (references to this or a later table are filled in after the
rows exist), then link tables, then the manifest check (check_manifest).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from app.exchange.plan import Incoming, Item, Plan, uuids_asked
from app.exchange.records import RecordReader, table_digest
from app.exchange.tables import SyncTable, sync_table, sync_tables

_META_COLUMNS = ("uuid", "owner_uuid", "revision", "deleted_at", "created_at", "updated_at")


class ManifestMismatch(Exception):
    def __init__(self, table: str, expected: object, found: object) -> None:
        super().__init__(f"{table}: expected {expected}, found {found}")
        self.table = table


def apply_plan(connection: Connection, plan: Plan, incoming: Incoming) -> None:
    for item in sorted(plan.purges, key=_removal_order):
        if item.category == "changed":
            connection.exec_driver_sql(
                f'DELETE FROM "{item.table}" WHERE id = ? AND owner_uuid = ?',
                (item.local_id, plan.sender_uuid),
            )
    ids = _IdMaps(connection, uuids_asked(incoming))
    later: list[tuple[str, str, int, str]] = []  # (table, column, row id, target uuid)
    for table in sync_tables():
        items = [i for i in plan.items.get(table.name, ()) if i.category in ("new", "changed")]
        if items:
            _write_table(connection, table, items, incoming, ids, later)
    for table_name, column, row_id, target in later:
        target_table = sync_table(table_name).field(column).target
        assert target_table is not None
        connection.exec_driver_sql(
            f'UPDATE "{table_name}" SET "{column}" = ? WHERE id = ?',
            (ids.of(target_table)[target], row_id),
        )
    for table in sync_tables():
        if table.links:
            items = [i for i in plan.items.get(table.name, ()) if i.category in ("new", "changed")]
            _write_links(connection, table, items, ids)


def _removal_order(item: Item) -> int:
    order = [t.name for t in sync_tables()]
    return -order.index(item.table)


class _IdMaps:
    """uuid → id per table, reloaded after rows are added to it.

    Only the uuids the file names (its records, what they refer to) are looked up:
    the cost follows the file, not how much this database already holds."""

    def __init__(self, connection: Connection, asked: dict[str, set[str]]) -> None:
        self._connection = connection
        self._asked = asked
        self._maps: dict[str, dict[str, int]] = {}

    def of(self, table: str) -> dict[str, int]:
        if table not in self._maps:
            self._maps[table] = ids_by_uuid(self._connection, table, list(self._asked[table]))
        return self._maps[table]

    def forget(self, table: str) -> None:
        self._maps.pop(table, None)


def _write_table(
    connection: Connection,
    table: SyncTable,
    items: list[Item],
    incoming: Incoming,
    ids: _IdMaps,
    later: list[tuple[str, str, int, str]],
) -> None:
    columns = [*_META_COLUMNS, *(f.name for f in table.fields)]
    plain = [f.name for f in table.fields]
    # Values that need converting: foreign keys (uuid → local id) and blobs (hash → bytes).
    special = [
        (len(_META_COLUMNS) + n, f) for n, f in enumerate(table.fields) if f.is_ref or f.blobbed
    ]
    maps = {f.target: ids.of(f.target) for _, f in special if f.is_ref and not f.deferred}
    deferred: list[tuple[str, str, str]] = []  # (record uuid, column, target uuid)
    inserts, updates = [], []
    meta = itemgetter("u", "o", "r", "d", "c", "m")
    take = _getter(plain)
    for item in items:
        record = item.record
        assert record is not None
        values = [*meta(record), *take(record["f"])]
        for index, f in special:
            value = values[index]
            if value is None:
                continue
            if f.blobbed:
                values[index] = incoming.blobs[value].read_bytes()
            elif f.deferred:
                deferred.append((record["u"], f.name, value))
                values[index] = None
            else:
                values[index] = maps[f.target][value]
        if item.category == "new":
            inserts.append(tuple(values))
        else:
            updates.append((*values, item.local_id))
    names = ", ".join(f'"{c}"' for c in columns)
    if inserts:
        marks = ", ".join("?" * len(columns))
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', inserts
        )
        ids.forget(table.name)
    if updates:
        sets = ", ".join(f'"{c}" = ?' for c in columns)
        connection.exec_driver_sql(f'UPDATE "{table.name}" SET {sets} WHERE id = ?', updates)
    own = ids.of(table.name)
    later.extend((table.name, column, own[uuid], target) for uuid, column, target in deferred)


def _getter(names: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of `names` from a dict, as a tuple (itemgetter returns a bare value for one)."""
    if len(names) == 1:
        return lambda fields: (fields[names[0]],)
    if not names:
        return lambda fields: ()
    return itemgetter(*names)


def _write_links(connection: Connection, table: SyncTable, items: list[Item], ids: _IdMaps) -> None:
    if not items:
        return
    own = ids.of(table.name)
    for link in table.links:
        other = ids.of(link.other_table)
        parents = [own[i.uuid] for i in items]
        rows = [
            (own[i.uuid], other[value])
            for i in items
            if i.record is not None
            for value in i.record["l"][link.key]
        ]
        name, parent, target = link.table.name, link.parent_column, link.other_column
        connection.exec_driver_sql(
            f'DELETE FROM "{name}" WHERE "{parent}" = ?', [(p,) for p in parents]
        )
        if rows:
            connection.exec_driver_sql(
                f'INSERT INTO "{name}" ("{parent}", "{target}") VALUES (?, ?)', rows
            )


def check_manifest(connection: Connection, plan: Plan, incoming: Incoming) -> None:
    """After writing: the file's records must match its manifest (count and hash per
    table), and the database must now hold each of them exactly as the file has it."""
    manifest: dict[str, Any] = incoming.header["tables"]
    reader = RecordReader(connection)  # a fresh reader: nothing cached from before
    for table in sync_tables():
        items = plan.items.get(table.name, [])
        expected = manifest.get(table.name, {"count": 0, "sha256": table_digest([])})
        found = {"count": len(items), "sha256": table_digest((i.uuid, i.digest) for i in items)}
        if found["count"] != expected.get("count") or found["sha256"] != expected.get("sha256"):
            raise ManifestMismatch(table.name, expected, found)
        held = {i.uuid: i.record for i in items if i.category != "conflicts" and not i.stale}
        if not held:
            continue
        if len(held) > 2000:  # most of the sender's rows: one scan beats long IN lists
            rows = reader.read(table, "owner_uuid = ?", (plan.sender_uuid,))
        else:
            rows = reader.read_ids(table, ids_by_uuid(connection, table.name, list(held)).values())
        found_rows = 0
        for record in rows:
            wanted = held.get(record["u"])
            if wanted is None:
                continue
            found_rows += 1
            if record != wanted:
                raise ManifestMismatch(table.name, record["u"], "written differently")
        if found_rows != len(held):
            raise ManifestMismatch(table.name, len(held), found_rows)
    purged = incoming.header["purged"]
    found_purged = table_digest((p["u"], p["t"]) for p in incoming.purged)
    if (len(incoming.purged), found_purged) != (purged.get("count"), purged.get("sha256")):
        raise ManifestMismatch("purged", purged, found_purged)
    for item in plan.purges:
        if item.category == "changed" and ids_by_uuid(connection, item.table, [item.uuid]):
            raise ManifestMismatch(item.table, "removed", "still there")


def ids_by_uuid(connection: Connection, table: str, uuids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f'SELECT uuid, id FROM "{table}" WHERE uuid IN ({marks})', tuple(chunk)
        )
        found.update(rows.all())
    return found
