"""An import's summary lists its records by reference, and keeps nothing heavy alive."""

from __future__ import annotations

import gc

import pytest

from app.exchange.receiving.details import Detail
from tests.exchange.conftest import Offices, add_members


def test_the_summary_names_every_record_and_reads_like_a_list(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英")
    result = offices.city.import_(offices.county.export_to(offices.city, offices.stick).path)
    details = result.details
    listed = list(details)
    assert len(listed) == len(details) == result.totals()["new"]
    assert all(isinstance(d, Detail) and d.category == "new" for d in listed)
    assert details[-1] == listed[-1] and details[0] == listed[0]
    assert details[1:3] == listed[1:3] and details[:] == listed
    with pytest.raises(IndexError):
        details[len(listed)]
    references = {d.reference for d in listed}
    # Its own words, and (a seat has none) the words of the member it belongs to.
    assert {"委员 张建国", "委员 李秀英", "委员届次 张建国 · 第10届"} <= references
    assert {d.uuid for d in listed if d.table == "member"} == {
        d.uuid for d in result.details if d.reference.startswith("委员 ")
    }


def test_the_summary_holds_no_object_per_record_for_the_collector(offices: Offices) -> None:
    """The summary outlives the import; a tracked object per record made the cyclic
    collector walk them all right after every import (a tenth of its time)."""
    add_members(offices.county, *(f"委员{n}" for n in range(30)))
    result = offices.city.import_(offices.county.export_to(offices.city, offices.stick).path)
    assert len(result.details) > 60
    held = gc.get_referents(*vars(result.details).values())
    tracked = {id(o) for o in held if gc.is_tracked(o)}
    # Per table at most its name and its naming function, however many records.
    assert len(tracked) <= 2 * len(result.counts)
