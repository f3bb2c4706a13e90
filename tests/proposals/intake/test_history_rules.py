"""The history import's rules, each with the case that tells it apart from a near miss:
the term and session of a handover year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select, update

from app.office import terms
from app.proposals.intake.history_import import import_history
from db.base import utc_now
from db.models import PlenarySession, Term
from db.proposal_models import Proposal
from tests.proposals.helpers import Office
from tests.proposals.history_workbook import write_history


def _row(year: object, number: str, submitted: object = "", title: str = "关于某事的建议"):
    return (year, number, title, "张三", "", "社会", submitted, "", "", "A")


def _term_and_session(office: Office, number: str) -> tuple[int | None, int | None]:
    with office.database.read() as session:
        proposal = session.scalars(select(Proposal).where(Proposal.number == number)).one()
        term = session.get(Term, proposal.term_id) if proposal.term_id else None
        plenary = session.get(PlenarySession, proposal.session_id) if proposal.session_id else None
        return (
            term.number if term else None,
            (plenary.term.number, plenary.number) if plenary else None,
        )


def test_a_handover_years_proposal_gets_the_new_term_and_its_session(
    office: Office, tmp_path: Path
) -> None:
    """第十届 is 2021-2026 and 第十一届 2026-2031: a 2026 proposal belongs to the new
    term, whose first session is 2026's, never to the old term with the new session. A
    deleted 第十二届 that claimed 2026 (a typo, tombstoned) claims nothing."""
    db = office.database
    new = terms.add_term(db, 11, 2026, 2031)
    terms.save_session(db, new.uuid, 1, date(2026, 1, 12), date(2026, 1, 15))
    wrong = terms.add_term(db, 12, 2026, 2031)
    terms.save_session(db, wrong.uuid, 1, date(2026, 1, 5), date(2026, 1, 8))
    with db.begin() as session:
        session.execute(update(Term).where(Term.number == 12).values(deleted_at=utc_now()))
    rows = [_row(2026, "2026-001", "2026-01-10"), _row(2025, "2025-001", "2025-02-25")]
    result = import_history(db, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors
    assert _term_and_session(office, "2026-001") == (11, (11, 1))
    assert _term_and_session(office, "2025-001") == (10, (10, 5))


def test_the_last_year_of_a_term_is_still_that_term(office: Office, tmp_path: Path) -> None:
    """第十届 (2021-2026) alone: 2026 is its year, though it has no session that year."""
    rows = [_row(2026, "2026-001", "2026-01-10")]
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors
    assert _term_and_session(office, "2026-001") == (10, None)
