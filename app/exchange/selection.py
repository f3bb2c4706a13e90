"""What travels to a partner, and which of it the partner does not yet hold.

County → city: every record the county owns. City → county: the city's plan,
its linked topics (联接议题) and notices, with the city's records they refer to
and the attachments that belong to them. Of these, a file carries the records
whose revision is newer than what the partner acknowledged (all with --full),
and the removals it has not yet acknowledged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from app.exchange.partners import PURGED_REVISION
from app.exchange.records import Record, RecordReader, canonical_lines
from app.exchange.tables import PARENT_UUID, SyncTable, sync_table, sync_tables
from db.models import Office, OfficeLevel

# City → county: the roots, with an SQL condition on their own columns.
DOWNWARD_ROOTS: dict[str, str] = {
    "consultation_plan": "",
    "consultation_topic": "linked = 1",
    "notice": "",
}
_CHUNK = 500


@dataclass
class Outgoing:
    tables: list[tuple[SyncTable, list[Record]]] = field(default_factory=list)
    purged: list[dict[str, Any]] = field(default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)

    @property
    def sent_map(self) -> dict[str, int]:
        sent = {r["u"]: r["r"] for _, records in self.tables for r in records}
        sent.update({p["u"]: PURGED_REVISION for p in self.purged})
        return sent


def outgoing(
    connection: Connection, local: Office, partner: Office, acked: dict[str, int]
) -> Outgoing:
    """Records for `partner` newer than `acked` ({} sends everything)."""
    downward = local.level is OfficeLevel.CITY
    wanted = _downward_ids(connection, local.uuid) if downward else None
    reader = RecordReader(connection)
    result = Outgoing()
    for table in sync_tables():
        rows = connection.exec_driver_sql(
            f'SELECT id, uuid, revision FROM "{table.name}" WHERE owner_uuid = ?', (local.uuid,)
        ).all()
        if wanted is not None:
            # A record the county already holds keeps travelling when it changes,
            # even when it no longer qualifies (a topic no longer linked).
            chosen = wanted.get(table.name, set())
            rows = [r for r in rows if r[0] in chosen or r[1] in acked]
        ids = [r[0] for r in rows if r[2] > acked.get(r[1], 0)]
        if ids and len(ids) == len(rows) and wanted is None:
            # All of them (a first or --full file): one scan, not long IN lists.
            result.tables.append((table, reader.read(table, "owner_uuid = ?", (local.uuid,))))
        elif ids:
            result.tables.append((table, reader.read_ids(table, ids)))
    result.blobs = reader.blobs
    names = {t.name for t in sync_tables()}
    for table_name, uuid in connection.exec_driver_sql(
        "SELECT table_name, record_uuid FROM purged_record WHERE owner_uuid = ? ORDER BY id",
        (local.uuid,),
    ):
        # Only what the partner may hold (what it acknowledged; everything with --full).
        known = not acked or uuid in acked
        if table_name in names and known and acked.get(uuid) != PURGED_REVISION:
            result.purged.append({"t": table_name, "u": uuid, "o": local.uuid})
    return result


def purged_lines(purged: list[dict[str, Any]]) -> list[str]:
    return canonical_lines(purged)


def _downward_ids(connection: Connection, owner: str) -> dict[str, set[int]]:
    """Ids of the city's records that go down to a county: the roots and what they need."""
    chosen: dict[str, set[int]] = defaultdict(set)
    for name, condition in DOWNWARD_ROOTS.items():
        where = "owner_uuid = ?" + (f" AND {condition}" if condition else "")
        chosen[name].update(
            r[0]
            for r in connection.exec_driver_sql(f'SELECT id FROM "{name}" WHERE {where}', (owner,))
        )
    _add_referenced(connection, owner, chosen)
    _add_attachments(connection, owner, chosen)
    return chosen


def _add_referenced(connection: Connection, owner: str, chosen: dict[str, set[int]]) -> None:
    """The city's records the chosen ones refer to (a topic's committee …), until none is new."""
    pending = {name: set(ids) for name, ids in chosen.items()}
    while pending:
        found: dict[str, set[int]] = defaultdict(set)
        for name, ids in pending.items():
            table = sync_table(name)
            targets = [(f.name, f.target) for f in table.refs]
            targets += [(None, link) for link in table.links]  # type: ignore[misc]
            for column, target in targets:
                for referenced_table, referenced in _targets(
                    connection, table, column, target, ids
                ):
                    found[referenced_table].update(referenced)
        pending = {}
        for name, ids in found.items():
            owned = _owned(connection, name, owner, ids) - chosen[name]
            if owned:
                chosen[name] |= owned
                pending[name] = owned


def _targets(
    connection: Connection, table: SyncTable, column: str | None, target: Any, ids: set[int]
) -> list[tuple[str, set[int]]]:
    found: set[int] = set()
    wanted = sorted(ids)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        if column is not None:
            sql = f'SELECT "{column}" FROM "{table.name}" WHERE id IN ({marks})'
        else:  # a link table: the other side of the parent's links
            sql = (
                f'SELECT "{target.other_column}" FROM "{target.table.name}"'
                f' WHERE "{target.parent_column}" IN ({marks})'
            )
        found.update(
            r[0] for r in connection.exec_driver_sql(sql, tuple(chunk)) if r[0] is not None
        )
    return [(target if column is not None else target.other_table, found)]


def _owned(connection: Connection, name: str, owner: str, ids: set[int]) -> set[int]:
    owned: set[int] = set()
    wanted = sorted(ids)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        owned.update(
            r[0]
            for r in connection.exec_driver_sql(
                f'SELECT id FROM "{name}" WHERE owner_uuid = ? AND id IN ({marks})',
                (owner, *chunk),
            )
        )
    return owned


def _add_attachments(connection: Connection, owner: str, chosen: dict[str, set[int]]) -> None:
    """Attachment rows (parent_uuid) of the chosen records."""
    parents: set[str] = set()
    for name, ids in chosen.items():
        uuids = connection.exec_driver_sql(f'SELECT id, uuid FROM "{name}"').all()
        parents.update(uuid for row_id, uuid in uuids if row_id in ids)
    for table in sync_tables():
        if not table.has_parent_uuid:
            continue
        rows = connection.exec_driver_sql(
            f'SELECT id, "{PARENT_UUID}" FROM "{table.name}" WHERE owner_uuid = ?', (owner,)
        )
        chosen[table.name].update(row_id for row_id, parent in rows if parent in parents)
