"""Speed of the five-ones check: 3,000 members and a year of records, target < 200 ms.

Run: .venv/bin/python bench/bench_five_ones.py

The data is a city-sized year (DOMAIN.md volumes scaled to 3,000 members):
one plenary everyone is asked to, 60 other activities of ~80 members each,
1,200 社情民意 items, 900 speeches and reports over the term, and 1,500
proposal credits fed through a ProposalSource, as the proposal register will.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.five_ones.check import ProposalCredit, check_five_ones
from app.office.office import OfficeSetup, set_up_office
from db.base import new_uuid
from db.member_models import Member, Membership, MembershipStatus, member_committee
from db.models import DictionaryEntry, DictionaryKind, Office, OfficeLevel, Term
from db.record_models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    MemberWork,
    SocialInfo,
    WorkKind,
    member_work_author,
    social_info_submitter,
)

MEMBERS = 3000
YEAR = 2025
TARGET_MS = 200.0
RUNS = 7


class ListedProposals:
    def __init__(self, credits: list[ProposalCredit]) -> None:
        self._credits = credits

    def credits(self, session: object, year: int, owner_uuid: str) -> list[ProposalCredit]:
        return [c for c in self._credits if c.submitted_on.year == year]


def _day(rng: random.Random, year: int = YEAR) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def fill(database: Database, rng: random.Random) -> tuple[list[ProposalCredit], dict[str, int]]:
    with database.begin() as session:
        office = session.scalars(select(Office).where(Office.is_local.is_(True))).one()
        owner = office.uuid
        term = session.scalars(select(Term)).one()
        entries = {
            kind: session.scalars(
                select(DictionaryEntry.id).where(DictionaryEntry.kind == kind)
            ).all()
            for kind in (DictionaryKind.SECTOR, DictionaryKind.COMMITTEE)
        }
        uuids = [new_uuid() for _ in range(MEMBERS)]
        session.execute(
            insert(Member),
            [
                {
                    "uuid": uuid,
                    "owner_uuid": owner,
                    "name": f"委员{i:04d}",
                    "sector_id": rng.choice(entries[DictionaryKind.SECTOR]),
                }
                for i, uuid in enumerate(uuids)
            ],
        )
        ids = dict(session.execute(select(Member.uuid, Member.id)).all())
        member_ids = [ids[u] for u in uuids]
        session.execute(
            insert(Membership),
            [
                {
                    "owner_uuid": owner,
                    "member_id": member_id,
                    "term_id": term.id,
                    "start_date": date(YEAR, 3, 1) if i % 50 == 0 else None,
                    "status": MembershipStatus.RESIGNED if i % 70 == 0 else MembershipStatus.ACTIVE,
                    "status_date": date(YEAR - 1 + i % 2, 6, 30) if i % 70 == 0 else None,
                }
                for i, member_id in enumerate(member_ids)
            ],
        )
        session.execute(
            insert(member_committee),
            [
                {"member_id": m, "committee_id": rng.choice(entries[DictionaryKind.COMMITTEE])}
                for m in member_ids
                if rng.random() < 0.6
            ],
        )
        counts = _records(session, owner, member_ids, rng)
    credits = [
        ProposalCredit(
            member_uuid=rng.choice(uuids),
            title=f"提案{i}",
            submitted_on=_day(rng),
            co_signed=rng.random() < 0.3,
            accepted=rng.random() < 0.9,
        )
        for i in range(1500)
    ]
    counts["proposal credits"] = len(credits)
    return credits, counts


def _records(session, owner: str, member_ids: list[int], rng: random.Random) -> dict[str, int]:  # type: ignore[no-untyped-def]
    kinds = [k for k in ActivityKind if k is not ActivityKind.PLENARY]
    activities = [
        {"uuid": new_uuid(), "owner_uuid": owner, "kind": ActivityKind.PLENARY,
         "title": "全体会议", "held_on": date(YEAR, 1, 10)}
    ] + [
        {"uuid": new_uuid(), "owner_uuid": owner, "kind": rng.choice(kinds),
         "title": f"活动{i}", "held_on": _day(rng)}
        for i in range(60)
    ]  # fmt: skip
    session.execute(insert(Activity), activities)
    activity_ids = session.scalars(select(Activity.id).order_by(Activity.id)).all()
    statuses = [AttendanceStatus.PRESENT] * 90 + [AttendanceStatus.LEAVE] * 7
    statuses += [AttendanceStatus.ABSENT] * 3
    attendance = [
        {"owner_uuid": owner, "activity_id": activity_ids[0], "member_id": m,
         "status": rng.choice(statuses)}
        for m in member_ids
    ]  # fmt: skip
    for activity_id in activity_ids[1:]:
        attendance += [
            {"owner_uuid": owner, "activity_id": activity_id, "member_id": m,
             "status": rng.choice(statuses)}
            for m in rng.sample(member_ids, 80)
        ]  # fmt: skip
    session.execute(insert(Attendance), attendance)

    session.execute(
        insert(SocialInfo),
        [
            {"owner_uuid": owner, "title": f"社情民意{i}", "submitted_on": _day(rng),
             "adopted": rng.random() < 0.3}
            for i in range(1200)
        ],
    )  # fmt: skip
    info_ids = session.scalars(select(SocialInfo.id)).all()
    submitters = {(i, m) for i in info_ids for m in rng.sample(member_ids, rng.choice((1, 1, 2)))}
    session.execute(
        insert(social_info_submitter),
        [{"social_info_id": i, "member_id": m} for i, m in submitters],
    )
    session.execute(
        insert(MemberWork),
        [
            {"owner_uuid": owner, "kind": rng.choice(list(WorkKind)), "title": f"发言{i}",
             "submitted_on": _day(rng, rng.randrange(2021, YEAR + 1))}
            for i in range(900)
        ],
    )  # fmt: skip
    work_ids = session.scalars(select(MemberWork.id)).all()
    authors = {(w, m) for w in work_ids for m in rng.sample(member_ids, rng.choice((1, 1, 2, 3)))}
    session.execute(
        insert(member_work_author), [{"member_work_id": w, "member_id": m} for w, m in authors]
    )
    return {
        "activities": len(activities),
        "attendance rows": len(attendance),
        "社情民意 items": len(info_ids),
        "社情民意 submitters": len(submitters),
        "speeches and reports": len(work_ids),
        "authors": len(authors),
    }


def main() -> None:
    rng = random.Random(2025)
    with tempfile.TemporaryDirectory(prefix="bench-five-ones-") as folder:
        database = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        try:
            set_up_office(
                database,
                OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 10, 2021, 2026),
            )
            started = time.perf_counter()
            credits, counts = fill(database, rng)
            filled_ms = (time.perf_counter() - started) * 1000
            source = ListedProposals(credits)
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                report = check_five_ones(database, YEAR, proposals=source)
                timings.append((time.perf_counter() - started) * 1000)
        finally:
            database.close()
    summary = report.summary
    show(f"data: {MEMBERS} members; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    show(f"inserted in {filled_ms:.0f} ms")
    show(f"checked {summary.checked} members ({summary.left_before_year} left before {YEAR})")
    show(summary.line)
    median, best = statistics.median(timings), min(timings)
    show(f"five-ones check: median {median:.1f} ms, best {best:.1f} ms over {RUNS} runs")
    show(f"target {TARGET_MS:.0f} ms: median is {median / TARGET_MS:.2f}x the target")


def show(text: str) -> None:
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
