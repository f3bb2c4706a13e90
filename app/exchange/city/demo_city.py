"""The city's demonstration: its own demo data, and three counties' files imported.

Each county is a real installation made in a folder under the city's data folder
(exchange/demo-counties): set up, filled with the county demo, varied a little so
the counties differ, cards traded with the city, and its exchange file imported
here exactly as a clerk would. The city's screens are then full.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.common.errors import KnownError
from app.common.jobs import Progress, ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.demo.demo import load_demo
from app.exchange import cards
from app.exchange.export import export_file, work_dir
from app.exchange.receiving.importing import import_file
from app.office.office import OfficeSetup, is_set_up, office_info, set_up_office
from app.proposals.labels import ProposalState
from app.records.labels import AttendanceStatus
from db.base import utc_now
from db.models import OfficeLevel
from db.proposal_models import Proposal
from db.record_models import Attendance


def demo_setup(level: OfficeLevel, today: date | None = None) -> OfficeSetup:
    """The demo office, in a term that began two years ago: this year's plenary (once
    its February has passed) and last year's are in, with their proposals, whatever
    the date. A term fixed in years went stale: in its last year there is no plenary
    (the next term's first), so 五个一 and the proposals showed an empty year."""
    first = (today or date.today()).year - 2
    if level is OfficeLevel.CITY:
        return OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 6, first, first + 5)
    return OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, first, first + 5)


@dataclass(frozen=True)
class DemoCounty:
    name: str
    suffix: str  # the last two digits of the code, under the city's first four
    absent_share: float  # attendance turned into 缺席: lowers five-ones compliance
    dropped_share: float  # proposals withdrawn (tombstoned)


# Not the county demo's office (示范县政协 150523): a county set up with
# `demo --level county` can then trade cards and files with a city demo.
DEMO_COUNTIES = (
    DemoCounty("河西县政协", "21", 0.0, 0.0),
    DemoCounty("河东县政协", "22", 0.18, 0.2),
    DemoCounty("山南旗政协", "24", 0.35, 0.45),
)


def load_demo_at_level(
    database: Database, level: str | None, force: bool = False
) -> dict[str, int]:
    """`demo [--level county|city]`: set a demo office up if there is none, then fill it;
    a city's demo also brings the counties' files."""
    if not is_set_up(database):
        if level is None:
            raise KnownError(
                "本单位尚未设置。",
                "请先完成首次设置，或加 --level county / --level city 设置演示单位。",
            )
        set_up_office(
            database, demo_setup(OfficeLevel.CITY if level == "city" else OfficeLevel.COUNTY)
        )
    info = office_info(database)
    if level is not None and info.level.value != level:
        raise KnownError(
            f"本单位是{info.level_label}，"
            f"不能加入{'市级' if level == 'city' else '县级'}演示数据。",
            "请去掉 --level，或在新的数据文件夹中试用（--data-dir）。",
        )
    if info.level is OfficeLevel.CITY:
        return load_city_demo(database, force=force)
    return load_demo(database, force=force)


def load_city_demo(
    database: Database, force: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """The city's own demo data, then each demo county's file; what was added."""
    progress = progress or ProgressTracker()
    total = len(DEMO_COUNTIES) + 1
    progress.report(0, total, "正在加入市政协的演示数据…")
    added = load_demo(database, force=force)
    city_code = office_info(database).division_code
    root = work_dir(database) / "demo-counties"
    for number, county in enumerate(DEMO_COUNTIES, start=1):
        progress.report(number, total, f"正在制作{county.name}的演示数据并导入其交换文件…")
        records = _county_file_imported(database, root, city_code[:4] + county.suffix, county)
        added[f"{county.name}记录"] = records
    progress.report(total, total, "完成")
    return added


def _county_file_imported(database: Database, root: Path, code: str, county: DemoCounty) -> int:
    folder = root / code
    shutil.rmtree(folder, ignore_errors=True)
    location = DataLocation(data_dir=folder, log_dir=folder / "logs")
    other = open_database(location)
    try:
        set_up_office(
            other,
            replace(demo_setup(OfficeLevel.COUNTY), name=county.name, division_code=code),
        )
        load_demo(other)
        _vary(other, county, code)
        cards_dir = folder / "cards"
        cards_dir.mkdir()
        cards.write_card(database, cards_dir / f"city{cards.CARD_SUFFIX}")
        cards.write_card(other, cards_dir / f"county{cards.CARD_SUFFIX}")
        cards.trust_card(other, cards_dir / f"city{cards.CARD_SUFFIX}")
        cards.trust_card(database, cards_dir / f"county{cards.CARD_SUFFIX}")
        stick = folder / "stick"
        stick.mkdir()
        city_code = office_info(database).division_code
        result = import_file(database, export_file(other, city_code, stick).path)
        down = import_file(other, export_file(database, code, stick).path)  # the plan goes down
        if down.receipt_path is not None:
            import_file(database, down.receipt_path)  # and its receipt comes back
        return result.totals()["new"]
    finally:
        other.close()


def _vary(database: Database, county: DemoCounty, code: str) -> None:
    """Make this county's year look like its own (the county demo is the same everywhere)."""
    rng = random.Random(int(code))
    now = utc_now()
    with database.begin() as session:
        for row in session.scalars(
            select(Attendance).where(Attendance.status == AttendanceStatus.PRESENT)
        ):
            if rng.random() < county.absent_share:
                row.status = AttendanceStatus.ABSENT
        for proposal in session.scalars(
            select(Proposal).where(Proposal.state != ProposalState.ACCEPTED)
        ):
            if rng.random() < county.dropped_share:
                proposal.deleted_at = now
