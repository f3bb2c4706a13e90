"""Reading the register: the proposal list (with filters), one proposal in full, the years."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session, selectinload

from app.common.storage import Database
from app.office.scope import owner_uuids
from app.proposals.labels import ProposalState
from app.proposals.listing import listed_proposals
from app.proposals.store import get_proposal
from app.proposals.views import ProposalDetail, ProposalRow, proposal_detail, proposal_row
from db.proposal_models import (
    Proposal,
    ProposalAttachment,
    ProposalHistory,
    SupervisionRecord,
    UnitAssignment,
)


@dataclass(frozen=True)
class ProposalFilter:
    year: int | None = None
    state: ProposalState | None = None
    text: str = ""  # in number, title or proposer names
    unit_uuid: str | None = None  # handled (now) by this unit
    key_only: bool = False
    include_imported: bool = True
    office_code: str | None = None  # the city: a county's proposals (read-only copies)


def load_proposals(
    session: Session,
    year: int | None = None,
    office_code: str | None = None,
    having: Sequence[ColumnElement[bool]] = (),
) -> list[Proposal]:
    """Live proposals of the local office (or the office with `office_code`) with what the
    rows show, loaded in a few queries. `having`: only those with, for each condition, a
    unit assignment that matches it (the due and ledger lists: a few of ten years'
    proposals, not all of them)."""
    owners = owner_uuids(session, office_code)  # ALL_OFFICES: the city and its counties
    query = (
        select(Proposal)
        .where(Proposal.owner_uuid.in_(owners), Proposal.deleted_at.is_(None))
        .options(
            selectinload(Proposal.signers),
            selectinload(Proposal.category),
            selectinload(Proposal.merged_into),
            selectinload(Proposal.assignments).selectinload(UnitAssignment.unit),
            selectinload(Proposal.assignments).selectinload(UnitAssignment.result_class),
        )
        .order_by(Proposal.year.desc(), Proposal.serial, Proposal.number, Proposal.id)
    )
    if year is not None:
        query = query.where(Proposal.year == year)
    for condition in having:
        query = query.where(Proposal.id.in_(select(UnitAssignment.proposal_id).where(condition)))
    return list(session.scalars(query))


def in_handling() -> ColumnElement[bool]:
    """A live round of handling not answered yet (what `UnitAssignment.active` and
    `replied_on is None` say for one row)."""
    return and_(
        UnitAssignment.deleted_at.is_(None),
        UnitAssignment.returned_on.is_(None),
        UnitAssignment.reopened.is_(False),
        UnitAssignment.replied_on.is_(None),
    )


def list_proposals(database: Database, where: ProposalFilter | None = None) -> list[ProposalRow]:
    where = where or ProposalFilter()
    with database.read() as session:  # no write lock: a list never waits for a save
        owners = owner_uuids(session, where.office_code)
        rows = [
            proposal_row(p)  # type: ignore[arg-type] - a ListedProposal reads as a Proposal
            for p in listed_proposals(session, owners, where.year)
            if _keeps(p, where)  # type: ignore[arg-type]
        ]
    if where.text:
        needle = where.text.strip()
        rows = [
            r for r in rows if needle in r.number or needle in r.title or needle in r.signers_text
        ]
    return rows


def _keeps(proposal: Proposal, where: ProposalFilter) -> bool:
    if where.state is not None and proposal.state is not where.state:
        return False
    if where.key_only and not proposal.is_key:
        return False
    if not where.include_imported and proposal.imported:
        return False
    if where.unit_uuid is not None:
        return any(a.active and a.unit.uuid == where.unit_uuid for a in proposal.assignments)
    return True


def proposal_years(database: Database, office_code: str | None = None) -> list[int]:
    """Years that have proposals (of the office `office_code` names), newest first."""
    with database.read() as session:
        owners = owner_uuids(session, office_code)
        years = session.scalars(
            select(Proposal.year)
            .where(Proposal.owner_uuid.in_(owners), Proposal.deleted_at.is_(None))
            .distinct()
            .order_by(Proposal.year.desc())
        )
        return list(years)


def get_proposal_detail(database: Database, uuid: str) -> ProposalDetail:
    with database.read() as session:  # a proposal's window opens while another one saves
        proposal = get_proposal(session, uuid)
        return detail_in_session(session, proposal)


def detail_in_session(session: Session, proposal: Proposal) -> ProposalDetail:
    history = session.scalars(
        select(ProposalHistory)
        .where(ProposalHistory.proposal_id == proposal.id, ProposalHistory.deleted_at.is_(None))
        .order_by(ProposalHistory.recorded_at, ProposalHistory.id)
    ).all()
    supervision = session.scalars(
        select(SupervisionRecord)
        .where(SupervisionRecord.proposal_id == proposal.id, SupervisionRecord.deleted_at.is_(None))
        .order_by(SupervisionRecord.on_date, SupervisionRecord.id)
    ).all()
    attachments = session.scalars(
        select(ProposalAttachment)
        .where(
            ProposalAttachment.proposal_id == proposal.id,
            ProposalAttachment.deleted_at.is_(None),
        )
        .order_by(ProposalAttachment.id)
    ).all()
    merged_here = session.scalars(
        select(Proposal.number)
        .where(Proposal.merged_into_id == proposal.id, Proposal.deleted_at.is_(None))
        .order_by(Proposal.number)
    ).all()
    return proposal_detail(
        proposal, list(history), list(supervision), list(attachments), list(merged_here)
    )
