"""催办 and 督办台账 read only the proposals that can be on them: an old office keeps ten
years of answered, settled proposals, and reading them all froze the window for seconds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import due_lists, record_reply
from app.proposals.handling.supervision import close_ledger_item, supervision_ledger
from app.proposals.labels import Satisfaction
from db.proposal_models import Proposal
from tests.proposals.helpers import Office, assigned

UNIT = "县教育和体育局"


@contextmanager
def proposals_read() -> Iterator[list[str]]:
    """The numbers of the proposals read from the database meanwhile."""
    read: list[str] = []

    def loaded(proposal: Proposal, _context: object) -> None:
        read.append(proposal.number)

    event.listen(Proposal, "load", loaded)
    try:
        yield read
    finally:
        event.remove(Proposal, "load", loaded)


def _register(office: Office) -> dict[str, str]:
    """Five proposals: waiting for a reply, settled (A, satisfied), class B open,
    class B closed (销号), rated dissatisfied (a new round is being handled)."""
    db, unit = office.database, office.units[UNIT]
    made = {name: assigned(office) for name in ("waiting", "settled", "b", "b_closed", "unhappy")}
    record_reply(db, made["settled"], unit, date(2025, 5, 6), "A")
    rate_reply(db, made["settled"], unit, Satisfaction.SATISFIED, on_date=date(2025, 5, 8))
    for name in ("b", "b_closed"):
        record_reply(db, made[name], unit, date(2025, 5, 6), "B")
    close_ledger_item(db, made["b_closed"], unit, date(2025, 6, 1), "已落实")
    record_reply(db, made["unhappy"], unit, date(2025, 5, 6), "A")
    rate_reply(db, made["unhappy"], unit, Satisfaction.DISSATISFIED, "答非所问", date(2025, 5, 8))
    return made


def test_the_due_lists_read_only_proposals_waiting_for_a_reply(office: Office) -> None:
    made = _register(office)
    with proposals_read() as read:
        lists = due_lists(office.database, date(2025, 6, 20))
    assert [i.proposal_uuid for i in lists.overdue] == [made["waiting"]]
    # Read: that one and the dissatisfied one (its new round, not due yet), not the
    # three answered ones.
    assert len(read) == 2


def test_the_ledger_reads_only_proposals_that_can_be_on_it(office: Office) -> None:
    made = _register(office)
    with proposals_read() as read:
        items = supervision_ledger(office.database)
    assert {i.proposal_uuid for i in items} == {made["b"], made["unhappy"]}
    assert len(read) == 2  # neither the waiting, the settled nor the closed one
    with proposals_read() as read:
        items = supervision_ledger(office.database, include_closed=True)
    assert {i.proposal_uuid for i in items} == {made["b"], made["b_closed"], made["unhappy"]}
    assert len(read) == 3
