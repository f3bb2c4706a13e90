"""Issue 9 item 3: one order of names, chosen in 系统设置 → 名单排序, in every list and
picker (and, through the services, exports and printouts)."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt

from app.common.jobs import ProgressTracker
from app.common.people.name_order import NameOrder
from app.members.member_files import list_members
from app.members.member_order import chosen_order
from app.members.roster_export import HEADER_ROW, export_roster
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.records.activities import ActivityForm, add_activity, get_activity
from app.records.labels import ActivityKind, AttendanceStatus
from tests.ui.conftest import loaded
from tests.xlsx_files import write_sheet
from ui.main_window import MainWindow
from ui.members.member_table_model import MemberTableModel
from ui.members.name_order_panel import NameOrderPanel

# The roster's own order (序号), as the office keeps it: neither strokes nor pinyin.
ROSTER = ["赵小军", "王建国", "李秀英", "陈志强", "刘芳"]
STROKE = ["王建国", "刘芳", "李秀英", "陈志强", "赵小军"]  # 4, 6, 7 (横), 7 (折), 9 strokes
PINYIN = ["陈志强", "李秀英", "刘芳", "王建国", "赵小军"]


@pytest.fixture
def window(qtbot, office_db, tmp_path):
    rows = [["序号", "姓名", "性别"]] + [[i, n, "男"] for i, n in enumerate(ROSTER, start=1)]
    plan = plan_roster_import(office_db, write_sheet(tmp_path / "名单.xlsx", rows))
    apply_roster_import(office_db, plan, ProgressTracker())
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _choose(window: MainWindow, qtbot, order: NameOrder) -> NameOrderPanel:
    settings = window.open_page("系统设置")
    settings.tabs.setCurrentWidget(settings.name_order)
    panel = settings.name_order
    button = panel.buttons[order]  # clicked on its round mark, as a clerk does
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    return panel


def _member_list(window: MainWindow, qtbot) -> list[str]:
    page = loaded(qtbot, window.open_page("委员档案"))
    proxy = page.proxy
    return [proxy.index(r, MemberTableModel.NAME).data() for r in range(proxy.rowCount())]


def test_stroke_order_is_the_default(window, qtbot, office_db):
    assert chosen_order(office_db) is NameOrder.STROKE
    assert _member_list(window, qtbot) == STROKE
    settings = window.open_page("系统设置")
    settings.tabs.setCurrentWidget(settings.name_order)
    assert settings.name_order.buttons[NameOrder.STROKE].isChecked()
    assert "王建国、刘芳、李秀英" in settings.name_order.sample.text()


def test_the_chosen_order_reaches_the_member_list(window, qtbot, office_db):
    panel = _choose(window, qtbot, NameOrder.PINYIN)
    assert chosen_order(office_db) is NameOrder.PINYIN
    assert "已保存：按“拼音”排列" in panel.status.text()
    assert panel.sample.text().startswith("本届委员按此顺序排列：陈志强、李秀英")
    assert _member_list(window, qtbot) == PINYIN

    _choose(window, qtbot, NameOrder.ROSTER)
    assert _member_list(window, qtbot) == ROSTER


def test_a_header_click_sorts_until_the_list_is_opened_again(window, qtbot, office_db):
    _choose(window, qtbot, NameOrder.ROSTER)
    page = loaded(qtbot, window.open_page("委员档案"))
    header = page.table.horizontalHeader()
    name_header = QPoint(header.sectionViewportPosition(MemberTableModel.NAME) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_header)
    assert _member_list(window, qtbot) in (ROSTER, ROSTER[::-1])  # 姓名 sorts in the chosen order
    page.table.sortByColumn(MemberTableModel.SEX, Qt.SortOrder.AscendingOrder)
    assert _member_list(window, qtbot) == ROSTER  # all one sex: the chosen order within it
    page.table.sortByColumn(MemberTableModel.SEX, Qt.SortOrder.DescendingOrder)
    assert _member_list(window, qtbot) == ROSTER


def test_pickers_follow_the_chosen_order(window, qtbot, office_db):
    _choose(window, qtbot, NameOrder.PINYIN)
    records = window.open_page("履职记录")
    qtbot.mouseClick(records.activities.add_button, Qt.MouseButton.LeftButton)
    dialog = records.activities.dialog
    model = dialog.attendance.table.model()  # the meeting editor's 出席情况 page
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == PINYIN
    dialog.reject()

    _choose(window, qtbot, NameOrder.STROKE)
    qtbot.mouseClick(records.activities.add_button, Qt.MouseButton.LeftButton)
    dialog = records.activities.dialog
    model = dialog.attendance.table.model()  # the meeting editor's 出席情况 page
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == STROKE
    dialog.reject()


def test_the_roster_export_and_an_attendance_list_follow_it(window, qtbot, office_db, tmp_path):
    _choose(window, qtbot, NameOrder.ROSTER)
    path = export_roster(office_db, tmp_path / "导出.xlsx").path
    sheet = openpyxl.load_workbook(path).active
    rows = range(HEADER_ROW + 1, HEADER_ROW + 1 + len(ROSTER))
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in rows] == list(
        enumerate(ROSTER, start=1)
    )
    everyone = {m.uuid: AttendanceStatus.PRESENT for m in list_members(office_db)}
    form = ActivityForm(ActivityKind.TRAINING, "委员培训", date(2025, 5, 6), attendance=everyone)
    uuid = add_activity(office_db, form)
    assert [a.name for a in get_activity(office_db, uuid).attendance] == ROSTER
