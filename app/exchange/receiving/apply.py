"""Writing a planned import, inside the caller's one transaction.

Values are written as the owner's database holds them (revisions included), so
the revision counter is not bumped and the ownership guard does not apply:
this is the owner's change arriving. Order: removals, then each table in
foreign-key order (references to this or a later table are filled in after the
rows exist), then link tables, then the manifest check (check_manifest).

New rows get their ids here (after the table's highest), so uuids map to ids
without asking the database again; the check reads every written row back,
uuid included, so a wrong id cannot pass unseen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, insert

from app.exchange.receiving.plan import Existing, Incoming, Item, Plan, removed_here
from app.exchange.records import driver_cursor, table_digest
from app.exchange.tables import SyncTable, sync_table, sync_tables
from db.exchange_models import PurgedRecord

_META_COLUMNS = ("uuid", "owner_uuid", "revision", "deleted_at", "created_at", "updated_at")
_RECORD_META = ("u", "o", "r", "d", "c", "m")  # the same, as a record names them
_CHUNK = 500  # ids per IN (...) list, below SQLite's variable limit


class ManifestMismatch(Exception):
    def __init__(self, table: str, expected: object, found: object) -> None:
        super().__init__(f"{table}: expected {expected}, found {found}")
        self.table = table


@dataclass
class Written:
    """What apply_plan wrote, row by row, for check_manifest to read back."""

    rows: dict[str, dict[int, tuple[Any, ...]]] = field(default_factory=dict)  # id → values
    links: dict[str, tuple[list[int], set[tuple[int, int]]]] = field(default_factory=dict)


def apply_plan(connection: Connection, plan: Plan, incoming: Incoming) -> Written:
    ids = _IdMaps(plan.existing)
    for item in sorted(plan.purges, key=_removal_order):
        if item.category == "changed":
            connection.exec_driver_sql(
                f'DELETE FROM "{item.table}" WHERE id = ? AND owner_uuid = ?',
                (item.local_id, plan.sender_uuid),
            )
            ids.drop(item.table, item.uuid)
    _remember_removals(connection, plan)
    written = Written()
    later: list[tuple[str, str, int, str]] = []  # (table, column, row id, target uuid)
    for table in sync_tables():
        items = [i for i in plan.items.get(table.name, ()) if i.category in ("new", "changed")]
        if items:
            _write_table(connection, table, items, incoming, ids, later, written)
    for table_name, column, row_id, target in later:
        table = sync_table(table_name)
        target_table = table.field(column).target
        assert target_table is not None
        target_id = ids.of(target_table)[target]
        connection.exec_driver_sql(
            f'UPDATE "{table_name}" SET "{column}" = ? WHERE id = ?', (target_id, row_id)
        )
        row = list(written.rows[table_name][row_id])
        row[_columns(table).index(column)] = target_id
        written.rows[table_name][row_id] = tuple(row)
    for table in sync_tables():
        if table.links:
            items = [i for i in plan.items.get(table.name, ()) if i.category in ("new", "changed")]
            _write_links(connection, table, items, ids, written)
    return written


def _remember_removals(connection: Connection, plan: Plan) -> None:
    """Every removal the owner sent (applied here, or of a record not here yet) is kept,
    so that an older file arriving late cannot bring the record back (plan.removed_here):
    a replaced 联名人 would otherwise return beside its successor in the same place."""
    wanted = {i.uuid: i.table for i in plan.purges if i.category != "conflicts"}
    if not wanted:
        return
    known = removed_here(connection, plan.sender_uuid)
    rows = [
        {"table_name": table, "record_uuid": uuid, "owner_uuid": plan.sender_uuid}
        for uuid, table in wanted.items()
        if uuid not in known
    ]
    if rows:
        connection.execute(insert(PurgedRecord), rows)


def _removal_order(item: Item) -> int:
    order = [t.name for t in sync_tables()]
    return -order.index(item.table)


def _columns(table: SyncTable) -> list[str]:
    return ["id", *_META_COLUMNS, *(f.name for f in table.fields)]


class _IdMaps:
    """uuid → id per table: the rows here the file names (from the plan), and the rows
    this import adds, as it adds them."""

    def __init__(self, existing: dict[str, Existing]) -> None:
        self._maps = {
            table: {uuid: found[0] for uuid, found in rows.items()}
            for table, rows in existing.items()
        }

    def of(self, table: str) -> dict[str, int]:
        return self._maps.setdefault(table, {})

    def drop(self, table: str, uuid: str) -> None:
        self.of(table).pop(uuid, None)


def _write_table(
    connection: Connection,
    table: SyncTable,
    items: list[Item],
    incoming: Incoming,
    ids: _IdMaps,
    later: list[tuple[str, str, int, str]],
    written: Written,
) -> None:
    columns = _columns(table)
    plain = [f.name for f in table.fields]
    # Values that need converting: foreign keys (uuid → local id) and blobs (hash → bytes).
    first = 1 + len(_META_COLUMNS)
    special = [(first + n, f) for n, f in enumerate(table.fields) if f.is_ref or f.blobbed]
    maps = {f.target: ids.of(f.target) for _, f in special if f.is_ref and not f.deferred}
    own = ids.of(table.name)
    new_items = [i for i in items if i.category == "new"]
    changed = [i for i in items if i.category != "new"]
    first_new = _next_id(connection, table.name)
    new_ids = range(first_new, first_new + len(new_items))
    own.update(zip((i.uuid for i in new_items), new_ids, strict=True))
    row_ids = [*new_ids, *(i.local_id for i in changed)]
    records = [i.record for i in (*new_items, *changed)]
    # Built column by column (each a pass in C), then zipped into rows.
    fields = list(map(itemgetter("f"), records))
    cells = [
        row_ids,
        *(list(map(itemgetter(key), records)) for key in _RECORD_META),
        *(list(map(itemgetter(name), fields)) for name in plain),
    ]
    for index, f in special:
        column = cells[index]
        if f.blobbed:
            cells[index] = [None if v is None else incoming.blobs[v].read_bytes() for v in column]
        elif f.deferred:
            later.extend(
                (table.name, f.name, row_id, target)
                for row_id, target in zip(row_ids, column, strict=True)
                if target is not None
            )
            cells[index] = [None] * len(column)
        else:
            lookup: dict[str | None, int | None] = {**maps[f.target], None: None}
            cells[index] = list(map(lookup.__getitem__, column))
    done = list(zip(*cells, strict=True))
    names = ", ".join(f'"{c}"' for c in columns)
    inserts = done[: len(new_items)]
    if inserts:
        marks = ", ".join("?" * len(columns))
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', inserts
        )
    if changed:
        sets = ", ".join(f'"{c}" = ?' for c in columns[1:])
        connection.exec_driver_sql(
            f'UPDATE "{table.name}" SET {sets} WHERE id = ?',
            [(*values[1:], values[0]) for values in done[len(new_items) :]],
        )
    written.rows[table.name] = dict(zip(row_ids, done, strict=True))


def _next_id(connection: Connection, table: str) -> int:
    """After the highest id the table has had (sqlite_sequence, for AUTOINCREMENT tables)."""
    highest = connection.exec_driver_sql(f'SELECT max(id) FROM "{table}"').scalar() or 0
    has_sequence = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).scalar()
    if has_sequence:
        sequence = connection.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
        ).scalar()
        highest = max(highest, sequence or 0)
    return int(highest) + 1


def _write_links(
    connection: Connection, table: SyncTable, items: list[Item], ids: _IdMaps, written: Written
) -> None:
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
        written.links[name] = (parents, set(rows))


def check_manifest(
    connection: Connection, plan: Plan, incoming: Incoming, written: Written
) -> None:
    """After writing: the file's records must match its manifest (count and hash per
    table), and the database must now hold every written row exactly as written."""
    manifest: dict[str, Any] = incoming.header["tables"]
    for table in sync_tables():
        items = plan.items.get(table.name, [])
        expected = manifest.get(table.name, {"count": 0, "sha256": table_digest([])})
        found = {"count": len(items), "sha256": table_digest((i.uuid, i.digest) for i in items)}
        if found["count"] != expected.get("count") or found["sha256"] != expected.get("sha256"):
            raise ManifestMismatch(table.name, expected, found)
    with driver_cursor(connection) as cursor:
        for table in sync_tables():
            rows = written.rows.get(table.name)
            if rows:
                _check_rows(cursor, table, rows)
        for name, (parents, pairs) in written.links.items():
            _check_links(cursor, name, parents, pairs)
    purged = incoming.header["purged"]
    found_purged = table_digest((p["u"], p["t"]) for p in incoming.purged)
    if (len(incoming.purged), found_purged) != (purged.get("count"), purged.get("sha256")):
        raise ManifestMismatch("purged", purged, found_purged)
    for item in plan.purges:
        if item.category == "changed" and ids_by_uuid(connection, item.table, [item.uuid]):
            raise ManifestMismatch(item.table, "removed", "still there")


def _check_rows(cursor: Any, table: SyncTable, rows: dict[int, tuple[Any, ...]]) -> None:
    names = ", ".join(f'"{c}"' for c in _columns(table))
    for condition, params, ids in _id_conditions(sorted(rows)):
        cursor.execute(f'SELECT {names} FROM "{table.name}" WHERE {condition} ORDER BY id', params)
        found = cursor.fetchall()
        wanted = list(map(rows.__getitem__, ids))
        if found != wanted:  # one comparison in C; the loop only to say where
            held = {row[0]: row for row in found}
            for row in wanted:
                if held.get(row[0]) != row:
                    raise ManifestMismatch(table.name, row[1], "written differently or missing")
            raise ManifestMismatch(table.name, len(wanted), len(found))


def _check_links(cursor: Any, name: str, parents: list[int], pairs: set[tuple[int, int]]) -> None:
    table = next(link for t in sync_tables() for link in t.links if link.table.name == name)
    found: set[tuple[int, int]] = set()
    for start in range(0, len(parents), _CHUNK):
        chunk = parents[start : start + _CHUNK]
        cursor.execute(
            f'SELECT "{table.parent_column}", "{table.other_column}" FROM "{name}" '
            f'WHERE "{table.parent_column}" IN ({",".join("?" * len(chunk))})',
            chunk,
        )
        found.update(cursor)
    if found != pairs:
        raise ManifestMismatch(name, len(pairs), len(found))


def _id_conditions(ids: list[int]) -> Iterator[tuple[str, tuple[int, ...], list[int]]]:
    """SQL conditions covering `ids` (sorted), each with the ids it covers: a range per
    long run (new rows are one run), the rest in IN lists."""
    if len(ids) > 16 and ids[-1] - ids[0] == len(ids) - 1:  # one run: the usual new rows
        yield "id BETWEEN ? AND ?", (ids[0], ids[-1]), ids
        return
    singles: list[int] = []
    start = 0
    while start < len(ids):
        end = start
        while end + 1 < len(ids) and ids[end + 1] == ids[end] + 1:
            end += 1
        if end - start >= 16:
            yield "id BETWEEN ? AND ?", (ids[start], ids[end]), ids[start : end + 1]
        else:
            singles.extend(ids[start : end + 1])
        start = end + 1
    for begin in range(0, len(singles), _CHUNK):
        chunk = singles[begin : begin + _CHUNK]
        yield f"id IN ({','.join('?' * len(chunk))})", tuple(chunk), chunk


def ids_by_uuid(connection: Connection, table: str, uuids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f'SELECT uuid, id FROM "{table}" WHERE uuid IN ({marks})', tuple(chunk)
        )
        found.update(rows.all())
    return found
