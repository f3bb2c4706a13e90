"""The duplicate check over the register: every year, imported history, a kept index."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from app.proposals.duplicates import similar
from app.proposals.duplicates.similar import similar_proposals, similar_to_proposal
from app.proposals.intake.history_import import import_history
from app.proposals.intake.intake import add_proposal, delete_proposal, update_proposal
from tests.proposals.helpers import Office, form
from tests.proposals.history_workbook import write_history


@pytest.fixture(autouse=True)
def no_kept_index():
    similar.forget_cached_index()
    yield
    similar.forget_cached_index()


def test_history_and_this_year_are_found_with_year_number_and_result(
    office: Office, tmp_path: Path
) -> None:
    db = office.database
    import_history(db, write_history(tmp_path / "h.xlsx"))
    found = similar_proposals(db, "关于农村学校校舍安全管理的建议", "校舍存在安全隐患，建议排查")
    best = found[0]
    assert best.title.startswith("关于加强农村学校校舍安全管理的建议")
    assert best.likely_duplicate and 0 < best.score <= 1
    assert best.result in ("A", "B", "C") and best.stage == "已办结"
    assert [f.score for f in found] == sorted((f.score for f in found), reverse=True)
    assert len({f.year for f in found if f.likely_duplicate}) >= 3  # the same topic every year
    assert not any(f.likely_duplicate for f in similar_proposals(db, "关于发展冰雪旅游的建议"))


def test_the_kept_index_follows_new_edited_and_deleted_proposals(office: Office) -> None:
    db = office.database
    assert similar.prepare_index(db) == 0
    assert similar_proposals(db, "关于老旧小区加装电梯的建议") == []
    uuid = add_proposal(db, form(office, "关于老旧小区加装电梯的建议"))
    index = similar._caches[str(db.path)].index
    (hit,) = similar_proposals(db, "关于老旧小区加装电梯的建议")
    assert (hit.uuid, hit.number, hit.stage) == (uuid, "十届五次会议第0001号", "待审查")
    assert similar._caches[str(db.path)].index is index  # added to, not rebuilt

    update_proposal(db, uuid, replace(form(office, "关于城区停车难问题的建议"), number=""))
    # The old text's entry is stale: the new text (with the same body) is no duplicate of it.
    assert not any(f.likely_duplicate for f in similar_proposals(db, "关于老旧小区加装电梯的建议"))
    assert similar_proposals(db, "关于城区停车难的建议")[0].uuid == uuid

    delete_proposal(db, uuid)
    assert similar_proposals(db, "关于城区停车难的建议") == []


def test_a_proposal_is_not_its_own_duplicate(office: Office) -> None:
    db = office.database
    first = add_proposal(db, form(office, "关于加强农村饮水安全保障的建议"))
    second = add_proposal(db, form(office, "关于保障农村饮水安全的建议"))
    found = similar_to_proposal(db, first)
    assert [f.uuid for f in found] == [second]
    assert similar_proposals(db, "关于农村饮水安全的建议", exclude=[first, second]) == []


def test_built_on_a_worker_the_index_pauses_now_and_then_for_the_window(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window and the worker share Python's lock: a build that never pauses held the
    window 3 s when 提案 opened on 6,000 proposals (bench/big_office). Built on the main
    thread (the command line) it never pauses; on a worker it does, and finds the same."""
    db = office.database
    import_history(db, write_history(tmp_path / "h.xlsx"))
    pauses: list[float] = []
    monkeypatch.setattr(similar, "WORK_S", 0.0)  # every proposal, whatever this machine's speed
    monkeypatch.setattr(similar.time, "sleep", pauses.append)

    on_main = similar.prepare_index(db)
    assert pauses == []
    similar.forget_cached_index()

    built: list[int] = []
    worker = threading.Thread(target=lambda: built.append(similar.prepare_index(db)))
    worker.start()
    worker.join()
    assert built == [on_main] and on_main > 1
    assert len(pauses) == on_main and set(pauses) == {similar.PAUSE_S}
