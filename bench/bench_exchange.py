"""Exchange speed (issue 12): a county with five years of data, exported and imported.

A county of 200 members, 2,000 proposals (with signers, handling and history) and
10,000 duty records (attendance at 400 meetings, plus 社情民意) is exported in full
and imported at a city. The yardstick is what a clerk would otherwise do: an SQLite
backup of the same database plus a zip of it. Goal: each at most 2x the yardstick.
Then ten such counties' files are imported at one city: goal under a minute.

    .venv/bin/python bench/bench_exchange.py [--runs 5] [--counties 10]
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.exchange import cards
from app.exchange.export import export_file
from app.exchange.receiving.importing import import_file
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, current_term, require_local_office, set_up_office
from app.proposals.labels import ProposalState, SubmitterKind, UnitRole
from app.records.labels import ActivityKind, AttendanceStatus
from db.base import utc_now
from db.file_safety.backup import backup_database
from db.member_models import Member, Membership
from db.models import DictionaryEntry, DictionaryKind
from db.proposal_models import Proposal, ProposalHistory, ProposalSigner, UnitAssignment
from db.record_models import Activity, Attendance, SocialInfo

CITY = OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 6, 2021, 2026)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕晓东文"
YEARS = range(2021, 2026)


def office(root: Path, setup: OfficeSetup) -> Database:
    database = open_database(DataLocation(root / setup.division_code, root / "logs"))
    set_up_office(database, setup)
    return database


def fill_county(database: Database, seed: int) -> int:
    """Five years of a county's work; the number of records written."""
    rng = random.Random(seed)
    written = 0
    with database.begin() as session:
        local = require_local_office(session)
        owner = local.uuid
        term = current_term(session, local)
        assert term is not None
        unit_ids = _handling_units(session, owner)
        members = []
        for n in range(200):
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
            member = Member(
                owner_uuid=owner,
                name=name,
                employer=f"县第{n % 30}单位",
                note="委员" * rng.randint(0, 20),
            )
            member.memberships = [Membership(owner_uuid=owner, term=term)]
            members.append(member)
        session.add_all(members)
        session.flush()
        written += 400
        attendance = 0
        for year in YEARS:
            for n in range(80):
                activity = Activity(
                    owner_uuid=owner,
                    kind=rng.choice(list(ActivityKind)),
                    title=f"{year}年第{n + 1}次活动：" + "调研" * rng.randint(1, 6),
                    held_on=date(year, 1, 1) + timedelta(days=rng.randint(0, 360)),
                )
                activity.attendances = [
                    Attendance(owner_uuid=owner, member=m, status=AttendanceStatus.PRESENT)
                    for m in rng.sample(members, 25)
                ]
                attendance += 25
                session.add(activity)
        written += 400 + attendance
        for n in range(500):
            info = SocialInfo(
                owner_uuid=owner,
                title=f"关于第{n}个问题的社情民意",
                submitted_on=date(rng.choice(YEARS), 3, 1),
                note="情况说明" * rng.randint(5, 40),
            )
            info.submitters = rng.sample(members, 2)
            session.add(info)
        written += 500
        now = utc_now()
        for n in range(2000):
            year = YEARS[n % 5]
            proposal = Proposal(
                owner_uuid=owner,
                year=year,
                number=f"{year}-{n:04d}",
                submitter_kind=SubmitterKind.JOINT,
                title=f"关于加强第{n}项工作的建议",
                body="情况分析和具体建议。" * rng.randint(20, 120),
                submitted_on=date(year, 2, 20),
                state=ProposalState.ACCEPTED,
            )
            proposal.signers = [
                ProposalSigner(owner_uuid=owner, position=i, member=m, name=m.name)
                for i, m in enumerate(rng.sample(members, 2))
            ]
            session.add(proposal)
            session.flush()
            session.add(
                UnitAssignment(
                    owner_uuid=owner,
                    proposal_id=proposal.id,
                    unit_id=rng.choice(unit_ids),
                    role=UnitRole.LEAD,
                    assigned_on=date(year, 3, 1),
                    deadline=date(year, 6, 1),
                    replied_on=date(year, 5, 20),
                )
            )
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
        written += 2000 * 6
    return written


def _handling_units(session: Session, owner: str) -> list[int]:
    query = select(DictionaryEntry.id).where(DictionaryEntry.kind == DictionaryKind.HANDLING_UNIT)
    if not session.scalars(query).first():
        for n in range(20):
            session.add(
                DictionaryEntry(
                    owner_uuid=owner, kind=DictionaryKind.HANDLING_UNIT, name=f"县第{n}局"
                )
            )
        session.flush()
    return list(session.scalars(query))


def trade_cards(city: Database, county: Database, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    cards.write_card(city, folder / "city.cppcccard")
    cards.write_card(county, folder / "county.cppcccard")
    cards.trust_card(city, folder / "county.cppcccard")
    cards.trust_card(county, folder / "city.cppcccard")


def timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def backup_and_zip(database: Database, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    backup = folder / "backup.sqlite3"
    backup_database(database.path, backup)
    target = folder / "backup.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(backup, backup.name)
    return target


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--counties", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        city = office(root / "offices", CITY)
        county = office(
            root / "offices",
            OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150521", 10, 2021, 2026),
        )
        trade_cards(city, county, root / "cards")
        started = time.perf_counter()
        records = fill_county(county, 1)
        print(
            f"county filled: {records:,} records in {time.perf_counter() - started:.1f} s; "
            f"database {county.path.stat().st_size / 1e6:.1f} MB"
        )
        city.close()
        pristine = root / "city-pristine"
        shutil.copytree(root / "offices" / "150500", pristine)

        out = root / "out"
        out.mkdir()
        files: list[Path] = []
        times: dict[str, list[float]] = {"baseline": [], "export": [], "import": []}

        def fresh_import() -> None:
            target = root / "offices" / "150500"
            shutil.rmtree(target)
            shutil.copytree(pristine, target)
            database = open_database(DataLocation(target, root / "logs"))
            try:
                started = time.perf_counter()
                import_file(database, files[0])
                times["import"].append(time.perf_counter() - started)
            finally:
                database.close()

        # Interleaved, one of each per round: a machine slowing down or speeding up part
        # way through then weighs on the yardstick as much as on what it measures.
        for _ in range(args.runs):
            times["baseline"].append(timed(lambda: backup_and_zip(county, root / "baseline"), 1))
            times["export"].append(
                timed(lambda: files.append(export_file(county, "150500", out, full=True).path), 1)
            )
            fresh_import()
        baseline, export, imported = (statistics.median(times[k]) for k in times)
        zipped = (root / "baseline" / "backup.zip").stat().st_size
        print(f"backup + zip (yardstick): {baseline:.2f} s, {zipped / 1e6:.1f} MB")
        print(
            f"export (full):            {export:.2f} s, {files[0].stat().st_size / 1e6:.1f} MB"
            f"  ratio {export / baseline:.2f} (goal <= 2)"
        )
        print(
            f"import at the city:       {imported:.2f} s"
            f"  ratio {imported / baseline:.2f} (goal <= 2)"
        )
        county.close()

        counties = []
        city = open_database(DataLocation(root / "offices" / "150500", root / "logs"))
        for n in range(args.counties):
            setup = OfficeSetup(
                OfficeLevel.COUNTY, f"第{n + 1}县政协", f"1505{30 + n}", 10, 2021, 2026
            )
            other = office(root / "many", setup)
            trade_cards(city, other, root / "cards" / setup.division_code)
            fill_county(other, 100 + n)
            counties.append(export_file(other, "150500", out).path)
            other.close()
        started = time.perf_counter()
        for path in counties:
            import_file(city, path)
        whole = time.perf_counter() - started
        print(f"city imports {args.counties} counties' files: {whole:.1f} s (goal < 60 s)")
        city.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
