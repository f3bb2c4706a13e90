"""委员档案 list page: search, filters, add, edit, retire, delete and undo,
driven through its widgets; what is shown and what is stored are both checked."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from app.members.labels import MembershipStatus
from app.members.member_files import (
    MemberForm,
    get_member,
    get_member_in_full,
    list_members,
    update_member,
)
from app.office.dictionaries import add_entry
from app.office.labels import DictionaryKind
from app.office.terms import add_term
from tests.ui.conftest import loaded, type_text
from tests.ui.members.helpers import add_roster, id_number
from ui.members.list_states import EMPTY_HEADING
from ui.members.member_actions import RetireDialog
from ui.members.member_form import MemberFileDialog
from ui.members.member_list_page import MemberListPage
from ui.members.member_table_model import MemberTableModel


@pytest.fixture
def page(qtbot, office_db) -> MemberListPage:
    page = MemberListPage(office_db)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


@pytest.fixture
def members(office_db) -> dict[str, str]:
    return add_roster(office_db)


@pytest.fixture
def listed(qtbot, page, members) -> MemberListPage:
    page.refresh()
    return loaded(qtbot, page)


def shown(page: MemberListPage, column: int = MemberTableModel.NAME) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo: QComboBox, text: str) -> None:
    """Pick an entry the way the keyboard does (the popup is a separate window)."""
    index = combo.findText(text)
    assert index >= 0, f"{text} not offered"
    combo.setCurrentIndex(index)


def press(button_text: str):
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == button_text).click()

    return answer


def open_dialog(page: MemberListPage, kind: type) -> QWidget:
    dialogs = [d for d in page.findChildren(kind) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def select(page: MemberListPage, name: str) -> None:
    page.table.selectRow(shown(page).index(name))


# --- what the list shows -----------------------------------------------------


def test_empty_office_shows_how_to_start(qtbot, page):
    page.refresh()
    loaded(qtbot, page)
    assert page.stack.currentIndex() == 1
    assert page.stack.currentWidget().findChild(QWidget, "emptyHeading").text() == EMPTY_HEADING
    assert "从Excel导入" in page.stack.currentWidget().findChild(QWidget, "emptyText").text()
    assert page.count.text() == "共 0 人（在任 0 人）"
    assert not page.open_button.isEnabled()
    assert not page.delete_button.isEnabled()


def test_lists_the_term_with_masked_numbers(listed):
    # 姓氏笔画, the default order: 王 4 strokes, 刘 6, 李 张 陈 7 (横 before 折 …).
    assert shown(listed) == ["王建国", "刘芳", "李秀英", "张伟", "陈志强"]
    assert listed.count.text() == "共 5 人（在任 5 人）"
    phones = dict(zip(shown(listed), shown(listed, MemberTableModel.PHONE), strict=True))
    assert phones["王建国"] == "139****1234"
    assert phones["张伟"] == "0475*****45"
    every_cell = {
        listed.proxy.index(r, c).data()
        for r in range(listed.proxy.rowCount())
        for c in range(listed.proxy.columnCount())
    }
    assert "13904751234" not in every_cell
    assert not any(text and "150523" in text for text in every_cell)
    # No office liaison groups yet: no empty column and no filter for them.
    assert listed.table.isColumnHidden(MemberTableModel.LIAISON_GROUP)
    assert not listed.filters.liaison_group.isVisible()


def test_search_as_you_type(qtbot, listed):
    search = listed.filters.search
    type_text(qtbot, search, "中")
    assert shown(listed) == ["刘芳", "李秀英"]  # 县中医院, 县第一中学
    assert listed.count.text() == "共 5 人（在任 5 人），按当前条件显示 2 人"
    type_text(qtbot, search, "学")
    assert shown(listed) == ["李秀英"]
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert shown(listed) == ["刘芳", "李秀英"]
    search.clear()
    type_text(qtbot, search, "医院")
    assert shown(listed) == ["王建国", "刘芳"]
    search.clear()
    type_text(qtbot, search, "张")
    assert shown(listed) == ["张伟"]
    type_text(qtbot, search, " 物流")  # a second word narrows further
    assert shown(listed) == ["张伟"]
    type_text(qtbot, search, " 学校")
    assert shown(listed) == []
    assert listed.stack.currentWidget() is listed.no_match
    click(qtbot, listed.no_match.findChild(QWidget, "clearFiltersEmpty"))
    assert search.text() == ""
    assert len(shown(listed)) == 5
    assert listed.stack.currentWidget() is listed.table


def test_sector_and_committee_filters(qtbot, listed):
    choose(listed.filters.sector, "民盟")
    assert shown(listed) == ["李秀英"]
    choose(listed.filters.sector, "全部界别")
    choose(listed.filters.committee, "经济委员会")
    assert shown(listed) == ["张伟", "陈志强"]
    choose(listed.filters.committee, "教科卫体委员会")
    assert shown(listed) == ["王建国", "李秀英"]
    click(qtbot, listed.filters.clear_button)
    assert len(shown(listed)) == 5


def test_standing_committee_filter(qtbot, listed):
    click(qtbot, listed.filters.standing_only)
    assert shown(listed) == ["王建国", "李秀英", "陈志强"]  # the 副主席 is a 常委 too
    assert set(shown(listed, MemberTableModel.ROLE)) == {"常委", "副主席"}


def test_liaison_group_filter(qtbot, page, office_db, members):
    add_entry(office_db, DictionaryKind.LIAISON_GROUP, "第一联络组")
    add_entry(office_db, DictionaryKind.LIAISON_GROUP, "第二联络组")
    file = get_member(office_db, members["刘芳"])
    update_member(office_db, file.uuid, _with(file.form, liaison_group="第二联络组"))
    page.refresh()
    loaded(qtbot, page)
    assert page.filters.liaison_group.isVisible()
    assert not page.table.isColumnHidden(MemberTableModel.LIAISON_GROUP)
    choose(page.filters.liaison_group, "第二联络组")
    assert shown(page) == ["刘芳"]
    choose(page.filters.liaison_group, "第一联络组")
    assert shown(page) == []


def test_term_selector_reloads_that_terms_members(qtbot, page, office_db, members):
    new_term = add_term(office_db, 11, 2026, 2031)
    add_roster_member = MemberForm(name="周敏", employer="团县委书记")
    from app.members.member_files import add_member

    add_member(office_db, add_roster_member, new_term.uuid)
    page.refresh()
    loaded(qtbot, page)
    terms = page.filters.term
    assert terms.currentText() == "第十一届（2026—2031）"  # the newest term first
    assert shown(page) == ["周敏"]
    choose(terms, "第十届（2021—2026）")
    loaded(qtbot, page)
    assert len(shown(page)) == 5
    assert page.count.text() == "共 5 人（在任 5 人）"


def test_selection_stays_on_the_member_across_refresh(qtbot, listed, office_db):
    select(listed, "刘芳")
    add_member_form = MemberForm(name="艾力", employer="县文化馆馆员")  # sorts before 刘芳
    from app.members.member_files import add_member

    add_member(office_db, add_member_form)
    listed.refresh()
    loaded(qtbot, listed)
    assert shown(listed)[:3] == ["王建国", "艾力", "刘芳"]
    assert listed.selected().name == "刘芳"


# --- add and edit through the member file ------------------------------------------


# Typing into an editable combo opens its completion popup, which the offscreen
# platform cannot raise or give the keyboard to.
POPUP_WARNINGS = ("This plugin does not support raise", "does not support grabbing the keyboard")


@pytest.mark.qt_log_ignore(*POPUP_WARNINGS)
def test_add_a_member_through_the_form(qtbot, listed, office_db):
    click(qtbot, listed.add_button)
    dialog = open_dialog(listed, MemberFileDialog)
    assert dialog.windowTitle() == "新增委员"
    type_text(qtbot, dialog.name, "欧阳明")
    choose(dialog.sex, "男")
    dialog.ethnic_group.lineEdit().clear()
    type_text(qtbot, dialog.ethnic_group.lineEdit(), "回族")
    type_text(qtbot, dialog.birth, "1979.04")
    type_text(qtbot, dialog.employer, "县第二中学教师")
    choose(dialog.sector, "教育界")
    type_text(qtbot, dialog.id_number, id_number(date(1979, 4, 16), 215).lower())
    type_text(qtbot, dialog.phone, "13912345678")
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: "欧阳明" in shown(listed))
    loaded(qtbot, listed)
    assert listed.selected().name == "欧阳明"
    assert listed.count.text() == "共 6 人（在任 6 人）"
    assert "已保存“欧阳明”的档案" in listed.notice.text()
    [row] = [r for r in list_members(office_db) if r.name == "欧阳明"]
    stored = get_member_in_full(office_db, row.uuid).form
    assert (stored.ethnic_group, stored.sector, stored.employer) == (
        "回族",
        "教育界",
        "县第二中学教师",
    )
    assert stored.birth_date == date(1979, 4, 1) and not stored.birth_day_known
    assert stored.id_number == id_number(date(1979, 4, 16), 215)
    assert stored.phone == "13912345678"
    assert row.phone_masked == "139****5678"


def test_edit_and_save_by_double_click(qtbot, listed, office_db, members):
    row = shown(listed).index("张伟")
    rect = listed.table.visualRect(listed.proxy.index(row, MemberTableModel.NAME))
    viewport = listed.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = open_dialog(listed, MemberFileDialog)
    assert dialog.name.text() == "张伟"
    dialog.employer.selectAll()
    type_text(qtbot, dialog.employer, "县物流协会会长")
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: "县物流协会会长" in shown(listed, MemberTableModel.EMPLOYER))
    loaded(qtbot, listed)
    assert get_member(office_db, members["张伟"]).form.employer == "县物流协会会长"
    assert listed.selected().name == "张伟"


def test_a_bad_id_number_is_shown_and_nothing_is_stored(qtbot, listed, office_db):
    before = list_members(office_db)
    click(qtbot, listed.add_button)
    dialog = open_dialog(listed, MemberFileDialog)
    type_text(qtbot, dialog.name, "马丽")
    type_text(qtbot, dialog.id_number, "150523197901011235")  # wrong check digit
    click(qtbot, dialog.save_button)

    problem = dialog.fields["id_number"].problem
    assert problem.isVisible()
    assert "校验位错误" in problem.text()
    assert dialog.isVisible()
    assert list_members(office_db) == before
    assert "马丽" not in shown(listed)


# --- leaving, deleting, undoing ------------------------------------------------


def test_retire_with_a_date_then_the_status_filter(qtbot, listed, office_db, members):
    select(listed, "刘芳")
    assert listed.retire_button.text() == "离任…"
    click(qtbot, listed.retire_button)
    dialog = open_dialog(listed, RetireDialog)
    choose(dialog.status, "调离")
    dialog.day.setDate(QDate(2025, 6, 30))
    click(qtbot, dialog.findChild(QWidget, "primaryButton"))

    qtbot.waitUntil(lambda: "刘芳" not in shown(listed))  # the list shows members in office
    loaded(qtbot, listed)
    assert listed.count.text() == "共 5 人（在任 4 人）"
    assert "调离" in listed.notice.text()
    [seat] = get_member(office_db, members["刘芳"]).memberships
    assert (seat.status, seat.status_date) == (MembershipStatus.TRANSFERRED, date(2025, 6, 30))

    choose(listed.filters.status, "已离任")
    assert shown(listed) == ["刘芳"]
    assert shown(listed, MemberTableModel.STATUS) == ["调离（2025-06-30）"]
    choose(listed.filters.status, "全部状态")
    assert len(shown(listed)) == 5


def test_a_member_who_left_can_be_restored(qtbot, listed, office_db, members, modal):
    from app.members.member_files import set_status

    set_status(office_db, members["王建国"], MembershipStatus.RESIGNED, date(2024, 3, 1))
    listed.refresh()
    loaded(qtbot, listed)
    choose(listed.filters.status, "已离任")
    select(listed, "王建国")
    assert listed.retire_button.text() == "恢复在任"
    modal.then(press("恢复在任"))
    click(qtbot, listed.retire_button)
    qtbot.waitUntil(lambda: modal.done)
    loaded(qtbot, listed)
    assert shown(listed) == []
    [seat] = get_member(office_db, members["王建国"]).memberships
    assert (seat.status, seat.status_date) == (MembershipStatus.ACTIVE, None)


def test_delete_asks_first_and_can_be_undone(qtbot, listed, office_db, members, modal):
    select(listed, "陈志强")
    modal.then(press("取消"))
    click(qtbot, listed.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "陈志强" in shown(listed)
    assert len(list_members(office_db)) == 5

    modal.then(press("删除"))
    click(qtbot, listed.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    loaded(qtbot, listed)
    assert "陈志强" not in shown(listed)
    assert "陈志强" not in [r.name for r in list_members(office_db)]
    assert listed.undo_button.isVisible()
    assert "撤销删除" in listed.notice.text()

    click(qtbot, listed.undo_button)
    loaded(qtbot, listed)
    assert "陈志强" in shown(listed)
    assert listed.selected().name == "陈志强"
    assert not listed.undo_button.isVisible()
    restored = get_member(office_db, members["陈志强"])
    assert restored.form.employer == "县工商联副主席"
    assert len(restored.memberships) == 1


def _with(form: MemberForm, **changes: object) -> MemberForm:
    from dataclasses import replace

    return replace(form, **changes)


# --- import and export ---------------------------------------------------------------


def test_import_opens_the_wizard_and_the_list_follows(qtbot, listed, office_db, modal):
    from app.members.member_files import add_member
    from ui.members.import_wizard import RosterImportWizard

    seen: list[str] = []

    def import_and_close(wizard: QWidget) -> None:
        assert isinstance(wizard, RosterImportWizard)
        seen.append(wizard.windowTitle())
        # Stands for the wizard's own import: something changed while it was open.
        add_member(office_db, MemberForm(name="艾力", employer="县文化馆馆员"))
        wizard.reject()

    modal.then(import_and_close)
    click(qtbot, listed.import_button)
    qtbot.waitUntil(lambda: modal.done)
    loaded(qtbot, listed)
    assert seen == ["导入委员名单"]
    assert "艾力" in shown(listed)
    assert listed.count.text() == "共 6 人（在任 6 人）"


def test_the_empty_state_offers_the_import_too(qtbot, page, modal):
    page.refresh()
    loaded(qtbot, page)
    closed: list[bool] = []

    def close(wizard: QWidget) -> None:
        closed.append(True)
        wizard.reject()

    modal.then(close)
    click(qtbot, page.stack.currentWidget().findChild(QWidget, "emptyImport"))
    qtbot.waitUntil(lambda: modal.done)
    assert closed == [True]


def test_export_writes_the_roster_with_full_numbers(qtbot, listed, members, modal, tmp_path):
    from pathlib import Path

    import openpyxl
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from ui.common.files import documents_folder

    target = tmp_path / "名册.xlsx"

    def save_as(box: QWidget) -> None:
        assert isinstance(box, QFileDialog)
        assert box.windowTitle() == "导出名册（第十届（2021—2026））"
        assert Path(box.directory().absolutePath()) == documents_folder()  # not the program's
        box.findChild(QLineEdit, "fileNameEdit").setText(str(target))
        box.accept()

    modal.then(save_as)
    click(qtbot, listed.export_button)
    qtbot.waitUntil(lambda: "已导出本届 5 名委员" in listed.output.text(), timeout=10_000)
    qtbot.waitUntil(listed.export_button.isEnabled)
    assert "个人信息" in listed.output.text()
    assert listed.output.path == target and listed.output.open_button.isVisible()

    book = openpyxl.load_workbook(target, read_only=True)
    cells = {str(v) for row in book.active.iter_rows(values_only=True) for v in row if v}
    book.close()
    assert {"王建国", "李秀英", "张伟", "刘芳", "陈志强"} <= cells
    assert id_number(date(1968, 5, 12), 101) in cells  # the export carries numbers in full
    assert "13904751234" in cells


def test_a_file_deleted_meanwhile_says_so_and_the_list_follows(
    qtbot, listed, office_db, members, modal
):
    from app.members.member_files import delete_member

    select(listed, "刘芳")
    delete_member(office_db, members["刘芳"])  # e.g. from another window
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    modal.then(read_and_close)
    click(qtbot, listed.open_button)
    qtbot.waitUntil(lambda: modal.done)
    loaded(qtbot, listed)
    assert messages == ["该委员档案已不存在（可能已被删除）。"]
    assert "刘芳" not in shown(listed)


def test_keys_find_and_new(qtbot, listed):
    listed.table.setFocus()
    qtbot.keyClick(listed.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert listed.filters.search.hasFocus()
    qtbot.keyClick(listed.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(listed, MemberFileDialog)
    assert dialog.isVisible()
    # A new member is a 委员 unless the clerk says otherwise.
    assert dialog.fields["role"].editor.currentText() == "委员"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_shown_list_is_exported_masked(qtbot, listed, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    import ui.common.table_export as table_export

    type_text(qtbot, listed.filters.search, "李")
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr(table_export, "ask_save_path", lambda *args: target)
    click(qtbot, listed.export_view_button)
    qtbot.waitUntil(lambda: listed.output.path == target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert "委员名单" in rows[0][0]
    names = [row[list(rows[1]).index("姓名")] for row in rows[2:]]
    assert names == shown(listed)
    assert all("李" in name for name in names)
    flat = " ".join(str(v) for row in rows for v in row if v)
    assert not re.search(r"\d{17}[\dX]|1[3-9]\d{9}", flat)  # numbers stay masked
