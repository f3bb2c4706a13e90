"""The city's 单位 filter on the screens that list counties' records (issue 12 item 3)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal
from app.proposals.queries import ProposalFilter, list_proposals
from tests.exchange.city.test_city_view import county_year
from tests.exchange.conftest import Offices
from tests.ui.proposals.conftest import listed
from ui.common.office_filter import READ_ONLY_TIP
from ui.proposals.common import ProposalFiles
from ui.proposals.detail_dialog import ProposalDetailDialog
from ui.proposals.handling.due_tab import DueTab
from ui.proposals.handling.ledger_tab import LedgerTab
from ui.proposals.list_tab import ProposalListTab
from ui.proposals.outputs.statistics_tab import StatisticsTab


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


def _window(qtbot: QtBot, database, uuid: str) -> ProposalDetailDialog:  # type: ignore[no-untyped-def]
    dialog = ProposalDetailDialog(database, ProposalFiles(database), uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_countys_proposal_opens_read_only_at_the_city(offices: Offices, qtbot: QtBot) -> None:
    """It offered 修改登记信息, 交办 and the rest, each refused only after it was filled in,
    and a duplicate check against the city's own register."""
    county_year(offices, offices.county, ("关于甲的建议",))
    [row] = list_proposals(offices.city.database, ProposalFilter(office_code="150523"))
    dialog = _window(qtbot, offices.city.database, row.uuid)
    assert dialog.number.text().startswith("示范县政协　2025-001")
    assert dialog.read_only_note.isVisible()
    assert dialog.read_only_note.text() == f"示范县政协的提案。{READ_ONLY_TIP}"
    panels = (dialog.content, dialog.review, dialog.handling, dialog.supervision)
    hidden = [w for panel in (*panels, dialog.attachments) for w in panel.writes()]
    assert hidden and all(w.isHidden() for w in hidden)
    assert dialog.content.edit_button.isHidden() and dialog.review.similar.isHidden()
    assert not dialog.attachments.open_button.isHidden()  # looking is fine
    assert dialog.supervision.leader.isReadOnly()
    dialog.tabs.setCurrentWidget(dialog.supervision)
    assert dialog.supervision.empty.text() == "尚无督办记录。"

    at_home = list_proposals(offices.county.database, ProposalFilter(year=2025))[0]
    own = _window(qtbot, offices.county.database, at_home.uuid)
    assert not own.read_only_note.isVisible() and own.number.text().startswith("2025-001")
    assert not own.content.edit_button.isHidden() and not own.review.accept_button.isHidden()


def test_the_citys_statistics_say_they_are_its_own(offices: Offices, qtbot: QtBot) -> None:
    county_year(offices, offices.county, ("关于甲的建议",))
    signer, on = (SignerInput("王五"),), date(2025, 1, 10)
    own = ProposalForm(title="关于乙的建议", signers=signer, number="2025-001", submitted_on=on)
    add_proposal(offices.city.database, own)
    tab = StatisticsTab(offices.city.database, ProposalFiles(offices.city.database))
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.summary.text().startswith("本单位2025年共收到提案1件")
    assert "全市汇总" in tab.summary.toolTip()
    county = StatisticsTab(offices.county.database, ProposalFiles(offices.county.database))
    qtbot.addWidget(county)
    county.refresh()
    assert county.summary.text().startswith("2025年共收到提案1件")


def test_the_citys_due_lists_and_ledger_say_they_are_its_own(
    offices: Offices, qtbot: QtBot
) -> None:
    """At the city, 催办 and 督办台账 list the city's own proposals only, and say so."""
    county_year(offices, offices.county, ("关于甲的建议",))
    files = ProposalFiles(offices.city.database)
    due, ledger = DueTab(offices.city.database, files), LedgerTab(offices.city.database)
    for tab in (due, ledger):
        qtbot.addWidget(tab)
        tab.refresh()
        listed(qtbot, tab)
    assert "只列出市政协本单位的提案" in due.note.text()
    assert "只列出市政协本单位的提案" in ledger.status.text()
    county_files = ProposalFiles(offices.county.database)
    county_due = DueTab(offices.county.database, county_files)
    county_ledger = LedgerTab(offices.county.database)
    for tab in (county_due, county_ledger):
        qtbot.addWidget(tab)
        tab.refresh()
        listed(qtbot, tab)
    assert "本单位" not in county_due.note.text()
    assert county_ledger.status.text() == "督办台账中没有未解决的事项。"
