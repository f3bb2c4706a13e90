"""履职记录 at the city: a county's meetings and 社情民意 listed read-only."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.records.activities import ActivityForm, add_activity
from app.records.labels import ActivityKind, AttendanceStatus
from app.records.record_items import SocialInfoForm, WorkForm, add_social_info, add_work
from tests.exchange.conftest import Office, Offices, add_members, database_digest
from tests.ui.conftest import loaded
from ui.common.office_filter import READ_ONLY_TIP
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.item_dialogs import SocialInfoDialog, WorkDialog
from ui.records.record_tab import RecordTab
from ui.records.records_page import RecordsPage


def _meeting(office: Office, title: str) -> None:
    members = add_members(office, "张建国")
    add_activity(
        office.database,
        ActivityForm(
            kind=ActivityKind.PLENARY,
            title=title,
            held_on=date(2025, 3, 9),
            attendance={members[0]: AttendanceStatus.PRESENT},
        ),
    )
    add_social_info(
        office.database,
        SocialInfoForm(
            title=f"{title}的信息", submitted_on=date(2025, 4, 1), submitters=(members[0],)
        ),
    )


def _shown(qtbot: QtBot, tab: RecordTab) -> list[str]:
    """The title column (the stretched one) as the table shows it, once read."""
    loaded(qtbot, tab)
    model = tab.filter
    return [model.index(r, tab.stretch_column).data() for r in range(model.rowCount())]


def test_the_city_lists_a_countys_records_read_only(offices: Offices, qtbot: QtBot) -> None:
    _meeting(offices.county, "示范县全体会议")
    _meeting(offices.second, "邻旗全体会议")
    offices.send(offices.county, offices.city)
    offices.send(offices.second, offices.city)
    page = RecordsPage(offices.city.database, meeting_editor=MeetingEditor)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    tab = page.activities
    tab.show_year(2025)
    assert page.office.isVisible()
    assert _shown(qtbot, tab) == []  # the city's own: none
    page.office.choose("150523")
    tab.show_year(2025)
    assert _shown(qtbot, tab) == ["示范县全体会议"]
    tab.table.selectRow(0)
    for button in (tab.add_button, tab.edit_button, tab.delete_button, page.import_button):
        assert not button.isEnabled()
        assert button.toolTip() == READ_ONLY_TIP
    before = database_digest(offices.city.database)
    tab.delete_selected()  # the Delete key: the county's meeting stays
    assert tab.open_add_dialog() is None  # Ctrl+N: nothing to add to a county's list
    cell = tab.table.visualRect(tab.table.model().index(0, tab.stretch_column)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = tab.dialog
    assert isinstance(dialog, MeetingEditor) and dialog.windowTitle() == "查看会议活动"
    assert dialog.title_edit.isReadOnly() and not dialog.save_button.isVisible()
    dialog.save()  # Ctrl+S: nothing is written
    dialog.reject()
    assert database_digest(offices.city.database) == before
    page.tabs.setCurrentWidget(page.social_info)
    page.social_info.show_year(2025)
    assert _shown(qtbot, page.social_info) == ["示范县全体会议的信息"]
    page.office.choose("150524")
    page.social_info.show_year(2025)
    assert _shown(qtbot, page.social_info) == ["邻旗全体会议的信息"]
    page.office.choose(None)
    assert page.social_info.add_button.isEnabled() and page.import_button.isEnabled()


def test_a_county_sees_no_office_filter(offices: Offices, qtbot: QtBot) -> None:
    _meeting(offices.county, "示范县全体会议")
    page = RecordsPage(offices.county.database, meeting_editor=MeetingEditor)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert not page.office.isVisible()
    page.activities.show_year(2025)
    assert _shown(qtbot, page.activities) == ["示范县全体会议"]
    page.activities.table.selectRow(0)
    assert page.activities.delete_button.isEnabled()


def _double_click_first(tab: RecordTab, qtbot: QtBot) -> None:
    cell = tab.table.visualRect(tab.table.model().index(0, tab.stretch_column)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)


def test_the_city_opens_a_countys_information_and_speeches_to_read(
    offices: Offices, qtbot: QtBot
) -> None:
    """社情民意 and 大会发言 of a county open at the city as 查看…: the county's members on
    the record (not the city's own list), nothing to tick, type or save."""
    _meeting(offices.county, "示范县全体会议")
    [author] = add_members(offices.county, "王淑芬")
    add_work(
        offices.county.database,
        WorkForm(title="关于校舍安全的发言", submitted_on=date(2025, 3, 10), authors=(author,)),
    )
    add_members(offices.city, "市委员甲")
    offices.send(offices.county, offices.city)
    page = RecordsPage(offices.city.database, meeting_editor=MeetingEditor)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.office.choose("150523")
    before = database_digest(offices.city.database)
    for tab, title, text, name in (
        (page.social_info, "查看社情民意信息", "示范县全体会议的信息", "张建国"),
        (page.works, "查看大会发言或调研视察报告", "关于校舍安全的发言", "王淑芬"),
    ):
        page.tabs.setCurrentWidget(tab)
        loaded(qtbot, tab).show_year(2025)
        _double_click_first(loaded(qtbot, tab), qtbot)
        dialog = tab.dialog
        assert isinstance(dialog, SocialInfoDialog | WorkDialog) and dialog.isVisible()
        assert dialog.windowTitle() == title
        assert dialog.title_edit.text() == text and dialog.title_edit.isReadOnly()
        assert not dialog.day.isEnabled() and not dialog.save_button.isVisible()
        assert dialog.cancel_button.text() == "关闭"
        picker = dialog.picker
        assert picker.model.rowCount() == 1 and picker.model.item(0).text() == name
        assert not picker.search.isVisibleTo(dialog)
        assert "勾选" not in dialog.picker_title.text() and not dialog.note.placeholderText()
        qtbot.mouseClick(
            picker.list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=picker.list.visualRect(picker.proxy.index(0, 0)).center(),
        )
        assert len(picker.chosen()) == 1  # the click changed nothing
        dialog.save_button.click()  # what Ctrl+S does: nothing, it is disabled
        dialog.reject()
    assert database_digest(offices.city.database) == before
    page.office.choose(None)  # the city's own: new records as usual
    dialog = page.works.open_add_dialog()
    assert isinstance(dialog, WorkDialog) and dialog.windowTitle() == "新增大会发言或调研视察报告"
    assert dialog.save_button.isVisible() and not dialog.title_edit.isReadOnly()
    dialog.reject()
