"""The member list (and every picker of members) is read as plain rows: 600 members read
as stored members, with every seat and committee, held the list a third of a second."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from app.members.labels import CppccRole, MembershipStatus
from app.members.member_files import list_members
from app.office.terms import add_term, list_terms
from db.member_models import Member, Membership
from tests.five_ones.helpers import add_member


def test_the_list_reads_rows_not_stored_members(office_db) -> None:
    add_term(office_db, 11, 2026, 2031)
    add_member(
        office_db,
        "王建国",
        committees=("经济委员会", "提案委员会"),
        role=CppccRole.STANDING,
        phone="13812345678",
    )
    add_member(office_db, "王建国", term_number=11)  # the same name, another person
    add_member(
        office_db,
        "李秀英",
        sector="教育界",
        status=MembershipStatus.RESIGNED,
        status_date=date(2024, 6, 1),
    )
    loaded: list[object] = []

    def count(target: object, _context: object) -> None:
        loaded.append(target)

    for model in (Member, Membership):
        event.listen(model, "load", count)
    try:
        tenth = next(t for t in list_terms(office_db) if t.number == 10)
        rows = list_members(office_db, tenth.uuid)
    finally:
        for model in (Member, Membership):
            event.remove(model, "load", count)
    assert loaded == []
    wang, li = sorted(rows, key=lambda r: r.name)[::-1]
    assert (wang.name, wang.committees, wang.role, wang.term_numbers) == (
        "王建国",
        ("提案委员会", "经济委员会"),  # the list's own order of 专委会, as before
        CppccRole.STANDING,
        (10,),
    )
    assert wang.phone_masked.endswith("5678") and "1234" not in wang.phone_masked
    assert (li.sector, li.status, li.status_date) == (
        "教育界",
        MembershipStatus.RESIGNED,
        date(2024, 6, 1),
    )
