"""The demo's proposals: a realistic session in every state, with history, the same every run."""

from __future__ import annotations

from app.common.storage import Database
from app.demo import demo
from app.proposals.handling.handling import due_lists
from app.proposals.handling.supervision import supervision_ledger
from app.proposals.intake.leads import list_leads
from app.proposals.labels import ProposalState
from app.proposals.outputs.statistics import proposal_statistics
from app.proposals.queries import get_proposal_detail, list_proposals


def test_demo_proposals_in_every_state(office_db: Database) -> None:
    added = demo.load_demo(office_db)
    assert added["提案"] == 200
    rows = list_proposals(office_db)
    years = sorted({r.year for r in rows})
    assert years == [2024, 2025]
    states = {r.state for r in rows}
    assert states == set(ProposalState)
    stages = {r.stage for r in rows if r.state is ProposalState.ACCEPTED}
    assert {"已办结", "已答复", "办理中"} <= stages
    assert any(r.is_key for r in rows) and any(r.not_public for r in rows)
    stats = proposal_statistics(office_db, 2025)
    assert stats.received == 120
    assert 0.8 < (stats.accepted + stats.merged) / stats.reviewed < 0.97
    assert due_lists(office_db).overdue
    assert supervision_ledger(office_db)
    assert len(list_leads(office_db, 2025, published_only=True)) == 7
    detail = get_proposal_detail(office_db, next(r.uuid for r in rows if r.is_key))
    assert detail.supervisor and detail.history[0].action == "intake"
    assert all(h.operator == "王秘书" for h in detail.history)
    reopened = [
        a
        for r in rows
        if r.state is ProposalState.ACCEPTED
        for a in get_proposal_detail(office_db, r.uuid).assignments
        if a.reopened or a.returned_on
    ]
    assert reopened
