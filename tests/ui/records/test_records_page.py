"""履职记录 page: entering, editing, deleting, searching and exporting records,
driven through the real widgets; each test checks the screen and the database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.records.activities import ActivityForm, add_activity, get_activity, list_activities
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from app.records.record_items import SocialInfoForm, add_social_info, list_social_info, list_works
from tests.records.test_records_import import YEAR, write_book
from tests.ui.conftest import loaded, type_text
from tests.ui.records.helpers import (
    attendance_cell,
    attendance_page,
    click,
    click_index,
    set_date,
    shown,
)
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.attendance_model import AttendanceModel
from ui.records.item_dialogs import SocialInfoDialog, WorkDialog

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT
TODAY = date.today()


def test_empty_states_say_what_to_do(qtbot, page):
    assert page.activities.stack.currentWidget() is page.activities.empty
    assert f"{TODAY.year}年尚未登记会议活动" in page.activities.empty.text()
    page.tabs.setCurrentWidget(page.social_info)
    assert page.social_info.empty.text() == "正在读取…"
    loaded(qtbot, page.social_info)
    assert "尚未登记社情民意信息" in page.social_info.empty.text()
    assert page.social_info.stack.currentWidget() is page.social_info.empty
    assert not page.activities.edit_button.isEnabled()
    assert not page.activities.delete_button.isEnabled()


def test_entering_an_activity_with_its_attendance(qtbot, page, office_db, members):
    click(qtbot, page.activities.add_button)
    dialog = page.activities.dialog
    # The one meeting editor (ui.consultation), opened from 履职记录.
    assert isinstance(dialog, MeetingEditor) and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findText("视察"))
    type_text(qtbot, dialog.title_edit, "视察农村饮水安全工程")
    set_date(dialog.day, date(TODAY.year, 1, 15) if TODAY.month > 1 else TODAY)
    panel = attendance_page(dialog)
    # The member who left before the activity is greyed and left out of 全部出席.
    assert shown(panel.table) == ["王志强", "李秀英", "张建国", "赵海涛（调离）"]  # 姓氏笔画

    click(qtbot, panel.all_present)
    click_index(qtbot, panel.table, attendance_cell(dialog, "李秀英", AttendanceModel.LEAVE))
    click_index(qtbot, panel.table, attendance_cell(dialog, "王志强", AttendanceModel.ABSENT))
    assert panel.summary.text() == "出席 1 人 · 请假 1 人 · 缺席 1 人 · 未列入名单 1 人"
    assert attendance_cell(dialog, "张建国", AttendanceModel.PRESENT).data() == "●"
    assert attendance_cell(dialog, "李秀英", AttendanceModel.PRESENT).data() == ""
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    table = loaded(qtbot, page.activities).table
    assert shown(table, 2) == ["视察农村饮水安全工程"]
    assert [shown(table, c)[0] for c in (1, 3, 4, 5)] == ["视察", "1", "1", "1"]
    assert page.activities.selected() is not None  # the new record is selected
    [row] = list_activities(office_db)
    detail = get_activity(office_db, row.uuid)
    assert {line.name: line.status for line in detail.attendance} == {
        "张建国": PRESENT,
        "李秀英": LEAVE,
        "王志强": ABSENT,
    }


def test_search_narrows_the_list_and_a_second_click_takes_a_member_off(qtbot, page):
    dialog = page.activities.open_add_dialog()
    panel = attendance_page(dialog)
    type_text(qtbot, panel.search, "民盟")
    assert shown(panel.table) == ["李秀英"]
    click(qtbot, panel.all_present)  # only the members shown
    panel.search.clear()
    assert panel.model.attendance() == {panel.model.candidate(1).uuid: PRESENT}
    cell = attendance_cell(dialog, "李秀英", AttendanceModel.PRESENT)
    click_index(qtbot, panel.table, cell)
    assert panel.model.attendance() == {}
    click(qtbot, panel.listed_only)
    assert shown(panel.table) == []


def test_a_new_standing_meeting_lists_the_standing_committee(qtbot, page):
    dialog = page.activities.open_add_dialog()
    panel = attendance_page(dialog)
    assert not panel.standing_only.isChecked()
    dialog.kind.setCurrentIndex(dialog.kind.findText("常委会会议"))
    assert panel.standing_only.isChecked()
    assert shown(panel.table) == ["张建国"]


def test_a_refused_activity_keeps_the_dialog_open_and_stores_nothing(qtbot, page, office_db, modal):
    dialog = page.activities.open_add_dialog()
    messages: list[str] = []

    def read_and_close(box) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    modal.then(read_and_close)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert messages == [
        "会议未保存：\n会议类别：请选择（全体会议、常委会会议、协商会……）\n会议名称：不能为空"
    ]
    assert dialog.isVisible()
    assert list_activities(office_db) == []


def test_editing_an_activity_changes_what_is_stored(qtbot, page, office_db, members):
    uuid = add_activity(
        office_db,
        ActivityForm(
            ActivityKind.PLENARY,
            "政协示范县第十届委员会第六次会议",
            date(TODAY.year, 1, 2),
            attendance={members["张建国"]: PRESENT, members["李秀英"]: PRESENT},
        ),
    )
    page.refresh()
    table = loaded(qtbot, page.activities).table
    where = table.visualRect(table.model().index(0, 2)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dialog = page.activities.dialog
    assert isinstance(dialog, MeetingEditor)
    assert dialog.title_edit.text() == "政协示范县第十届委员会第六次会议"
    panel = attendance_page(dialog)
    assert panel.listed_only.isChecked()  # who is on the list first
    assert shown(panel.table) == ["李秀英", "张建国"]  # 姓氏笔画
    click_index(qtbot, panel.table, attendance_cell(dialog, "李秀英", AttendanceModel.LEAVE))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    loaded(qtbot, page.activities)
    assert shown(table, 4) == ["1"]
    statuses = {line.name: line.status for line in get_activity(office_db, uuid).attendance}
    assert statuses == {"张建国": PRESENT, "李秀英": LEAVE}


def test_a_social_info_item_with_two_submitters(qtbot, page, office_db):
    page.tabs.setCurrentWidget(page.social_info)
    click(qtbot, page.social_info.add_button)
    dialog = page.social_info.dialog
    assert isinstance(dialog, SocialInfoDialog)
    type_text(qtbot, dialog.title_edit, "关于加强农村留守老人照护的建议")
    picker = dialog.picker
    type_text(qtbot, picker.search, "王志强")
    click_index(qtbot, picker.list, picker.proxy.index(picker.row_of("王志强"), 0))
    picker.search.clear()
    click_index(qtbot, picker.list, picker.proxy.index(picker.row_of("张建国"), 0))
    assert picker.chosen_label.text() == "已选报送人：王志强、张建国"
    click(qtbot, dialog.adopted)
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    table = loaded(qtbot, page.social_info).table
    assert shown(table, 1) == ["关于加强农村留守老人照护的建议"]
    assert shown(table, 2) == ["王志强、张建国"]
    assert (shown(table, 3), shown(table, 4)) == (["✓"], [""])
    [item] = list_social_info(office_db)
    assert (item.submitter_names, item.adopted, item.instructed) == ("王志强、张建国", True, False)
    assert item.submitted_on == TODAY


def test_enter_in_the_search_picks_the_one_member_found(qtbot, page, office_db):
    """A clerk typed 王志强 and pressed Enter: the dialog tried to save, no submitter."""
    page.tabs.setCurrentWidget(page.social_info)
    click(qtbot, page.social_info.add_button)
    dialog = page.social_info.dialog
    type_text(qtbot, dialog.title_edit, "关于城区停车难的建议")
    picker = dialog.picker
    for name in ("王志强", "张建国"):
        type_text(qtbot, picker.search, name)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert picker.search.text() == ""  # ready for the next name
    assert picker.chosen_label.text() == "已选报送人：王志强、张建国"
    type_text(qtbot, picker.search, "王志强")  # found again: Enter keeps them ticked
    qtbot.keyClick(picker.search, Qt.Key.Key_Enter)
    assert picker.chosen_label.text() == "已选报送人：王志强、张建国"
    type_text(qtbot, picker.search, "民盟")  # not chosen yet …
    assert picker.proxy.rowCount() == 1
    picker.search.clear()
    type_text(qtbot, picker.search, "界")  # … several found: Enter picks nobody
    assert picker.proxy.rowCount() > 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.chosen_label.text() == "已选报送人：王志强、张建国"
    assert dialog.isVisible() and list_social_info(office_db) == []
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [item] = list_social_info(office_db)
    assert item.submitter_names == "王志强、张建国"


def test_unticking_a_submitter_removes_them(qtbot, page, office_db, members):
    uuid = add_social_info(
        office_db,
        SocialInfoForm(
            "关于规范城区占道经营的建议",
            TODAY,
            (members["张建国"], members["李秀英"]),
        ),
    )
    page.tabs.setCurrentWidget(page.social_info)
    dialog = page.social_info.open_edit_dialog(uuid)
    picker = dialog.picker
    assert shown(picker.list)[:2] == ["李秀英（民盟）", "张建国（中共）"]  # chosen first
    click_index(qtbot, picker.list, picker.proxy.index(picker.row_of("李秀英"), 0))
    click(qtbot, dialog.instructed)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [item] = list_social_info(office_db)
    assert (item.submitter_names, item.instructed) == ("张建国", True)
    loaded(qtbot, page.social_info)
    assert shown(page.social_info.table, 4) == ["✓"]


def test_a_research_report_with_its_authors(qtbot, page, office_db):
    page.tabs.setCurrentWidget(page.works)
    click(qtbot, page.works.add_button)
    dialog = page.works.dialog
    assert isinstance(dialog, WorkDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findText("调研视察报告"))
    type_text(qtbot, dialog.title_edit, "关于全县中小学校舍安全情况的调研报告")
    set_date(dialog.day, date(YEAR, 8, 20))
    for name in ("李秀英", "王志强"):
        click_index(
            qtbot, dialog.picker.list, dialog.picker.proxy.index(dialog.picker.row_of(name), 0)
        )
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    loaded(qtbot, page.works)
    # Saved under last year: the list moves there to show it.
    assert page.works.chosen_year == YEAR
    assert shown(page.works.table, 1) == ["调研视察报告"]
    assert shown(page.works.table, 3) == ["王志强、李秀英"]
    [work] = list_works(office_db)
    assert (work.kind, work.submitted_on) == (WorkKind.RESEARCH_REPORT, date(YEAR, 8, 20))


def test_deleting_asks_first_and_can_be_undone(qtbot, page, office_db, members, modal):
    add_activity(office_db, ActivityForm(ActivityKind.TRAINING, "委员履职培训班", TODAY))
    page.refresh()
    loaded(qtbot, page.activities).table.selectRow(0)
    questions: list[str] = []

    def answer(button_text: str):
        def press(box) -> None:
            questions.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()

        return press

    modal.then(answer("取消"))
    click(qtbot, page.activities.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert len(list_activities(office_db)) == 1

    modal.then(answer("删除"))
    click(qtbot, page.activities.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert questions[-1] == f"确定删除活动“委员履职培训班”（{TODAY:%Y-%m-%d}）吗？删除后可以撤销。"
    assert list_activities(office_db) == []
    loaded(qtbot, page.activities)
    assert page.activities.stack.currentWidget() is page.activities.empty
    assert "如属误删" in page.activities.status.text()

    click(qtbot, page.activities.undo_button)
    assert [r.title for r in list_activities(office_db)] == ["委员履职培训班"]
    loaded(qtbot, page.activities)
    assert shown(page.activities.table, 2) == ["委员履职培训班"]
    assert page.activities.undo_button.isHidden()


def test_the_year_and_kind_filters(qtbot, page, office_db):
    add_activity(office_db, ActivityForm(ActivityKind.TRAINING, "去年的培训", date(YEAR, 9, 1)))
    add_activity(office_db, ActivityForm(ActivityKind.INSPECTION, "今年的视察", TODAY))
    page.refresh()
    tab = loaded(qtbot, page.activities)
    assert shown(tab.table, 2) == ["今年的视察"]
    tab.year.setCurrentIndex(tab.year.findText(f"{YEAR}年"))
    assert shown(loaded(qtbot, tab).table, 2) == ["去年的培训"]
    tab.year.setCurrentIndex(tab.year.findText("全部年份"))
    assert shown(loaded(qtbot, tab).table, 2) == ["今年的视察", "去年的培训"]
    tab.kind.setCurrentIndex(tab.kind.findText("视察"))
    assert shown(loaded(qtbot, tab).table, 2) == ["今年的视察"]
    assert shown(tab.table, 2) == ["今年的视察"]
    assert tab.count_label.text() == "共 1 条"


def _social_info(office_db, members, title: str, day: date) -> None:
    add_social_info(
        office_db,
        SocialInfoForm(title=title, submitted_on=day, submitters=(members["李秀英"],)),
    )


def test_every_list_searches_and_sorts_by_a_header_click(qtbot, page, office_db, members):
    _social_info(office_db, members, "关于农村饮水安全的建议", date(YEAR, 3, 1))
    _social_info(office_db, members, "关于城区停车难的建议", date(YEAR, 5, 2))
    _social_info(office_db, members, "关于乡村教师待遇的建议", date(YEAR, 4, 9))
    tab = page.social_info
    page.tabs.setCurrentWidget(tab)
    tab.show_year(YEAR)
    loaded(qtbot, tab)
    titles = lambda: shown(tab.table, 1)  # noqa: E731
    assert len(titles()) == 3

    type_text(qtbot, tab.search, "停车")
    assert titles() == ["关于城区停车难的建议"]
    assert tab.count_label.text() == "找到 1 条（共 3 条）"
    tab.search.clear()
    assert len(titles()) == 3

    header = tab.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(0) + 5, 5)
    )
    assert shown(tab.table, 0) == sorted(shown(tab.table, 0))
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(0) + 5, 5)
    )
    assert shown(tab.table, 0) == sorted(shown(tab.table, 0), reverse=True)
    # Edit and delete act on the line the clerk chose, whatever the order shown.
    tab.table.selectRow(0)
    assert tab.selected().title == titles()[0]


def test_list_keys_search_new_and_delete(qtbot, page, office_db, members, modal):
    _social_info(office_db, members, "关于农村饮水安全的建议", date(YEAR, 3, 1))
    tab = page.social_info
    page.tabs.setCurrentWidget(tab)
    tab.show_year(YEAR)
    loaded(qtbot, tab)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()

    tab.table.setFocus()
    tab.table.selectRow(0)
    asked: list[str] = []

    def keep(box) -> None:
        asked.append(box.text())
        box.reject()

    modal.then(keep)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked))
    assert "确定删除" in asked[0]
    assert len(list_social_info(office_db, YEAR)) == 1  # 取消: nothing deleted

    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    # Back from the question, as a click on the window would (offscreen has no window manager).
    page.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(tab.dialog, SocialInfoDialog) and tab.dialog.isVisible()
    qtbot.keyClick(tab.dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.dialog is None)


def test_the_shown_list_is_exported_to_excel(
    qtbot, page, office_db, members, tmp_path, monkeypatch
):
    from openpyxl import load_workbook

    import ui.common.table_export as table_export

    _social_info(office_db, members, "关于农村饮水安全的建议", date(YEAR, 3, 1))
    _social_info(office_db, members, '=HYPERLINK("http://x","y")', date(YEAR, 5, 2))
    _social_info(office_db, members, "关于城区停车难的建议", date(YEAR, 4, 9))
    tab = page.social_info
    page.tabs.setCurrentWidget(tab)
    tab.show_year(YEAR)
    loaded(qtbot, tab)
    type_text(qtbot, tab.search, "建议")  # the formula-like title is left out by the search
    target = tmp_path / "列表.xlsx"
    monkeypatch.setattr(table_export, "ask_save_path", lambda *args: target)
    click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: tab.output.path == target)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"{YEAR}年社情民意信息"
    assert list(rows[1][:3]) == ["报送日期", "标题", "报送人"]
    titles = [row[1] for row in rows[2:]]
    assert sorted(titles) == ["关于农村饮水安全的建议", "关于城区停车难的建议"]
    assert "已导出 2 行" in tab.output.text()


def test_stale_messages_go_when_the_situation_changes(
    qtbot, page, office_db, import_members, tmp_path, modal
):
    """Issue 9 item 19: "有 N 处错误，未导入" and "已保存。" do not outlive what they spoke of."""
    row = [1, "赵无名", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"]
    bad = write_book(tmp_path / "bad.xlsx", [row])
    page.check_file(bad)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    page.preview.reject()
    assert page.import_status.isVisible() and "未导入" in page.import_status.text()

    # A record saved by hand: the failed import's message goes, "已保存。" is shown.
    page.activities.open_add_dialog()
    dialog = page.activities.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findText("视察"))
    type_text(qtbot, dialog.title_edit, "委员履职培训班")
    set_date(dialog.day, date(TODAY.year, 1, 15) if TODAY.month > 1 else TODAY)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    loaded(qtbot, page.activities)
    assert not page.import_status.isVisible()
    assert page.activities.status.text() == "已保存。" and page.activities.status.isVisible()

    # Opening the next record to edit: "已保存。" spoke of the one before. The empty line
    # takes no room (at 1366×768 and 125 % it cost the list a row).
    page.activities.open_add_dialog()
    assert page.activities.status.text() == "" and not page.activities.status.isVisible()
    page.activities.dialog.reject()

    # A new check of a file: the previous failure's message goes until the new result is in.
    page.check_file(bad)
    assert not page.import_status.isVisible()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    page.preview.reject()
    assert page.import_status.isVisible()

    # Deleting a record is a change too.
    page.activities.table.selectRow(0)
    modal.then(lambda box: next(b for b in box.buttons() if b.text() == "删除").click())
    click(qtbot, page.activities.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert not page.import_status.isVisible()
    assert "如属误删" in page.activities.status.text()


def test_a_new_item_starts_in_its_title(qtbot, page, modal):
    """The clerk opens 新增社情民意信息 (or a speech/report) and types at once: the keys go
    to 标题, not to the member search below the form."""
    for tab in (page.social_info, page.works):
        page.tabs.setCurrentWidget(tab)
        click(qtbot, tab.add_button)
        dialog = tab.dialog
        dialog.activateWindow()
        qtbot.waitUntil(
            lambda d=dialog: QApplication.focusWidget() in (d.title_edit, d.picker.search)
        )
        assert QApplication.focusWidget() is dialog.title_edit
        type_text(qtbot, QApplication.focusWidget(), "关于校舍安全的建议")
        assert dialog.title_edit.text() == "关于校舍安全的建议"
        modal.then(lambda box: next(b for b in box.buttons() if b.text() == "放弃").click())
        dialog.reject()  # typed: asks first
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
