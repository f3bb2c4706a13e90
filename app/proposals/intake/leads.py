"""Proposal leads (提案线索) and the reference topics (参考题目) published to members.

Before a plenary the office collects leads from the public, departments and
research; the ones it publishes form the list of reference topics. A proposal
may cite the lead it answers (ProposalForm.lead_uuid).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.common.documents.official import OfficialDocument
from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text
from app.office.office import require_local_office
from app.proposals.labels import LEAD_SOURCE_LABELS, LeadSource
from db.base import utc_now
from db.proposal_models import Proposal, ProposalLead


@dataclass(frozen=True)
class LeadForm:
    year: int
    title: str
    source: LeadSource = LeadSource.PUBLIC
    source_detail: str = ""
    content: str = ""
    collected_on: date | None = None
    published: bool = False


@dataclass(frozen=True)
class LeadRow:
    uuid: str
    year: int
    title: str
    source: LeadSource
    source_detail: str
    content: str
    collected_on: date | None
    published: bool
    proposals: int  # proposals citing it

    @property
    def source_label(self) -> str:
        return LEAD_SOURCE_LABELS[self.source]

    @property
    def form(self) -> LeadForm:
        return LeadForm(
            self.year,
            self.title,
            self.source,
            self.source_detail,
            self.content,
            self.collected_on,
            self.published,
        )


def lead_problems(form: LeadForm) -> list[str]:
    problems = []
    title = clean_text(form.title)
    if not title:
        problems.append("请填写线索题目。")
    elif len(title) > 300:
        problems.append("线索题目过长（不超过300字）。")
    if not 1949 <= form.year <= 2100:
        problems.append("年度不合理。")
    return problems


def list_leads(
    database: Database, year: int | None = None, published_only: bool = False
) -> list[LeadRow]:
    with database.read() as session:
        office = require_local_office(session)
        query = select(ProposalLead).where(
            ProposalLead.owner_uuid == office.uuid, ProposalLead.deleted_at.is_(None)
        )
        if year is not None:
            query = query.where(ProposalLead.year == year)
        if published_only:
            query = query.where(ProposalLead.published.is_(True))
        cited = dict(
            session.execute(
                select(Proposal.lead_id, func.count())
                .where(Proposal.lead_id.is_not(None), Proposal.deleted_at.is_(None))
                .group_by(Proposal.lead_id)
            ).all()
        )
        leads = session.scalars(query.order_by(ProposalLead.year.desc(), ProposalLead.id))
        return [
            LeadRow(
                lead.uuid,
                lead.year,
                lead.title,
                lead.source,
                lead.source_detail,
                lead.content,
                lead.collected_on,
                lead.published,
                cited.get(lead.id, 0),
            )
            for lead in leads
        ]


def add_lead(database: Database, form: LeadForm) -> str:
    _check(form)
    with database.begin() as session:
        office = require_local_office(session)
        lead = ProposalLead(owner_uuid=office.uuid, year=form.year, title="", source=form.source)
        _apply(lead, form)
        session.add(lead)
        session.flush()
        return lead.uuid


def update_lead(database: Database, uuid: str, form: LeadForm) -> None:
    _check(form)
    with database.begin() as session:
        _apply(_get(session, uuid), form)


def set_published(database: Database, uuid: str, published: bool) -> None:
    with database.begin() as session:
        _get(session, uuid).published = published


def delete_lead(database: Database, uuid: str) -> None:
    """A tombstone; proposals that cite it keep the citation until it is undone."""
    with database.begin() as session:
        _get(session, uuid).deleted_at = utc_now()


def _check(form: LeadForm) -> None:
    problems = lead_problems(form)
    if problems:
        raise KnownError("线索未保存：\n" + "\n".join(problems), "请修改后再保存。")


def _apply(lead: ProposalLead, form: LeadForm) -> None:
    lead.year = form.year
    lead.title = clean_text(form.title)
    lead.source = form.source
    lead.source_detail = clean_text(form.source_detail)[:200]
    lead.content = form.content.strip()
    lead.collected_on = form.collected_on
    lead.published = form.published


def _get(session, uuid: str) -> ProposalLead:
    lead = session.scalars(select(ProposalLead).where(ProposalLead.uuid == uuid)).one_or_none()
    if lead is None or lead.deleted_at is not None:
        raise KnownError("找不到该线索，可能已被删除。", "请刷新后再试。")
    return lead


def write_reference_topics(
    database: Database, year: int, path: Path, issued_on: date | None = None
) -> Path:
    """参考题目: the published leads of the year, as a list for the members."""
    leads = list_leads(database, year, published_only=True)
    if not leads:
        raise KnownError(f"{year}年还没有公布的提案线索。", "请先在线索中勾选“列入参考题目”。")
    with database.read() as session:
        office_name = require_local_office(session).name
    title = f"{office_name}{year}年提案参考题目"
    document = OfficialDocument(title=title, author=office_name)
    document.title(title)
    document.recipient("各位委员，各参加单位，各专门委员会：")
    document.paragraph(
        f"为引导委员围绕全县中心工作和群众关心的问题撰写提案，现将{year}年提案参考题目"
        "印发给你们，供撰写提案时参考。参考题目不是提案的全部范围，委员可根据调查研究"
        "自行选题。提案应一事一案，情况清楚，建议具体可行。"
    )
    for n, lead in enumerate(leads, start=1):
        document.paragraph(f"{n}. {lead.title}", indent=True)
    document.signature(f"{office_name}提案委员会", issued_on or date.today())
    return document.save(path)
