"""The proposal list reads its rows off the GUI thread (a city's 全部年份 is 20,000 rows):
"正在读取…" meanwhile, only the newest read shown, sorting and searching over the rows read."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.proposals.handling.review import set_key_proposal
from app.proposals.intake.intake import SignerInput, add_proposal
from tests.proposals.helpers import Office, accepted, form
from tests.ui.proposals.conftest import listed, shown
from ui.common.jobs import wait_for_running_jobs
from ui.proposals import list_tab
from ui.proposals.list_tab import ProposalListTab
from ui.proposals.page import ProposalsPage

TITLE, PROPOSER, CATEGORY = 1, 2, 4


def _in_2024(office: Office, title: str, number: str) -> str:
    return add_proposal(
        office.database,
        form(office, title, session_uuid=None, year=2024, number=number,
             submitted_on=date(2024, 2, 25)),
    )  # fmt: skip


@pytest.fixture
def two_years(qtbot, page: ProposalsPage, office: Office) -> ProposalListTab:
    """2025: two proposals (one of them key and accepted); 2024: one. Shown: 2025."""
    add_proposal(office.database, form(office, "关于加强城区停车管理的建议"))
    set_key_proposal(office.database, accepted(office, "关于改善农村公路养护的建议"), True)
    _in_2024(office, "关于保护历史文化街区的建议", "2024-001")
    return in_2025(qtbot, page)


def test_switching_years_reads_the_rows_off_the_gui_thread(qtbot, two_years, monkeypatch):
    tab = two_years
    readers: list[threading.Thread] = []
    real = list_tab.list_proposals

    def reading(database, where):  # type: ignore[no-untyped-def]
        readers.append(threading.current_thread())
        return real(database, where)

    monkeypatch.setattr(list_tab, "list_proposals", reading)
    tab.show_year(2024)
    assert tab.loading() and tab.count_label.text() == "正在读取…"
    assert shown(listed(qtbot, tab).table, TITLE) == ["关于保护历史文化街区的建议"]
    assert tab.count_label.text() == "共 1 件"
    tab.show_year(None)  # 全部年份: the newest year first
    assert shown(listed(qtbot, tab).table, TITLE) == [
        "关于加强城区停车管理的建议",
        "关于改善农村公路养护的建议",
        "关于保护历史文化街区的建议",
    ]
    assert len(readers) == 2 and threading.main_thread() not in readers
    this_year = date.today().year  # offered with none: said, not a blank table
    tab.show_year(this_year)
    listed(qtbot, tab)
    assert tab.stack.currentWidget() is tab.empty
    assert f"{this_year}年尚未登记提案" in tab.empty.text()


def test_an_older_read_never_replaces_a_newer_one(qtbot, two_years, monkeypatch):
    """2024 is asked for, then 2025 while 2024's rows are still being made: 2024's
    rows, ending last, are not shown."""
    tab = two_years
    entered, release = threading.Event(), threading.Event()
    real = list_tab.prepare

    def slow(columns, rows):  # type: ignore[no-untyped-def]
        if rows and rows[0].year == 2024:  # past its last chance to be cancelled
            entered.set()
            release.wait(10)
        return real(columns, rows)

    monkeypatch.setattr(list_tab, "prepare", slow)
    tab.show_year(2024)
    older = tab._runner
    assert older is not None
    qtbot.waitUntil(entered.is_set)
    tab.show_year(2025)
    assert shown(listed(qtbot, tab).table, TITLE) == [
        "关于加强城区停车管理的建议",
        "关于改善农村公路养护的建议",
    ]
    with qtbot.waitSignal(older.finished):
        release.set()
    assert tab.chosen_year == 2025 and tab.count_label.text() == "共 2 件"
    assert shown(tab.table, TITLE) == ["关于加强城区停车管理的建议", "关于改善农村公路养护的建议"]


def test_a_superseded_read_stops_before_making_its_rows(qtbot, two_years, monkeypatch):
    tab = two_years
    entered, release = threading.Event(), threading.Event()
    real_read, real_prepare = list_tab.list_proposals, list_tab.prepare
    prepared: list[int] = []

    def slow(database, where):  # type: ignore[no-untyped-def]
        rows = real_read(database, where)
        if where.year == 2024:
            entered.set()
            release.wait(10)
        return rows

    def counted(columns, rows):  # type: ignore[no-untyped-def]
        prepared.extend(r.year for r in rows)
        return real_prepare(columns, rows)

    monkeypatch.setattr(list_tab, "list_proposals", slow)
    monkeypatch.setattr(list_tab, "prepare", counted)
    tab.show_year(2024)
    older = tab._runner
    assert older is not None
    qtbot.waitUntil(entered.is_set)
    tab.show_year(2025)
    listed(qtbot, tab)
    with qtbot.waitSignal(older.finished):
        release.set()
    assert prepared == [2025, 2025]  # 2024's rows were never made
    assert tab.count_label.text() == "共 2 件"


def test_the_stage_and_key_filters_narrow_the_rows_read_without_reading_again(
    qtbot, two_years, monkeypatch
):
    tab = two_years
    reads: list[object] = []
    monkeypatch.setattr(list_tab, "list_proposals", lambda *asked: reads.append(asked) or [])
    tab.stage.setCurrentIndex(tab.stage.findText("待审查"))
    assert not tab.loading()
    assert shown(tab.table, TITLE) == ["关于加强城区停车管理的建议"]
    tab.stage.setCurrentIndex(0)
    tab.key_only.setChecked(True)
    assert shown(tab.table, TITLE) == ["关于改善农村公路养护的建议"]
    assert tab.count_label.text() == "共 1 件"
    tab.key_only.setChecked(False)
    assert tab.count_label.text() == "共 2 件"
    assert reads == []


def test_a_header_click_sorts_by_pinyin_keeps_the_selection_and_survives_a_reload(
    qtbot, page, office
):
    for title, signer in (
        ("关于乙的建议", "王五"),
        ("关于甲的建议", "张三"),
        ("关于丙的建议", "李四"),
    ):
        add_proposal(office.database, form(office, title, signers=(_signer(office, signer),)))
    tab = in_2025(qtbot, page)
    assert shown(tab.table, PROPOSER) == ["王五", "张三", "李四"]  # the register's order
    tab.table.selectRow(1)  # 张三
    tab.table.sortByColumn(PROPOSER, Qt.SortOrder.AscendingOrder)
    assert shown(tab.table, PROPOSER) == ["李四", "王五", "张三"]  # li, wang, zhang
    assert tab.selected().proposer == "张三"
    tab.table.sortByColumn(PROPOSER, Qt.SortOrder.DescendingOrder)
    assert shown(tab.table, PROPOSER) == ["张三", "王五", "李四"]
    add_proposal(office.database, form(office, "关于丁的建议", signers=(_signer(office, "赵六"),)))
    tab.refresh()  # the same year
    assert shown(listed(qtbot, tab).table, PROPOSER) == ["赵六", "张三", "王五", "李四"]
    assert tab.selected().proposer == "张三"
    tab.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to the register's order
    assert shown(tab.table, PROPOSER) == ["王五", "张三", "李四", "赵六"]


def test_ties_keep_the_register_order_both_ways(qtbot, page, office):
    for title in ("关于甲的建议", "关于乙的建议", "关于丙的建议"):
        add_proposal(office.database, form(office, title))  # all 张三
    tab = in_2025(qtbot, page)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        tab.table.sortByColumn(PROPOSER, order)
        assert shown(tab.table, TITLE) == ["关于甲的建议", "关于乙的建议", "关于丙的建议"]


def test_the_search_looks_in_each_column_not_across_two(qtbot, page, office):
    add_proposal(office.database, form(office, "关于改善农村公路养护的建议"))
    tab = in_2025(qtbot, page)
    tab.search.setText("０００１")  # full-width, as a Chinese keyboard may type it
    assert tab.count_label.text() == "共 1 件"
    tab.search.setText("0002")
    assert tab.count_label.text() == "找到 0 件（共 1 件）"
    tab.search.setText("张三")
    assert tab.count_label.text() == "共 1 件"
    tab.search.setText("建议张三")  # 案由 ends in 建议, 提案人 begins with 张三
    assert tab.filter.rowCount() == 0


def test_columns_fit_the_rows_on_screen_not_all_twenty_thousand(qtbot, page, office):
    """Qt measured 1,000 rows per column: 0.3–0.6 s whenever the city's 全部 list came."""
    add_proposal(office.database, form(office, "关于改善农村公路养护的建议"))
    tab = in_2025(qtbot, page)
    row = tab.model.row(0)
    far = replace(row, uuid="far", category="类" * 30)  # 类别 holds 80 pixels at most
    rows = [replace(row, uuid=str(n)) for n in range(400)] + [far]
    tab.model.set_rows(rows)
    narrow = tab.table.columnWidth(CATEGORY)
    tab.model.set_rows([far, *rows])
    assert tab.table.columnWidth(CATEGORY) > narrow  # on screen: fitted


def in_2025(qtbot, page: ProposalsPage) -> ProposalListTab:
    """The list read again, showing 2025 (the page opened on this year, with none). The
    reads it superseded have ended too: one that started late on a busy machine read
    again inside a test that counts its own reads."""
    page.refresh()
    page.proposals.show_year(2025)
    listed(qtbot, page.proposals)
    wait_for_running_jobs()
    return page.proposals


def _signer(office: Office, name: str) -> SignerInput:
    return SignerInput(name, office.members[name])
