"""The quick check of a table's incoming records: column by column, not record by record.

Each column is tested in a few passes that run inside C (type sets, min/max, one
regular expression over the column's values joined by newlines, date parsing by
`map`), instead of a dozen Python calls per record. It accepts nothing that
validate.check_record refuses: any doubt answers False, and the caller then runs
check_record record by record, which names the table, the record and the column.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from typing import Any

from app.exchange.receiving.validate import MAX_LINKS, MAX_TEXT
from app.exchange.tables import Field, SyncTable

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# One value per line; no unit can hold a newline, so the values cannot run together.
_UUID_WIDTH = 37  # with its newline
_UUID_DASHES = (8, 13, 18, 23)
_UUID_BYTES = b"0123456789abcdef-\n"
_SHAS = re.compile(r"(?:[0-9a-f]{64}\n)*")
_DATES = re.compile(rf"(?:{_DATE}\n)*")
_DATETIMES = re.compile(rf"(?:{_DATE} [0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(?:\.[0-9]{{1,6}})?\n)*")
_PLAIN = frozenset({"u", "o", "r", "d", "c", "m", "f"})
_LINKED = _PLAIN | {"l"}
_STR = frozenset({str})
_INT = frozenset({int})


def table_is_clean(table: SyncTable, records: list[Any]) -> bool:
    """Whether every record fits `table` (and no uuid comes twice)."""
    if not records:
        return True
    try:
        return _records_fit(table, records)
    except KeyError:
        return False  # a key missing (or renamed: the sizes alone matched)


def _records_fit(table: SyncTable, records: list[Any]) -> bool:
    # Key sets: every dict has as many keys as wanted, and every wanted key is read
    # below for every record (a missing one raises KeyError), so none is extra.
    if set(map(type, records)) != {dict}:
        return False
    if set(map(len, records)) != {len(_LINKED if table.links else _PLAIN)}:
        return False
    uuids = list(map(itemgetter("u"), records))
    if not (_all_uuids(uuids) and _all_uuids(list(map(itemgetter("o"), records)))):
        return False
    if len(set(uuids)) != len(uuids) or not _revisions_ok(list(map(itemgetter("r"), records))):
        return False
    deleted = [d for d in map(itemgetter("d"), records) if d is not None]
    created = list(map(itemgetter("c"), records))
    if not all(map(_all_datetimes, (created, list(map(itemgetter("m"), records)), deleted))):
        return False
    fields = list(map(itemgetter("f"), records))
    if set(map(type, fields)) != {dict} or set(map(len, fields)) != {len(table.field_names)}:
        return False
    for f in table.fields:
        if not _column_ok(f, list(map(itemgetter(f.name), fields))):
            return False
    return not table.links or _links_ok(table, list(map(itemgetter("l"), records)))


def _revisions_ok(revisions: list[Any]) -> bool:
    return set(map(type, revisions)) == _INT and min(revisions) >= 1 and max(revisions) < 2**31


def _column_ok(f: Field, values: list[Any]) -> bool:
    kinds = set(map(type, values))
    if f.nullable and type(None) in kinds:  # else None fails the kind's type test
        kinds.discard(type(None))
        values = [v for v in values if v is not None]
        if not values:
            return True
    check = _BY_KIND.get(f.kind)
    return check is not None and check(f, kinds, values)


def _text(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _STR and max(map(len, values)) <= (f.max_length or MAX_TEXT)


def _enum(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _STR and set(values) <= (f.choices or frozenset())


def _int(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _INT and min(values) > -(2**63) and max(values) < 2**63


def _bool(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _INT and set(values) <= {0, 1}


def _ref(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _STR and _all_uuids(values)


def _blob(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _STR and _joined_match(_SHAS, values, width=65)


def _date(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _STR and _all_dates(values)


def _datetime(f: Field, kinds: set[type], values: list[Any]) -> bool:
    return kinds == _STR and _all_datetimes(values)


_BY_KIND: dict[str, Callable[[Field, set[type], list[Any]], bool]] = {
    "text": _text,
    "enum": _enum,
    "int": _int,
    "bool": _bool,
    "ref": _ref,
    "blob": _blob,
    "date": _date,
    "datetime": _datetime,
}


def _links_ok(table: SyncTable, links: list[Any]) -> bool:
    keys = frozenset(link.key for link in table.links)
    if set(map(type, links)) != {dict} or set(map(len, links)) != {len(keys)}:
        return False
    for link in table.links:
        lists = list(map(itemgetter(link.key), links))
        if set(map(type, lists)) != {list}:
            return False
        sizes = list(map(len, lists))
        if max(sizes) > MAX_LINKS or list(map(len, map(set, lists))) != sizes:
            return False  # too many, or a uuid twice in one list
        if not _all_uuids(list(chain.from_iterable(lists))):
            return False
    return True


def _all_uuids(values: list[Any]) -> bool:
    """Lowercase uuids (8-4-4-4-12 hex digits), checked on bytes: a regular expression
    walks every character in Python's matcher, these passes run at memory speed."""
    if not values:
        return True
    if set(map(type, values)) != _STR:
        return False
    joined = "\n".join(values) + "\n"
    n = len(values)
    if len(joined) != _UUID_WIDTH * n or not joined.isascii():
        return False
    raw = joined.encode("ascii")
    # Only hex digits, dashes and newlines; then exactly 4 dashes and 1 newline per value,
    # each where it belongs, so every other place holds a hex digit.
    return (
        not raw.translate(None, _UUID_BYTES)
        and raw.count(b"-") == 4 * n
        and raw.count(b"\n") == n
        and raw[_UUID_WIDTH - 1 :: _UUID_WIDTH] == b"\n" * n
        and all(raw[place::_UUID_WIDTH] == b"-" * n for place in _UUID_DASHES)
    )


def _all_dates(values: list[Any]) -> bool:
    return _joined_match(_DATES, values, width=11) and _parses(date.fromisoformat, values)


def _all_datetimes(values: list[Any]) -> bool:
    if not values:
        return True
    if set(map(type, values)) != _STR:
        return False
    joined = "\n".join(values) + "\n"
    # Variable width: one newline per value proves no value held one of its own.
    return (
        joined.count("\n") == len(values)
        and _DATETIMES.fullmatch(joined) is not None
        and _parses(datetime.fromisoformat, values)
    )


def _joined_match(pattern: re.Pattern[str], values: list[str], width: int) -> bool:
    """Fixed-width values, each followed by a newline: the length proves the count."""
    joined = "\n".join(values) + "\n"
    return len(joined) == width * len(values) and pattern.fullmatch(joined) is not None


def _parses(parse: Callable[[str], object], values: Iterable[str]) -> bool:
    """Real dates only (no 2月30日): the regular expression checked only the shape."""
    try:
        deque(map(parse, values), maxlen=0)
    except ValueError:
        return False
    return True
