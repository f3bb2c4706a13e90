"""The city's 单位 filter on the screens that list counties' records (issue 12 item 3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.exchange.conftest import Offices
from tests.exchange.test_city_view import county_year
from tests.ui.proposals.conftest import listed
from ui.common.office_filter import READ_ONLY_TIP
from ui.proposals.list_tab import ProposalListTab


def _titles(tab: ProposalListTab) -> list[str]:
    """案由 as the table shows them."""
    return sorted(tab.model.index(r, 1).data() for r in range(tab.model.rowCount()))


def _choose(qtbot: QtBot, tab: ProposalListTab, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `text` and wait for the rows (read on a worker thread)."""
    combo.setCurrentIndex(combo.findText(text))
    listed(qtbot, tab)


def test_the_city_lists_one_countys_proposals_read_only(offices: Offices, qtbot: QtBot) -> None:
    county_year(offices, offices.county, ("关于甲的建议", "关于乙的建议"))
    county_year(offices, offices.second, ("关于丙的建议",))
    tab = ProposalListTab(offices.city.database)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    listed(qtbot, tab)
    assert tab.office.isVisible()
    combo = tab.office.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "本单位",
        "示范县政协",
        "邻旗政协",
        "全部",
    ]
    assert tab.model.rowCount() == 0  # the city's own: none yet
    _choose(qtbot, tab, combo, "示范县政协")
    _choose(qtbot, tab, tab.year, "2025年")
    assert _titles(tab) == ["关于乙的建议", "关于甲的建议"]
    assert not tab.new_button.isEnabled() and tab.new_button.toolTip() == READ_ONLY_TIP
    tab.table.selectRow(0)
    assert tab.open_button.isEnabled()  # looking is fine
    assert not tab.delete_button.isEnabled()
    assert tab.delete_button.toolTip() == READ_ONLY_TIP
    _choose(qtbot, tab, combo, "邻旗政协")
    assert _titles(tab) == ["关于丙的建议"]
    _choose(qtbot, tab, combo, "全部")
    assert len(_titles(tab)) == 3
    assert tab.new_button.isEnabled()  # the city's own proposals are entered here
    _choose(qtbot, tab, combo, "本单位")
    assert tab.model.rowCount() == 0
    assert tab.new_button.isEnabled() and tab.new_button.toolTip() != READ_ONLY_TIP


def test_a_county_sees_no_office_filter(offices: Offices, qtbot: QtBot) -> None:
    county_year(offices, offices.county, ("关于甲的建议",))
    tab = ProposalListTab(offices.county.database)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    listed(qtbot, tab)
    assert not tab.office.isVisible()
    _choose(qtbot, tab, tab.year, "2025年")
    tab.table.selectRow(0)
    assert tab.delete_button.isEnabled()


def test_under_all_a_unit_column_tells_the_offices_apart(offices: Offices, qtbot: QtBot) -> None:
    """Each county numbers from 第0001号: under 全部 the same number and title came once per
    county, with nothing on screen to say whose was which."""
    county_year(offices, offices.county, ("关于甲的建议",))
    county_year(offices, offices.second, ("关于甲的建议",))
    tab = ProposalListTab(offices.city.database)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    listed(qtbot, tab)
    header = tab.table.horizontalHeader()
    column = [
        tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())
    ].index("单位")
    _choose(qtbot, tab, tab.office.combo, "示范县政协")
    _choose(qtbot, tab, tab.year, "2025年")
    assert tab.table.isColumnHidden(column)  # one office: no need
    _choose(qtbot, tab, tab.office.combo, "全部")
    assert not tab.table.isColumnHidden(column)
    assert header.visualIndex(column) == 0  # read first, before 提案号
    units = sorted(tab.filter.index(r, column).data() for r in range(tab.filter.rowCount()))
    assert units == ["示范县政协", "邻旗政协"]
    wide = tab.table.fontMetrics().horizontalAdvance("示范县政协")
    assert tab.table.columnWidth(column) >= wide  # whole names, not "示…"
    _choose(qtbot, tab, tab.office.combo, "本单位")
    assert tab.table.isColumnHidden(column)
