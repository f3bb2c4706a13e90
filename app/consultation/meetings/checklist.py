"""Who can be put on a meeting's list: the members serving on its day, with what the
checklist filters by (界别, 专委会, 常委), in the official order.

The screen shows the list with check boxes and filters it with
`filter_checklist`; ticked members go to meetings.add_attendees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.common.storage import Database
from app.consultation.meetings.ordering import official_order
from app.members.labels import ROLE_LABELS, STANDING_ROLES, CppccRole, MembershipStatus
from app.members.member_order import order_in, roster_numbers
from app.office.office import require_local_office
from db.member_models import Member, Membership, member_committee
from db.models import DictionaryEntry, Office, Term


@dataclass(frozen=True)
class Seat:
    """A member as the checklist and the printouts need them."""

    uuid: str
    name: str
    sector: str
    committees: tuple[str, ...]
    liaison_group: str
    role: CppccRole | None  # None: no seat in the term of that day

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role] if self.role is not None else ""

    @property
    def is_standing(self) -> bool:
        return self.role in STANDING_ROLES


@dataclass(frozen=True)
class ChecklistFilter:
    sector: str = ""  # "" any
    committee: str = ""
    liaison_group: str = ""
    standing_only: bool = False
    text: str = ""  # part of a name

    def matches(self, seat: Seat) -> bool:
        return (
            (not self.sector or seat.sector == self.sector)
            and (not self.committee or self.committee in seat.committees)
            and (not self.liaison_group or seat.liaison_group == self.liaison_group)
            and (not self.standing_only or seat.is_standing)
            and (not self.text or self.text.strip() in seat.name)
        )


@dataclass(frozen=True)
class Checklist:
    day: date
    seats: tuple[Seat, ...]  # official order
    sectors: tuple[str, ...]  # the filter's choices, as they occur
    committees: tuple[str, ...]
    liaison_groups: tuple[str, ...]


def member_checklist(database: Database, day: date) -> Checklist:
    """Members serving on `day` (seated in the term of that year, not yet left)."""
    with database.read() as session:
        office = require_local_office(session)
        term = term_of_year(session, office, day.year)
        seats = serving_seats(session, term, day) if term is not None else []
    return Checklist(
        day=day,
        seats=tuple(seats),
        sectors=_choices(s.sector for s in seats),
        committees=_choices(c for s in seats for c in s.committees),
        liaison_groups=_choices(s.liaison_group for s in seats),
    )


def filter_checklist(checklist: Checklist, wanted: ChecklistFilter) -> list[Seat]:
    return [seat for seat in checklist.seats if wanted.matches(seat)]


def term_of_year(session: Session, office: Office, year: int) -> Term | None:
    """The newest term covering the year (a handover year belongs to the new term)."""
    return session.scalars(
        select(Term)
        .where(
            Term.owner_uuid == office.uuid,
            Term.deleted_at.is_(None),
            Term.first_year <= year,
            Term.last_year >= year,
        )
        .order_by(Term.number.desc())
        .limit(1)
    ).first()


def serving_seats(session: Session, term: Term, day: date) -> list[Seat]:
    rows = session.execute(
        select(Member, Membership.role)
        .join(Membership, Membership.member_id == Member.id)
        .where(
            Membership.term_id == term.id,
            Membership.deleted_at.is_(None),
            Member.deleted_at.is_(None),
            or_(Membership.start_date.is_(None), Membership.start_date <= day),
            or_(
                Membership.status == MembershipStatus.ACTIVE,
                Membership.status_date.is_(None),
                Membership.status_date > day,
            ),
        )
    ).all()
    roles = {member.id: role for member, role in rows}
    return describe(session, [member for member, _ in rows], roles)


def describe(session: Session, members: list[Member], roles: dict[int, CppccRole]) -> list[Seat]:
    """Seats for the members (sector, committees, group names), in the official order."""
    names = {i: n for i, n in session.execute(select(DictionaryEntry.id, DictionaryEntry.name))}
    committees: dict[int, list[str]] = defaultdict(list)
    ids = [m.id for m in members]
    for member_id, committee_id in session.execute(
        select(member_committee.c.member_id, member_committee.c.committee_id)
        .join(DictionaryEntry, DictionaryEntry.id == member_committee.c.committee_id)
        .where(member_committee.c.member_id.in_(ids))
        .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
    ):
        committees[member_id].append(names[committee_id])
    seats = [
        Seat(
            uuid=m.uuid,
            name=m.name,
            sector=names.get(m.sector_id, "") if m.sector_id else "",
            committees=tuple(committees[m.id]),
            liaison_group=names.get(m.liaison_group_id, "") if m.liaison_group_id else "",
            role=roles.get(m.id),
        )
        for m in members
    ]
    numbers = roster_numbers(session, ids)
    by_uuid = {m.uuid: numbers.get(m.id) for m in members}
    return official_order(
        seats, lambda s: s.name, lambda s: s.role, order_in(session), lambda s: by_uuid[s.uuid]
    )


def _choices(values) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(dict.fromkeys(v for v in values if v))
