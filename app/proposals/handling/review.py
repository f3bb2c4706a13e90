"""Review (审查): accept (立案), reject with a ground (不予立案), merge (并案), convert
(转社情民意信息 / 转意见建议), key proposals (重点提案) and the not-public flag.

Each transition is refused, with the reason, from a state where it makes no
sense; every step goes into the proposal's history.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.storage import Database
from app.common.text import clean_text
from app.proposals.labels import (
    CONVERSION_LABELS,
    REJECTION_LABELS,
    STATE_LABELS,
    ConversionKind,
    ProposalState,
    RejectionGround,
)
from app.proposals.store import cn_day, get_proposal, live_assignments, not_after_today, record_step
from app.records.record_items import find_social_info
from app.records.record_rules import TITLE_MAX
from db.base import utc_now
from db.proposal_models import Proposal
from db.record_models import SocialInfo


def accept_proposal(database: Database, uuid: str, on_date: date | None = None) -> None:
    """立案."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = _under_review(session, uuid, "立案")
        day = _review_day(proposal, on_date)
        proposal.state = ProposalState.ACCEPTED
        proposal.reviewed_on = day
        record_step(session, proposal, "accept", "审查立案", operator, day)


def reject_proposal(
    database: Database,
    uuid: str,
    ground: RejectionGround,
    other_text: str = "",
    passed_to: str = "",
    on_date: date | None = None,
) -> None:
    """不予立案, with a standard ground or "other" and a text; passed_to: where it went."""
    other_text, passed_to = clean_text(other_text), clean_text(passed_to)
    if ground is RejectionGround.OTHER and not other_text:
        raise KnownError("不予立案的理由选择了“其他”，请填写具体理由。", "本次未作任何改动。")
    operator = current_operator(database)
    with database.begin() as session:
        proposal = _under_review(session, uuid, "不予立案")
        day = _review_day(proposal, on_date)
        proposal.state = ProposalState.REJECTED
        proposal.reviewed_on = day
        proposal.rejection_ground = ground
        proposal.rejection_text = other_text
        proposal.passed_to = passed_to
        reason = other_text if ground is RejectionGround.OTHER else REJECTION_LABELS[ground]
        text = f"不予立案：{reason}" + (f"；转{passed_to}参考" if passed_to else "")
        record_step(session, proposal, "reject", text, operator, day)


def merge_proposal(
    database: Database, uuid: str, into_uuid: str, on_date: date | None = None
) -> None:
    """并案: the proposal points to the main one and is handled with it."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        main = get_proposal(session, into_uuid)
        if main.id == proposal.id:
            raise KnownError("提案不能并入它自己。", "请选择另一件提案作为主提案。")
        if main.state is ProposalState.MERGED:
            into = main.merged_into.number if main.merged_into is not None else ""
            raise KnownError(
                f"提案{main.number}本身已并入提案{into}，不能作为主提案。",
                f"请直接并入提案{into}。",
            )
        if main.state not in (ProposalState.SUBMITTED, ProposalState.ACCEPTED):
            raise KnownError(
                f"提案{main.number}{STATE_LABELS[main.state]}，不能作为并案的主提案。",
                "请选择待审查或已立案的提案作为主提案。",
            )
        if proposal.state is ProposalState.ACCEPTED and live_assignments(proposal):
            raise KnownError(
                f"提案{proposal.number}已经交办，不能再并案。", "请先撤销交办后再并案。"
            )
        if proposal.state not in (ProposalState.SUBMITTED, ProposalState.ACCEPTED):
            raise _not_reviewable(proposal, "并案")
        children = session.scalars(
            select(Proposal).where(
                Proposal.merged_into_id == proposal.id, Proposal.deleted_at.is_(None)
            )
        ).all()
        day = _review_day(proposal, on_date)
        proposal.state = ProposalState.MERGED
        proposal.merged_into = main
        proposal.reviewed_on = day
        record_step(session, proposal, "merge", f"并入提案{main.number}", operator, day)
        record_step(session, main, "merge", f"提案{proposal.number}并入本提案", operator, day)
        for child in children:  # proposals merged here follow to the new main proposal
            child.merged_into = main
            record_step(session, child, "merge", f"随主提案并入提案{main.number}", operator, day)


def convert_proposal(
    database: Database,
    uuid: str,
    kind: ConversionKind,
    passed_to: str = "",
    on_date: date | None = None,
) -> None:
    """转社情民意信息 (a 社情民意 item for its member signers) or 转意见建议 (passed on)."""
    passed_to = clean_text(passed_to)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = _under_review(session, uuid, CONVERSION_LABELS[kind])
        day = _review_day(proposal, on_date)
        if kind is ConversionKind.SOCIAL_INFO:
            proposal.social_info_id = _social_info(session, proposal, day).id
        proposal.state = ProposalState.CONVERTED
        proposal.converted_kind = kind
        proposal.passed_to = passed_to
        proposal.reviewed_on = day
        text = CONVERSION_LABELS[kind] + (f"，转{passed_to}" if passed_to else "")
        record_step(session, proposal, "convert", text, operator, day)


def reopen_review(database: Database, uuid: str) -> None:
    """Undo a review decision (a mistake): back to 待审查, while nothing was assigned."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        if proposal.state is ProposalState.SUBMITTED:
            raise KnownError(f"提案{proposal.number}尚未审查。", "无需撤销。")
        if live_assignments(proposal):
            raise KnownError(f"提案{proposal.number}已经交办，不能撤销审查结果。", "请先撤销交办。")
        if proposal.social_info_id is not None:
            item = session.get(SocialInfo, proposal.social_info_id)
            if item is not None and item.deleted_at is None:
                item.deleted_at = utc_now()
        before = STATE_LABELS[proposal.state]
        proposal.state = ProposalState.SUBMITTED
        proposal.reviewed_on = None
        proposal.rejection_ground = None
        proposal.rejection_text = ""
        proposal.passed_to = ""
        proposal.merged_into = None
        proposal.converted_kind = None
        proposal.social_info_id = None
        record_step(session, proposal, "reopen_review", f"撤销审查结果（原为{before}）", operator)


def set_key_proposal(database: Database, uuid: str, is_key: bool) -> None:
    """重点提案: chosen at review time among accepted proposals."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        if is_key and proposal.state is not ProposalState.ACCEPTED:
            raise KnownError(
                f"提案{proposal.number}{STATE_LABELS[proposal.state]}，只有已立案的提案才能"
                "列为重点提案。",
                "请先审查立案。",
            )
        if proposal.is_key == is_key:
            return
        proposal.is_key = is_key
        text = "列为重点提案" if is_key else "取消重点提案"
        record_step(session, proposal, "key", text, operator)


def set_not_public(database: Database, uuid: str, not_public: bool) -> None:
    """不公开: left out of every publication (立案目录, 承办单位, 办理结果)."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        if proposal.not_public == not_public:
            return
        proposal.not_public = not_public
        text = "标记为不公开" if not_public else "取消不公开标记"
        record_step(session, proposal, "not_public", text, operator)


# --- inside the session ------------------------------------------------------------


def _under_review(session: Session, uuid: str, action: str) -> Proposal:
    proposal = get_proposal(session, uuid)
    if proposal.state is not ProposalState.SUBMITTED:
        raise _not_reviewable(proposal, action)
    return proposal


def _not_reviewable(proposal: Proposal, action: str) -> KnownError:
    return KnownError(
        f"提案{proposal.number}已审查（{STATE_LABELS[proposal.state]}），不能再{action}。",
        "如审查结果有误，请先“撤销审查结果”。",
    )


def _review_day(proposal: Proposal, on_date: date | None) -> date:
    day = on_date or date.today()
    not_after_today(day, "审查")
    if proposal.submitted_on is not None and day < proposal.submitted_on:
        raise KnownError(
            f"审查日期{cn_day(day)}早于提交日期{cn_day(proposal.submitted_on)}。",
            "请核对日期。本次未作任何改动。",
        )
    return day


def _social_info(session: Session, proposal: Proposal, day: date) -> SocialInfo:
    members = [s.member for s in proposal.signers if s.member is not None]
    if not members:
        raise KnownError(
            f"提案{proposal.number}没有委员提案人，不能转为社情民意信息。",
            "社情民意信息须记在委员名下；可改为“转为意见建议”。",
        )
    title = proposal.title[:TITLE_MAX]
    existing = find_social_info(session, proposal.owner_uuid, title, day)
    if existing is not None:
        for member in members:
            if member not in existing.submitters:
                existing.submitters.append(member)
        return existing
    item = SocialInfo(
        owner_uuid=proposal.owner_uuid,
        title=title,
        submitted_on=day,
        note=f"由提案{proposal.number}转来",
        submitters=members,
    )
    session.add(item)
    session.flush()
    return item
