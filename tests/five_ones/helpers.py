"""Members, seats and duty records made directly with the ORM, for five-ones tests.

The records service is written in parallel; these helpers write the tables the
check reads, in one short transaction each, like a service would.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.storage import Database
from app.five_ones.check import Criterion, ProposalCredit
from db.member_models import CppccRole, Member, Membership, MembershipStatus, Sex
from db.models import DictionaryEntry, DictionaryKind, Office, Term
from db.record_models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    MemberWork,
    SocialInfo,
    WorkKind,
)

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT


def _office(session: Session) -> Office:
    return session.scalars(select(Office).where(Office.is_local.is_(True))).one()


def _entry(session: Session, office: Office, kind: DictionaryKind, name: str) -> DictionaryEntry:
    entry = session.scalars(
        select(DictionaryEntry).where(DictionaryEntry.kind == kind, DictionaryEntry.name == name)
    ).first()
    if entry is None:
        entry = DictionaryEntry(owner_uuid=office.uuid, kind=kind, name=name, sort_order=99)
        session.add(entry)
        session.flush()
    return entry


def add_term(database: Database, number: int, first_year: int, last_year: int) -> None:
    with database.begin() as session:
        office = _office(session)
        session.add(
            Term(owner_uuid=office.uuid, number=number, first_year=first_year, last_year=last_year)
        )


def add_member(
    database: Database,
    name: str,
    *,
    sector: str = "经济界",
    committees: Iterable[str] = (),
    liaison_group: str = "",
    role: CppccRole = CppccRole.MEMBER,
    start: date | None = None,
    status: MembershipStatus = MembershipStatus.ACTIVE,
    status_date: date | None = None,
    term_number: int = 10,
    phone: str = "",
    id_number: str | None = None,
    employer: str = "",
) -> str:
    """A member with a seat in the term; returns the member's UUID."""
    with database.begin() as session:
        office = _office(session)
        term = session.scalars(select(Term).where(Term.number == term_number)).one()
        member = Member(
            owner_uuid=office.uuid,
            name=name,
            sex=Sex.FEMALE if name.endswith(("芳", "丽", "娟", "英")) else Sex.MALE,
            sector=_entry(session, office, DictionaryKind.SECTOR, sector) if sector else None,
            liaison_group=(
                _entry(session, office, DictionaryKind.LIAISON_GROUP, liaison_group)
                if liaison_group
                else None
            ),
            committees=[_entry(session, office, DictionaryKind.COMMITTEE, c) for c in committees],
            phone=phone,
            id_number=id_number,
            employer=employer,
        )
        member.memberships.append(
            Membership(
                owner_uuid=office.uuid,
                term=term,
                role=role,
                start_date=start,
                status=status,
                status_date=status_date,
            )
        )
        session.add(member)
        session.flush()
        return member.uuid


def _members(session: Session, uuids: Iterable[str]) -> list[Member]:
    uuids = list(uuids)
    found = {m.uuid: m for m in session.scalars(select(Member).where(Member.uuid.in_(uuids)))}
    return [found[u] for u in uuids]


def add_activity(
    database: Database,
    kind: ActivityKind,
    held_on: date,
    attendance: dict[str, AttendanceStatus],
    title: str = "",
) -> None:
    with database.begin() as session:
        office = _office(session)
        activity = Activity(
            owner_uuid=office.uuid,
            kind=kind,
            title=title or f"{kind.value} {held_on}",
            held_on=held_on,
        )
        members = dict(zip(attendance, _members(session, attendance), strict=True))
        for uuid, status in attendance.items():
            activity.attendances.append(
                Attendance(owner_uuid=office.uuid, member=members[uuid], status=status)
            )
        session.add(activity)


def add_social_info(
    database: Database,
    submitted_on: date,
    submitters: Iterable[str],
    title: str = "",
    adopted: bool = False,
    instructed: bool = False,
) -> None:
    with database.begin() as session:
        office = _office(session)
        session.add(
            SocialInfo(
                owner_uuid=office.uuid,
                title=title or f"社情民意 {submitted_on}",
                submitted_on=submitted_on,
                adopted=adopted,
                instructed=instructed,
                submitters=_members(session, submitters),
            )
        )


def add_work(
    database: Database,
    kind: WorkKind,
    submitted_on: date,
    authors: Iterable[str],
    title: str = "",
) -> None:
    with database.begin() as session:
        office = _office(session)
        session.add(
            MemberWork(
                owner_uuid=office.uuid,
                kind=kind,
                title=title or f"{kind.value} {submitted_on}",
                submitted_on=submitted_on,
                authors=_members(session, authors),
            )
        )


@dataclass
class ListedProposals:
    """A ProposalSource over a list, as the proposal register will be."""

    credits_given: list[ProposalCredit] = field(default_factory=list)
    years_asked: list[int] = field(default_factory=list)

    def add(
        self,
        member_uuid: str,
        submitted_on: date,
        title: str = "",
        co_signed: bool = False,
        accepted: bool | None = True,
    ) -> ListedProposals:
        self.credits_given.append(
            ProposalCredit(
                member_uuid=member_uuid,
                title=title or f"提案 {submitted_on}",
                submitted_on=submitted_on,
                co_signed=co_signed,
                accepted=accepted,
            )
        )
        return self

    def credits(self, session: Session, year: int, owner_uuid: str) -> list[ProposalCredit]:
        self.years_asked.append(year)
        return [c for c in self.credits_given if c.submitted_on.year == year]


def store_member_fields(database: Database, uuid: str, **values: object) -> None:
    """Write fields straight into the member's row, as an older version or another
    program might have left them (no service, no cleaning)."""
    with database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == uuid)).one()
        for name, value in values.items():
            setattr(member, name, value)


PLENARY_DAY = date(2025, 1, 10)


def counts(report, name: str) -> dict[str, tuple[int, bool]]:
    member = next(m for m in report.members if m.name == name)
    return {r.criterion.value: (r.count, r.met) for r in member.results}


def met(report, name: str, criterion: Criterion) -> bool:
    return next(m for m in report.members if m.name == name).result(criterion).met


def full_year(database: Database, uuid: str, proposals: ListedProposals) -> None:
    """Everything a member needs in 2025: the reference case."""
    add_activity(database, ActivityKind.PLENARY, PLENARY_DAY, {uuid: PRESENT}, "十届四次全会")
    add_activity(database, ActivityKind.INSPECTION, date(2025, 5, 20), {uuid: PRESENT}, "视察")
    add_social_info(database, date(2025, 4, 2), [uuid], "关于农村养老的建议", adopted=True)
    add_work(database, WorkKind.PLENARY_SPEECH, date(2025, 1, 11), [uuid], "大会发言")
    proposals.add(uuid, date(2025, 1, 9), "关于加强学前教育的提案")
