"""协商 at the city: a county's plan and outcomes chosen in the 单位 filter, shown
read-only (buttons disabled with the reason, details opened without saving)."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.consultation.test_office_filter import (
    CITY_OUTCOME,
    CITY_TOPIC,
    COUNTY_OUTCOME,
    COUNTY_TOPIC,
    YEAR,
    city_with_a_county,
)
from tests.exchange.conftest import Offices
from tests.ui.consultation.conftest import shown
from ui.common.office_filter import READ_ONLY_TIP
from ui.consultation.columns import OUTCOME_OFFICE_COLUMN
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.page import ConsultationPage
from ui.consultation.plan.plan_dialogs import TopicDialog

SCREENSHOT = Path(__file__).parents[3] / "docs" / "screenshots" / "consultation_city_filter.png"


def _choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findText(text))


def _page(qtbot: QtBot, offices: Offices) -> ConsultationPage:
    page = ConsultationPage(offices.city.database)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.show_year(YEAR)
    page.refresh()
    return page


def test_the_city_shows_a_countys_plan_read_only(offices: Offices, qtbot: QtBot) -> None:
    city_with_a_county(offices)
    page = _page(qtbot, offices)
    plan = page.plan
    assert plan.office.isVisible()
    combo = plan.office.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "本单位",
        "示范县政协",
        "邻旗政协",
    ]  # one plan at a time: no 全部
    assert shown(plan.table, 1) == [CITY_TOPIC]
    _choose(combo, "示范县政协")
    assert page.chosen_year() == YEAR
    assert shown(plan.table, 1) == [COUNTY_TOPIC]
    assert shown(plan.table, 4) == ["农业和农村委员会"]
    assert plan.heading.text().startswith(f"示范县政协{YEAR}年度协商计划")
    assert page.figures.text().startswith(f"示范县政协　{YEAR}年度协商计划：议题 1 个")
    plan.table.selectRow(0)
    for button in (
        plan.plan_button, plan.add_button, plan.carry_button, plan.edit_button,
        plan.delete_button, plan.up_button, plan.down_button, plan.research_button,
        plan.meeting_button,
    ):  # fmt: skip
        assert not button.isEnabled(), button.objectName()
        assert button.toolTip() == READ_ONLY_TIP
    assert plan.word_button.isEnabled()  # printing the county's plan only reads
    if os.environ.get("SAVE_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        qtbot.wait(100)  # the layout catches up with the new heading and figures
        page.grab().save(str(SCREENSHOT))
    plan.edit_selected()  # a double-click: looked at, not changed
    dialog = plan.dialog
    assert isinstance(dialog, TopicDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "查看协商议题"
    assert dialog.title_edit.text() == COUNTY_TOPIC and dialog.title_edit.isReadOnly()
    assert dialog.committee.currentText() == "农业和农村委员会"
    assert not dialog.save_button.isEnabled() and not dialog.save_button.isVisible()
    dialog.reject()
    _choose(combo, "邻旗政协")
    assert plan.stack.currentWidget() is plan.empty
    assert f"邻旗政协尚未报来{YEAR}年度协商计划" in plan.empty.text()
    _choose(combo, "本单位")
    assert shown(plan.table, 1) == [CITY_TOPIC]
    plan.table.selectRow(0)
    assert plan.add_button.isEnabled() and plan.add_button.toolTip() != READ_ONLY_TIP
    assert plan.edit_button.isEnabled() and plan.delete_button.isEnabled()
    assert plan.carry_button.toolTip() != READ_ONLY_TIP  # its own tip is back


def test_the_city_shows_a_countys_outcomes_read_only(offices: Offices, qtbot: QtBot) -> None:
    city_with_a_county(offices)
    page = _page(qtbot, offices)
    page.tabs.setCurrentWidget(page.outcomes)
    tab = page.outcomes
    assert shown(tab.table, 1) == [CITY_OUTCOME]
    assert tab.table.isColumnHidden(OUTCOME_OFFICE_COLUMN)
    _choose(tab.office.combo, "示范县政协")
    assert shown(tab.table, 1) == [COUNTY_OUTCOME]
    assert shown(tab.table, 2) == [COUNTY_TOPIC]
    tab.table.selectRow(0)
    for button in (tab.add_button, tab.edit_button, tab.delete_button):
        assert not button.isEnabled() and button.toolTip() == READ_ONLY_TIP
    tab.edit_selected()  # a double-click: looked at, not changed
    dialog = tab.dialog
    assert isinstance(dialog, OutcomeDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "查看协商成果"
    assert dialog.title_edit.text() == COUNTY_OUTCOME and dialog.title_edit.isReadOnly()
    assert dialog.topic.currentText() == COUNTY_TOPIC and not dialog.topic.isEnabled()
    assert not dialog.save_button.isVisible()
    assert not dialog.instructions.add_button.isEnabled()
    assert not dialog.attachments.add_button.isEnabled()
    assert dialog.attachments.open_button.isEnabled()
    dialog.reject()
    _choose(tab.office.combo, "全部")
    assert sorted(shown(tab.table, 1)) == sorted([CITY_OUTCOME, COUNTY_OUTCOME])
    assert not tab.table.isColumnHidden(OUTCOME_OFFICE_COLUMN)
    offices_by_title = dict(
        zip(shown(tab.table, 1), shown(tab.table, OUTCOME_OFFICE_COLUMN), strict=True)
    )
    assert offices_by_title == {CITY_OUTCOME: "示范市政协", COUNTY_OUTCOME: "示范县政协"}
    assert tab.add_button.isEnabled()  # the city's own outcomes are entered here
    county_row = shown(tab.table, 1).index(COUNTY_OUTCOME)
    tab.table.selectRow(county_row)
    assert not tab.edit_button.isEnabled() and tab.edit_button.toolTip() == READ_ONLY_TIP
    tab.table.selectRow(1 - county_row)
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()
    _choose(tab.office.combo, "本单位")
    assert shown(tab.table, 1) == [CITY_OUTCOME]
    assert tab.table.isColumnHidden(OUTCOME_OFFICE_COLUMN)


def test_a_county_sees_no_office_filter_on_consultation(offices: Offices, qtbot: QtBot) -> None:
    city_with_a_county(offices)
    page = ConsultationPage(offices.county.database)
    qtbot.addWidget(page)
    page.show()
    page.show_year(YEAR)
    page.refresh()
    assert not page.plan.office.isVisible()
    assert shown(page.plan.table, 1) == [COUNTY_TOPIC]
    page.plan.table.selectRow(0)
    assert page.plan.edit_button.isEnabled() and page.plan.add_button.isEnabled()
