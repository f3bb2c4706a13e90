"""The member list's table model and filter proxy, without any widget."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from app.common.people.name_order import NameOrder
from app.members.labels import CppccRole, MembershipStatus
from app.members.member_files import list_members
from app.members.member_order import MemberOrder
from tests.ui.members.helpers import ROSTER, add_roster, row
from ui.members.member_table_model import (
    LEFT_COLOUR,
    MemberFilter,
    MemberFilterProxy,
    MemberTableModel,
    StatusFilter,
)

ROWS = [
    row("张伟"),
    row(
        "李秀英",
        sector="民盟",
        employer="县第一中学副校长",
        committees=("教科卫体委员会", "提案委员会"),
        role=CppccRole.STANDING,
        liaison_group="第一联络组",
    ),
    row(
        "王建国",
        sector="中共",
        employer="县人民医院院长",
        committees=("教科卫体委员会",),
        role=CppccRole.VICE_CHAIR,
    ),
    row(
        "刘芳",
        sector="医药卫生界",
        employer="县中医院主任医师",
        committees=(),
        status=MembershipStatus.TRANSFERRED,
        status_date=date(2024, 6, 30),
        liaison_group="第二联络组",
    ),
    row("赵小军", employer="Kingsoft WPS 示范县代理处"),
]


# As list_members gives them when the office chose 拼音 (app.members.member_order).
PINYIN_ROWS = MemberOrder(NameOrder.PINYIN).sorted(ROWS, lambda r: r.name)


@pytest.fixture
def model() -> MemberTableModel:
    model = MemberTableModel()
    model.set_rows(PINYIN_ROWS)
    return model


@pytest.fixture
def proxy(model: MemberTableModel) -> MemberFilterProxy:
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def names(model) -> list[str]:
    return [model.index(r, MemberTableModel.NAME).data() for r in range(model.rowCount())]


def test_columns_are_the_ones_the_office_reads(model):
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "姓名",
        "性别",
        "界别",
        "政治面貌",
        "工作单位及职务",
        "政协职务",
        "专委会",
        "联络组",
        "联系电话",
        "状态",
    ]


def test_rows_are_in_pinyin_order_of_names(model):
    assert names(model) == ["李秀英", "刘芳", "王建国", "张伟", "赵小军"]


def test_rows_keep_the_order_they_come_in_and_sorting_by_name_is_that_order():
    """The service decides the order (姓氏笔画 here); the screen keeps it, and a click on
    姓名 sorts by it too, not by the pinyin of the system's locale."""
    model = MemberTableModel()
    model.set_rows(MemberOrder(NameOrder.STROKE).sorted(ROWS, lambda r: r.name))
    assert names(model) == ["王建国", "刘芳", "李秀英", "张伟", "赵小军"]
    model.sort(MemberTableModel.SECTOR)
    model.sort(MemberTableModel.NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["王建国", "刘芳", "李秀英", "张伟", "赵小军"]
    model.sort(MemberTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["赵小军", "张伟", "李秀英", "刘芳", "王建国"]


def test_cells_show_what_the_row_holds(model):
    li = model.row_of("uuid-李秀英")
    cell = model.index(li, 0).siblingAtColumn
    assert cell(MemberTableModel.ROLE).data() == "常委"
    assert cell(MemberTableModel.COMMITTEES).data() == "教科卫体委员会、提案委员会"
    assert cell(MemberTableModel.COMMITTEES).data(Qt.ItemDataRole.ToolTipRole) == (
        "教科卫体委员会、提案委员会"
    )
    assert cell(MemberTableModel.PHONE).data() == "139****1234"
    assert cell(MemberTableModel.STATUS).data() == "在任"
    assert cell(MemberTableModel.NAME).data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_member_who_left_shows_how_and_when_greyed(model):
    index = model.index(model.row_of("uuid-刘芳"), MemberTableModel.STATUS)
    assert index.data() == "调离（2024-06-30）"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == LEFT_COLOUR
    assert "保留档案" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_stored_numbers_reach_the_model_masked(office_db):
    add_roster(office_db)
    model = MemberTableModel()
    model.set_rows(list_members(office_db))
    texts = {
        model.index(r, c).data()
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    }
    phones = {phone for *_, phone in ROSTER}
    assert not phones & texts
    assert "139****1234" in texts  # 王建国's mobile
    assert "0475*****45" in texts  # 张伟's landline
    assert not any(t and t.startswith("150523") for t in texts)  # no ID number column at all


def test_the_default_filter_shows_members_in_office(proxy):
    assert names(proxy) == ["李秀英", "王建国", "张伟", "赵小军"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("李", ["李秀英"]),
        ("医院", ["王建国"]),  # unit
        ("县 校长", ["李秀英"]),  # every word must occur
        ("wps", ["赵小军"]),  # case does not matter
        ("ＷＰＳ", ["赵小军"]),  # full-width typing
        ("  秀英 ", ["李秀英"]),
        ("委员会", []),  # committees are filters, not search text
        ("", ["李秀英", "王建国", "张伟", "赵小军"]),
    ],
)
def test_search_matches_names_and_units(proxy, text, expected):
    proxy.set_text(text)
    assert names(proxy) == expected


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (MemberFilter(sector="经济界"), ["张伟", "赵小军"]),
        (MemberFilter(committee="教科卫体委员会"), ["李秀英", "王建国"]),
        (MemberFilter(liaison_group="第一联络组"), ["李秀英"]),
        (MemberFilter(standing_only=True), ["李秀英", "王建国"]),  # a 副主席 is on it too
        (MemberFilter(status=StatusFilter.LEFT), ["刘芳"]),
        (MemberFilter(status=StatusFilter.ALL), ["李秀英", "刘芳", "王建国", "张伟", "赵小军"]),
        (MemberFilter(status=StatusFilter.ALL, liaison_group="第二联络组"), ["刘芳"]),
        (MemberFilter(committee="教科卫体委员会", text="医院"), ["王建国"]),
    ],
)
def test_filters(proxy, wanted, expected):
    proxy.set_filter(wanted)
    assert names(proxy) == expected
    assert wanted.narrows


def test_reloading_the_same_number_of_rows_filters_the_new_rows(model, proxy):
    proxy.set_text("李")
    assert names(proxy) == ["李秀英"]
    renamed = [row("李四") if r.name == "张伟" else r for r in PINYIN_ROWS]
    renamed = [row("周杰", employer="县医院") if r.name == "李秀英" else r for r in renamed]
    model.set_rows(renamed)
    assert names(proxy) == ["李四"]


def test_sorting_by_a_column_orders_by_pinyin_and_then_by_name(proxy):
    proxy.set_filter(MemberFilter(status=StatusFilter.ALL))
    proxy.sort(MemberTableModel.SECTOR, Qt.SortOrder.AscendingOrder)
    sectors = [proxy.index(r, MemberTableModel.SECTOR).data() for r in range(proxy.rowCount())]
    assert sectors == ["经济界", "经济界", "民盟", "医药卫生界", "中共"]
    assert names(proxy)[:2] == ["张伟", "赵小军"]
    proxy.set_text("医")  # re-filtering keeps the chosen order
    assert names(proxy) == ["刘芳", "王建国"]  # 医药卫生界 before 中共
    proxy.sort(MemberTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["王建国", "刘芳"]


def test_a_reload_keeps_the_chosen_order_and_persistent_indexes_follow(model, proxy):
    proxy.set_filter(MemberFilter(status=StatusFilter.ALL))
    kept = QPersistentModelIndex(proxy.index(proxy.proxy_row_of("uuid-王建国"), 0))
    proxy.sort(MemberTableModel.SECTOR, Qt.SortOrder.DescendingOrder)
    assert kept.data() == "王建国"
    assert kept.row() == 0  # 中共 comes last in pinyin, first when descending
    model.set_rows(reversed(PINYIN_ROWS))  # the office chose another order meanwhile
    assert names(proxy) == ["王建国", "刘芳", "李秀英", "赵小军", "张伟"]
    proxy.sort(-1, Qt.SortOrder.AscendingOrder)  # back to the order the service gave
    assert names(proxy) == ["赵小军", "张伟", "王建国", "刘芳", "李秀英"]


def test_proxy_finds_members_by_uuid(proxy):
    assert proxy.member(proxy.proxy_row_of("uuid-王建国")).name == "王建国"
    assert proxy.proxy_row_of("uuid-刘芳") == -1  # filtered out
    assert proxy.proxy_row_of("no-such-member") == -1


def test_model_passes_qt_model_tester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_proxy_passes_qt_model_tester(qtmodeltester, proxy):
    proxy.set_filter(MemberFilter(text="县", status=StatusFilter.ALL))
    qtmodeltester.check(proxy)


def test_an_empty_model_passes_too(qtmodeltester):
    model = MemberTableModel()
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
