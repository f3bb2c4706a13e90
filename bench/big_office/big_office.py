"""A big, old county office, and how long each screen holds the GUI thread on it.

About 3x bench_exchange's county: 600 members over three terms, 6,000 proposals over ten
years (signers, handling, history), 30,000 attendance records, 1,500 社情民意, on top of
the demonstration data (`cppcc-desk demo`: consultation plan, meetings, outcomes).

    .venv/bin/python bench/big_office/big_office.py [--root /tmp/big-office] [--build-only]

The database is built once under --root (a `ready` marker); open it in the window with
`bash scripts/start.sh --data-dir /tmp/big-office/data`. The screens are then driven
offscreen (big_office_screens.py) and, per action, the longest the GUI thread was busy
is printed: over 0.3 s a clerk notices, over 1 s the window looks frozen.
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.demo.demo import load_demo
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, require_local_office, set_up_office
from app.records.labels import ActivityKind, AttendanceStatus
from db.base import utc_now
from db.member_models import Member, Membership
from db.models import DictionaryEntry, DictionaryKind, Term
from db.proposal_models import (
    Proposal,
    ProposalHistory,
    ProposalSigner,
    ProposalState,
    Satisfaction,
    SubmitterKind,
    UnitAssignment,
    UnitRole,
)
from db.record_models import Activity, Attendance, MemberWork, SocialInfo, WorkKind

SETUP = OfficeSetup(OfficeLevel.COUNTY, "老县政协", "150525", 10, 2021, 2026)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉海燕晓东文"
YEARS = range(2016, 2026)
MEMBERS, PROPOSALS, ACTIVITIES_A_YEAR, ATTENDEES, SOCIAL_INFOS, WORKS = (
    600, 6000, 100, 30, 1500, 600,
)  # fmt: skip
READY = "ready"


def location(root: Path) -> DataLocation:
    return DataLocation(root / "data", root / "logs")


def build(root: Path) -> Database:
    """The big office under root, unless a complete one is already there."""
    if (root / READY).exists():
        return open_database(location(root))
    root.mkdir(parents=True, exist_ok=True)
    database = open_database(location(root))
    started = time.perf_counter()
    set_up_office(database, SETUP)
    load_demo(database)
    counts = fill_big_office(database, random.Random(7))
    (root / READY).write_text("ok")
    print(
        f"built in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        + f"; {database.path.stat().st_size / 1e6:.1f} MB at {database.path}"
    )
    return database


def fill_big_office(database: Database, rng: random.Random) -> dict[str, int]:
    with database.begin() as session:
        owner = require_local_office(session).uuid
        terms = _three_terms(session, owner)
        by_term = _members(session, owner, terms, rng)
        activities = _activities(session, owner, terms, by_term, rng)
        infos = _social_infos(session, owner, terms, by_term, rng)
        proposals = _proposals(session, owner, terms, by_term, rng)
    return {
        "members": MEMBERS,
        "attendance": activities,
        "社情民意": infos,
        "proposals": proposals,
    }


def _three_terms(session: Session, owner: str) -> dict[int, Term]:
    """第八届 2011-2016, 第九届 2016-2021 (the demo's), 第十届 2021-2026."""
    terms = {t.number: t for t in session.scalars(select(Term).where(Term.owner_uuid == owner))}
    if 8 not in terms:
        terms[8] = Term(owner_uuid=owner, number=8, first_year=2011, last_year=2016)
        session.add(terms[8])
    session.flush()
    return terms


def _term_of(terms: dict[int, Term], year: int) -> Term:
    return terms[10] if year >= 2021 else terms[9]


def _entries(session: Session, kind: DictionaryKind) -> list[DictionaryEntry]:
    return list(session.scalars(select(DictionaryEntry).where(DictionaryEntry.kind == kind)))


def _members(
    session: Session, owner: str, terms: dict[int, Term], rng: random.Random
) -> dict[int, list[Member]]:
    sectors = _entries(session, DictionaryKind.SECTOR)
    committees = _entries(session, DictionaryKind.COMMITTEE)
    spans = [(8,), (9,), (10,), (8, 9), (9, 10), (8, 9, 10), (10,), (9, 10)]
    by_term: dict[int, list[Member]] = {8: [], 9: [], 10: []}
    for n in range(MEMBERS):
        member = Member(
            owner_uuid=owner,
            name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
            employer=f"县第{n % 40}单位",
            sector=rng.choice(sectors),
            note="委员" * rng.randint(0, 10),
        )
        member.committees = rng.sample(committees, rng.choice((0, 1, 1, 2)))
        span = rng.choice(spans)
        member.memberships = [Membership(owner_uuid=owner, term=terms[t]) for t in span]
        for t in span:
            by_term[t].append(member)
        session.add(member)
    session.flush()
    return by_term


def _activities(
    session: Session,
    owner: str,
    terms: dict[int, Term],
    by_term: dict[int, list[Member]],
    rng: random.Random,
) -> int:
    written = 0
    statuses = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.LEAVE, AttendanceStatus.ABSENT]
    for year in YEARS:
        pool = by_term[_term_of(terms, year).number]
        for n in range(ACTIVITIES_A_YEAR):
            activity = Activity(
                owner_uuid=owner,
                kind=rng.choice(list(ActivityKind)),
                title=f"{year}年第{n + 1}次活动：" + "调研" * rng.randint(1, 6),
                held_on=date(year, 1, 1) + timedelta(days=rng.randint(0, 360)),
            )
            activity.attendances = [
                Attendance(owner_uuid=owner, member=m, status=rng.choice(statuses))
                for m in rng.sample(pool, ATTENDEES)
            ]
            written += ATTENDEES
            session.add(activity)
    session.flush()
    return written


def _social_infos(
    session: Session,
    owner: str,
    terms: dict[int, Term],
    by_term: dict[int, list[Member]],
    rng: random.Random,
) -> int:
    for n in range(SOCIAL_INFOS):
        year = YEARS[n % len(YEARS)]
        pool = by_term[_term_of(terms, year).number]
        info = SocialInfo(
            owner_uuid=owner,
            title=f"关于第{n}个问题的社情民意",
            submitted_on=date(year, 1, 1) + timedelta(days=rng.randint(0, 360)),
            adopted=rng.random() < 0.3,
            note="情况说明" * rng.randint(5, 40),
        )
        info.submitters = rng.sample(pool, rng.choice((1, 1, 2)))
        session.add(info)
    for n in range(WORKS):
        year = YEARS[n % len(YEARS)]
        pool = by_term[_term_of(terms, year).number]
        work = MemberWork(
            owner_uuid=owner,
            kind=rng.choice(list(WorkKind)),
            title=f"关于第{n}项工作的发言",
            submitted_on=date(year, 3, 1) + timedelta(days=rng.randint(0, 200)),
        )
        work.authors = rng.sample(pool, 1)
        session.add(work)
    session.flush()
    return SOCIAL_INFOS


def _proposals(
    session: Session,
    owner: str,
    terms: dict[int, Term],
    by_term: dict[int, list[Member]],
    rng: random.Random,
) -> int:
    units = _entries(session, DictionaryKind.HANDLING_UNIT)
    a, b, c = sorted(_entries(session, DictionaryKind.RESULT_CLASS), key=lambda e: e.name)
    classes = [a] * 15 + [b] * 4 + [c]
    ratings = [Satisfaction.SATISFIED] * 16 + [Satisfaction.BASIC] * 3 + [Satisfaction.DISSATISFIED]
    states = [ProposalState.ACCEPTED] * 8 + [ProposalState.REJECTED, ProposalState.SUBMITTED]
    proposals = []
    for n in range(PROPOSALS):
        year = YEARS[n % len(YEARS)]
        term = _term_of(terms, year)
        signers = rng.sample(by_term[term.number], rng.choice((1, 1, 2, 3)))
        proposal = Proposal(
            owner_uuid=owner,
            year=year,
            term=term,
            number=f"{year}{n // len(YEARS) + 1:03d}",
            submitter_kind=SubmitterKind.INDIVIDUAL if len(signers) == 1 else SubmitterKind.JOINT,
            title=f"关于加强第{n}项工作的建议",
            body="情况分析和具体建议。" * rng.randint(20, 120),
            submitted_on=date(year, 1, 10) + timedelta(days=rng.randint(0, 300)),
            state=rng.choice(states) if year == YEARS[-1] else ProposalState.ACCEPTED,
        )
        proposal.signers = [
            ProposalSigner(owner_uuid=owner, position=i, member=m, name=m.name)
            for i, m in enumerate(signers)
        ]
        if proposal.state is ProposalState.ACCEPTED:
            replied = year < YEARS[-1] or rng.random() < 0.5
            proposal.assignments = [
                UnitAssignment(
                    owner_uuid=owner,
                    unit=rng.choice(units),
                    role=UnitRole.LEAD,
                    assigned_on=date(year, 3, 1),
                    deadline=date(year, 6, 1),
                    replied_on=date(year, 5, 20) if replied else None,
                    result_class=rng.choice(classes) if replied else None,
                    satisfaction=rng.choice(ratings) if replied else None,
                )
            ]
            # Most old items on the 督办台账 were settled (销号) in the year after.
            handled = proposal.assignments[0]
            if year < YEARS[-2] and rng.random() < 0.9:
                handled.ledger_closed_on = date(year + 1, 3, 1)
                handled.ledger_note = "已落实"
        proposals.append(proposal)
    session.add_all(proposals)
    session.flush()
    now = utc_now()
    for proposal in proposals:
        for step in ("提交", "立案", "交办"):
            session.add(
                ProposalHistory(
                    owner_uuid=owner,
                    proposal_id=proposal.id,
                    recorded_at=now,
                    action=step,
                    text=f"{step}：{proposal.title}",
                )
            )
    session.flush()
    return PROPOSALS


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("/tmp/big-office"))
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    database = build(args.root)
    if args.build_only:
        database.close()
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from big_office_screens import measure_screens

    return measure_screens(database)


if __name__ == "__main__":
    raise SystemExit(main())
