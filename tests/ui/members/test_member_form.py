"""The member file (委员档案 dialog): every field, problems by field,
seats and duty records by year; what is shown and what is stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.members.full_numbers import reveal_numbers
from app.members.labels import CppccRole, Sex
from app.members.member_files import MemberForm, add_member, get_member, list_members, update_member
from app.office.dictionaries import list_entries, set_retired
from app.office.labels import DictionaryKind
from app.records.activities import ActivityForm, add_activity
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from app.records.record_items import SocialInfoForm, WorkForm, add_social_info, add_work
from tests.ui.conftest import bottom_of, fits_on, press, type_text
from tests.ui.members.helpers import add_roster, click, id_number, problem_of
from ui.members.form_fields import parse_day

POPUP_WARNINGS = ("This plugin does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def members(office_db) -> dict[str, str]:
    return add_roster(office_db)


def test_the_file_shows_every_field_and_full_numbers_on_request(qtbot, open_file, members):
    dialog = open_file(members["李秀英"])
    assert dialog.windowTitle() == "委员档案 — 李秀英"
    assert dialog.heading.text() == "李秀英"
    assert "常委" in dialog.subheading.text() and "显示完整号码" in dialog.subheading.text()
    assert dialog.name.text() == "李秀英"
    assert dialog.sex.currentText() == "女"
    assert dialog.ethnic_group.currentText() == "汉族"
    assert dialog.birth.text() == "1975-03-01"
    assert dialog.native_place.text() == "内蒙古通辽"
    assert dialog.party.currentText() == "群众"
    assert dialog.sector.currentText() == "民盟"
    assert dialog.employer.text() == "县第一中学副校长"
    assert dialog.role.currentText() == "常委"
    assert dialog.committees.checked_names() == ("提案委员会", "教科卫体委员会")
    assert dialog.address.text() == "示范县城关镇建设路1号"
    # Masked, as everywhere (the birth date is shown: only the last four of the ID) …
    assert dialog.phone.text() == "138****2345"
    assert dialog.id_number.text() == "*" * 14 + id_number(date(1975, 3, 1), 102)[-4:]
    assert dialog.id_number.isReadOnly() and dialog.phone.isReadOnly()
    assert not dialog.has_changes()
    # … in full when asked for (and audited: tests/ui/security).
    click(qtbot, dialog.reveal_button)
    assert dialog.phone.text() == "13847512345"
    assert dialog.id_number.text() == id_number(date(1975, 3, 1), 102)
    assert not dialog.id_number.isReadOnly()
    assert not dialog.reveal_button.isEnabled()
    assert not dialog.has_changes()


def test_seats_in_each_term(open_file, office_db, members):
    file = get_member(office_db, members["张伟"])
    update_member(office_db, file.uuid, replace(file.form, start_date=date(2023, 1, 15)))
    dialog = open_file(members["张伟"])
    dialog.tabs.setCurrentWidget(dialog.memberships)
    model = dialog.memberships.model()
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells == ["第十届（2021—2026）", "委员", "2023-01-15（增补）", "在任"]


def test_duty_records_by_year(open_file, office_db, members):
    me, other = members["刘芳"], members["王建国"]
    add_activity(
        office_db,
        ActivityForm(
            kind=ActivityKind.PLENARY,
            title="县政协十届四次会议",
            held_on=date(2025, 1, 8),
            attendance={me: AttendanceStatus.PRESENT, other: AttendanceStatus.PRESENT},
        ),
    )
    add_activity(
        office_db,
        ActivityForm(
            kind=ActivityKind.INSPECTION,
            title="老旧小区改造视察",
            held_on=date(2025, 5, 20),
            attendance={me: AttendanceStatus.LEAVE},
        ),
    )
    add_social_info(
        office_db,
        SocialInfoForm(
            title="关于农村寄宿生心理健康教育的建议",
            submitted_on=date(2025, 4, 2),
            submitters=(me,),
            adopted=True,
        ),
    )
    add_work(
        office_db,
        WorkForm(
            kind=WorkKind.PLENARY_SPEECH,
            title="推进义务教育优质均衡发展",
            submitted_on=date(2024, 1, 10),
            authors=(me, other),
        ),
    )
    dialog = open_file(me)
    dialog.tabs.setCurrentWidget(dialog.records)

    records = dialog.records
    assert records.year_titles() == [
        "2025年　共 3 项：视察 1，社情民意 1，全体会议 1",
        "2024年　共 1 项：大会发言 1",
    ]
    model = records.model()
    year_2025 = model.index(0, 0)
    lines = [
        [model.index(r, c, year_2025).data() for c in range(4)]
        for r in range(model.rowCount(year_2025))
    ]
    assert [line[:3] for line in lines] == [
        ["2025-05-20", "视察", "老旧小区改造视察"],
        ["2025-04-02", "社情民意", "关于农村寄宿生心理健康教育的建议"],
        ["2025-01-08", "全体会议", "县政协十届四次会议"],
    ]
    assert lines[0][3] == "请假"
    assert "采用" in lines[1][3]
    speech = model.index(0, 3, model.index(1, 0)).data()
    assert "王建国" in speech  # the co-author
    assert records.isExpanded(year_2025)


def test_no_records_yet_says_where_they_come_from(open_file, members):
    dialog = open_file(members["陈志强"])
    dialog.tabs.setCurrentWidget(dialog.records)
    [text] = dialog.records.year_titles()
    assert text.startswith("暂无履职记录")


def test_a_new_member_has_no_history_tabs(open_file):
    dialog = open_file(None)
    assert dialog.windowTitle() == "新增委员"
    assert not dialog.tabs.isTabVisible(1)
    assert not dialog.tabs.isTabVisible(2)
    assert "第十届" in dialog.subheading.text()
    # A new member's numbers are typed in full: nothing to reveal.
    assert not dialog.reveal_button.isVisible()


def test_the_file_fits_a_small_screen_with_its_buttons_visible(open_file, members):
    """1366×768 (and 1280×720) less a 40-pixel task bar and the window frame."""
    from ui.main_window import FRAME_ALLOWANCE

    dialog = open_file(members["李秀英"])
    assert dialog.reveal_button.isVisible()
    usable = 720 - 40 - FRAME_ALLOWANCE.height()
    assert dialog.height() <= usable
    assert dialog.sizeHint().height() <= usable  # nothing squeezed at that height
    assert dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomLeft()).y() < usable


def test_the_file_fits_a_laptop_at_125_percent(open_file, members, clerk_laptop):
    """1366×768 at Windows' 125 % scaling leaves Qt 1093×576: the file opened 920×640,
    保存 below the screen's edge."""
    dialog = open_file(members["李秀英"])
    assert fits_on(clerk_laptop, dialog)
    assert bottom_of(dialog.save_button, dialog) < dialog.height()


@pytest.mark.parametrize(
    ("text", "day", "day_known"),
    [
        ("1975.03", date(1975, 3, 1), False),
        ("1975.3", date(1975, 3, 1), False),
        ("1975年3月", date(1975, 3, 1), False),
        ("1975-03-12", date(1975, 3, 12), True),
        ("1975/3/12", date(1975, 3, 12), True),
        ("1975年3月12日", date(1975, 3, 12), True),
        ("１９７５．０３", date(1975, 3, 1), False),  # full-width typing
        ("19750312", date(1975, 3, 12), True),
        ("", None, False),
    ],
)
def test_birth_dates_typed_the_way_offices_write_them(text, day, day_known):
    typed = parse_day(text, month_is_enough=True)
    assert (typed.day, typed.day_known, typed.problem) == (day, day_known, None)


@pytest.mark.parametrize(
    ("text", "month_is_enough", "problem"),
    [
        ("1975.13", True, "日期“1975.13”不存在"),
        ("1975.02.30", True, "日期“1975.02.30”不存在"),
        ("七五年三月", True, "请按 1975.03 或 1975.03.12 的格式填写"),
        ("2023.01", False, "请填写完整日期，如 2023.01.15"),
    ],
)
def test_impossible_dates_say_why(text, month_is_enough, problem):
    assert parse_day(text, month_is_enough).problem == problem


def test_birth_date_differing_from_the_id_number_is_shown_and_not_saved(
    qtbot, open_file, office_db, members
):
    dialog = open_file(members["张伟"])
    dialog.birth.clear()
    type_text(qtbot, dialog.birth, "1981.11")
    click(qtbot, dialog.save_button)

    assert "与身份证号码中的 1980-11-03 不一致" in problem_of(dialog, "birth_date")
    assert dialog.summary.isVisible() and "1 处" in dialog.summary.text()
    assert QColor("#b3261e").name() in dialog.fields["birth_date"].problem.styleSheet()
    assert dialog.isVisible()
    assert get_member(office_db, members["张伟"]).form.birth_date == date(1980, 11, 3)

    type_text(qtbot, dialog.birth, "x")  # editing the field clears its problem
    assert problem_of(dialog, "birth_date") == ""


@pytest.mark.qt_log_ignore(*POPUP_WARNINGS)
def test_a_name_not_in_the_office_lists_is_refused(qtbot, open_file, office_db):
    dialog = open_file(None)
    type_text(qtbot, dialog.name, "阿依古丽")
    type_text(qtbot, dialog.ethnic_group.lineEdit(), "火星族")
    click(qtbot, dialog.save_button)
    assert problem_of(dialog, "ethnic_group") == "“火星族”不在民族名录中"
    assert list_members(office_db) == []

    dialog.ethnic_group.lineEdit().clear()
    type_text(qtbot, dialog.ethnic_group.lineEdit(), "维吾尔族")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    [row] = list_members(office_db)
    assert row.ethnic_group == "维吾尔族"


def test_several_problems_at_once_and_nothing_saved(qtbot, open_file, office_db):
    dialog = open_file(None)
    type_text(qtbot, dialog.birth, "1975.13")
    type_text(qtbot, dialog.id_number, "15052319750301")
    click(qtbot, dialog.save_button)
    assert problem_of(dialog, "name") == "姓名不能为空"
    assert problem_of(dialog, "birth_date") == "日期“1975.13”不存在"
    assert problem_of(dialog, "id_number").startswith("身份证号码应为18位")
    assert "3 处" in dialog.summary.text()
    assert list_members(office_db) == []


def test_a_phone_a_digit_short_is_shown_under_it(qtbot, open_file, office_db):
    dialog = open_file(None)
    for field, typed in ((dialog.name, "张三"), (dialog.phone, "1380013800")):
        type_text(qtbot, field, typed)
    click(qtbot, dialog.save_button)
    wanted = "联系电话应为11位手机号码，这里是10位数字，请核对"
    assert (problem_of(dialog, "phone"), list_members(office_db)) == (wanted, [])
    type_text(qtbot, dialog.phone, "1")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    [row] = list_members(office_db)
    assert reveal_numbers(office_db, row.uuid).phone == "13800138001"


def test_a_number_already_in_another_file_is_refused(qtbot, open_file, office_db, members, modal):
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    dialog = open_file(None)
    type_text(qtbot, dialog.name, "王建军")
    type_text(qtbot, dialog.id_number, id_number(date(1968, 5, 12), 101))  # 王建国's
    modal.then(read_and_close)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "已属于委员“王建国”" in messages[0]
    assert "150523********" in messages[0]  # masked even in the message
    assert dialog.isVisible()
    assert len(list_members(office_db)) == 5


def test_committees_role_and_start_date_are_stored(qtbot, open_file, office_db, members):
    dialog = open_file(members["刘芳"])
    committees = dialog.committees
    for name in ("提案委员会", "社会和法制委员会"):  # tick one, untick the other
        click(qtbot, committees.box(name))
    dialog.role.setCurrentIndex(dialog.role.findText("常委"))
    type_text(qtbot, dialog.start_date, "2023.01.15")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)

    stored = get_member(office_db, members["刘芳"])
    assert stored.form.committees == ("提案委员会",)
    [seat] = stored.memberships
    assert (seat.role, seat.start_date) == (CppccRole.STANDING, date(2023, 1, 15))


def _without_phone(database, uuid: str) -> None:
    update_member(database, uuid, replace(get_member(database, uuid).form, phone=""))


def test_a_missing_phone_is_typed_in_without_revealing_anything(
    qtbot, open_file, office_db, members
):
    """The roster had no phone for her; the clerk types one in and it is kept."""
    _without_phone(office_db, members["刘芳"])
    dialog = open_file(members["刘芳"])
    assert not dialog.phone.isReadOnly()
    assert dialog.id_number.isReadOnly()  # the stored ID stays behind its mask
    assert "显示完整号码" in dialog.id_number.toolTip()
    type_text(qtbot, dialog.phone, "13947712345")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    stored = get_member(office_db, members["刘芳"]).form
    assert stored.phone == "139****2345"  # masked as the file shows it …
    numbers = reveal_numbers(office_db, members["刘芳"])
    assert numbers.phone == "13947712345"  # … stored in full
    assert numbers.id_number == id_number(date(1972, 8, 20), 104)


def test_a_wrong_id_typed_into_an_empty_field_is_shown_under_it(
    qtbot, open_file, office_db, members
):
    uuid = members["刘芳"]
    update_member(office_db, uuid, replace(get_member(office_db, uuid).form, id_number=""))
    dialog = open_file(uuid)
    assert not dialog.id_number.isReadOnly() and dialog.phone.isReadOnly()
    right = id_number(date(1972, 8, 20), 104)
    type_text(qtbot, dialog.id_number, right[:-1] + ("1" if right[-1] != "1" else "2"))
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert "校验" in problem_of(dialog, "id_number")
    assert reveal_numbers(office_db, uuid).id_number == ""


def test_closing_with_changes_asks_first(qtbot, open_file, office_db, members, modal):
    dialog = open_file(members["陈志强"])
    type_text(qtbot, dialog.professional_title, "高级经济师")

    asked: list[str] = []
    modal.then(press(asked, "取消"))
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: modal.done)
    assert dialog.isVisible()
    assert asked == ["档案有尚未保存的修改，确定放弃吗？"]

    modal.then(press(asked, "放弃修改"))
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_member(office_db, members["陈志强"]).form.professional_title == ""


def test_closing_without_changes_does_not_ask(qtbot, open_file, members):
    dialog = open_file(members["陈志强"])
    click(qtbot, dialog.cancel_button)  # a question here would block the test
    assert not dialog.isVisible()


def test_a_retired_list_entry_stays_on_the_member(qtbot, open_file, office_db):
    uuid = add_member(office_db, MemberForm(name="白云", sex=Sex.FEMALE, sector="特邀人士"))
    entry = next(e for e in list_entries(office_db, DictionaryKind.SECTOR) if e.name == "特邀人士")
    set_retired(office_db, entry.uuid, True)

    dialog = open_file(uuid)
    assert dialog.sector.currentText() == "特邀人士"
    type_text(qtbot, dialog.employer, "县文联")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    stored = get_member(office_db, uuid).form
    assert (stored.sector, stored.employer) == ("特邀人士", "县文联")


def test_a_new_member_is_a_committee_member_by_default(open_file):
    dialog = open_file()
    assert dialog.role.currentText() == "委员"


def test_a_valid_id_number_fills_sex_and_birth(qtbot, open_file):
    dialog = open_file()
    number = id_number(date(1980, 11, 3), 122)  # 17th digit 2: a woman
    type_text(qtbot, dialog.id_number, number)
    dialog.id_number.editingFinished.emit()
    assert dialog.sex.currentText() == "女"
    assert dialog.birth.text() == "1980-11-03"
    assert problem_of(dialog, "sex") == ""


def test_sex_differing_from_the_id_number_is_flagged(qtbot, open_file):
    dialog = open_file()
    dialog.sex.setCurrentIndex(dialog.sex.findText("男"))
    type_text(qtbot, dialog.birth, "1980.12")
    type_text(qtbot, dialog.id_number, id_number(date(1980, 11, 3), 122))
    dialog.id_number.editingFinished.emit()
    assert "性别与身份证号码（女）不一致" in problem_of(dialog, "sex")
    assert "与身份证号码中的 1980-11-03 不一致" in problem_of(dialog, "birth_date")
    assert dialog.birth.text() == "1980.12"  # what the clerk typed is kept, not overwritten


def test_a_new_member_starts_in_the_name_field(qtbot, open_file):
    """The clerk opens 新增委员 and types the name at once: the keys go to 姓名, not to
    the tab bar above the form."""
    dialog = open_file()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is dialog.name
    type_text(qtbot, QApplication.focusWidget(), "赵敏")
    assert dialog.name.text() == "赵敏"


def _tab(qtbot, key: Qt.Key = Qt.Key.Key_Tab) -> object:
    qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def test_tab_reads_the_form_in_order_and_the_photo_button_comes_after_it(qtbot, open_file):
    """选择照片 came before 姓名 (Shift+Tab from 姓名 landed on it), and Tab in 备注 typed
    a tab into the note instead of moving on to 保存."""
    dialog = open_file()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.name
    assert _tab(qtbot) is dialog.sex
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.name
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.tabs.tabBar()  # nothing between
    dialog.note.setFocus()
    assert _tab(qtbot) is dialog.photo.choose_button
    assert dialog.note.toPlainText() == ""
    assert _tab(qtbot) is dialog.save_button
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.photo.choose_button
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.note


def test_tab_goes_through_the_buttons_as_they_are_shown(qtbot, open_file, members):
    """A member's file shows 保存, 显示完整号码, 关闭 left to right: Tab went to 关闭 first."""
    dialog = open_file(members["李秀英"])
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.photo.choose_button.setFocus()
    assert _tab(qtbot) is dialog.save_button
    assert _tab(qtbot) is dialog.reveal_button
    assert _tab(qtbot) is dialog.cancel_button
