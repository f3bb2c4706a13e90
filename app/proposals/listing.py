"""The proposal list (and its statistics) read with three plain queries instead of ORM objects.

A list row needs a few columns of a proposal, its signers' names and its
assignments; building the ORM objects for them cost about 0.25 ms a proposal
(the city's 全部 list of ten counties' five years, 20,000 proposals, took 5 s).
The objects here carry the same attribute names, so `views.proposal_row` and
its rules (stage, result, current units) serve both: one copy of each rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, Select, select
from sqlalchemy.orm import Session, aliased

from app.proposals.labels import (
    ConversionKind,
    ProposalState,
    Satisfaction,
    SubmitterKind,
    UnitRole,
)
from db.models import DictionaryEntry
from db.proposal_models import Proposal, ProposalSigner, UnitAssignment


@dataclass(frozen=True, slots=True)
class Named:
    """A dictionary entry (category, unit, result class) or a signer, as far as a row shows it."""

    name: str
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class MergedInto:
    number: str


@dataclass(slots=True)
class ListedAssignment:
    id: int
    role: UnitRole
    deadline: date
    extended_to: date | None
    returned_on: date | None
    reopened: bool
    deleted_at: datetime | None
    replied_on: date | None
    satisfaction: Satisfaction | None
    unit: Named
    result_class: Named | None

    # The model's own rules, not copies.
    active = property(UnitAssignment.active.fget)
    due = property(UnitAssignment.due.fget)


@dataclass(slots=True)
class ListedProposal:
    uuid: str
    number: str
    year: int
    title: str
    submitter_kind: SubmitterKind
    submitter_name: str
    category_text: str
    submitted_on: date | None
    state: ProposalState
    converted_kind: ConversionKind | None
    imported: bool
    imported_result: str
    imported_units: str
    is_key: bool
    not_public: bool
    owner_uuid: str
    category: Named | None
    merged_into: MergedInto | None
    signers: list[Named] = field(default_factory=list)  # by position
    assignments: list[ListedAssignment] = field(default_factory=list)  # by id


# In ListedProposal's field order: a row's values fill its fields by position.
_COLUMNS = (
    Proposal.uuid,
    Proposal.number,
    Proposal.year,
    Proposal.title,
    Proposal.submitter_kind,
    Proposal.submitter_name,
    Proposal.category_text,
    Proposal.submitted_on,
    Proposal.state,
    Proposal.converted_kind,
    Proposal.imported,
    Proposal.imported_result,
    Proposal.imported_units,
    Proposal.is_key,
    Proposal.not_public,
    Proposal.owner_uuid,
)


def listed_proposals(
    session: Session, owners: list[str], year: int | None = None
) -> list[ListedProposal]:
    """Live proposals of `owners` (in the year), in the register's order."""
    wanted = Proposal.owner_uuid.in_(owners), Proposal.deleted_at.is_(None)
    if year is not None:
        wanted = (*wanted, Proposal.year == year)
    category, merged = aliased(DictionaryEntry), aliased(Proposal)
    query = (
        select(Proposal.id, *_COLUMNS, category.name, merged.number)
        .outerjoin(category, category.id == Proposal.category_id)
        .outerjoin(merged, merged.id == Proposal.merged_into_id)
        .where(*wanted)
        .order_by(Proposal.year.desc(), Proposal.serial, Proposal.number, Proposal.id)
    )
    # Run as plain Core statements on the session's connection: the ORM's result
    # handling of these column rows cost a third of the read (bench_proposal_list.py).
    run = session.connection().execute
    listed: dict[int, ListedProposal] = {}
    for proposal_id, *values, category_name, merged_number in run(query):
        listed[proposal_id] = ListedProposal(
            *values,
            category=Named(category_name) if category_name is not None else None,
            merged_into=MergedInto(merged_number) if merged_number is not None else None,
        )
    ids = select(Proposal.id).where(*wanted)
    for proposal_id, name in run(_signers(ids)):
        listed[proposal_id].signers.append(Named(name))
    for proposal_id, assignment in _assignments(session.connection(), ids):
        listed[proposal_id].assignments.append(assignment)
    return list(listed.values())


def _signers(ids: Select[tuple[int]]) -> Select[tuple[int, str]]:
    return (
        select(ProposalSigner.proposal_id, ProposalSigner.name)
        .where(ProposalSigner.proposal_id.in_(ids))
        .order_by(ProposalSigner.proposal_id, ProposalSigner.position)
    )


def _assignments(
    connection: Connection, ids: Select[tuple[int]]
) -> list[tuple[int, ListedAssignment]]:
    unit, result = aliased(DictionaryEntry), aliased(DictionaryEntry)
    rows = connection.execute(
        select(
            UnitAssignment.proposal_id,
            # then ListedAssignment's fields, in order
            UnitAssignment.id,
            UnitAssignment.role,
            UnitAssignment.deadline,
            UnitAssignment.extended_to,
            UnitAssignment.returned_on,
            UnitAssignment.reopened,
            UnitAssignment.deleted_at,
            UnitAssignment.replied_on,
            UnitAssignment.satisfaction,
            unit.name,
            unit.uuid,
            result.name,
        )
        .join(unit, unit.id == UnitAssignment.unit_id)
        .outerjoin(result, result.id == UnitAssignment.result_class_id)
        .where(UnitAssignment.proposal_id.in_(ids))
        .order_by(UnitAssignment.id)
    )
    return [
        (
            proposal_id,
            ListedAssignment(
                *values,
                unit=Named(unit_name, unit_uuid),
                result_class=Named(result_name) if result_name is not None else None,
            ),
        )
        for proposal_id, *values, unit_name, unit_uuid, result_name in rows
    ]
