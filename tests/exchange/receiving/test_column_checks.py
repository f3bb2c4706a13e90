"""The quick column-by-column check never takes what the record-by-record check refuses."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.exchange.receiving.column_checks import table_is_clean
from app.exchange.receiving.validate import MAX_LINKS, BadRecord, check_record
from app.exchange.tables import Field, SyncTable, sync_tables
from tests.exchange.receiving.test_validate import FIELDS, SHA, UUID, _probes

GOOD = {
    "text": "文字",
    "ref": UUID,
    "int": 7,
    "bool": 1,
    "date": "2025-02-28",
    "datetime": "2025-01-01 08:00:00",
    "blob": SHA,
}
TABLES = {t.name: t for t in sync_tables()}


def good_value(f: Field) -> Any:
    return sorted(f.choices or ())[0] if f.kind == "enum" else GOOD[f.kind]


def good_record(table: SyncTable, n: int = 0) -> dict[str, Any]:
    record: dict[str, Any] = {
        "u": f"{n:08x}-1d2a-4c5b-8e9f-0a1b2c3d4e5f",
        "o": UUID,
        "r": 1,
        "d": None,
        "c": "2025-01-01 08:00:00.5",
        "m": "2025-01-02 08:00:00",
        "f": {f.name: good_value(f) for f in table.fields},
    }
    if table.links:
        record["l"] = {link.key: [UUID] for link in table.links}
    return record


def slow_accepts(table: SyncTable, records: list[Any]) -> bool:
    try:
        for record in records:
            check_record(table, record)
    except BadRecord:
        return False
    return len({r["u"] for r in records}) == len(records)


def owner_of(field: Field) -> SyncTable:
    return next(t for t in sync_tables() if field in t.fields)


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_good_records_pass_the_quick_check(table: SyncTable) -> None:
    records = [good_record(table, n) for n in range(3)]
    assert slow_accepts(table, records)
    assert table_is_clean(table, records)


@pytest.mark.parametrize("field", list(FIELDS.values()), ids=lambda f: f"{f.kind}-{f.name}")
def test_each_column_value_is_judged_as_check_record_judges_it(field: Field) -> None:
    table = owner_of(field)
    for value in [*_probes(field), "x\n" + str(good_value(field)), f"{UUID}\n{UUID}"]:
        bad = good_record(table, 1)
        bad["f"] = {**bad["f"], field.name: value}
        records = [good_record(table, 0), bad]
        quick, slow = table_is_clean(table, records), slow_accepts(table, records)
        assert quick == slow, (field.name, value)


META_PROBES: dict[str, list[Any]] = {
    "u": [UUID.upper(), UUID + "0", "", None, 1, f"{UUID}\n{UUID}"],
    "o": [UUID.upper(), None, ["x"]],
    "r": [0, 2**31, True, 1.0, "1", None],
    "c": ["2025-13-01 08:00:00", "2025-02-30 08:00:00", "2025-01-01T08:00:00", None, 20250101],
    "m": ["2025-01-01 08:00:00.1234567", "2025-01-01 08:00", "", "2025-01-01 08:00:00\n" * 2],
    "d": ["2025-01-01", "2025-02-29 00:00:00", 0],
    "f": [None, [], {}],
}


@pytest.mark.parametrize("key", list(META_PROBES))
def test_bad_record_parts_send_the_file_to_the_slow_check(key: str) -> None:
    table = TABLES["member"]
    for value in META_PROBES[key]:
        bad = {**good_record(table, 1), key: value}
        records = [good_record(table, 0), bad]
        assert not slow_accepts(table, records), (key, value)
        assert not table_is_clean(table, records), (key, value)


def test_odd_shapes_are_refused_by_the_quick_check() -> None:
    member = TABLES["member"]
    linked = next(t for t in sync_tables() if t.links)
    unlinked = next(t for t in sync_tables() if not t.links)
    extra = {**good_record(member), "x": 1}
    no_links = {k: v for k, v in good_record(linked).items() if k != "l"}
    twice = [good_record(member, 5), good_record(member, 5)]
    missing_field = good_record(member)
    missing_field["f"].pop(next(iter(missing_field["f"])))
    cases: list[tuple[SyncTable, list[Any]]] = [
        (member, [extra]),
        (linked, [no_links]),
        (member, twice),
        (member, [missing_field]),
        (member, ["not a record"]),
    ]
    key = linked.links[0].key
    for links in (
        {key: [UUID, UUID]},  # the same member twice
        {key: "x"},
        {key: [UUID.upper()]},
        {key: [f"{n:08x}{UUID[8:]}" for n in range(MAX_LINKS + 1)]},
        {},
        [],
    ):
        cases.append((linked, [{**good_record(linked), "l": links}]))
    for table, records in cases:
        assert not table_is_clean(table, records), records
    # What the slow check also takes: an empty link map on a table without links.
    assert not table_is_clean(unlinked, [{**good_record(unlinked), "l": {}}])
    assert slow_accepts(unlinked, [{**good_record(unlinked), "l": {}}])


def test_a_renamed_key_is_refused_though_the_count_matches() -> None:
    """Key sets are proved by size plus reading every wanted key: a swap must not pass."""
    member = TABLES["member"]
    linked = next(t for t in sync_tables() if t.links)
    top = good_record(member)
    top["x"] = top.pop("m")
    field = good_record(member)
    first = next(iter(field["f"]))
    field["f"]["x"] = field["f"].pop(first)
    link = good_record(linked)
    link["l"] = {"x": [UUID]} | {k: v for k, v in link["l"].items()}
    link["l"].pop(linked.links[0].key)
    for table, record in ((member, top), (member, field), (linked, link)):
        assert not table_is_clean(table, [good_record(table, 7), record]), record


_UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NEAR_UUID = st.lists(
    st.sampled_from([*"0123456789abcdefA-\n g", "é", "\u0660"]), min_size=35, max_size=37
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.uuids().map(str),
            _NEAR_UUID,
            st.uuids()
            .map(str)
            .flatmap(lambda u: st.integers(0, 35).map(lambda n: u[:n] + "{}" + u[n + 1 :]))
            .flatmap(lambda u: st.sampled_from("-\nAg ").map(u.format)),
            # Two neighbours swapped: a dash one place off, with as many dashes as it should have.
            st.uuids()
            .map(str)
            .flatmap(
                lambda u: st.integers(0, 34).map(lambda n: u[:n] + u[n + 1] + u[n] + u[n + 2 :])
            ),
            # One character longer or shorter (the column's total length can still add up).
            st.uuids().map(str).flatmap(lambda u: st.sampled_from([u + "a", u[:-1]])),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_uuid_column_check_agrees_with_the_uuid_pattern(values: list[str]) -> None:
    """Every value a lowercase 8-4-4-4-12 uuid, exactly as the regular expression says."""
    table = TABLES["member"]
    records = [good_record(table, n) for n in range(len(values))]
    for record, value in zip(records, values, strict=True):
        record["o"] = value
    expected = all(_UUID_SHAPE.fullmatch(v) for v in values)
    assert table_is_clean(table, records) == expected, values
