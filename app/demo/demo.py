"""`demo`: a realistic data set so a newcomer sees a living program.

Later capabilities (members, proposals, consultation) add their own steps to
DEMO_STEPS. The data is deterministic so screenshots and tests are repeatable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.jobs import ProgressTracker
from app.common.storage import Database
from app.data_safety.backups import back_up_now
from app.demo.city_wording import highest_ids, reword_for_city
from app.demo.demo_consultation import demo_consultation
from app.demo.demo_members import MEMBER_DEMO_STEPS
from app.demo.demo_proposals import demo_proposals
from app.office.office import current_term, require_local_office
from db.base import new_uuid
from db.member_models import Member
from db.models import (
    AppSetting,
    DictionaryEntry,
    DictionaryKind,
    Office,
    OfficeLevel,
    PlenarySession,
    Term,
)

DEMO_MARKER = "demo_loaded"

HANDLING_UNITS = (
    ("县发展和改革局", "国民经济和社会发展规划、重大项目、价格管理"),
    ("县教育和体育局", "学前教育、义务教育、高中教育、校舍安全、体育事业"),
    ("县卫生健康委员会", "医疗卫生、公共卫生、疾病预防控制、人口监测、养老服务"),
    ("县住房和城乡建设局", "城乡建设、老旧小区改造、物业管理、建筑市场、市政设施"),
    ("县交通运输局", "公路建设养护、农村公路、客运、物流"),
    ("县农牧和科技局", "农业生产、畜牧业、农业技术推广、高标准农田、科技工作"),
    ("县水利局", "水利工程、农田水利、防汛抗旱、饮水安全、河湖管理"),
    ("县自然资源局", "土地利用、国土空间规划、不动产登记、耕地保护、矿产"),
    ("县生态环境分局", "大气、水、土壤污染防治，环境监测与执法"),
    ("县人力资源和社会保障局", "就业创业、社会保险、劳动关系、人才引进"),
    ("县民政局", "社会救助、养老服务、社区治理、殡葬管理"),
    ("县财政局", "财政预算、资金保障、政府采购、国有资产"),
    ("县商务局", "商贸流通、招商引资、电子商务、市场体系"),
    ("县文化旅游体育局", "文化事业、旅游开发、文物保护、公共文化服务"),
    ("县市场监督管理局", "食品药品安全、市场秩序、质量监督、营商环境"),
    ("县应急管理局", "安全生产、应急救援、防灾减灾"),
    ("县公安局", "社会治安、交通管理、户籍管理"),
    ("县城市管理综合执法局", "市容环境、垃圾处理、违法建设治理、停车管理"),
    ("县医疗保障局", "医疗保险、医保支付、药品招采"),
    ("县乡村振兴局", "巩固脱贫成果、乡村建设、帮扶产业"),
    ("县工业和信息化局", "工业经济、中小企业、园区建设、信息化"),
    ("县林业和草原局", "林草资源保护、生态修复、防火"),
    ("县供电公司", "电网建设、供电保障"),
    ("县融媒体中心", "新闻宣传、舆论引导"),
)

LIAISON_GROUPS = (
    ("第一联络组", "中共、共青团、工会、妇联界别委员"),
    ("第二联络组", "各民主党派、无党派人士界别委员"),
    ("第三联络组", "经济界、工商联界别委员"),
    ("第四联络组", "农业界、少数民族界、宗教界委员"),
    ("第五联络组", "教育界、医药卫生界、科协界别委员"),
    ("第六联络组", "文化艺术界、特邀人士界别委员"),
)


def load_demo(database: Database, force: bool = False) -> dict[str, int]:
    """Run every demo step in one transaction; returns how many records each added.

    An office that already keeps its own members is refused unless `force`: demo
    members would mix with real ones. With `force`, the database is backed up first.
    """
    with database.begin() as session:
        office = require_local_office(session)
        if session.get(AppSetting, DEMO_MARKER) is not None:
            raise KnownError("演示数据已经添加过了。", "如需重新开始，请使用一个新的数据文件夹。")
        members = _own_members(session, office)
    if members and not force:
        raise KnownError(
            f"本单位已有 {members} 名委员的数据，加入演示数据会与真实数据混在一起。",
            "请在新的数据文件夹中试用演示数据（--data-dir）；"
            "确实要加入时请加 --force（会先自动备份）。",
        )
    if members:
        back_up_now(database, ProgressTracker())
    with database.begin() as session:
        office = require_local_office(session)
        before = highest_ids(session)
        added = {name: step(session, office) for name, step in DEMO_STEPS}
        if office.level is OfficeLevel.CITY:
            reword_for_city(session, office, before)
        session.add(AppSetting(key=DEMO_MARKER, value_json=json.dumps(added, ensure_ascii=False)))
    return added


def _own_members(session: Session, office: Office) -> int:
    query = select(func.count()).where(
        Member.owner_uuid == office.uuid, Member.deleted_at.is_(None)
    )
    return session.scalar(query) or 0


def _add_entries(
    session: Session, office: Office, kind: DictionaryKind, entries: tuple[tuple[str, str], ...]
) -> int:
    existing = set(
        session.scalars(
            select(DictionaryEntry.name).where(
                DictionaryEntry.kind == kind, DictionaryEntry.owner_uuid == office.uuid
            )
        )
    )
    start = len(existing)
    added = 0
    for name, description in entries:
        if name in existing:
            continue
        session.add(
            DictionaryEntry(
                owner_uuid=office.uuid,
                kind=kind,
                name=name,
                description=description,
                sort_order=start + added,
            )
        )
        added += 1
    return added


def _demo_handling_units(session: Session, office: Office) -> int:
    return _add_entries(session, office, DictionaryKind.HANDLING_UNIT, HANDLING_UNITS)


def _demo_liaison_groups(session: Session, office: Office) -> int:
    return _add_entries(session, office, DictionaryKind.LIAISON_GROUP, LIAISON_GROUPS)


def _demo_terms(session: Session, office: Office) -> int:
    """The previous term and the plenary sessions held so far in the current one."""
    term = current_term(session, office)
    if term is None:
        return 0
    added = 0
    if term.number > 1 and not any(
        t.number == term.number - 1
        for t in session.scalars(select(Term).where(Term.owner_uuid == office.uuid))
    ):
        years = term.last_year - term.first_year
        previous = Term(
            owner_uuid=office.uuid,
            number=term.number - 1,
            first_year=term.first_year - years,
            last_year=term.first_year,
        )
        session.add(previous)
        for n in range(1, years + 1):
            session.add(_plenary(office, previous, n, previous.first_year + n - 1))
        added += 1 + years
    held = {s.number for s in term.sessions}
    this_year = date.today().year
    for n in range(1, term.last_year - term.first_year + 1):
        year = term.first_year + n - 1
        if year <= this_year and n not in held:
            session.add(_plenary(office, term, n, year))
            added += 1
    return added


def _plenary(office: Office, term: Term, number: int, year: int) -> PlenarySession:
    # County plenaries sit for three days in late February or early March.
    start = date(year, 2, 24) if number % 2 else date(year, 3, 2)
    return PlenarySession(
        owner_uuid=office.uuid,
        term=term,
        number=number,
        start_date=start,
        end_date=start.replace(day=start.day + 2),
    )


def _demo_partner_offices(session: Session, office: Office) -> int:
    """The city office and two neighbouring counties this office exchanges files with."""
    if office.level is OfficeLevel.CITY:
        city_code = office.division_code
        partners = [(OfficeLevel.COUNTY, "示范县政协", city_code[:4] + "21")]
        partners.append((OfficeLevel.COUNTY, "示范旗政协", city_code[:4] + "22"))
    else:
        city_code = office.division_code[:4] + "00"
        partners = [(OfficeLevel.CITY, "示范市政协", city_code)]
        for suffix, name in (("02", "示范区政协"), ("25", "邻县政协")):
            code = office.division_code[:4] + suffix
            if code != office.division_code:
                partners.append((OfficeLevel.COUNTY, name, code))
    known = set(session.scalars(select(Office.division_code)))
    added = 0
    for level, name, code in partners:
        if code in known:
            continue
        uuid = new_uuid()
        session.add(Office(uuid=uuid, owner_uuid=uuid, level=level, name=name, division_code=code))
        added += 1
    session.flush()
    return added


DemoStep = Callable[[Session, Office], int]
# (what it adds, in the words the clerk reads; the step)
DEMO_STEPS: list[tuple[str, DemoStep]] = [
    ("往来单位", _demo_partner_offices),
    ("届次与全体会议", _demo_terms),
    ("联络组", _demo_liaison_groups),
    ("承办单位", _demo_handling_units),
    *MEMBER_DEMO_STEPS,
    ("提案", demo_proposals),
    ("协商议题", demo_consultation),  # after the duty records: it fills in their meetings
]
