"""委员档案 in the room the main window leaves it on office screens: 907 pixels wide on a
1366×768 laptop at 125 % display scaling, 1180 at 100 %. (The test screen's fonts are
narrower than Windows' YaHei: the narrow case is tried narrower still.)"""

from __future__ import annotations

import pytest

from tests.ui.conftest import settled
from tests.ui.members.helpers import add_roster
from ui.members.member_list_page import EMPLOYER_WIDTH, MemberListPage
from ui.members.member_table_model import MemberTableModel


def _page(qtbot, office_db, width: int, height: int) -> MemberListPage:  # type: ignore[no-untyped-def]
    add_roster(office_db)
    page = MemberListPage(office_db)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    page.refresh()
    qtbot.waitExposed(page)
    return page


def _cut_filters(page: MemberListPage) -> list[str]:
    bar = page.filters
    combos = (bar.term, bar.sector, bar.committee, bar.liaison_group, bar.status)
    return [c.currentText() for c in combos if c.isVisible() and c.width() < c.sizeHint().width()]


def test_at_125_percent_the_key_column_and_the_filters_stay_readable(qtbot, office_look, office_db):  # type: ignore[no-untyped-def]
    """The fixed columns left 单位及职务 a few pixels ("县…") and the filters were cut to
    "全部界" and "全部联纟": now the list scrolls sideways and the filters take two rows."""
    page = _page(qtbot, office_db, 760, 510)
    qtbot.waitUntil(lambda: page.filters.wrapped and _cut_filters(page) == [])
    assert page.table.columnWidth(MemberTableModel.EMPLOYER) >= EMPLOYER_WIDTH


@pytest.mark.parametrize("width", [1180, 1600])
def test_with_room_one_row_of_filters_and_the_key_column_stretches(
    qtbot, office_look, office_db, width
):  # type: ignore[no-untyped-def]
    page = _page(qtbot, office_db, width, 660)
    settled(qtbot, page)  # no scroll bar yet is no proof: the layout has run to its end
    assert page.filters.wrapped is False
    assert _cut_filters(page) == []
    assert page.table.columnWidth(MemberTableModel.EMPLOYER) > EMPLOYER_WIDTH
    assert not page.table.horizontalScrollBar().isVisible()
