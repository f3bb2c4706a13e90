"""What the five-ones check reads: seats in the term and every duty record of the year.

One query per kind of record for the whole office, grouped by member in
Python: a few thousand rows at most, and never one query per member.
Proposals are read through ProposalSource; the proposal register
(app.proposals) is the default source (default_proposal_source).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.labels import CppccRole, MembershipStatus
from app.proposals.outputs.credits import member_proposals
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from db.member_models import Member, Membership, member_committee
from db.models import DictionaryEntry, Term
from db.record_models import (
    Activity,
    Attendance,
    MemberWork,
    SocialInfo,
    member_work_author,
    social_info_submitter,
)

# --- proposals: read through one interface ------------------------------------


@dataclass(frozen=True, slots=True)
class ProposalCredit:
    """One member's part in one proposal, as the five-ones check needs it."""

    member_uuid: str
    title: str
    submitted_on: date
    co_signed: bool  # True: the member co-signed (联名/附议), not the first submitter
    accepted: bool | None  # None: not yet reviewed (counts as submitted)
    dated: bool = True  # False: no 提交日期; submitted_on is then 1 January of its year


class ProposalSource(Protocol):
    def credits(self, session: Session, year: int, owner_uuid: str) -> Iterable[ProposalCredit]:
        """Every member's credit for the office's proposals submitted in the year."""
        ...


class NoProposals:
    """Until the proposal register exists, nobody has a proposal on record."""

    def credits(self, session: Session, year: int, owner_uuid: str) -> Iterable[ProposalCredit]:
        return ()


class RegisterProposals:
    """The proposal register (app.proposals): every member signer of every proposal."""

    def credits(self, session: Session, year: int, owner_uuid: str) -> Iterable[ProposalCredit]:
        for part in member_proposals(session, year, owner_uuid):
            yield ProposalCredit(
                member_uuid=part.member_uuid,
                title=part.title,
                submitted_on=part.submitted_on,
                co_signed=part.co_signed,
                accepted=part.accepted,
                dated=part.dated,
            )


def default_proposal_source() -> ProposalSource:
    """The proposal register; the check applies the co-signed and not-accepted rules."""
    return RegisterProposals()


# --- seats --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeatRow:
    member_id: int
    uuid: str
    name: str
    sector: str
    liaison_group: str
    committees: tuple[str, ...]
    role: CppccRole
    start_date: date | None
    status: MembershipStatus
    status_date: date | None
    roster_number: int | None = None  # 序号 in the term's roster


def term_for_year(session: Session, office_uuid: str, year: int) -> Term | None:
    """The newest term covering the year (a handover year belongs to the new term)."""
    return session.scalars(
        select(Term)
        .where(
            Term.owner_uuid == office_uuid,
            Term.deleted_at.is_(None),
            Term.first_year <= year,
            Term.last_year >= year,
        )
        .order_by(Term.number.desc())
        .limit(1)
    ).first()


def seat_rows(session: Session, term: Term) -> list[SeatRow]:
    """Every live seat in the term, by name."""
    names: dict[int, str] = {
        i: n for i, n in session.execute(select(DictionaryEntry.id, DictionaryEntry.name))
    }
    committees: dict[int, list[str]] = defaultdict(list)
    for member_id, committee_id in session.execute(
        select(member_committee.c.member_id, member_committee.c.committee_id)
        .join(Membership, Membership.member_id == member_committee.c.member_id)
        .join(DictionaryEntry, DictionaryEntry.id == member_committee.c.committee_id)
        .where(Membership.term_id == term.id)
        .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
    ):
        committees[member_id].append(names[committee_id])
    rows = session.execute(
        select(
            Member.id,
            Member.uuid,
            Member.name,
            Member.sector_id,
            Member.liaison_group_id,
            Membership.role,
            Membership.start_date,
            Membership.status,
            Membership.status_date,
            Membership.roster_number,
        )
        .join(Membership, Membership.member_id == Member.id)
        .where(
            Membership.term_id == term.id,
            Membership.deleted_at.is_(None),
            Member.deleted_at.is_(None),
        )
        .order_by(Member.name, Member.id)
    ).all()
    return [
        SeatRow(
            member_id=row.id,
            uuid=row.uuid,
            name=row.name,
            sector=names.get(row.sector_id, "") if row.sector_id else "",
            liaison_group=names.get(row.liaison_group_id, "") if row.liaison_group_id else "",
            committees=tuple(committees.get(row.id, ())),
            role=row.role,
            start_date=row.start_date,
            status=row.status,
            status_date=row.status_date,
            roster_number=row.roster_number,
        )
        for row in rows
    ]


# --- duty records ---------------------------------------------------------------


@dataclass
class OfficeRecords:
    """Duty records by member id. Rows are plain tuples, as read."""

    # (held_on, kind, title, status)
    attendance: dict[int, list[tuple[date, ActivityKind, str, AttendanceStatus]]] = field(
        default_factory=dict
    )
    # (submitted_on, title, adopted, instructed)
    social_info: dict[int, list[tuple[date, str, bool, bool]]] = field(default_factory=dict)
    # (submitted_on, kind, title), from the term's first year to the end of the year
    works: dict[int, list[tuple[date, WorkKind, str]]] = field(default_factory=dict)
    proposals: dict[str, list[ProposalCredit]] = field(default_factory=dict)  # by member uuid
    plenaries: int = 0  # 全体会议 activities held in the year
    plenary_days: tuple[date, ...] = ()  # the days they were held
    proposal_credits: int = 0


def load_records(session: Session, term: Term, year: int, source: ProposalSource) -> OfficeRecords:
    """The records of the term's office only: a city also holds its counties' records,
    which neither count for its own members nor belong in another county's check."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    owner = term.owner_uuid
    # A meeting may be on record before it is held (its notice and sign-in sheet are
    # printed ahead): its list is who is expected, not who attended. Not yet counted.
    held_by = min(last, date.today())
    records = OfficeRecords()
    for member_id, *row in _attendance(session, owner, first, held_by):
        records.attendance.setdefault(member_id, []).append(tuple(row))  # type: ignore[arg-type]
    for member_id, *row in _social_info(session, owner, first, last):
        records.social_info.setdefault(member_id, []).append(tuple(row))  # type: ignore[arg-type]
    for member_id, *row in _works(session, owner, date(term.first_year, 1, 1), last):
        records.works.setdefault(member_id, []).append(tuple(row))  # type: ignore[arg-type]
    for credit in source.credits(session, year, owner):
        records.proposals.setdefault(credit.member_uuid, []).append(credit)
        records.proposal_credits += 1
    records.plenary_days = tuple(
        session.scalars(
            select(Activity.held_on).where(
                Activity.owner_uuid == owner,
                Activity.kind == ActivityKind.PLENARY,
                Activity.held_on >= first,
                Activity.held_on <= held_by,
                Activity.deleted_at.is_(None),
            )
        )
    )
    records.plenaries = len(records.plenary_days)
    return records


def _attendance(session: Session, owner: str, first: date, last: date) -> Iterable[tuple]:  # type: ignore[type-arg]
    return session.execute(
        select(
            Attendance.member_id,
            Activity.held_on,
            Activity.kind,
            Activity.title,
            Attendance.status,
        )
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(
            Activity.owner_uuid == owner,
            Activity.held_on >= first,
            Activity.held_on <= last,
            Activity.deleted_at.is_(None),
            Attendance.deleted_at.is_(None),
        )
        .order_by(Activity.held_on, Activity.id)
    )


def _social_info(session: Session, owner: str, first: date, last: date) -> Iterable[tuple]:  # type: ignore[type-arg]
    return session.execute(
        select(
            social_info_submitter.c.member_id,
            SocialInfo.submitted_on,
            SocialInfo.title,
            SocialInfo.adopted,
            SocialInfo.instructed,
        )
        .join(SocialInfo, SocialInfo.id == social_info_submitter.c.social_info_id)
        .where(
            SocialInfo.owner_uuid == owner,
            SocialInfo.submitted_on >= first,
            SocialInfo.submitted_on <= last,
            SocialInfo.deleted_at.is_(None),
        )
        .order_by(SocialInfo.submitted_on, SocialInfo.id)
    )


def _works(session: Session, owner: str, first: date, last: date) -> Iterable[tuple]:  # type: ignore[type-arg]
    return session.execute(
        select(
            member_work_author.c.member_id,
            MemberWork.submitted_on,
            MemberWork.kind,
            MemberWork.title,
        )
        .join(MemberWork, MemberWork.id == member_work_author.c.member_work_id)
        .where(
            MemberWork.owner_uuid == owner,
            MemberWork.submitted_on >= first,
            MemberWork.submitted_on <= last,
            MemberWork.deleted_at.is_(None),
        )
        .order_by(MemberWork.submitted_on, MemberWork.id)
    )
