"""A record's line is the same text whichever encoder wrote it: both ends hash it."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from app.exchange.records import canonical, canonical_lines, lines

_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
_RECORDS = st.dictionaries(
    st.text(max_size=8),
    _SCALARS | st.lists(st.text(), max_size=3) | st.dictionaries(st.text(max_size=4), _SCALARS),
    max_size=8,
)


def _reference(record: object) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def test_tricky_text_is_written_as_json_dumps_writes_it() -> None:
    record = {
        "u": "0b5c2f6e-0000-4000-8000-000000000001",
        "f": {"title": '关于"乡村振兴"的提案\n第二行\t\\ \u0000 \u2028 😀', "n": 12, "x": None},
        "l": {"member_committee": ["b", "a"]},
        "d": None,
        "r": 3,
    }
    texts = canonical_lines([record])
    assert texts == [_reference(record)] == [canonical(record)]
    assert "\n" not in texts[0]  # one record, one line
    assert texts[0].index('"d"') < texts[0].index('"f"') < texts[0].index('"u"')  # sorted keys


@given(st.lists(_RECORDS, max_size=5))
def test_any_records_are_written_as_json_dumps_writes_them(
    records: list[dict[str, object]],
) -> None:
    assert canonical_lines(records) == [_reference(r) for r in records]


def test_lines_pair_each_record_with_its_own_text_and_digest() -> None:
    import hashlib

    records = [{"u": f"id-{n}", "f": {"名称": f"第{n}条"}} for n in range(3)]
    found = lines(records)
    assert [u for u, _, _ in found] == ["id-0", "id-1", "id-2"]
    for (_, text, digest), record in zip(found, records, strict=True):
        assert json.loads(text) == record
        assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
