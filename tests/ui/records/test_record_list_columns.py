"""The record lists' columns: fitted to the rows when they load, then left as they are.

Fitted again on every change (Qt's ResizeToContents), a county's 400 activities at the
city held the window 1–1.5 s on each header click or cleared search
(bench/bench_city_screens.py); and a column the clerk widened sprang back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt

from app.records.record_items import SocialInfoForm, add_social_info
from tests.records.test_records_import import YEAR
from tests.ui.conftest import loaded, type_text
from tests.ui.records.helpers import shown
from ui.records.record_tab import WIDEST_COLUMN


def _social_info(office_db, members, title: str, day: date, who: tuple[str, ...]) -> None:
    add_social_info(
        office_db,
        SocialInfoForm(title=title, submitted_on=day, submitters=tuple(members[n] for n in who)),
    )


def _click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(column) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)


def test_columns_fit_their_texts_and_a_widened_column_stays_wide(qtbot, page, office_db, members):
    everyone = ("张建国", "李秀英", "王志强", "赵海涛")
    _social_info(office_db, members, "关于农村饮水安全的建议", date(YEAR, 3, 1), everyone)
    _social_info(office_db, members, "关于城区停车难的建议", date(YEAR, 5, 2), ("李秀英",))
    tab = page.social_info
    page.tabs.setCurrentWidget(tab)
    tab.show_year(YEAR)
    table = loaded(qtbot, tab).table
    metrics = table.fontMetrics()
    # The date is read whole; four names are capped (the tooltip has them all).
    assert table.columnWidth(0) >= metrics.horizontalAdvance(shown(table, 0)[0])
    names = max(shown(table, 2), key=len)
    assert "赵海涛" in names
    assert table.columnWidth(2) <= WIDEST_COLUMN
    assert table.columnWidth(2) >= min(WIDEST_COLUMN, metrics.horizontalAdvance(names))

    table.horizontalHeader().resizeSection(0, 260)  # the clerk drags the date column wider
    _click_header(qtbot, table, 3)
    type_text(qtbot, tab.search, "停车")
    assert shown(table, 1) == ["关于城区停车难的建议"]
    tab.search.clear()
    _click_header(qtbot, table, 0)
    assert shown(table, 0) == sorted(shown(table, 0))
    assert table.columnWidth(0) == 260
