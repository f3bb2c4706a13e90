"""Demo duty records: last year and this year so far, for the demo members.

Each member gets a diligence drawn once, so the same members attend, write
and report again and again while a few do almost nothing: the five-ones
screen then shows a real mix. Nobody appears on a record dated before they
joined (增补) or after they left.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.text import chinese_number
from app.demo import demo_pools as pools
from app.members.labels import STANDING_ROLES, CppccRole, MembershipStatus
from app.office.office import current_term
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from db.member_models import Member, Membership
from db.models import Office, PlenarySession, Term
from db.record_models import Activity, Attendance, MemberWork, SocialInfo

SEED = 20250302
SOCIAL_INFO_PER_YEAR = 150
SPEECHES_PER_TERM = 30
REPORTS_PER_TERM = 20


@dataclass(frozen=True)
class _Seat:
    member: Member
    role: CppccRole
    joined: date | None
    left: date | None
    sector: str
    liaison_group: str
    diligence: float  # 0..1

    def serves_on(self, day: date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day < self.left
        )


def _seats(session: Session, office: Office, term: Term) -> list[_Seat]:
    members = session.scalars(
        select(Member)
        .join(Membership, Membership.member_id == Member.id)
        .where(
            Membership.term_id == term.id,
            Member.owner_uuid == office.uuid,
            Member.deleted_at.is_(None),
        )
        .options(selectinload(Member.memberships))
        .order_by(Member.id)
    ).all()
    seats = []
    for member in members:
        seat = next(s for s in member.memberships if s.term_id == term.id)
        left = seat.status_date if seat.status is not MembershipStatus.ACTIVE else None
        # Drawn from the member's own seed: the same in every step.
        own = random.Random(SEED * 1000 + member.id)
        diligence = 0.05 if own.random() < 0.12 else 0.3 + 0.7 * own.random()
        seats.append(
            _Seat(
                member=member,
                role=seat.role,
                joined=seat.start_date,
                left=left,
                sector=member.sector.name if member.sector else "",
                liaison_group=member.liaison_group.name if member.liaison_group else "",
                diligence=diligence,
            )
        )
    return seats


def _years() -> tuple[int, int]:
    return date.today().year - 1, date.today().year


def _day_in(rng: random.Random, year: int, first_month: int = 1) -> date | None:
    """A working day of the year, or None when it would lie after today."""
    start, end = date(year, first_month, 1), date(year, 12, 20)
    day = start + timedelta(days=rng.randrange((end - start).days))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day if day <= date.today() else None


def _pick(
    rng: random.Random, seats: Sequence[_Seat], count: int, power: float = 1.0
) -> list[_Seat]:
    """`count` seats without repeats, the diligent ones more likely (Efraimidis–Spirakis)."""
    keyed = sorted(seats, key=lambda s: rng.random() ** (1 / (s.diligence**power)), reverse=True)
    return keyed[: max(0, count)]


def _status(rng: random.Random, seat: _Seat, present_share: float) -> AttendanceStatus:
    roll = rng.random()
    present = present_share * (0.6 + 0.4 * seat.diligence) / 0.83  # 0.83: the mean factor
    if roll < present:
        return AttendanceStatus.PRESENT
    return (
        AttendanceStatus.LEAVE if roll < present + (1 - present) * 0.75 else AttendanceStatus.ABSENT
    )


# --- meetings and activities -----------------------------------------------------


def _demo_activities(session: Session, office: Office) -> int:
    term = current_term(session, office)
    if term is None:
        return 0
    rng = random.Random(SEED)
    seats = _seats(session, office, term)
    if not seats:
        return 0
    county = office.name.removesuffix("政协")
    activities: list[Activity] = []
    planned: list[tuple[ActivityKind, str, date]] = []
    for year in _years():
        plenary = _plenary(session, office, county, year)
        if plenary is not None and plenary[0] <= date.today():
            held_on, title = plenary
            activities.append(
                _activity(rng, office, ActivityKind.PLENARY, title, held_on, seats, 0.92)
            )
        for kind_value, titles in pools.ACTIVITY_TITLES.items():
            kind = ActivityKind(kind_value)
            for template in titles:
                day = _day_in(
                    rng, year, first_month=3 if kind is ActivityKind.STANDING_MEETING else 1
                )
                if day is not None:
                    planned.append((kind, template, day))
    # 常委会第N次会议 are numbered through the term in the order they were held,
    # as if two were held in each earlier year of the term.
    numbers = count((min(_years()) - term.first_year) * 2 + 1)
    for kind, template, day in sorted(planned, key=lambda item: item[2]):
        title = template.format(n=next(numbers)) if "{n}" in template else template
        invited = _invited(rng, kind, seats, day)
        activities.append(_activity(rng, office, kind, title, day, invited, 0.86))
    session.add_all(activities)
    session.flush()
    return len(activities)


def _plenary(session: Session, office: Office, county: str, year: int) -> tuple[date, str] | None:
    """The plenary session registered for that year (届次与会议); None when there is none
    (the term's last year: its plenary is the next term's first)."""
    for plenary in session.scalars(
        select(PlenarySession)
        .join(Term)
        .where(Term.owner_uuid == office.uuid, PlenarySession.start_date.is_not(None))
    ):
        if plenary.start_date is not None and plenary.start_date.year == year:
            return plenary.start_date, _plenary_title(county, plenary.term.number, plenary.number)
    return None


def _plenary_title(county: str, term_number: int, session_number: int) -> str:
    term, session = chinese_number(term_number), chinese_number(session_number)
    return f"政协{county}第{term}届委员会第{session}次会议"


def _invited(rng: random.Random, kind: ActivityKind, seats: list[_Seat], day: date) -> list[_Seat]:
    serving = [s for s in seats if s.serves_on(day)]
    if kind is ActivityKind.STANDING_MEETING:
        return [s for s in serving if s.role in STANDING_ROLES]
    if kind is ActivityKind.TRAINING:
        return _pick(rng, serving, rng.randint(60, 100), power=0.5)
    if kind is ActivityKind.MEMBER_ACTIVITY and rng.random() < 0.6:
        group = rng.choice(sorted({s.liaison_group for s in serving}))
        return [s for s in serving if s.liaison_group == group]
    sizes = {
        ActivityKind.CONSULTATION: (20, 30),
        ActivityKind.INSPECTION: (15, 22),
        ActivityKind.RESEARCH: (8, 14),
    }
    low, high = sizes.get(kind, (15, 30))
    return _pick(rng, serving, rng.randint(low, high))


def _activity(
    rng: random.Random,
    office: Office,
    kind: ActivityKind,
    title: str,
    day: date,
    invited: Sequence[_Seat],
    present_share: float,
) -> Activity:
    activity = Activity(owner_uuid=office.uuid, kind=kind, title=title, held_on=day, note="")
    for seat in invited:
        if seat.serves_on(day):
            activity.attendances.append(
                Attendance(
                    owner_uuid=office.uuid,
                    member=seat.member,
                    status=_status(rng, seat, present_share),
                )
            )
    return activity


# --- 社情民意信息 ---------------------------------------------------------------------


def _demo_social_info(session: Session, office: Office) -> int:
    term = current_term(session, office)
    if term is None:
        return 0
    rng = random.Random(SEED + 1)
    seats = _seats(session, office, term)
    if not seats:
        return 0
    titles = [form.format(topic) for topic in pools.SOCIAL_TOPICS for form in pools.SOCIAL_FORMS]
    items = []
    for year in _years():
        for title in rng.sample(titles, SOCIAL_INFO_PER_YEAR):
            day = _day_in(rng, year)
            if day is None:
                continue
            serving = [s for s in seats if s.serves_on(day)]
            count = 1 if rng.random() < 0.7 else rng.randint(2, 3)
            adopted = rng.random() < 0.3
            items.append(
                SocialInfo(
                    owner_uuid=office.uuid,
                    title=title,
                    submitted_on=day,
                    adopted=adopted,
                    instructed=adopted and rng.random() < 0.3,
                    note="",
                    submitters=[s.member for s in _pick(rng, serving, count, power=0.7)],
                )
            )
    session.add_all(items)
    session.flush()
    return len(items)


# --- 大会发言 and 调研视察报告 ----------------------------------------------------------


def _demo_works(session: Session, office: Office) -> int:
    term = current_term(session, office)
    if term is None:
        return 0
    rng = random.Random(SEED + 2)
    seats = _seats(session, office, term)
    if not seats:
        return 0
    county = office.name.removesuffix("政协")
    years = [y for y in range(term.first_year, term.last_year + 1) if date(y, 3, 1) <= date.today()]
    works: list[MemberWork] = []
    for year in years:
        plenary = _plenary(session, office, county, year)
        if plenary is not None and plenary[0] <= date.today():
            plenary_day = plenary[0]
            for topic in rng.sample(pools.SPEECH_TOPICS, SPEECHES_PER_TERM // len(years)):
                works.append(
                    _work(rng, office, WorkKind.PLENARY_SPEECH, topic, plenary_day, seats, 2)
                )
    for topic in rng.choices(pools.REPORT_TOPICS, k=REPORTS_PER_TERM):
        day = _day_in(rng, rng.choice(years), first_month=4)
        if day is not None:
            title = f"关于{topic}情况的{rng.choice(('调研报告', '视察报告'))}"
            works.append(_work(rng, office, WorkKind.RESEARCH_REPORT, title, day, seats, 3))
    session.add_all(works)
    session.flush()
    return len(works)


def _work(
    rng: random.Random,
    office: Office,
    kind: WorkKind,
    title: str,
    day: date,
    seats: list[_Seat],
    most_authors: int,
) -> MemberWork:
    serving = [s for s in seats if s.serves_on(day)]
    count = 1 if rng.random() < 0.7 else rng.randint(2, most_authors)
    return MemberWork(
        owner_uuid=office.uuid,
        kind=kind,
        title=title,
        submitted_on=day,
        note="",
        authors=[s.member for s in _pick(rng, serving, count, power=2.0)],
    )


RECORD_DEMO_STEPS: list[tuple[str, Callable[[Session, Office], int]]] = [
    ("会议活动", _demo_activities),
    ("社情民意信息", _demo_social_info),
    ("大会发言与调研视察报告", _demo_works),
]
