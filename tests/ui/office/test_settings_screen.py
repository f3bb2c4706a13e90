"""系统设置 on a county clerk's laptop (1366×768 at 125 %: the page gets about 900×500).
The tab widget asked for the height of its tallest tab, 提案设置's long form: the whole
page scrolled on every tab, 基础名录's list and buttons cut off below the window's edge."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget

from tests.ui.conftest import bottom_of, settled
from ui.settings_page import SettingsPage

PAGE_AREA = (900, 500)


def _shown(qtbot, office_db) -> tuple[QWidget, SettingsPage]:  # type: ignore[no-untyped-def]
    """The page in a plain holder the size the main window gives it (keep the holder:
    qtbot holds it weakly)."""
    holder = QWidget()
    qtbot.addWidget(holder)
    page = SettingsPage(office_db)
    page.setParent(holder)
    holder.resize(*PAGE_AREA)
    page.setGeometry(0, 0, *PAGE_AREA)
    holder.show()
    qtbot.waitExposed(holder)
    page.refresh()
    return holder, page


def _page_scrolls(page: SettingsPage) -> bool:
    scroll = page.findChild(QScrollArea, "pageScroll")
    assert scroll is not None
    return scroll.verticalScrollBar().isVisible()


def test_the_lists_tab_fits_without_scrolling_the_page(qtbot, office_look, office_db):  # type: ignore[no-untyped-def]
    _holder, page = _shown(qtbot, office_db)
    page.tabs.setCurrentWidget(page.dictionaries)
    settled(qtbot, page)
    assert page.tabs.currentWidget() is page.dictionaries
    assert not _page_scrolls(page)
    table = page.dictionaries.table
    assert table.isVisible() and table.height() >= 150
    assert bottom_of(table, page) < PAGE_AREA[1]


def test_a_long_tab_scrolls_inside_the_tab_and_keeps_the_tabs_in_view(
    qtbot, office_look, office_db
):  # type: ignore[no-untyped-def]
    _holder, page = _shown(qtbot, office_db)
    page.tabs.setCurrentWidget(page.proposals)
    assert page.tabs.currentIndex() == page.tabs.indexOf(page.proposals) == 2
    settled(qtbot, page)
    assert not _page_scrolls(page)
    inner = page.proposals.parentWidget().parentWidget().parentWidget()
    assert isinstance(inner, QScrollArea)
    qtbot.waitUntil(lambda: inner.verticalScrollBar().isVisible())
    assert page.proposals.height() >= page.proposals.minimumSizeHint().height()
    assert bottom_of(page.tabs, page) <= PAGE_AREA[1]


def test_each_tab_is_still_refreshed_when_chosen(qtbot, office_db):  # type: ignore[no-untyped-def]
    _holder, page = _shown(qtbot, office_db)
    refreshed: list[str] = []
    page.terms.refresh = lambda: refreshed.append("terms")  # type: ignore[method-assign]
    page.tabs.setCurrentWidget(page.terms)
    assert refreshed == ["terms"]
    assert [page.tabs.widget(i) for i in range(3)] == [
        page.dictionaries,
        page.terms,
        page.proposals,
    ]
