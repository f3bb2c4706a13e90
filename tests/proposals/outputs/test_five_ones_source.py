"""The five-ones check counts proposals from the register, following its rule settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.five_ones.check import Criterion, FiveOnesRules, check_five_ones
from app.five_ones.inputs import RegisterProposals, default_proposal_source
from app.proposals.handling.review import accept_proposal, reject_proposal
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import RejectionGround
from db.member_models import Member, Membership
from tests.proposals.helpers import Office, form, joint_form


def proposal_cell(report, name: str) -> tuple[int, bool, list[str], list[str]]:
    member = next(m for m in report.members if m.name == name)
    result = member.results[1]
    return (
        result.count,
        result.met,
        [e.detail for e in result.evidence],
        [e.detail for e in result.not_counted],
    )


def test_the_register_is_the_default_source(office: Office) -> None:
    assert isinstance(default_proposal_source(), RegisterProposals)


def test_first_proposers_and_co_signers_count_by_the_rules(office: Office) -> None:
    db = office.database
    accept_proposal(db, add_proposal(db, joint_form(office)), date(2025, 3, 10))  # 李四 + 王五
    rejected = add_proposal(db, form(office, "个人诉求"))  # 张三
    reject_proposal(db, rejected, RejectionGround.PERSONAL_REQUEST, on_date=date(2025, 3, 10))
    add_proposal(
        db, form(office, "去年的", session_uuid=None, year=2024, submitted_on=date(2024, 3, 1))
    )

    everything = check_five_ones(db, 2025, FiveOnesRules())
    assert proposal_cell(everything, "李四") == (1, True, ["第一提案人，已立案"], [])
    assert proposal_cell(everything, "王五") == (1, True, ["联名，已立案"], [])
    assert proposal_cell(everything, "张三") == (1, True, ["第一提案人，未立案"], [])
    assert proposal_cell(everything, "赵六")[:2] == (0, False)

    strict = check_five_ones(
        db, 2025, FiveOnesRules(cosigned_counts=False, unaccepted_counts=False)
    )
    assert proposal_cell(strict, "李四")[:2] == (1, True)
    assert proposal_cell(strict, "王五") == (
        0,
        False,
        [],
        ["联名，已立案（联名提案按规则不计）"],
    )
    assert proposal_cell(strict, "张三") == (
        0,
        False,
        [],
        ["第一提案人，未立案（未立案提案按规则不计）"],
    )
    assert "没有提案记录" not in " ".join(strict.warnings)


def test_a_pending_proposal_counts_as_submitted(office: Office) -> None:
    db = office.database
    add_proposal(db, form(office))
    report = check_five_ones(db, 2025, FiveOnesRules(unaccepted_counts=False))
    assert proposal_cell(report, "张三") == (1, True, ["第一提案人，待审查"], [])


def test_a_proposal_without_a_date_counts_for_a_member_who_joined_that_year(
    office: Office,
) -> None:
    """Known only by its year: it is not put on 1 January, before the member's seat began."""
    db = office.database
    with db.begin() as session:
        seat = session.scalars(
            select(Membership).join(Member).where(Member.uuid == office.members["张三"])
        ).one()
        seat.start_date = date(2025, 6, 1)
    undated = form(office, "日期未填的提案", session_uuid=None, year=2025, submitted_on=None)
    add_proposal(db, undated)
    add_proposal(
        db, form(office, "增补前的提案", session_uuid=None, submitted_on=date(2025, 5, 31))
    )

    member = next(m for m in check_five_ones(db, 2025, FiveOnesRules()).members if m.name == "张三")
    result = member.result(Criterion.PROPOSAL)
    assert (result.count, result.met) == (1, True)
    assert [(e.title, e.day_text) for e in result.evidence] == [
        ("日期未填的提案", "2025年（未填日期）")
    ]
    assert [(e.title, e.detail) for e in result.not_counted] == [
        ("增补前的提案", "第一提案人，待审查（任职前，不计）")
    ]
