"""Fixtures of the 五个一考核 screen tests: four members and their records, and the page
showing 2025."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.common.storage import Database
from db.member_models import MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.helpers import (
    LEAVE,
    PRESENT,
    add_activity,
    add_member,
    add_social_info,
    add_work,
)
from tests.ui.conftest import loaded
from ui.five_ones.page import FiveOnesPage

YEAR = 2025


@pytest.fixture
def people(office_db: Database) -> dict[str, str]:
    """赵六 (经济界) did everything but a proposal; 李四 (教育界) was on leave at the
    plenary; 王五 joined on 1 March; 钱七 left in 2024 and is not checked."""
    zhao = add_member(
        office_db, "赵六", sector="经济界", committees=["经济委员会"], liaison_group="第三联络组"
    )
    li = add_member(office_db, "李四", sector="教育界", liaison_group="第五联络组")
    wang = add_member(office_db, "王五", sector="教育界", start=date(YEAR, 3, 1))
    add_member(office_db, "钱七", status=MembershipStatus.RESIGNED, status_date=date(2024, 6, 1))
    add_activity(
        office_db, ActivityKind.PLENARY, date(YEAR, 1, 10), {zhao: PRESENT, li: LEAVE}, "五次会议"
    )
    add_activity(
        office_db, ActivityKind.RESEARCH, date(YEAR, 5, 6), {zhao: PRESENT}, "民营经济调研"
    )
    add_social_info(office_db, date(YEAR, 4, 1), [zhao, wang], "关于农村养老的建议")
    add_work(office_db, WorkKind.RESEARCH_REPORT, date(2023, 9, 1), [zhao], "调研报告")
    return {"赵六": zhao, "李四": li, "王五": wang}


@pytest.fixture
def page(qtbot: QtBot, office_db: Database, people: dict[str, str]) -> FiveOnesPage:
    widget = FiveOnesPage(office_db)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    widget.refresh()
    loaded(qtbot, widget).year.setCurrentIndex(widget.year.findData(YEAR))  # the clerk picks
    return loaded(qtbot, widget)
