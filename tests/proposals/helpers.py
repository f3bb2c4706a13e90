"""A county office with plenary sessions, handling units and members, for proposal tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document

from app.common.operator import Operator, Role, sign_in
from app.common.storage import Database
from app.office import dictionaries, terms
from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.review import accept_proposal
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal
from app.proposals.labels import SubmitterKind, UnitRole
from db.models import DictionaryKind
from tests.five_ones.helpers import add_member

UNITS = (
    ("县教育和体育局", "学前教育、义务教育、校舍安全、体育事业"),
    ("县卫生健康委员会", "医疗卫生、公共卫生、疾病预防控制、养老服务"),
    ("县住房和城乡建设局", "城乡建设、老旧小区改造、物业管理、市政设施"),
    ("县交通运输局", "公路建设养护、农村公路、客运、物流"),
    ("县财政局", "财政预算、资金保障、政府采购"),
)


@dataclass(frozen=True)
class Office:
    database: Database
    units: dict[str, str]  # name -> uuid
    members: dict[str, str]  # name -> uuid
    session_2025: str  # 第十届第五次会议 (2025)


def set_up(database: Database) -> Office:
    term = terms.list_terms(database)[0]
    sessions = {}
    for number in range(1, 6):
        year = 2020 + number
        item = terms.save_session(database, term.uuid, number, date(year, 2, 24), date(year, 2, 27))
        sessions[year] = item.uuid
    units = {
        name: dictionaries.add_entry(database, DictionaryKind.HANDLING_UNIT, name, functions).uuid
        for name, functions in UNITS
    }
    members = {name: add_member(database, name) for name in ("张三", "李四", "王五", "赵六")}
    sign_in(database, Operator("刘秘书", Role.STAFF, account_id=1))
    return Office(database, units, members, sessions[2025])


def form(office: Office, title: str = "关于加强农村学校校舍安全的建议", **changes) -> ProposalForm:
    values = dict(
        title=title,
        body="情况分析：……具体建议：……",
        signers=(SignerInput("张三", office.members["张三"]),),
        session_uuid=office.session_2025,
        category="社会",
        submitted_on=date(2025, 2, 25),
    )
    values.update(changes)
    return ProposalForm(**values)


def joint_form(office: Office, title: str = "关于改善农村公路养护的建议") -> ProposalForm:
    return form(
        office,
        title,
        submitter_kind=SubmitterKind.JOINT,
        signers=(
            SignerInput("李四", office.members["李四"]),
            SignerInput("王五", office.members["王五"]),
            SignerInput("钱老（原委员）"),
        ),
    )


def accepted(office: Office, title: str = "关于加强农村学校校舍安全的建议") -> str:
    uuid = add_proposal(office.database, form(office, title))
    accept_proposal(office.database, uuid, date(2025, 3, 10))
    return uuid


def assigned(office: Office, unit: str = "县教育和体育局", on: date = date(2025, 3, 15)) -> str:
    uuid = accepted(office)
    assign_proposal(office.database, uuid, [UnitChoice(office.units[unit], UnitRole.LEAD)], on)
    return uuid


def word_lines(path: Path, *lines: str) -> Path:
    """A Word proposal form written as plain lines (案由：…, 提案人：…), saved at `path`."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path
