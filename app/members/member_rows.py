"""The rows of the member list (and of every picker of members), read as plain rows in
three queries rather than as stored members with their seats and committees: with 600
members the list, an activity's attendance list and the other pickers opened a third of
a second sooner."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from app.common.people.idcard import mask_id_number, mask_phone
from app.members.labels import SEX_LABELS
from app.members.member_form import MemberRow, birth_text
from db.member_models import Member, Membership, member_committee
from db.models import DictionaryEntry, Term


def member_rows(session: Session, term: Term, entries: dict[int, str]) -> list[MemberRow]:
    """Members with a live seat in `term`, by id; `entries`: dictionary id → name."""
    seated = (
        select(Membership.member_id)
        .join(Member, Member.id == Membership.member_id)
        .where(
            Membership.term_id == term.id,
            Membership.deleted_at.is_(None),
            Member.deleted_at.is_(None),
        )
    )
    seats = session.execute(
        select(*LISTED_MEMBER, *LISTED_SEAT)
        .join(Membership, Membership.member_id == Member.id)
        .where(Membership.term_id == term.id, Member.id.in_(seated))
        .order_by(Member.id)
    ).all()
    committees = _grouped(
        session,
        select(member_committee.c.member_id, DictionaryEntry.name)
        .join(DictionaryEntry, DictionaryEntry.id == member_committee.c.committee_id)
        .where(member_committee.c.member_id.in_(seated))
        .order_by(member_committee.c.member_id, member_committee.c.committee_id),
    )
    terms = _grouped(
        session,
        select(Membership.member_id, Term.number)
        .join(Term, Term.id == Membership.term_id)
        .where(Membership.member_id.in_(seated), Membership.deleted_at.is_(None)),
    )
    return [_row(seat, committees, terms, entries) for seat in seats]


# What a list row shows: of the member, and of the seat in the listed term.
LISTED_MEMBER = (
    Member.id,
    Member.uuid,
    Member.name,
    Member.sex,
    Member.ethnic_group_id,
    Member.birth_date,
    Member.birth_day_known,
    Member.party_id,
    Member.sector_id,
    Member.employer,
    Member.liaison_group_id,
    Member.phone,
    Member.id_number,
)
LISTED_SEAT = (
    Membership.role,
    Membership.status,
    Membership.status_date,
    Membership.start_date,
    Membership.roster_number,
)


def _grouped(session: Session, query: Select[tuple[int, Any]]) -> dict[int, list[Any]]:
    """member id → the second column's values, in the query's order."""
    grouped: dict[int, list[Any]] = {}
    for member_id, value in session.execute(query):
        grouped.setdefault(member_id, []).append(value)
    return grouped


def _row(
    seat: Row[Any],
    committees: dict[int, list[str]],
    terms: dict[int, list[int]],
    entries: dict[int, str],
) -> MemberRow:
    def name(entry_id: int | None) -> str:
        return entries.get(entry_id, "") if entry_id is not None else ""

    return MemberRow(
        uuid=seat.uuid,
        name=seat.name,
        sex=SEX_LABELS.get(seat.sex, "") if seat.sex else "",
        ethnic_group=name(seat.ethnic_group_id),
        birth_text=birth_text(seat.birth_date, seat.birth_day_known),
        party=name(seat.party_id),
        sector=name(seat.sector_id),
        employer=seat.employer,
        committees=tuple(committees.get(seat.id, ())),
        liaison_group=name(seat.liaison_group_id),
        role=seat.role,
        status=seat.status,
        status_date=seat.status_date,
        start_date=seat.start_date,
        term_numbers=tuple(sorted(terms.get(seat.id, ()))),
        phone_masked=mask_phone(seat.phone),
        id_masked=mask_id_number(seat.id_number, birth_shown=True),
        roster_number=seat.roster_number,
    )
