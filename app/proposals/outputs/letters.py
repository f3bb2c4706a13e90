"""Letters in official layout: 提案处理回复函 (to the proposer of a proposal not
accepted), 交办通知 (to a handling unit, its proposals and deadlines) and 催办函
(to a unit with overdue or nearly due proposals)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.common.documents.official import OfficialDocument, chinese_date
from app.common.documents.official_style import text_width
from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import session_label, term_label
from app.office.office import require_local_office
from app.proposals.handling.handling import DueItem, due_lists
from app.proposals.handling.workdays import deadline_rule_text
from app.proposals.labels import (
    COLLECTIVE_KINDS,
    CONVERSION_LABELS,
    REJECTION_LABELS,
    ROLE_LABELS,
    ProposalState,
    RejectionGround,
)
from app.proposals.outputs.publication import SIZE_5, fitting_mm, widths
from app.proposals.queries import load_proposals
from app.proposals.settings import ProposalSettings, load_proposal_settings
from app.proposals.store import get_proposal, get_unit
from app.proposals.views import proposer_text
from db.proposal_models import Proposal

NUMBER_LINE_CHARS = 8  # a number wider than this goes on two lines in the notice


def _committee(office_name: str) -> str:
    return f"{office_name}提案委员会"


def _short(day: date) -> str:
    """2025.6.15: dates in table cells."""
    return f"{day.year}.{day.month}.{day.day}"


# --- 提案处理回复函 ---------------------------------------------------------------------


def write_reply_letter(
    database: Database, uuid: str, path: Path, issued_on: date | None = None
) -> Path:
    """To the proposer of a proposal not accepted: why, and where it was passed on."""
    with database.read() as session:
        office = require_local_office(session)
        proposal = get_proposal(session, uuid)
        if proposal.state not in (ProposalState.REJECTED, ProposalState.CONVERTED):
            raise KnownError(
                f"提案{proposal.number}不是“不予立案”或“转办”的提案，无需回复函。",
                "回复函用于告知提案人未立案的原因和转交去向。",
            )
        recipient = _recipient(proposal)
        opening = _opening(proposal)
        decision = _decision(proposal)
        office_name = office.name
    title = "提案处理回复函"
    document = OfficialDocument(title=f"{title}（{recipient}）", author=_committee(office_name))
    document.title(title)
    document.recipient(f"{recipient}：")
    document.paragraph(opening)
    document.paragraph(decision)
    document.paragraph(
        "感谢您对政协提案工作的关心和支持。希望您今后围绕全县工作大局和群众关心的问题，"
        "深入调查研究，继续提出高质量的提案。"
    )
    document.signature(_committee(office_name), issued_on or date.today())
    return document.save(path)


def _recipient(proposal: Proposal) -> str:
    if proposal.submitter_kind in COLLECTIVE_KINDS and proposal.submitter_name:
        return proposal.submitter_name
    names = [s.name for s in proposal.signers]
    return "、".join(names) + "委员" if names else proposer_text(proposal)


def _opening(proposal: Proposal) -> str:
    when = ""
    if proposal.term is not None and proposal.session is not None:
        when = (
            f"在政协{term_label(proposal.term.number)}{session_label(proposal.session.number)}期间"
        )
    return f"您{when}提出的“{proposal.title}”（{proposal.number}）收悉。"


def _decision(proposal: Proposal) -> str:
    if proposal.state is ProposalState.CONVERTED and proposal.converted_kind is not None:
        text = f"经审查，该件{CONVERSION_LABELS[proposal.converted_kind]}处理"
    else:
        ground = proposal.rejection_ground or RejectionGround.OTHER
        reason = (
            proposal.rejection_text if ground is RejectionGround.OTHER else REJECTION_LABELS[ground]
        )
        text = f"经审查，该件{reason}，根据提案工作条例的有关规定，不作为提案立案"
    if proposal.passed_to:
        text += f"，已转送{proposal.passed_to}研究参考"
    return text + "。"


# --- 交办通知 ----------------------------------------------------------------------------


def write_assignment_notice(
    database: Database,
    unit_uuid: str,
    path: Path,
    year: int,
    issued_on: date | None = None,
) -> Path:
    """To one unit: every proposal of the year it handles now, with role and deadline."""
    settings = load_proposal_settings(database)
    with database.read() as session:
        office = require_local_office(session)
        unit = get_unit(session, unit_uuid)
        rows = []
        for proposal in load_proposals(session, year):
            for a in proposal.assignments:
                if a.active and a.unit_id == unit.id:
                    rows.append((proposal, a))
        if not rows:
            raise KnownError(f"{year}年没有交给“{unit.name}”办理的提案。", "请先交办。")
        rows.sort(key=lambda pair: (pair[1].assigned_on, pair[0].serial or 0, pair[0].number))
        table = [
            (
                str(i),
                _number_lines(p.number),
                p.title,
                _proposers(p),
                ROLE_LABELS[a.role],
                _short(a.due),
            )
            for i, (p, a) in enumerate(rows, 1)
        ]
        unit_name, office_name = unit.name, office.name
    title = f"关于交办{year}年政协提案的通知"
    document = OfficialDocument(title=title, author=_committee(office_name))
    document.title(title)
    document.recipient(f"{unit_name}：")
    document.paragraph(
        f"现将{year}年政协提案中由你单位办理的{len(table)}件交你单位办理（见下表）。"
        f"请按照提案办理工作的有关规定，{deadline_rule_text(settings)}。"
        "办理前请与提案人沟通，答复函报送政协提案委员会。主办单位负责与协办单位协商，"
        "协办单位应在主办单位答复前提出协办意见。" + _hand_back_text(settings)
    )
    document.table(
        table,
        widths_mm=widths(
            [
                fitting_mm(["序号"], SIZE_5),
                fitting_mm((line for row in table for line in row[1].split("\n")), SIZE_5),
                0,
                fitting_mm(["名" * PROPOSER_CHARS], SIZE_5),
                fitting_mm(["主办"], SIZE_5),
                fitting_mm((row[5] for row in table), SIZE_5),
            ],
            [0, 0, 1, 0, 0, 0],
        ),
        header=("序号", "提案号", "案由", "提案人", "方式", "办理期限"),
        size=SIZE_5,
        centred_columns=(0, 4),
        cant_split=True,  # a proposal's names stay on one page
    )
    document.signature(_committee(office_name), issued_on or date.today())
    return document.save(path)


# The 提案人 column: lines of up to six characters, each holding whole names (2–4
# characters and their 、) or a group's name such as 民建县委会; never a name cut in two.
PROPOSER_CHARS = 6
NAMES_SHOWN = 3  # of a joint proposal; the rest as 等N人


def _proposers(proposal: Proposal) -> str:
    """The group of a collective proposal, else the signers (the first three, 等N人),
    a line break only between names."""
    if proposal.submitter_kind in COLLECTIVE_KINDS and proposal.submitter_name:
        return proposal.submitter_name
    names = [s.name for s in proposal.signers] or [proposer_text(proposal)]
    parts = [f"{name}、" for name in names[:NAMES_SHOWN]]
    parts[-1] = parts[-1].rstrip("、")
    if len(names) > NAMES_SHOWN:
        parts[-1] += f"等{len(names)}人"
    lines = [""]
    for part in parts:
        if lines[-1] and text_width(lines[-1] + part) > PROPOSER_CHARS:
            lines.append("")
        lines[-1] += part
    return "\n".join(lines)


def _number_lines(number: str) -> str:
    """十届五次会议\n第0012号: a long number on two lines at its 第, so the title and
    the proposers get the room."""
    cut = number.rfind("第")
    if cut < 2 or text_width(number) <= NUMBER_LINE_CHARS:
        return number
    return f"{number[:cut]}\n{number[cut:]}"


def _hand_back_text(settings: ProposalSettings) -> str:
    """The 退回调整 limit as 提案设置 has it (0: none), so the notice and the check agree."""
    days = settings.hand_back_working_days
    when = f"于交办之日起{days}个工作日内" if days else "尽快"
    return f"如有不属于你单位职责的，请{when}说明理由并申请退回调整。"


# --- 催办函 -----------------------------------------------------------------------------


def write_reminder(
    database: Database, unit_uuid: str, path: Path, today: date | None = None
) -> Path:
    """To one unit: its overdue and nearly due proposals."""
    today = today or date.today()
    lists = due_lists(database, today)
    items: list[DueItem] = [
        i for i in (*lists.overdue, *lists.due_soon) if i.unit_uuid == unit_uuid
    ]
    with database.read() as session:
        office = require_local_office(session)
        unit_name = get_unit(session, unit_uuid).name
        office_name = office.name
    if not items:
        raise KnownError(f"“{unit_name}”没有逾期或即将到期的提案。", "无需催办。")
    overdue = sum(1 for i in items if i.days_left < 0)
    title = "关于抓紧办理政协提案的函"
    document = OfficialDocument(title=title, author=_committee(office_name))
    document.title(title)
    document.recipient(f"{unit_name}：")
    document.paragraph(
        f"截至{chinese_date(today)}，你单位承办的政协提案中，{_due_counts(overdue, len(items))}"
        "（见下表）。请高度重视，"
        "抓紧办理，按时答复提案人，并将答复函报送政协提案委员会；确需延期的，"
        "请书面说明理由。"
    )
    document.table(
        [
            (
                _number_lines(i.number),
                i.title,
                i.role_label,
                _short(i.due),
                f"逾期{-i.days_left}天" if i.days_left < 0 else f"剩{i.days_left}天",
            )
            for i in items
        ],
        widths_mm=widths(
            [
                fitting_mm(
                    (line for i in items for line in _number_lines(i.number).split("\n")), SIZE_5
                ),
                0,
                fitting_mm(["主办"], SIZE_5),
                fitting_mm(["2025.12.31"], SIZE_5),
                fitting_mm(["逾期999天"], SIZE_5),
            ],
            [0, 1, 0, 0, 0],
        ),
        header=("提案号", "案由", "方式", "办理期限", "状态"),
        size=SIZE_5,
        centred_columns=(2, 4),
        cant_split=True,
    )
    document.signature(_committee(office_name), today)
    return document.save(path)


def _due_counts(overdue: int, total: int) -> str:
    """已超过办理期限尚未答复的2件，即将到期的1件 — a count of none left out."""
    parts = []
    if overdue:
        parts.append(f"已超过办理期限尚未答复的{overdue}件")
    if total - overdue:
        parts.append(f"即将到期的{total - overdue}件")
    return "，".join(parts)


def units_with_assignments(database: Database, year: int) -> list[tuple[str, str]]:
    """(uuid, name) of the units handling proposals of the year: whom to send notices."""
    with database.read() as session:
        found: dict[str, str] = {}
        for proposal in load_proposals(session, year):
            for a in proposal.assignments:
                if a.active:
                    found.setdefault(a.unit.uuid, a.unit.name)
        return sorted(found.items(), key=lambda item: item[1])
