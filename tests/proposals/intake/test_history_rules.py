"""The history import's rules, each with the case that tells it apart from a near miss:
the term and session of a handover year, dates, 年度 against 提交日期, numbers typed
full-width, a taken number with the same 案由 written otherwise, where a warning stands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.office import terms
from app.proposals.intake.history_import import import_history
from app.proposals.intake.intake import intake_choices
from app.proposals.queries import list_proposals
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


def test_a_submission_day_number_stored_as_a_number_is_a_day(office: Office, tmp_path: Path):
    """44958 in a cell whose date format was lost is 2023-02-01, not a month."""
    rows = [_row(2023, "2023-001", 44958)]
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors
    [stored] = list_proposals(office.database)
    assert stored.submitted_on == date(2023, 2, 1)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("２０２３／００１", "2023/001"),
        ("２０２３．００１", "2023.001"),
        ("2023 - 001", "2023-001"),
    ],
)
def test_a_number_typed_full_width_or_spaced_is_stored_plainly(
    office: Office, tmp_path: Path, typed: str, stored: str
) -> None:
    result = import_history(
        office.database, write_history(tmp_path / "h.xlsx", [_row(2023, typed)])
    )
    assert result.ok, result.errors
    assert [p.number for p in list_proposals(office.database)] == [stored]


def test_a_title_differing_only_in_a_symbol_is_the_same_proposal(
    office: Office, tmp_path: Path
) -> None:
    """＋ and + are symbols, not words: the same 案由 written with and without quotes."""
    first = [_row(2023, "2023-001", title="关于“互联网＋政务服务”的建议")]
    assert import_history(office.database, write_history(tmp_path / "a.xlsx", first)).ok
    again = [_row(2023, "2023-001", title="关于互联网+政务服务的建议")]
    result = import_history(office.database, write_history(tmp_path / "b.xlsx", again))
    assert (result.errors, result.new, result.unchanged) == ((), 0, 1)


def test_an_unknown_co_signer_is_warned_under_its_own_column(
    office: Office, tmp_path: Path
) -> None:
    rows = [(2023, "2023-001", "关于某事的建议", "张三", "钱老", "社会", "", "", "", "A")]
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors
    assert [(w.column, w.reason) for w in result.warnings] == [
        ("联名人", "“钱老”不在委员名册中，按文字保存")
    ]


def test_a_submission_day_of_today_is_fine(office: Office, tmp_path: Path) -> None:
    """Only a day after today is refused: the clerk may import today's proposals."""
    today = date.today()
    rows = [_row(today.year, f"{today.year}-001", today.isoformat())]
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors


def test_a_submission_date_two_years_before_the_year_is_refused(
    office: Office, tmp_path: Path
) -> None:
    """Late in the year before is an early plenary's proposal; two years before is a typo."""
    rows = [_row(2023, "2023-001", "2021-12-20"), _row(2023, "2023-002", "2022-12-20")]
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert [(e.column, e.reason[:27]) for e in result.errors] == [
        ("提交日期", "提交日期 2021-12-20 与年度 2023 不符")
    ]


def test_the_intake_form_offers_no_session_of_a_deleted_term(office: Office) -> None:
    """The 届次会议 list of 登记提案 leaves out a term deleted (a typo, tombstoned)."""
    db = office.database
    wrong = terms.add_term(db, 12, 2026, 2031)
    terms.save_session(db, wrong.uuid, 1, date(2026, 1, 5), date(2026, 1, 8))
    offered = [s.label for s in intake_choices(db).sessions]
    assert any("十二届" in label for label in offered)
    with db.begin() as session:
        session.execute(update(Term).where(Term.number == 12).values(deleted_at=utc_now()))
    offered = [s.label for s in intake_choices(db).sessions]
    assert offered and not any("十二届" in label for label in offered)
