"""The city's combined view (全市汇总): each county side by side, from the files it sent.

For a year: five-ones compliance (judged by the city's rules), proposals by state
and handling result, consultation topics linked (联接) and own (自选) with their
outcomes, and the date of the county's newest file applied here — who is behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import exists, extract, func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.jobs import Progress, ProgressTracker
from app.common.storage import Database
from app.common.text import percent
from app.five_ones.check import check_five_ones
from app.office.office import require_local_office
from app.proposals.outputs.statistics import proposal_statistics
from db.consultation_models import (
    ConsultationOutcome,
    ConsultationPlan,
    ConsultationTopic,
    FollowUp,
    LeaderInstruction,
)
from db.exchange_models import ExchangePartner
from db.models import Office, OfficeLevel
from db.proposal_models import Proposal
from db.record_models import Activity

BEHIND_DAYS = 31  # a county whose newest file is older than this is "behind"


@dataclass(frozen=True)
class CountyFigures:
    name: str
    code: str
    latest_file: datetime | None  # when the county made its newest file applied here
    checked: int  # members judged for the five ones
    all_met: int  # … meeting all five
    five_ones_note: str  # why there is no figure (no term covering the year)
    proposals: int
    accepted: int  # 立案, merged ones included
    rejected: int
    pending: int
    replies: int
    results: dict[str, int]  # 办理结果 (A / B / C or the county's class names) → replies
    satisfaction_rate: str
    satisfied: int  # 满意 + 基本满意 ratings: the city's own rate sums these
    ratings: int
    topics_linked: int
    topics_own: int
    topics_held: int  # consulted on (held, outcome sent, closed)
    outcomes: int
    instructed: int  # outcomes with a leader's instruction (批示)
    follow_ups: int  # 落实 reports

    @property
    def compliance(self) -> str:
        return percent(self.all_met, self.checked) if self.checked else "—"

    @property
    def compliance_value(self) -> float:
        return self.all_met / self.checked if self.checked else 0.0

    def days_behind(self, today: datetime) -> int | None:
        return None if self.latest_file is None else (today - self.latest_file).days

    def is_behind(self, today: datetime) -> bool:
        days = self.days_behind(today)
        return days is None or days > BEHIND_DAYS


@dataclass(frozen=True)
class CityView:
    year: int
    city_name: str
    counties: tuple[CountyFigures, ...]
    made_at: datetime

    @property
    def result_labels(self) -> list[str]:
        return sorted({label for c in self.counties for label in c.results})


def city_view(database: Database, year: int, progress: Progress | None = None) -> CityView:
    """Every county's figures for the year; `progress` hears of each county in turn (a
    city with ten counties' five years takes a second or two) and may cancel."""
    progress = progress or ProgressTracker()
    with database.read() as session:
        city = require_local_office(session)
        if city.level is not OfficeLevel.CITY:
            raise KnownError("全市汇总只在市政协使用。", "县级单位请在各业务页面查看本单位的数据。")
        counties = list(
            session.scalars(
                select(Office)
                .where(Office.level == OfficeLevel.COUNTY, Office.is_local.is_(False))
                .order_by(Office.division_code)
            )
        )
        latest = {
            p.office_uuid: p.last_file_created for p in session.scalars(select(ExchangePartner))
        }
        consultation = {c.uuid: _consultation(session, c.uuid, year) for c in counties}
        city_name = city.name
    figures = []
    total = len(counties)
    for done, county in enumerate(counties):
        progress.report(done, total, f"正在汇总{county.name}（{done + 1}/{total}）…")
        stats = proposal_statistics(database, year, county.division_code)
        checked, all_met, note = _five_ones(database, year, county.division_code)
        figures.append(
            CountyFigures(
                name=county.name,
                code=county.division_code,
                latest_file=latest.get(county.uuid),
                checked=checked,
                all_met=all_met,
                five_ones_note=note,
                proposals=stats.received,
                accepted=stats.accepted + stats.merged,
                rejected=stats.rejected,
                pending=stats.pending,
                replies=stats.replies,
                results={c.label: c.count for c in stats.by_result},
                satisfaction_rate=stats.satisfaction_rate,
                satisfied=stats.satisfied,
                ratings=stats.ratings,
                **consultation[county.uuid],
            )
        )
    return CityView(year, city_name, tuple(figures), datetime.now(UTC))


def _five_ones(database: Database, year: int, code: str) -> tuple[int, int, str]:
    try:
        report = check_five_ones(database, year, office_code=code)
    except KnownError:
        return 0, 0, f"{year}年不在该县已送来的届次内"
    return report.summary.checked, report.summary.all_met, ""


def _consultation(session: Session, owner: str, year: int) -> dict[str, int]:
    topic = (
        select(ConsultationTopic.linked, ConsultationTopic.status)
        .join(ConsultationPlan, ConsultationTopic.plan_id == ConsultationPlan.id)
        .where(
            ConsultationPlan.owner_uuid == owner,
            ConsultationPlan.year == year,
            ConsultationPlan.deleted_at.is_(None),
            ConsultationTopic.deleted_at.is_(None),
        )
    )
    rows = session.execute(topic).all()
    held = {"held", "outcome_sent", "closed"}
    outcome = (
        (ConsultationOutcome.owner_uuid == owner)
        & (ConsultationOutcome.year == year)
        & (ConsultationOutcome.deleted_at.is_(None))
    )
    instructed = exists().where(
        LeaderInstruction.outcome_id == ConsultationOutcome.id,
        LeaderInstruction.deleted_at.is_(None),
    )
    return {
        "topics_linked": sum(1 for linked, _ in rows if linked),
        "topics_own": sum(1 for linked, _ in rows if not linked),
        "topics_held": sum(1 for _, status in rows if str(status) in held),
        "outcomes": session.scalar(select(func.count()).where(outcome)) or 0,
        "instructed": session.scalar(select(func.count()).where(outcome, instructed)) or 0,
        "follow_ups": session.scalar(
            select(func.count())
            .select_from(FollowUp)
            .join(ConsultationOutcome, FollowUp.outcome_id == ConsultationOutcome.id)
            .where(outcome, FollowUp.deleted_at.is_(None))
        )
        or 0,
    }


def county_data_years(database: Database) -> list[int]:
    """Years for which any county's proposals, consultation plans or outcomes, or
    activities (the five ones) are here, newest first: empty before any county's file
    was imported."""
    with database.read() as session:
        return _county_years(
            session,
            (
                (Proposal, Proposal.year),
                (ConsultationPlan, ConsultationPlan.year),
                (ConsultationOutcome, ConsultationOutcome.year),
                (Activity, extract("year", Activity.held_on)),
            ),
        )


def opening_year(database: Database) -> int | None:
    """The year 全市汇总 opens on: the newest with the counties' proposals (a year's
    summary is mostly read once its plenary's proposals are in), else the newest with
    any of their data; None before any county's file. Never an empty year."""
    with database.read() as session:
        with_proposals = _county_years(session, ((Proposal, Proposal.year),))
    if with_proposals:
        return with_proposals[0]
    years = county_data_years(database)
    return years[0] if years else None


def _county_years(session: Session, sources: tuple[tuple[Any, Any], ...]) -> list[int]:
    require_local_office(session)
    counties = select(Office.uuid).where(
        Office.level == OfficeLevel.COUNTY, Office.is_local.is_(False)
    )
    years: set[int] = set()
    for model, year in sources:
        years |= set(
            session.scalars(
                select(year)
                .distinct()
                .where(model.owner_uuid.in_(counties), model.deleted_at.is_(None))
            )
        )
    return sorted((int(y) for y in years if y), reverse=True)
