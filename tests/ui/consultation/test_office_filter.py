"""协商 at the city: a county's plan, meetings and outcomes chosen in the 单位 filter,
shown read-only (buttons disabled with the reason, details opened without saving); the
button rows readable at 1366×768."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from app.consultation.attachments import add_attachment
from app.consultation.meetings.meetings import MeetingForm, add_meeting, meeting_from_topic
from app.consultation.meetings.speeches import SpeechForm, add_speech
from app.consultation.plan.plans import PlanForm, save_plan
from app.records.labels import ActivityKind, AttendanceStatus
from tests.consultation.test_office_filter import (
    CITY_OUTCOME,
    CITY_TOPIC,
    COUNTY_OUTCOME,
    COUNTY_TOPIC,
    YEAR,
    city_with_a_county,
)
from tests.exchange.conftest import Offices, add_members, database_digest
from tests.ui.conftest import loaded, settled
from tests.ui.consultation.conftest import shown
from ui.common.office_filter import READ_ONLY_TIP
from ui.consultation.columns import OUTCOME_OFFICE_COLUMN
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.page import ConsultationPage
from ui.consultation.plan.plan_dialogs import TopicDialog

SCREENSHOTS = Path(__file__).parents[3] / "docs" / "screenshots"
SCREENSHOT = SCREENSHOTS / "consultation_city_filter.png"
COUNTY_MEETING, CITY_MEETING = "农村牧区人居环境整治专题协商会", "市政协城市更新专题协商会"
# A long title and approval: the heading must wrap, not push the buttons off the row.
LONG_TITLE = "示范县政协第十届委员会2025年度协商工作计划（含专题协商、对口协商和界别协商）"


def _choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findText(text))


def _save_screenshot(page: QWidget, path: Path, qtbot: QtBot) -> None:
    if os.environ.get("SAVE_SCREENSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        settled(qtbot, page)  # the layout catches up with the new heading and figures
        page.grab().save(str(path))


def _readable(tab: QWidget) -> None:
    """Every shown button of `tab` has the width its text needs and lies inside the
    1366×768 window (a row too wide would widen the window past the screen)."""
    window = tab.window()
    assert (window.width(), window.height()) == (1366, 768)
    buttons = [b for b in tab.findChildren(QAbstractButton) if b.isVisibleTo(tab)]
    assert buttons
    for button in buttons:
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert button.width() >= button.sizeHint().width(), button.text()
        assert window.rect().contains(where), button.text()


def _meetings_sent(offices: Offices, county_topic: str) -> None:
    """A meeting on the county's topic (with a member present) and a long plan title,
    sent to the city; the city's own meeting beside them."""
    county = offices.county.database
    [member] = add_members(offices.county, "张建国")
    form = replace(meeting_from_topic(county, county_topic), held_on=date(YEAR, 5, 20))
    form = replace(form, title=COUNTY_MEETING)
    add_meeting(county, form, {member: AttendanceStatus.PRESENT})
    save_plan(county, YEAR, PlanForm(LONG_TITLE, date(YEAR, 2, 20), "县委常委会第十二次会议"))
    offices.send(offices.county, offices.city)
    city = MeetingForm(kind=ActivityKind.STANDING_MEETING, title=CITY_MEETING)
    add_meeting(offices.city.database, replace(city, held_on=date(YEAR, 6, 3)), {})


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


def test_the_city_shows_a_countys_meetings_read_only(offices: Offices, qtbot: QtBot) -> None:
    data = city_with_a_county(offices)
    _meetings_sent(offices, data.county_topic)
    page = _page(qtbot, offices)
    page.tabs.setCurrentWidget(page.meetings)
    tab = page.meetings
    tab.show_year(YEAR)
    loaded(qtbot, tab)
    assert tab.office.isVisible()
    combo = tab.office.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "本单位",
        "示范县政协",
        "邻旗政协",
    ]
    assert shown(tab.table, tab.stretch_column) == [CITY_MEETING]
    _choose(combo, "示范县政协")
    loaded(qtbot, tab)
    assert page.chosen_year() == YEAR and tab.chosen_year == YEAR
    assert shown(tab.table, tab.stretch_column) == [COUNTY_MEETING]
    assert page.figures.text().startswith(f"示范县政协　{YEAR}年度协商计划：议题 1 个")
    tab.table.selectRow(0)
    for button in (tab.add_button, tab.edit_button, tab.delete_button):
        assert not button.isEnabled(), button.objectName()
        assert button.toolTip() == READ_ONLY_TIP
    assert tab.export_button.isEnabled()  # exporting the list only reads
    _readable(tab)
    _save_screenshot(page, SCREENSHOTS / "consultation_city_meetings.png", qtbot)
    before = database_digest(offices.city.database)
    tab.delete_selected()  # the Delete key: a county's meeting stays
    assert tab.open_add_dialog() is None  # Ctrl+N: nothing to add to a county's list
    cell = tab.table.visualRect(tab.table.model().index(0, tab.stretch_column)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = tab.dialog
    assert isinstance(dialog, MeetingEditor) and dialog.isVisible()
    assert dialog.windowTitle() == "查看会议活动"
    assert dialog.title_edit.text() == COUNTY_MEETING and dialog.title_edit.isReadOnly()
    assert not dialog.kind.isEnabled() and not dialog.details.day.isEnabled()
    assert not dialog.save_button.isVisible() and dialog.cancel_button.text() == "关闭"
    attendance = dialog.attendance
    assert attendance.attendance() == {m: AttendanceStatus.PRESENT for m in attendance.attendance()}
    assert not attendance.all_present.isEnabled() and not attendance.read_sign_in.isEnabled()
    present = attendance.table.model().index(0, attendance.model.PRESENT)
    qtbot.mouseClick(
        attendance.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=attendance.table.visualRect(present).center(),
    )
    assert list(attendance.attendance().values()) == [AttendanceStatus.PRESENT]  # unchanged
    assert not dialog.speeches.add_button.isEnabled()
    dialog.save()  # Ctrl+S: nothing is written
    dialog.reject()
    assert database_digest(offices.city.database) == before
    _choose(combo, "邻旗政协")
    loaded(qtbot, tab)
    assert tab.stack.currentWidget() is tab.empty
    _choose(combo, "本单位")
    assert shown(loaded(qtbot, tab).table, tab.stretch_column) == [CITY_MEETING]
    tab.table.selectRow(0)
    assert tab.add_button.isEnabled() and tab.add_button.toolTip() != READ_ONLY_TIP
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()


def test_the_plan_buttons_stay_readable_at_1366(offices: Offices, qtbot: QtBot) -> None:
    data = city_with_a_county(offices)
    _meetings_sent(offices, data.county_topic)
    page = _page(qtbot, offices)
    plan = page.plan
    _choose(plan.office.combo, "示范县政协")
    settled(qtbot, page)  # the long heading wrapped, the button rows laid out again
    assert plan.heading.text().startswith(LONG_TITLE)
    assert plan.carry_button.text() == "转入下年（1）…"  # a past year with a topic open
    _readable(plan)
    _save_screenshot(page, SCREENSHOT, qtbot)
    county = ConsultationPage(offices.county.database)  # no 单位 filter there
    qtbot.addWidget(county)
    county.resize(1366, 768)
    county.show()
    county.show_year(YEAR)
    county.refresh()
    county.plan.table.selectRow(0)
    settled(qtbot, county)
    assert county.plan.heading.text().startswith(LONG_TITLE)
    _readable(county.plan)
    _save_screenshot(county, SCREENSHOTS / "consultation_county_plan.png", qtbot)


def test_the_city_reads_a_countys_speech_without_changing_it(
    offices: Offices, qtbot: QtBot, tmp_path: Path
) -> None:
    """A county meeting's speech opens at the city (查看 or a double click) with its
    text and attachments, and nothing in it can be changed or saved."""
    county = offices.county.database
    [member] = add_members(offices.county, "张建国")
    meeting = add_meeting(
        county,
        MeetingForm(
            kind=ActivityKind.STANDING_MEETING, title=COUNTY_MEETING, held_on=date(YEAR, 5, 20)
        ),
        {member: AttendanceStatus.PRESENT},
    )
    speech = add_speech(
        county,
        meeting,
        SpeechForm(title="关于改厕的建议", member_uuid=member, text="建议分类推进。"),
    )
    scan = tmp_path / "发言稿.txt"
    scan.write_text("发言稿全文", encoding="utf-8")
    add_attachment(county, speech, scan)
    offices.send(offices.county, offices.city)
    page = _page(qtbot, offices)
    page.tabs.setCurrentWidget(page.meetings)
    tab = page.meetings
    _choose(tab.office.combo, "示范县政协")
    tab.show_year(YEAR)
    editor = loaded(qtbot, tab).open_edit_dialog(tab.model.row(0).uuid)
    assert isinstance(editor, MeetingEditor)
    panel = editor.speeches
    assert panel.edit_button.text() == "查看" and not panel.add_button.isEnabled()
    before = database_digest(offices.city.database)
    panel.add()  # nothing is added to a county's meeting
    assert panel.dialog is None
    cell = panel.table.visualRect(panel.model.index(0, 1)).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "查看发言"
    assert dialog.title_edit.text() == "关于改厕的建议" and dialog.title_edit.isReadOnly()
    assert dialog.text.toPlainText() == "建议分类推进。" and dialog.text.isReadOnly()
    assert not dialog.member.isEnabled() and not dialog.save_button.isVisible()
    assert dialog.attachments.file_names() == ["发言稿.txt"]
    assert not dialog.attachments.add_button.isEnabled()
    assert not dialog.attachments.delete_button.isEnabled()
    dialog.save_button.click()  # Ctrl+S clicks it: hidden and disabled, nothing is written
    dialog.reject()
    editor.reject()
    assert database_digest(offices.city.database) == before
