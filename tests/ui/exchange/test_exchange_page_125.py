"""文件交换 at 1366×768 with Windows' display scaling at 125 %: the main window leaves the
page about 920×520 of Qt's pixels. The page needed 590 and scrolled as a whole: the files
on the stick showed their header only, 导入所选文件 below the window's edge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.exchange.conftest import Offices
from tests.ui.conftest import bottom_of, settled
from tests.ui.exchange.test_exchange_page_clerk import with_cards
from ui.exchange.page import ExchangePage

PAGE_AREA = (920, 520)


def _at_125(qtbot: QtBot, page: ExchangePage) -> None:
    page.resize(*PAGE_AREA)
    settled(qtbot, page)


def _scrolls(page: ExchangePage) -> bool:
    scroll = page.findChild(QScrollArea, "pageScroll")
    assert scroll is not None
    return scroll.verticalScrollBar().isVisible()


def _on_page(page: ExchangePage, *widgets: QWidget) -> None:
    for widget in widgets:
        assert widget.isVisible()
        assert bottom_of(widget, page) < PAGE_AREA[1], widget.objectName() or widget.text()  # type: ignore[attr-defined]


def test_the_city_sees_both_lists_and_every_button_without_scrolling(
    offices: Offices, qtbot: QtBot, office_look: None
) -> None:
    page = with_cards(qtbot, offices.city, offices, 3)
    _at_125(qtbot, page)
    assert not _scrolls(page)
    _on_page(page, page.send_button, page.send_all_button, page.import_button)
    _on_page(page, page.partners, page.stick_files)
    for table in (page.partners, page.stick_files):  # a row at least, the rest scrolls
        assert table.viewport().height() >= table.rowHeight(0)
    # A long file name loses its middle: the sequence and date at its end still show.
    assert page.stick_files.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_the_countys_notices_tab_fits_too(
    offices: Offices, qtbot: QtBot, office_look: None
) -> None:
    page = with_cards(qtbot, offices.county, offices, 1)
    page.tabs.setCurrentWidget(page.notices)
    _at_125(qtbot, page)
    assert not _scrolls(page)
    _on_page(page, page.notices.table, page.card_button, page.trust_button)


def test_a_message_shows_under_the_lists_and_goes_with_the_next_action(
    offices: Offices, qtbot: QtBot
) -> None:
    """The message line takes room only while it says something."""
    page = with_cards(qtbot, offices.city, offices, 1)
    assert not page.status.isVisible()
    page.say("已导出本单位名片。")
    assert page.status.isVisible() and page.status.text() == "已导出本单位名片。"
    page.say("")
    assert not page.status.isVisible()


def test_the_top_boxes_take_two_lines_so_the_lists_show_more_rows(
    offices: Offices, qtbot: QtBot, office_look: None
) -> None:
    """The name and the card buttons share a line, and the U盘 advice is said where the
    clerk writes to the stick: a county at 125 % sees two files on the stick, not one."""
    page = with_cards(qtbot, offices.county, offices, 1)
    _at_125(qtbot, page)
    name, button = page.office_label, page.card_button
    assert (
        abs(
            name.mapTo(page, name.rect().center()).y()
            - button.mapTo(page, button.rect().center()).y()
        )
        < 8
    )
    row = page.stick_files.verticalHeader().defaultSectionSize()
    assert page.stick_files.viewport().height() >= 2 * row
    assert "可以安全拔出" in page.send_button.toolTip()
