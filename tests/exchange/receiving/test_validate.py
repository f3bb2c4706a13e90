"""The precompiled column checks accept exactly what check_value accepts."""

from __future__ import annotations

from typing import Any

import pytest

from app.exchange.receiving.validate import MAX_TEXT, BadRecord, _compile, check_value
from app.exchange.tables import Field, sync_tables

UUID = "0b6c3f4e-1d2a-4c5b-8e9f-0a1b2c3d4e5f"
SHA = "ab" * 32


def _probes(f: Field) -> list[Any]:
    limit = f.max_length or MAX_TEXT
    return [
        None, "", "x", "x" * limit, "x" * (limit + 1), 0, 1, 2, -1, True, False, 1.0,
        2**63 - 1, 2**63, -(2**63), -(2**63) + 1, "2025-02-28", "2025-02-30", "2025-2-28",
        "2025-01-01 08:00:00", "2025-01-01 08:00:00.123456", "2025-01-01T08:00:00",
        "2025-13-01 08:00:00", UUID, UUID.upper(), UUID + "0", SHA, SHA[:-1], SHA.upper(),
        [], {}, [UUID], *sorted(f.choices or ()), "不在范围内",
    ]  # fmt: skip


def _accepted(f: Field, value: Any) -> bool:
    try:
        check_value(f, value)
    except BadRecord:
        return False
    return True


FIELDS = {(f.kind, f.nullable, f.max_length, f.choices): f for t in sync_tables() for f in t.fields}


@pytest.mark.parametrize("field", list(FIELDS.values()), ids=lambda f: f"{f.kind}-{f.name}")
def test_compiled_check_agrees_with_check_value(field: Field) -> None:
    ok = _compile(field)
    for value in _probes(field):
        assert ok(value) is _accepted(field, value), (field.name, value)


def test_every_kind_is_among_the_probed_fields() -> None:
    kinds = {kind for kind, *_ in FIELDS}
    assert {"text", "ref", "enum", "date", "datetime", "int", "bool", "blob"} <= kinds
