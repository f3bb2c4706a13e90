"""Speed of the duplicate check over the register: the kept index against a rebuild.

Run: .venv/bin/python bench/bench_proposal_register.py

A city-sized register (10 counties × 10 years × 200 proposals = 20,000 proposals with
bodies) in a real database. Times, median of several runs: the first call (builds the
index from the database), a call with nothing changed, a call after one new proposal
(added to the index) and after one edited proposal (its old entry excluded). Prints
each against the first call: the kept index should make typing at intake cheap.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.office.office import OfficeSetup, set_up_office
from app.proposals.duplicates import similar
from app.proposals.duplicates.similar import similar_proposals
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal, update_proposal
from app.proposals.labels import ProposalState, SubmitterKind
from db.base import new_uuid, utc_now
from db.models import Office, OfficeLevel
from db.proposal_models import Proposal

PROPOSALS = 20_000
RUNS = 5
SUBJECTS = (
    "农村学校校舍安全", "老旧小区改造", "农村公路养护", "基层医疗卫生服务", "村集体经济",
    "历史文化街区保护", "河湖生态治理", "城区停车秩序", "高标准农田建设", "营商环境",
    "农村电子商务", "居家社区养老", "校园食品安全", "农村饮水安全", "工业园区提质增效",
)  # fmt: skip
PLACES = ("城关镇", "北部山区", "沿河乡镇", "开发区", "牧区", "城乡接合部", "县城", "边远村")


def fill(database) -> None:
    rng = random.Random(7)
    with database.begin() as session:
        office = session.query(Office).filter(Office.is_local.is_(True)).one()
        now = utc_now()
        rows = []
        for n in range(PROPOSALS):
            subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
            rows.append(
                {
                    "uuid": new_uuid(),
                    "owner_uuid": office.uuid,
                    "created_at": now,
                    "updated_at": now,
                    "revision": 1,
                    "year": 2010 + n % 15,
                    "number": f"{2010 + n % 15}-{n:05d}",
                    "submitter_kind": SubmitterKind.INDIVIDUAL,
                    "title": f"关于{place}{subject}问题的建议",
                    "body": f"{place}在{subject}方面存在不足，建议加大投入、完善机制、加强督查。"
                    * rng.randint(2, 6),
                    "state": ProposalState.ACCEPTED,
                    "imported": True,
                }
            )
        session.execute(insert(Proposal), rows)


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        location = DataLocation(Path(folder) / "data", Path(folder) / "logs")
        database = open_database(location)
        set_up_office(
            database, OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
        )
        fill(database)

        def query() -> None:
            similar_proposals(database, "关于城关镇老旧小区改造的建议", "加装电梯、管网改造")

        builds, unchanged, added, edited = [], [], [], []
        form = ProposalForm(
            title="关于开发区营商环境的建议",
            signers=(SignerInput("张三"),),
            year=2025,
            number="B-1",
        )
        for run in range(RUNS):
            similar.forget_cached_index()
            builds.append(timed(query))
            unchanged.append(timed(query))
            uuid = add_proposal(database, replace(form, number=f"B-{run}"))
            added.append(timed(query))
            update_proposal(database, uuid, replace(form, number=f"B-{run}", title=f"改{run}"))
            edited.append(timed(query))
        database.close()
    first = statistics.median(builds)
    say(f"{PROPOSALS:,} proposals, median of {RUNS} runs")
    for label, values in (
        ("first call (builds the index)", builds),
        ("nothing changed", unchanged),
        ("after one new proposal", added),
        ("after one edited proposal", edited),
    ):
        median = statistics.median(values)
        say(f"  {label:32} {median:8.1f} ms   {median / first:6.3f} × first call")


if __name__ == "__main__":
    main()
