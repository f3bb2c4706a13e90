"""履职记录 in the 907 pixels the main window leaves it on a 1366×768 laptop at 125 %
display scaling: the page was a few pixels too wide and scrolled sideways."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea

from app.demo.demo import load_demo
from tests.ui.conftest import settled
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.records_page import RecordsPage


def test_the_records_page_fits_the_width_at_125_percent(qtbot, office_look, office_db):  # type: ignore[no-untyped-def]
    load_demo(office_db)  # a year's records: "共 24 条" and the kinds widen the tool row
    page = RecordsPage(office_db, meeting_editor=MeetingEditor)
    qtbot.addWidget(page)
    page.resize(907, 510)
    page.show()
    page.refresh()
    qtbot.waitExposed(page)
    scroll = page.findChild(QScrollArea, "pageScroll")
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        settled(qtbot, page)  # the tab's rows read, "共 24 条" and the kinds laid out
        assert not scroll.horizontalScrollBar().isVisible(), page.tabs.tabText(tab)
