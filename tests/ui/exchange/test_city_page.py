"""全市汇总 on screen: counties side by side, who is behind, the charts, the Excel file."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from app.common.jobs import Cancelled
from tests.exchange.city.test_city_view import county_year
from tests.exchange.conftest import Offices
from tests.ui.conftest import StartedJobs
from ui.exchange import city_page
from ui.exchange.city_page import CityPage


def open_city(qtbot: QtBot, office, size: tuple[int, int] = (1300, 740)) -> CityPage:  # type: ignore[no-untyped-def]
    page = CityPage(office.database)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    with qtbot.waitSignal(page.shown, timeout=15_000):
        page.refresh()  # the figures are summed up off the GUI thread
    return page


def test_counties_side_by_side_with_charts_and_excel(
    offices: Offices, qtbot: QtBot, tmp_path: Path
) -> None:
    county_year(offices, offices.county, ("关于甲的建议", "关于乙的建议"))
    page = open_city(qtbot, offices.city)
    page.year.setCurrentIndex(page.year.findData(2025))
    assert "正在汇总" in _while_summing(page, qtbot)
    model = page.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["项目", "示范县政协", "邻旗政协", "全市合计"]
    figures = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(figures["提案件数"], 1).data() == "2"
    assert model.index(figures["最新文件日期"], 2).data() == "尚未收到"
    assert model.index(figures["提案件数"], 3).data() == "2"
    assert model.index(figures["满意率"], 3).data() == "—"  # was blank; nobody rated yet
    assert "邻旗政协" in page.notice.text()  # nothing from it yet: behind
    assert page.compliance_chart.categories == ("示范县", "邻旗")  # "政协" left out under bars
    shares = page.compliance_chart.series[0].values
    assert page.compliance_chart._text(shares[0]) == model.index(figures["达标率"], 1).data()
    assert [s.name for s in page.group_chart.series] == ["提案件数", "立案", "不予立案", "待审查"]
    page.group.setCurrentIndex(2)
    page.group.activated.emit(2)
    assert page.group_chart.series[0].name == "联接议题"
    assert page.group_chart.series[0].values == (1.0, 0.0)

    target = tmp_path / "汇总.xlsx"
    page.choose_save_path = lambda suggested: target
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.output.text().startswith("已导出全市汇总"), timeout=15_000)
    sheet = load_workbook(target).active
    assert sheet is not None and sheet.cell(4, 1).value == "示范县政协"


def _while_summing(page: CityPage, qtbot: QtBot) -> str:
    """The notice while the figures are summed up; returns once they are on screen.
    (Shown again, the page sums up afresh: a year already summed would show at once.)"""
    with qtbot.waitSignal(page.shown, timeout=15_000):
        page.refresh()
        said = page.notice.text()
        assert not page.export_button.isEnabled()  # nothing to export until it is done
    assert page.export_button.isEnabled()
    return said


def test_a_cancelled_summary_keeps_the_figures_on_screen(
    offices: Offices, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    county_year(offices, offices.county, ("关于甲的建议",))
    page = open_city(qtbot, offices.city)
    page.year.setCurrentIndex(page.year.findData(2025))
    _while_summing(page, qtbot)
    shown = page.view
    assert shown is not None and shown.year == 2025
    page.year.addItem("2024年", 2024)
    page.year.setCurrentIndex(page.year.findData(2024))

    def cancelled(database: object, year: int, progress: object) -> None:
        raise Cancelled  # what 取消 in the progress dialog makes the next report raise

    monkeypatch.setattr(city_page, "city_view", cancelled)
    page.show_year()
    qtbot.waitUntil(lambda: "汇总未完成" in page.notice.text(), timeout=15_000)
    assert page.view is shown and page.year.currentData() == 2025
    assert page.notice.text() == "汇总未完成，仍显示2025年的数据。"
    assert page.export_button.isEnabled()


def test_the_summary_reports_each_county_in_turn(offices: Offices) -> None:
    from app.common.jobs import ProgressTracker
    from app.exchange.city.city_view import city_view

    heard: list[tuple[int, int, str]] = []
    city_view(offices.city.database, 2025, ProgressTracker(lambda *said: heard.append(said)))
    assert heard == [
        (0, 2, "正在汇总示范县政协（1/2）…"),
        (1, 2, "正在汇总邻旗政协（2/2）…"),
    ]
    stop = ProgressTracker()
    stop.cancel()
    with pytest.raises(Cancelled):
        city_view(offices.city.database, 2025, stop)


def test_a_county_sees_that_the_view_is_the_citys(offices: Offices, qtbot: QtBot) -> None:
    page = CityPage(offices.county.database)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert "只在市政协使用" in page.notice.text()
    assert not page.export_button.isEnabled()


def test_it_opens_on_the_newest_year_with_data_not_on_an_empty_one(
    offices: Offices, qtbot: QtBot
) -> None:
    """It opened on this year although the counties had sent only last year's: a screen
    of noughts. The empty year stays in the list, marked, for the clerk to pick."""
    county_year(offices, offices.county, ("关于甲的建议",))  # 2025
    page = open_city(qtbot, offices.city)
    assert page.view is not None and page.view.year == 2025
    assert page.year.currentData() == 2025 and page.export_button.isEnabled()
    labels = {page.year.itemData(i): page.year.itemText(i) for i in range(page.year.count())}
    this_year = date.today().year
    assert labels[2025] == "2025年"
    if this_year != 2025:
        assert labels[this_year] == f"{this_year}年（无数据）"
        with qtbot.waitSignal(page.shown, timeout=15_000):
            page.year.setCurrentIndex(page.year.findData(this_year))
            page.year.activated.emit(page.year.currentIndex())  # as a click on it does
        assert page.notice.text().startswith(f"{this_year}年尚无各县（市、区）的数据")
        assert "2025年" in page.notice.text()
        with qtbot.waitSignal(page.shown, timeout=15_000):
            page.refresh()  # coming back to the page keeps the year the clerk chose
        assert page.view is not None and page.view.year == this_year


def test_with_no_county_data_it_says_how_the_data_comes(offices: Offices, qtbot: QtBot) -> None:
    page = CityPage(offices.city.database)
    qtbot.addWidget(page)
    page.resize(1300, 740)
    page.show()
    page.refresh()
    assert page.empty.isVisible() and not page.body.isVisible()
    assert "还没有任何县（市、区）的数据" in page.empty.text()
    assert "“文件交换”页" in page.empty.text() and "导入" in page.empty.text()
    assert not page.export_button.isEnabled() and page.view is None

    county_year(offices, offices.county, ("关于甲的建议",))  # the first file comes in
    with qtbot.waitSignal(page.shown, timeout=15_000):
        page.refresh()
    assert not page.empty.isVisible() and page.body.isVisible()
    assert page.view is not None and page.view.year == 2025


def test_at_1366x768_every_figure_is_in_sight(
    offices: Offices, qtbot: QtBot, office_look: None
) -> None:
    """The last figures (获领导批示, 落实情况) were below the table's edge."""
    from tests.ui.exchange.test_exchange_page_clerk import PAGE_SIZE

    county_year(offices, offices.county, ("关于甲的建议",))
    page = open_city(qtbot, offices.city, PAGE_SIZE)
    table = page.table
    rows = table.model().rowCount()
    # Three more rows than here come with a year's 办理结果 (A, B, C).
    assert table.viewport().height() >= (rows + 3) * table.rowHeight(0)


def test_with_ten_counties_the_table_widens_and_the_clerks_split_stays(
    offices: Offices, qtbot: QtBot, office_look: None
) -> None:
    """Half the page showed five of ten counties and cut the sixth."""
    from dataclasses import replace

    from tests.ui.exchange.test_exchange_page_clerk import PAGE_SIZE

    county_year(offices, offices.county, ("关于甲的建议",))
    page = open_city(qtbot, offices.city, PAGE_SIZE)
    assert page.view is not None
    one = page.view.counties[0]
    ten = tuple(replace(one, name=f"第{n}县政协", code=f"1505{20 + n}") for n in range(1, 11))
    page._sized = False  # as if these had been the first figures shown
    page._show(replace(page.view, counties=ten))
    table, charts = page.body.widget(0), page.body.widget(1)
    header = page.table.horizontalHeader()
    in_sight = [
        c
        for c in range(header.count())
        if header.sectionViewportPosition(c) + header.sectionSize(c)
        <= page.table.viewport().width()
    ]
    assert len(in_sight) >= 8  # 项目 and at least seven counties
    assert charts.width() >= 0.35 * page.body.width()
    # The clerk drags the line; another year keeps it.
    page.body.setSizes([300, page.body.width() - 300])
    with qtbot.waitSignal(page.shown, timeout=15_000):
        page.show_year()
    assert abs(table.width() - 300) <= 10


def test_a_year_summed_before_shows_at_once_until_the_page_is_shown_again(
    offices: Offices, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Going back and forth between years summed the counties up each time (2-4 s
    behind a progress dialog with ten counties). Shown again, as after an import, the
    page sums up afresh."""
    county_year(offices, offices.county, ("关于甲的建议",))
    summed: list[int] = []
    real = city_page.city_view

    def counted(database: object, year: int, progress: object):  # type: ignore[no-untyped-def]
        summed.append(year)
        return real(database, year, progress)

    monkeypatch.setattr(city_page, "city_view", counted)
    page = open_city(qtbot, offices.city)
    page.year.addItem("2024年", 2024)
    with qtbot.waitSignal(page.shown, timeout=15_000):
        page.year.setCurrentIndex(page.year.findData(2024))
        page.year.activated.emit(page.year.currentIndex())
    assert summed == [2025, 2024]
    page.year.setCurrentIndex(page.year.findData(2025))
    page.year.activated.emit(page.year.currentIndex())  # back: on screen at once
    assert summed == [2025, 2024]
    assert page.view is not None and page.view.year == 2025
    model = page.table.model()
    figures = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(figures["提案件数"], 1).data() == "1"
    assert page.export_button.isEnabled() and "正在汇总" not in page.notice.text()

    county_year(offices, offices.second, ("关于乙的建议", "关于丙的建议"))  # an import
    with qtbot.waitSignal(page.shown, timeout=15_000):
        page.refresh()  # the page shown again
    assert summed == [2025, 2024, 2025]
    model = page.table.model()
    assert model.index(figures["提案件数"], 2).data() == "2"
    assert model.index(figures["提案件数"], 3).data() == "3"  # 全市合计


def test_a_page_closed_while_it_sums_up_takes_nothing_down(
    offices: Offices, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, jobs: StartedJobs
) -> None:
    """A page deleted while the counties were summed up (a test ended, the window was
    closed): when the sum ended, the page said 汇总未完成 in its deleted labels."""
    release = threading.Event()
    summed = city_page.city_view

    def held(*args: object) -> object:
        release.wait(10)
        return summed(*args)

    county_year(offices, offices.county, ("关于甲的建议",))
    monkeypatch.setattr(city_page, "city_view", held)
    page = CityPage(offices.city.database)
    page.show()
    page.refresh()
    assert not jobs.all_ended()  # the sum is under way
    page.close()
    delete(page)
    release.set()
    qtbot.waitUntil(jobs.all_ended, timeout=10_000)  # and nothing was raised
