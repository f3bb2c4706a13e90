"""Suggested units: from the units' functions and from who handled similar proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.proposals.duplicates import similar
from app.proposals.handling.suggestions import suggest_units, suggest_units_for
from app.proposals.intake.history_import import import_history
from tests.proposals.helpers import Office, accepted
from tests.proposals.history_workbook import write_history


@pytest.fixture(autouse=True)
def no_kept_index():
    similar.forget_cached_index()
    yield
    similar.forget_cached_index()


def test_functions_in_the_text_suggest_the_unit(office: Office) -> None:
    found = suggest_units(office.database, "关于加强农村公路建设养护的建议", "客运班线少")
    assert found[0].unit_name == "县交通运输局"
    assert found[0].reason_text == "职能含“公路建设养护”、“农村公路”、“客运”"
    assert len(found) <= 3


def test_units_that_handled_similar_proposals_are_suggested(office: Office, tmp_path: Path) -> None:
    db = office.database
    import_history(db, write_history(tmp_path / "h.xlsx"))
    uuid = accepted(office, "关于推进老旧小区改造的建议")
    (first, *_rest) = suggest_units_for(db, uuid)
    assert first.unit_name == "县住房和城乡建设局"
    assert any(r.startswith("相似提案20") and r.endswith("由该单位办理") for r in first.reasons)
    assert "职能含“老旧小区改造”" in first.reasons


def test_nothing_to_go_on_suggests_nothing(office: Office) -> None:
    assert suggest_units(office.database, "关于举办马拉松的建议") == []
