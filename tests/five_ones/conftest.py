"""The people and the report the output tests (考核表, 通报, 履职档案) share."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.storage import Database
from app.five_ones.check import FiveOnesReport, check_five_ones
from db.member_models import CppccRole, MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.helpers import (
    LEAVE,
    PRESENT,
    ListedProposals,
    add_activity,
    add_member,
    add_social_info,
    add_work,
)

ID_NUMBER = "15052319750312001X"
PHONE = "13812345678"


@pytest.fixture
def people(office_db: Database) -> dict[str, str]:
    """张三 meets all five; 李四 only attended (on leave at the plenary);
    王五 joined mid-year; 赵六 left in August; 钱七 left in 2024 (not checked)."""
    zhang = add_member(
        office_db,
        "张三",
        sector="经济界",
        committees=["经济委员会"],
        liaison_group="第三联络组",
        role=CppccRole.STANDING,
        phone=PHONE,
        id_number=ID_NUMBER,
        employer="县发展和改革局局长",
    )
    li = add_member(office_db, "李四", sector="教育界", liaison_group="第五联络组")
    wang = add_member(office_db, "王五", start=date(2025, 3, 1))
    zhao = add_member(
        office_db, "赵六", status=MembershipStatus.RESIGNED, status_date=date(2025, 8, 31)
    )
    add_member(office_db, "钱七", status=MembershipStatus.DECEASED, status_date=date(2024, 5, 1))
    add_activity(
        office_db,
        ActivityKind.PLENARY,
        date(2025, 1, 10),
        {zhang: PRESENT, li: LEAVE, zhao: PRESENT},
        "政协示范县第十届委员会第五次会议",
    )
    add_activity(
        office_db, ActivityKind.INSPECTION, date(2025, 5, 6), {zhang: PRESENT, li: PRESENT}, "视察"
    )
    add_social_info(office_db, date(2025, 4, 1), [zhang], "关于农村养老的建议", adopted=True)
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2023, 1, 12), [zhang], "关于学前教育的发言")
    add_activity(office_db, ActivityKind.TRAINING, date(2024, 6, 1), {zhang: PRESENT}, "委员培训")
    return {"张三": zhang, "李四": li, "王五": wang, "赵六": zhao}


@pytest.fixture
def report(office_db: Database, people: dict[str, str]) -> FiveOnesReport:
    proposals = ListedProposals().add(people["张三"], date(2025, 1, 9), "关于学前教育的提案")
    return check_five_ones(office_db, 2025, proposals=proposals)
