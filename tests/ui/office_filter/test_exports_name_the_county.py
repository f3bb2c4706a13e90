"""At the city, a county's list exported: the file and its title say which county.

A city clerk exported 河东县's and 河西县's rosters and got two files both named
"第十届（2024—2029）委员名单-日期.xlsx", titled the same, the county nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from tests.exchange.conftest import Offices, add_members
from tests.ui.conftest import loaded
from tests.ui.conftest import loaded as checked
from tests.ui.conftest import loaded as members_loaded
from tests.ui.office_filter.test_records import _meeting
from ui.common import table_export
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.five_ones.page import FiveOnesPage
from ui.members.member_list_page import MemberListPage
from ui.records.records_page import RecordsPage


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The file names the save dialog suggests; the file goes to tmp_path/列表.xlsx."""
    names: list[str] = []

    def ask(parent, folders, kind, title, suggested, file_filter):  # type: ignore[no-untyped-def]
        names.append(suggested)
        return tmp_path / "列表.xlsx"

    monkeypatch.setattr(table_export, "ask_save_path", ask)
    return names


def _title(path: Path) -> str:
    sheet = load_workbook(path).active
    assert sheet is not None
    return str(sheet.cell(1, 1).value)


def _shown(qtbot: QtBot, page):  # type: ignore[no-untyped-def]
    """The page, shown and read, as the clerk opens it."""
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_a_countys_roster_exported_at_the_city_names_the_county(
    offices: Offices, qtbot: QtBot, asked: list[str], tmp_path: Path
) -> None:
    add_members(offices.county, "张建国")
    add_members(offices.city, "赵市委")
    offices.send(offices.county, offices.city)
    page = members_loaded(qtbot, _shown(qtbot, MemberListPage(offices.city.database)))
    page.export_list()  # 本单位: as before, no office in the name
    qtbot.waitUntil(page.output.isVisible, timeout=10_000)
    assert not asked[0].startswith("示范")
    members_loaded(qtbot, page).office.choose("150523")
    members_loaded(qtbot, page).export_list()
    qtbot.waitUntil(lambda: len(asked) == 2 and (tmp_path / "列表.xlsx").exists())
    assert asked[1].startswith("示范县政协")
    qtbot.waitUntil(lambda: _title(tmp_path / "列表.xlsx").startswith("示范县政协"), timeout=10_000)


def test_a_countys_records_exported_at_the_city_name_the_county(
    offices: Offices, qtbot: QtBot, asked: list[str], tmp_path: Path
) -> None:
    _meeting(offices.county, "示范县全体会议")
    offices.send(offices.county, offices.city)
    page = _shown(qtbot, RecordsPage(offices.city.database, meeting_editor=MeetingEditor))
    page.office.choose("150523")
    page.tabs.setCurrentWidget(page.social_info)
    page.social_info.show_year(2025)
    assert loaded(qtbot, page.social_info).filter.rowCount() == 1
    page.social_info.export_list()
    qtbot.waitUntil(page.social_info.output.isVisible, timeout=10_000)  # 已导出 … 行
    assert asked == [asked[0]] and asked[0].startswith("示范县政协2025年")
    assert _title(tmp_path / "列表.xlsx").startswith("示范县政协2025年")


def test_a_countys_five_ones_table_is_offered_under_the_countys_name(
    offices: Offices, qtbot: QtBot
) -> None:
    add_members(offices.county, "张建国")
    offices.send(offices.county, offices.city)
    page = checked(qtbot, _shown(qtbot, FiveOnesPage(offices.city.database)))
    checked(qtbot, page).office.choose("150523")
    checked(qtbot, page)
    suggested: list[str] = []
    page.choose_save_path = lambda parent, title, name, file_filter: suggested.append(name)
    page.export_workbook()
    assert len(suggested) == 1 and suggested[0].startswith("示范县政协")
