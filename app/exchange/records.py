"""A record as it travels: the database's own values, with uuids for foreign keys.

One record is one JSON object on one line, written canonically (sorted keys,
no spaces) so that its SHA-256 is the same at both ends:
    {"u": uuid, "o": owner uuid, "r": revision, "d": deleted_at, "c": created_at,
     "m": updated_at, "f": {column: value}, "l": {link table: [uuids]}}
Values are what SQLite holds (dates as 'YYYY-MM-DD', booleans as 0/1), read and
written without conversion, so a round trip changes nothing. A foreign key is
the referenced row's uuid; a LargeBinary value is the SHA-256 of its blob.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Connection

from app.exchange.tables import Field, Link, SyncTable

Record = dict[str, Any]
_META = "id, uuid, owner_uuid, revision, deleted_at, created_at, updated_at"
_CHUNK = 500  # ids per IN (...) list, below SQLite's variable limit


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many records are built.

    Records are plain acyclic dicts, freed by reference counting; the collector
    only costs time walking them. Restored (if it was on) however the work ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextmanager
def driver_cursor(connection: Connection) -> Iterator[sqlite3.Cursor]:
    """The driver's own cursor, inside the caller's transaction, decoding text in C.

    The engine's tolerant text reader (db.file_safety.files.tolerant_text) is a Python call per
    value; text this program has just written is sound, so it is not needed there."""
    driver = connection.connection.dbapi_connection
    assert isinstance(driver, sqlite3.Connection)
    tolerant = driver.text_factory
    driver.text_factory = str
    cursor = driver.cursor()
    try:
        yield cursor
    finally:
        cursor.close()
        driver.text_factory = tolerant


def fetch_all(connection: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows read by the driver itself (the quick way); text damaged on disk makes it
    read them again through the engine's tolerant reader, which shows U+FFFD for it."""
    try:
        with driver_cursor(connection) as cursor:
            return cursor.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):  # its text quotes the value: never logged
            raise
    return list(connection.exec_driver_sql(sql, params).all())


# One encoder for every record: json.dumps would build a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _chunk_encoder() -> Callable[[Any, int], list[str]] | None:
    """The C encoder behind _ENCODER.encode, made once: encode() makes a new one for
    every record, a tenth of an export's time. Records are acyclic, built here, so the
    check for cycles is left out. None where the C encoder is missing (then encode())."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    return make(  # type: ignore[no-any-return]
        None,  # markers: no cycle check
        _ENCODER.default,
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,  # indent
        ":",
        ",",
        True,  # sort_keys
        False,  # skipkeys
        _ENCODER.allow_nan,
    )


_CHUNKS = _chunk_encoder()


def canonical(record: Record) -> str:
    return _ENCODER.encode(record)


def canonical_lines(records: list[Record]) -> list[str]:
    """canonical() of each record, the loop inside C."""
    if _CHUNKS is None:
        return list(map(canonical, records))
    return list(map("".join, map(_CHUNKS, records, repeat(0))))


def digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def table_digest(digests: Iterable[tuple[str, str]]) -> str:
    """One hash over (uuid, record digest) pairs, in uuid order."""
    text = "".join(f"{uuid}:{record_digest}\n" for uuid, record_digest in sorted(digests))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


class Uuids:
    """id → uuid of every row of the tables asked about, loaded once per table."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._maps: dict[str, dict[int, str]] = {}

    def of(self, table: str) -> dict[int, str]:
        if table not in self._maps:
            rows = fetch_all(self._connection, f'SELECT id, uuid FROM "{table}"')
            self._maps[table] = dict(rows)
        return self._maps[table]


class RecordReader:
    """Reads records of a table as travelling dicts; blobs are gathered aside."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.uuids = Uuids(connection)
        self.blobs: dict[str, bytes] = {}
        self._links: dict[str, dict[int, list[str]]] = {}

    def read(self, table: SyncTable, where: str = "", params: tuple[Any, ...] = ()) -> list[Record]:
        """Rows of `table` matching an SQL condition on its own columns."""
        columns = ", ".join([_META, *(_column(table, f) for f in table.fields)])
        sql = f'SELECT {columns} FROM "{table.name}"' + (f" WHERE {where}" if where else "")
        return self._records(table, fetch_all(self.connection, sql + " ORDER BY id", params))

    def read_ids(self, table: SyncTable, ids: Iterable[int]) -> list[Record]:
        records: list[Record] = []
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            records.extend(self.read(table, f"id IN ({marks})", tuple(chunk)))
        return records

    def _records(self, table: SyncTable, rows: list[Any]) -> list[Record]:
        links = [(link.key, self._link_map(link)) for link in table.links]
        names = [f.name for f in table.fields]
        # Only blobs need converting: the rest is taken as stored, foreign keys as the
        # uuids the query looked up (_column).
        blobs = [f.name for f in table.blobs]
        records = []
        for row in rows:
            fields: dict[str, Any] = dict(zip(names, row[7:], strict=True))
            for name in blobs:
                value = fields[name]
                if value is not None:
                    fields[name] = self._keep_blob(bytes(value))
            record: Record = {
                "u": row[1],
                "o": row[2],
                "r": row[3],
                "d": row[4],
                "c": row[5],
                "m": row[6],
                "f": fields,
            }
            if links:
                record["l"] = {key: found.get(row[0], []) for key, found in links}
            records.append(record)
        return records

    def _keep_blob(self, content: bytes) -> str:
        sha = hashlib.sha256(content).hexdigest()
        self.blobs[sha] = content
        return sha

    def _link_map(self, link: Link) -> dict[int, list[str]]:
        """parent id → sorted uuids on the other side, read once per link table."""
        if link.key not in self._links:
            other = self.uuids.of(link.other_table)
            found: dict[int, list[str]] = defaultdict(list)
            pairs = fetch_all(
                self.connection,
                f'SELECT "{link.parent_column}", "{link.other_column}" FROM "{link.table.name}"',
            )
            for parent, target in pairs:
                found[parent].append(other[target])
            for values in found.values():
                values.sort()
            self._links[link.key] = found
        return self._links[link.key]


def _column(table: SyncTable, f: Field) -> str:
    """A column as it travels: a foreign key as the referenced row's uuid, looked up by
    SQLite. A key pointing at no row (a damaged database) stays the bare number, which
    the recipient refuses by name (a reference must be a uuid) instead of losing it."""
    if not (f.is_ref and f.target):
        return f'"{f.name}"'
    own = f'"{table.name}"."{f.name}"'
    return f'COALESCE((SELECT r.uuid FROM "{f.target}" AS r WHERE r.id = {own}), {own})'


def lines(records: list[Record]) -> list[tuple[str, str, str]]:
    """(uuid, canonical line, digest) per record."""
    texts = canonical_lines(records)
    digests = map(_hex, map(hashlib.sha256, map(_utf8, texts)))
    return list(zip(map(itemgetter("u"), records), texts, digests, strict=True))


_hex = methodcaller("hexdigest")
_utf8 = methodcaller("encode", "utf-8")
