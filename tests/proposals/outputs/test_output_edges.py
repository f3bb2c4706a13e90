"""Edges of the statistics, the reminder and the five-ones credits that a mutation review
found untested: a reply on the deadline day, merged and pending proposals in the
acceptance rate, a unit that handed a proposal back, a deadline that is today, and a
proposal of 31 December or merged into another."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from app.five_ones.check import Criterion, FiveOnesRules, check_five_ones
from app.proposals.handling.assignment import UnitChoice, assign_proposal, hand_back
from app.proposals.handling.handling import record_reply
from app.proposals.handling.review import accept_proposal, merge_proposal, reject_proposal
from app.proposals.intake.intake import SignerInput, add_proposal
from app.proposals.labels import RejectionGround, UnitRole
from app.proposals.outputs.letters import write_reminder
from app.proposals.outputs.statistics import proposal_statistics
from tests.proposals.helpers import Office, accepted, assigned, form

EDU, FIN = "县教育和体育局", "县财政局"
DUE = date(2025, 6, 15)  # assigned()'s deadline


def test_a_reply_on_the_deadline_day_is_on_time_in_the_statistics(office: Office) -> None:
    uuid = assigned(office)
    record_reply(office.database, uuid, office.units[EDU], DUE, "A")
    stats = proposal_statistics(office.database, 2025)
    assert (stats.replies, stats.on_time, stats.on_time_rate) == (1, 1, "100%")
    edu = next(u for u in stats.by_unit if u.unit == EDU)
    assert (edu.replied, edu.on_time) == (1, 1)


def test_acceptance_rate_counts_merged_as_accepted_and_leaves_out_pending(
    office: Office,
) -> None:
    db = office.database
    main = accepted(office)
    merge_proposal(
        db, add_proposal(db, form(office, "关于校舍维修的建议")), main, date(2025, 3, 12)
    )
    rejected = add_proposal(db, form(office, "关于解决本人子女入学的请求"))
    reject_proposal(db, rejected, RejectionGround.PERSONAL_REQUEST, on_date=date(2025, 3, 10))
    add_proposal(db, form(office, "关于尚待审查的建议"))
    stats = proposal_statistics(db, 2025)
    assert (stats.received, stats.pending, stats.reviewed) == (4, 1, 3)
    assert stats.acceptance_rate == "66.7%"  # 立案 1 + 并案 1 of 3 reviewed
    assert "立案2件（其中并案1件），立案率66.7%" in stats.summary


def test_a_unit_that_handed_the_proposal_back_is_not_counted_for_it(office: Office) -> None:
    db = office.database
    uuid = assigned(office)
    hand_back(db, uuid, office.units[EDU], date(2025, 3, 17), "不属于本单位职能")
    assign_proposal(db, uuid, [UnitChoice(office.units[FIN], UnitRole.LEAD)], date(2025, 3, 18))
    stats = proposal_statistics(db, 2025)
    assert [(u.unit, u.lead) for u in stats.by_unit] == [(FIN, 1)]


def test_a_reminder_on_the_deadline_day_says_due_not_overdue(
    office: Office, tmp_path: Path
) -> None:
    assigned(office)
    path = write_reminder(office.database, office.units[EDU], tmp_path / "催办.docx", DUE)
    document = Document(str(path))
    (table,) = document.tables
    assert table.rows[1].cells[-1].text == "剩0天"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "即将到期的1件" in text and "已超过办理期限" not in text


def test_a_proposal_of_new_years_eve_counts_for_that_years_five_ones(office: Office) -> None:
    db = office.database
    late = form(
        office, "关于年末的建议", session_uuid=None, year=2025, submitted_on=date(2025, 12, 31)
    )
    add_proposal(db, late)
    member = next(m for m in check_five_ones(db, 2025).members if m.name == "张三")
    assert member.result(Criterion.PROPOSAL).count == 1


def test_a_merged_proposal_counts_as_accepted_for_the_five_ones(office: Office) -> None:
    """并案 is accepted with the main proposal: it counts even where 未立案 does not."""
    db = office.database
    main = add_proposal(
        db, form(office, "主提案", signers=(SignerInput("李四", office.members["李四"]),))
    )
    other = add_proposal(db, form(office, "并入的提案"))
    accept_proposal(db, main, date(2025, 3, 10))
    merge_proposal(db, other, main, date(2025, 3, 12))
    report = check_five_ones(db, 2025, FiveOnesRules(unaccepted_counts=False))
    zhang = next(m for m in report.members if m.name == "张三").result(Criterion.PROPOSAL)
    assert (zhang.count, zhang.met) == (1, True)
    assert [e.detail for e in zhang.evidence] == ["第一提案人，已立案"]
