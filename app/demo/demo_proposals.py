"""Demo proposals: last year's and this year's sessions, in every state, with history.

Each year's plenary brings in proposals (individual, joint, parties, committees,
sectors) that are reviewed (accepted, rejected, merged, converted), assigned to
units matching their subject, contacted, replied A/B/C, rated; a few are handed
back, extended, rated 不满意 and handled again, or overdue; key proposals get a
supervising leader and visits. Recess proposals arrive later in the year and a
few still wait for review. Everything is drawn from one seed and dated no later
than today, so the data is the same on the same day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import demo_proposal_pools as pools
from app.office.office import current_term
from app.proposals.handling.workdays import add_months
from app.proposals.intake.numbering import format_number, session_year
from app.proposals.labels import (
    ConversionKind,
    LeadSource,
    Period,
    ProposalState,
    RejectionGround,
    Satisfaction,
    SubmitterKind,
    UnitRole,
)
from app.proposals.settings import ProposalSettings
from app.proposals.store import record_step
from db.member_models import Member, Membership
from db.models import DictionaryEntry, DictionaryKind, Office, PlenarySession
from db.proposal_models import (
    Proposal,
    ProposalLead,
    ProposalSigner,
    SupervisionRecord,
    UnitAssignment,
)

SEED = 20250224
PER_YEAR = {0: 120, 1: 80}  # this year's session, last year's
OPERATOR = "王秘书"
GROUNDS = (
    RejectionGround.PERSONAL_REQUEST,
    RejectionGround.EMPTY_CONTENT,
    RejectionGround.LITIGATION,
    RejectionGround.PRODUCT_PROMOTION,
)


@dataclass
class _Context:
    session: Session
    office: Office
    rng: random.Random
    today: date
    members: list[Member]
    units: dict[str, DictionaryEntry]
    categories: dict[str, DictionaryEntry]
    classes: dict[str, DictionaryEntry]
    settings: ProposalSettings


def demo_proposals(session: Session, office: Office) -> int:
    term = current_term(session, office)
    if term is None:
        return 0
    today = date.today()
    held = sorted(
        (s for s in term.sessions if s.start_date is not None and s.start_date <= today),
        key=lambda s: s.number,
    )
    members = list(
        session.scalars(
            select(Member)
            .join(Membership, Membership.member_id == Member.id)
            .where(Membership.term_id == term.id, Member.owner_uuid == office.uuid)
            .order_by(Member.id)
        )
    )
    if not held or not members:
        return 0
    context = _Context(
        session,
        office,
        random.Random(SEED),
        today,
        members,
        _entries(session, office, DictionaryKind.HANDLING_UNIT),
        _entries(session, office, DictionaryKind.PROPOSAL_CATEGORY),
        _entries(session, office, DictionaryKind.RESULT_CLASS),
        ProposalSettings(),
    )
    added = 0
    for age, plenary in enumerate(reversed(held[-2:])):
        leads = _leads(context, session_year(plenary)) if age == 0 else []
        added += _year(context, plenary, PER_YEAR[age], leads)
    return added


def _entries(session: Session, office: Office, kind: DictionaryKind) -> dict[str, DictionaryEntry]:
    return {
        e.name: e
        for e in session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.owner_uuid == office.uuid, DictionaryEntry.kind == kind
            )
        )
    }


def _leads(context: _Context, year: int) -> list[ProposalLead]:
    leads = []
    collected = date(year - 1, 12, 10)
    for n, (title, source, detail) in enumerate(pools.LEADS):
        lead = ProposalLead(
            owner_uuid=context.office.uuid,
            year=year,
            title=title,
            source=LeadSource(source),
            source_detail=detail,
            content=f"建议围绕“{title}”开展调研，提出提案。",
            collected_on=min(collected + timedelta(days=3 * n), context.today),
            published=n < 7,
        )
        context.session.add(lead)
        leads.append(lead)
    context.session.flush()
    return [lead for lead in leads if lead.published]


def _year(context: _Context, plenary: PlenarySession, count: int, leads: list) -> int:
    assert plenary.start_date is not None
    year, start = session_year(plenary), plenary.start_date
    subjects = list(pools.SUBJECTS)
    context.rng.shuffle(subjects)
    accepted: list[Proposal] = []
    added = 0
    for i in range(count):
        subject = subjects[i % len(subjects)]
        opening = pools.OPENINGS[(i // len(subjects)) % len(pools.OPENINGS)]
        recess = i >= count - count // 10  # the last tenth: 平时提案
        submitted = _recess_day(context, year, i) if recess else start + timedelta(days=i % 3)
        if submitted is None:
            continue
        proposal = _intake(context, plenary, i + 1, opening.format(subject[0]), subject, submitted)
        proposal.period = Period.RECESS if recess else Period.PLENARY
        if leads and i % 15 == 4:
            proposal.lead = leads[(i // 15) % len(leads)]
        added += 1
        review_day = submitted + timedelta(days=10)
        if review_day > context.today or (recess and i % 3 == 0):
            continue  # waits for review
        _review(context, proposal, i, review_day, accepted, subject)
    return added


def _recess_day(context: _Context, year: int, i: int) -> date | None:
    day = date(year, 4 + i % 7, 5 + i % 20)
    return day if day <= context.today else None


def _intake(context, plenary, serial, title, subject, submitted) -> Proposal:
    rng, office = context.rng, context.office
    roll = rng.random()
    kind, name, signers = SubmitterKind.INDIVIDUAL, "", [rng.choice(context.members)]
    if roll < 0.2:
        kind = SubmitterKind.JOINT
        signers += rng.sample(
            [m for m in context.members if m is not signers[0]], rng.randint(1, 3)
        )
    elif roll < 0.26:
        kind, name, signers = SubmitterKind.PARTY_GROUP, rng.choice(pools.PARTY_SUBMITTERS), []
    elif roll < 0.28:
        kind, name, signers = SubmitterKind.COMMITTEE, rng.choice(pools.COMMITTEES), []
    elif roll < 0.30:
        kind, name, signers = SubmitterKind.SECTOR, rng.choice(pools.SECTORS), []
    year = session_year(plenary)
    proposal = Proposal(
        owner_uuid=office.uuid,
        year=year,
        number=format_number(context.settings, serial, year, plenary),
        serial=serial,
        term_id=plenary.term_id,
        session_id=plenary.id,
        submitter_kind=kind,
        submitter_name=name,
        title=title,
        body=pools.BODY.format(subject=subject[0]),
        category=context.categories.get(subject[1]),
        category_text="" if subject[1] in context.categories else subject[1],
        submitted_on=submitted,
        not_public=serial % 40 == 13,
    )
    for position, member in enumerate(signers):
        proposal.signers.append(
            ProposalSigner(
                owner_uuid=office.uuid, position=position, member=member, name=member.name
            )
        )
    context.session.add(proposal)
    context.session.flush()
    record_step(
        context.session, proposal, "intake", f"登记提案，编号{proposal.number}", OPERATOR, submitted
    )
    return proposal


def _review(context, proposal, i, day, accepted, subject) -> None:
    session = context.session
    proposal.reviewed_on = day
    if i % 20 == 7:
        proposal.state = ProposalState.REJECTED
        proposal.rejection_ground = GROUNDS[(i // 20) % len(GROUNDS)]
        proposal.passed_to = subject[2]
        record_step(session, proposal, "reject", f"不予立案，转{subject[2]}参考", OPERATOR, day)
        return
    if i % 25 == 11 and proposal.signers:
        proposal.state = ProposalState.CONVERTED
        proposal.converted_kind = ConversionKind.OPINION
        proposal.passed_to = subject[2]
        record_step(session, proposal, "convert", f"转为意见建议，转{subject[2]}", OPERATOR, day)
        return
    if i % 30 == 17 and accepted:
        main = accepted[-1]
        proposal.state = ProposalState.MERGED
        proposal.merged_into = main
        record_step(session, proposal, "merge", f"并入提案{main.number}", OPERATOR, day)
        return
    proposal.state = ProposalState.ACCEPTED
    accepted.append(proposal)
    record_step(session, proposal, "accept", "审查立案", OPERATOR, day)
    if i % 12 == 1:
        proposal.is_key = True
        proposal.supervisor = pools.LEADERS[i % len(pools.LEADERS)]
        record_step(session, proposal, "key", "列为重点提案", OPERATOR, day)
    assigned_on = day + timedelta(days=10)
    if assigned_on <= context.today:
        _assign(context, proposal, i, assigned_on, subject)


def _assign(context, proposal, i, day, subject) -> None:
    session = context.session
    lead = context.units.get(subject[2])
    if lead is None:
        return
    if i % 23 == 5 and day + timedelta(days=3) <= context.today:
        wrong = context.units["县财政局"] if lead.name != "县财政局" else context.units["县商务局"]
        first = _assignment(context, proposal, wrong, UnitRole.LEAD, day)
        first.returned_on = day + timedelta(days=3)
        first.return_reason = "该事项不属于本单位职能，建议交由行业主管部门办理"
        record_step(session, proposal, "assign", f"交办：{wrong.name}（主办）", OPERATOR, day)
        record_step(
            session, proposal, "hand_back", f"{wrong.name}申请退回调整", OPERATOR, first.returned_on
        )
        day = first.returned_on + timedelta(days=2)
        if day > context.today:
            return
    chosen = [(lead, UnitRole.LEAD)]
    if subject[3] and i % 3 == 0:
        chosen.append((context.units[subject[3]], UnitRole.ASSIST))
    names = "、".join(f"{u.name}（{'主办' if r is UnitRole.LEAD else '协办'}）" for u, r in chosen)
    record_step(session, proposal, "assign", f"交办：{names}", OPERATOR, day)
    for unit, role in chosen:
        assignment = _assignment(context, proposal, unit, role, day)
        _handle(context, proposal, assignment, i)
    if proposal.is_key:
        _supervise(context, proposal, day, i)


def _assignment(context, proposal, unit, role, day, round_=1) -> UnitAssignment:
    assignment = UnitAssignment(
        owner_uuid=context.office.uuid,
        proposal=proposal,
        unit=unit,
        role=role,
        round=round_,
        assigned_on=day,
        deadline=add_months(day, context.settings.deadline_months),
    )
    context.session.add(assignment)
    return assignment


def _handle(context: _Context, proposal: Proposal, assignment: UnitAssignment, i: int) -> None:
    rng, session, today = context.rng, context.session, context.today
    unit = assignment.unit.name
    if i % 19 == 9:
        assignment.extended_to = add_months(assignment.assigned_on, 5)
        assignment.extension_reason = "涉及多个部门和资金安排，需延期办理"
        record_step(
            session,
            proposal,
            "extend",
            f"{unit}申请延期",
            OPERATOR,
            assignment.assigned_on + timedelta(days=60),
        )
    contact = assignment.assigned_on + timedelta(days=rng.randint(7, 25))
    if contact <= today:
        assignment.contact_way = rng.choice(pools.CONTACT_WAYS)
        assignment.contacted_on = contact
        record_step(
            session,
            proposal,
            "contact",
            f"{unit}办前沟通（{assignment.contact_way}）",
            OPERATOR,
            contact,
        )
    if i % 17 == 5:
        return  # overdue, or still in handling
    reply = assignment.assigned_on + timedelta(days=rng.randint(35, 95))
    if reply > today:
        return
    letter = rng.choices("ABC", weights=(55, 30, 15))[0]
    assignment.replied_on = reply
    assignment.result_class = context.classes[letter]
    record_step(session, proposal, "reply", f"{unit}答复，办理结果{letter}类", OPERATOR, reply)
    rated = reply + timedelta(days=rng.randint(5, 15))
    if rated > today:
        return
    roll = rng.random()
    satisfaction = (
        Satisfaction.SATISFIED
        if roll < 0.8
        else Satisfaction.BASIC
        if roll < 0.94
        else Satisfaction.DISSATISFIED
    )
    assignment.satisfaction, assignment.rated_on = satisfaction, rated
    if satisfaction is not Satisfaction.DISSATISFIED:
        record_step(session, proposal, "rate", f"提案人对{unit}的答复：满意", OPERATOR, rated)
        return
    assignment.satisfaction_comment = rng.choice(pools.DISSATISFIED_COMMENTS)
    assignment.reopened = True
    record_step(session, proposal, "rate", f"提案人对{unit}的答复：不满意", OPERATOR, rated)
    again = _assignment(context, proposal, assignment.unit, assignment.role, rated, round_=2)
    record_step(session, proposal, "reopen", f"{unit}重新办理（第2轮）", OPERATOR, rated)
    second_reply = rated + timedelta(days=45)
    if second_reply <= today:
        again.replied_on = second_reply
        again.result_class = context.classes["B"]
        record_step(
            session, proposal, "reply", f"{unit}再次答复，办理结果B类", OPERATOR, second_reply
        )


def _supervise(context: _Context, proposal: Proposal, assigned_on: date, i: int) -> None:
    for n in range(1 + i % 2):
        day = assigned_on + timedelta(days=30 + 30 * n)
        if day > context.today:
            return
        form, content = pools.SUPERVISION[(i + n) % len(pools.SUPERVISION)]
        context.session.add(
            SupervisionRecord(
                owner_uuid=context.office.uuid,
                proposal_id=proposal.id,
                on_date=day,
                form=form,
                content=content,
                leader=proposal.supervisor,
            )
        )
        record_step(context.session, proposal, "supervise", f"督办（{form}）", OPERATOR, day)
