"""Demo members (about 200 in the current term) and their duty records.

Deterministic (one seeded random.Random per step) so that screenshots and
tests repeat. Everything obeys the screens' rules: valid ID numbers whose
birth dates match, 政治面貌 that fits the 界别, joining and leaving dates.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.people.idcard import check_digit
from app.demo import demo_pools as pools
from app.demo.demo_records import RECORD_DEMO_STEPS
from app.members.labels import CppccRole, MembershipStatus, Sex
from app.office.labels import DictionaryKind
from app.office.office import current_term
from db.member_models import Member, Membership
from db.models import DictionaryEntry, Office, Term

SEED = 20250301
# Sectors whose members are officials or professionals: no one below 大专.
_GRADUATES = frozenset({"中共", "特邀人士", "科协", *pools.DEMOCRATIC_PARTIES})


@dataclass(frozen=True)
class _Person:
    name: str
    sex: Sex
    ethnic_group: str


def _demo_members(session: Session, office: Office) -> int:
    term = current_term(session, office)
    if term is None:
        return 0
    rng = random.Random(SEED)
    entries = _entries(session, office)
    previous = session.scalars(
        select(Term).where(Term.owner_uuid == office.uuid, Term.number == term.number - 1)
    ).first()
    county = office.name.removesuffix("政协") or "本县"
    names: set[str] = set()
    ids: set[str] = set()
    members: list[Member] = []
    for sector, count, parties in pools.SECTORS:
        for _ in range(count):
            person = _person(rng, sector, names)
            member = _member(rng, office, entries, person, sector, parties, county, ids)
            member.memberships.append(
                Membership(owner_uuid=office.uuid, term=term, role=CppccRole.MEMBER)
            )
            if previous is not None and rng.random() < 0.3:  # 连任
                member.memberships.append(
                    Membership(owner_uuid=office.uuid, term=previous, role=CppccRole.MEMBER)
                )
            members.append(member)
    _twin_names(rng, members)
    _assign_roles(rng, members, term)
    _joined_and_left(rng, members, term)
    session.add_all(members)
    session.flush()
    return len(members)


def _entries(session: Session, office: Office) -> dict[tuple[DictionaryKind, str], DictionaryEntry]:
    return {
        (e.kind, e.name): e
        for e in session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.owner_uuid == office.uuid, DictionaryEntry.deleted_at.is_(None)
            )
        )
    }


def _person(rng: random.Random, sector: str, taken: set[str]) -> _Person:
    while True:
        person = _draw_person(rng, sector)
        if person.name not in taken:
            taken.add(person.name)
            return person


def _draw_person(rng: random.Random, sector: str) -> _Person:
    sex = Sex.FEMALE if rng.random() < (0.8 if sector == "妇联" else 0.28) else Sex.MALE
    roll = rng.random()
    if sector == "宗教界":
        roll = 0.95 if rng.random() < 0.5 else 0.5  # 伊斯兰教协会 (回族) or 佛教协会
    if sector == "少数民族界" or 0.80 <= roll < 0.92:
        given = pools.MONGOLIAN_FEMALE if sex is Sex.FEMALE else pools.MONGOLIAN_MALE
        name = rng.choice(given)
        if rng.random() < 0.5:
            name = rng.choice(pools.MONGOLIAN_SURNAMES) + name
        return _Person(name, sex, "蒙古族")
    given = rng.choice(pools.FEMALE_GIVEN if sex is Sex.FEMALE else pools.MALE_GIVEN)
    if roll >= 0.95:
        return _Person(rng.choice(pools.HUI_SURNAMES) + given, sex, "回族")
    if roll >= 0.92:
        return _Person(rng.choice(pools.MANCHU_SURNAMES) + given, sex, "满族")
    return _Person(rng.choice(pools.SURNAMES) + given, sex, "汉族")


def _member(
    rng: random.Random,
    office: Office,
    entries: dict[tuple[DictionaryKind, str], DictionaryEntry],
    person: _Person,
    sector: str,
    parties: tuple[str, ...],
    county: str,
    ids: set[str],
) -> Member:
    birth = date(1958, 1, 1) + timedelta(days=rng.randrange(365 * 32))
    if sector == "共青团":
        birth = date(1990, 1, 1) + timedelta(days=rng.randrange(365 * 5))
    employer, title = _unit(rng, sector, person)
    committee = entries.get((DictionaryKind.COMMITTEE, pools.COMMITTEE_BY_SECTOR.get(sector, "")))
    committees = [committee] if committee is not None and rng.random() < 0.75 else []
    if rng.random() < 0.08:
        committees.append(entries[(DictionaryKind.COMMITTEE, "提案委员会")])
    return Member(
        owner_uuid=office.uuid,
        name=person.name,
        sex=person.sex,
        ethnic_group=entries.get((DictionaryKind.ETHNIC_GROUP, person.ethnic_group)),
        birth_date=birth,
        birth_day_known=rng.random() < 0.7,
        native_place=rng.choice(pools.NATIVE_PLACES),
        education=rng.choice(
            pools.EDUCATION[:5] if title or sector in _GRADUATES else pools.EDUCATION
        ),
        party=entries.get((DictionaryKind.PARTY, _party(rng, parties))),
        sector=entries.get((DictionaryKind.SECTOR, sector)),
        employer=employer,
        professional_title=title,
        liaison_group=entries.get(
            (DictionaryKind.LIAISON_GROUP, pools.LIAISON_BY_SECTOR.get(sector, ""))
        ),
        phone=_phone(rng),
        id_number=_id_number(rng, office.division_code, birth, person.sex, ids),
        address=f"{county}{rng.choice(pools.TOWNS)}{rng.choice(pools.STREETS)}"
        f"{rng.randint(1, 199)}号",
        committees=list(dict.fromkeys(committees)),
    )


def _party(rng: random.Random, parties: tuple[str, ...]) -> str:
    return parties[0] if len(parties) == 1 or rng.random() < 0.6 else rng.choice(parties[1:])


def _unit(rng: random.Random, sector: str, person: _Person) -> tuple[str, str]:
    """工作单位及职务, and a 职称 where the profession has one."""
    town, village = rng.choice(pools.TOWNS), rng.choice(pools.VILLAGES)
    company = f"{rng.choice(pools.COMPANY_NAMES)}{rng.choice(pools.COMPANY_WORDS)}有限公司"
    school, hospital = rng.choice(pools.SCHOOLS), rng.choice(pools.HOSPITALS)
    bureau = rng.choice(pools.BUREAUS)
    choices: dict[str, list[tuple[str, str]]] = {
        "中共": [(f"{bureau}局长", ""), (f"{town}党委书记", ""), (f"{bureau}副局长", "")],
        "共青团": [("共青团县委书记", ""), (f"{town}团委书记", ""), (f"{school}团委书记", "")],
        "工会": [("县总工会副主席", ""), (f"{company}工会主席", "")],
        "妇联": [("县妇联主席", ""), (f"{town}妇联主席", ""), (f"{village}妇联主任", "")],
        "工商联": [(f"{company}董事长", ""), (f"{company}总经理", ""), ("县工商联副主席", "")],
        "科协": [("县科协主席", ""), ("县农牧技术推广中心主任", "正高级农艺师")],
        "经济界": [
            (f"{company}董事长", ""),
            (f"{company}总经理", ""),
            ("县农村信用联社理事长", ""),
        ],
        "农业界": [
            (f"{town}{village}党支部书记", ""),
            (f"{town}{village}种植专业合作社理事长", ""),
        ],
        "教育界": [(f"{school}校长", "高级教师"), (f"{school}教师", "一级教师")],
        "医药卫生界": [(f"{hospital}院长", "主任医师"), (f"{hospital}副主任医师", "副主任医师")],
        "文化艺术界": [("县文联副主席", ""), ("县乌兰牧骑队长", "国家二级演员")],
        "少数民族界": [("县蒙古族中学校长", "高级教师"), (f"{town}{village}党支部书记", "")],
        "宗教界": [
            ("县伊斯兰教协会会长", "")
            if person.ethnic_group == "回族"
            else ("县佛教协会副会长", "")
        ],
        "特邀人士": [
            ("县人民法院副院长", ""),
            ("县人民检察院副检察长", ""),
            ("县律师协会会长", ""),
        ],
    }
    default = [
        (f"{school}副校长", "高级教师"),
        (f"{hospital}科主任", "副主任医师"),
        (f"{company}总经理", ""),
    ]
    return rng.choice(choices.get(sector, default))


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.08:  # an office landline
        return f"0475-{rng.randint(6210000, 6299999)}"
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def _id_number(rng: random.Random, county: str, birth: date, sex: Sex, taken: set[str]) -> str:
    region = county if rng.random() < 0.8 else county[:4] + rng.choice(("02", "21", "22", "24"))
    while True:
        sequence = rng.randint(0, 99) * 10 + rng.choice(
            (1, 3, 5, 7, 9) if sex is Sex.MALE else (0, 2, 4, 6, 8)
        )
        first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
        number = first17 + check_digit(first17)
        if number not in taken:
            taken.add(number)
            return number


def _twin_names(rng: random.Random, members: list[Member]) -> None:
    """Two members with the same name, as happens: the import tells them apart by ID."""
    men = [
        m for m in members if m.sex is Sex.MALE and m.ethnic_group and m.ethnic_group.name == "汉族"
    ]
    first, second = rng.sample(men, 2)
    second.name = first.name


def _assign_roles(rng: random.Random, members: list[Member], term: Term) -> None:
    by_sector: dict[str, list[Member]] = {}
    for member in members:
        by_sector.setdefault(member.sector.name if member.sector else "", []).append(member)

    def seat(member: Member) -> Membership:
        return next(s for s in member.memberships if s.term is term)

    party_members = by_sector["中共"]
    seat(party_members[0]).role = CppccRole.CHAIR
    party_members[0].employer = "县政协主席"
    seat(party_members[1]).role = CppccRole.SECRETARY_GENERAL
    party_members[1].employer = "县政协秘书长"
    for member in [party_members[2], party_members[3], by_sector["民盟"][0], by_sector["民建"][0]]:
        seat(member).role = CppccRole.VICE_CHAIR
        member.employer = "县政协副主席"
    ordinary = [m for m in members if seat(m).role is CppccRole.MEMBER]
    for member in rng.sample(ordinary, 30):
        seat(member).role = CppccRole.STANDING


def _joined_and_left(rng: random.Random, members: list[Member], term: Term) -> None:
    """A few 增补 mid-year, and three who left (辞去, 调离) with their dates."""
    today = date.today()
    last_year = today.year - 1
    ordinary = [
        m
        for m in members
        if next(s for s in m.memberships if s.term is term).role is CppccRole.MEMBER
    ]
    joiners = rng.sample(ordinary, 7)
    for member, day in zip(
        joiners[:4],
        (
            date(last_year, 6, 18),
            date(last_year, 6, 18),
            min(date(today.year, 4, 22), today),
            min(date(today.year, 4, 22), today),
        ),
        strict=True,
    ):
        seat = next(s for s in member.memberships if s.term is term)
        seat.start_date = max(day, date(term.first_year, 1, 1))
        member.memberships = [seat]  # new to the CPPCC: no earlier term
    for member, status, day in zip(
        joiners[4:],
        (MembershipStatus.RESIGNED, MembershipStatus.TRANSFERRED, MembershipStatus.TRANSFERRED),
        (date(last_year, 9, 12), date(last_year, 11, 30), min(date(today.year, 5, 15), today)),
        strict=True,
    ):
        seat = next(s for s in member.memberships if s.term is term)
        seat.status = status
        seat.status_date = day
        member.note = (
            "因工作调动调离本县" if status is MembershipStatus.TRANSFERRED else "本人申请辞去委员"
        )


MEMBER_DEMO_STEPS: list[tuple[str, Callable[[Session, Office], int]]] = [
    ("委员", _demo_members),
    *RECORD_DEMO_STEPS,
]
