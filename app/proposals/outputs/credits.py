"""What the five-ones check reads from the register: each member's part in each proposal.

app.five_ones (above this package) wraps these in its ProposalCredit; the
rules (co-signed counts? not accepted counts?) are applied by the check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.proposals.labels import COLLECTIVE_KINDS, ProposalState
from db.member_models import Member
from db.proposal_models import Proposal, ProposalSigner

# Converted and merged proposals were not accepted as proposals of their own.
_ACCEPTED = {
    ProposalState.ACCEPTED: True,
    ProposalState.REJECTED: False,
    ProposalState.CONVERTED: False,
    ProposalState.MERGED: True,
    ProposalState.SUBMITTED: None,
}


@dataclass(frozen=True, slots=True)
class MemberProposal:
    member_uuid: str
    title: str
    submitted_on: date  # 1 January of its year when not dated (see `dated`)
    co_signed: bool  # a 联名人, not the first proposer
    accepted: bool | None  # None: not yet reviewed
    dated: bool = True  # False: registered without 提交日期, known only by its year


def member_proposals(session: Session, year: int, owner_uuid: str) -> Iterator[MemberProposal]:
    """Every member signer of every live proposal of the office (owner_uuid) submitted in
    the year (by date, else year)."""
    rows = session.execute(
        select(
            Member.uuid,
            Proposal.title,
            Proposal.submitted_on,
            Proposal.year,
            Proposal.state,
            Proposal.submitter_kind,
            ProposalSigner.position,
        )
        .join(ProposalSigner, ProposalSigner.proposal_id == Proposal.id)
        .join(Member, Member.id == ProposalSigner.member_id)
        .where(
            Proposal.owner_uuid == owner_uuid,
            Proposal.deleted_at.is_(None),
            Member.deleted_at.is_(None),
            (Proposal.submitted_on.between(date(year, 1, 1), date(year, 12, 31)))
            | (Proposal.submitted_on.is_(None) & (Proposal.year == year)),
        )
        .order_by(Proposal.submitted_on, Proposal.id, ProposalSigner.position)
    )
    for member_uuid, title, submitted_on, proposal_year, state, kind, position in rows:
        yield MemberProposal(
            member_uuid=member_uuid,
            title=title,
            submitted_on=submitted_on or date(proposal_year, 1, 1),
            # In a party's, sector's or committee's proposal every member signer co-signs.
            co_signed=position > 0 or kind in COLLECTIVE_KINDS,
            accepted=_ACCEPTED[state],
            dated=submitted_on is not None,
        )
