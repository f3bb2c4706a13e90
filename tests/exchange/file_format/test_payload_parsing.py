"""Record lines are read by orjson, with json.loads behind it: the same values either way.

orjson takes only strict JSON in strict UTF-8; whatever it refuses goes to json.loads,
which decides and explains as before. The one value the two read differently, an
integer beyond 64 bits, fits no column either way.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.exchange.errors import FileRefused
from app.exchange.file_format.payload import _values
from tests.exchange.conftest import Offices, add_members, database_digest
from tests.exchange.forge import open_as, reseal, with_records

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63) + 1, 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None))  # lone surrogates included
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


def _json_reading(lines: list[bytes]) -> list[Any] | type[Exception]:
    """What json.loads makes of each line (or which error stops it)."""
    try:
        return [json.loads(line.decode("utf-8")) for line in lines]
    except (ValueError, RecursionError) as exc:
        return type(exc)


def _has_huge_integer(value: object) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return not -(2**63) < value < 2**64
    if isinstance(value, list):
        return any(map(_has_huge_integer, value))
    if isinstance(value, dict):
        return any(map(_has_huge_integer, value.values()))
    return False


def _our_reading(lines: list[bytes]) -> list[Any] | type[Exception]:
    try:
        return _values(lines)
    except (ValueError, RecursionError) as exc:
        return type(exc)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUES, max_size=5), st.booleans())
def test_any_json_line_reads_as_json_loads_reads_it(values: list[Any], ascii_only: bool) -> None:
    lines = []
    for value in values:
        text = json.dumps(value, ensure_ascii=ascii_only, sort_keys=True, separators=(",", ":"))
        lines.append(text.encode("utf-8", "surrogatepass"))
    expected = _json_reading(lines)
    found = _our_reading(lines)
    if isinstance(expected, list):
        assert json.dumps(found, sort_keys=True) == json.dumps(expected, sort_keys=True)
    else:
        assert found is expected or not isinstance(found, list)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=4))
def test_any_bytes_read_the_same_or_are_refused_by_both(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ") for line in lines]
    expected = _json_reading(lines)
    assume(not _has_huge_integer(expected))  # read differently, refused alike (below)
    found = _our_reading(lines)
    if isinstance(expected, list):
        assert isinstance(found, list)
        assert json.dumps(found, sort_keys=True) == json.dumps(expected, sort_keys=True)
    else:
        assert not isinstance(found, list)


@pytest.mark.parametrize(
    ("line", "check"),
    [
        (b'{"a":NaN}', lambda v: math.isnan(v["a"])),
        (b'{"a":"\\ud800"}', lambda v: v["a"] == "\ud800"),
        (b'{"a":1e400}', lambda v: v["a"] == math.inf),
    ],
    ids=["nan", "lone-surrogate", "infinity"],
)
def test_what_only_json_reads_still_reads_as_before(line: bytes, check: Any) -> None:
    good = b'{"a":1}'
    found = _values([good, line, good])
    assert found[0] == found[2] == {"a": 1}
    assert check(found[1])


def test_an_integer_beyond_64_bits_is_refused_as_before(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英")
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)

    def huge_revision(records: list[dict[str, object]]) -> None:
        records[1]["r"] = 10**30

    head, plain = with_records(head, plain, "member", huge_revision)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "h.cppccx")
    before = database_digest(offices.city.database)
    with pytest.raises(FileRefused) as caught:
        offices.city.import_(forged)
    assert caught.value.reason == "invalid"
    assert "member" in caught.value.what and "版本号不对" in caught.value.what
    assert database_digest(offices.city.database) == before
