"""催办 (overdue and due-soon lists, the 催办函) and 督办台账 (carried items, 销号)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.handling.supervision import supervision_ledger
from app.proposals.labels import Satisfaction, UnitRole
from tests.proposals.helpers import Office, accepted, assigned
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed, save_into, shown
from ui.proposals.handling.ledger_tab import CloseItemDialog
from ui.proposals.page import ProposalsPage

TODAY = date(2025, 8, 10)
EDUCATION, ROADS = "县教育和体育局", "县交通运输局"


def due_page(qtbot, page: ProposalsPage, office: Office) -> tuple[str, str]:
    late = assigned(office)  # 2025-03-15 → due 2025-06-15: 56 days overdue on TODAY
    soon = accepted(office, "关于改善农村公路养护的建议")
    assign_proposal(
        office.database, soon, [UnitChoice(office.units[ROADS], UnitRole.LEAD)], date(2025, 5, 20)
    )  # due 2025-08-20: in 10 days
    page.due.today = TODAY
    page.tabs.setCurrentWidget(page.due)
    listed(qtbot, page.due)
    return late, soon


def test_overdue_and_due_soon_lists(qtbot, page, office, tmp_path: Path):
    late, _soon = due_page(qtbot, page, office)
    due = page.due
    assert due.overdue_title.text() == "逾期未答复（1）"
    assert due.soon_title.text() == "即将到期：15天内到期（1）"
    assert shown(due.overdue, 3) == [EDUCATION]
    assert shown(due.overdue, 7) == ["逾期56天"]
    assert shown(due.overdue, 6) == ["2025-06-15"]
    assert shown(due.soon, 3) == [ROADS]
    assert shown(due.soon, 7) == ["剩10天"]
    assert not due.reminder_button.isEnabled()  # nothing chosen yet

    # The 催办函 to the chosen unit, read back.
    due.overdue.selectRow(0)
    assert due.reminder_button.isEnabled()
    save_into(page, tmp_path)
    click(qtbot, due.reminder_button)
    qtbot.waitUntil(lambda: due.output.path is not None)
    written = due.output.path
    assert written.name == f"催办函（{EDUCATION}，20250810）.docx"
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert f"{EDUCATION}：" in text
    assert "已超过办理期限尚未答复的1件" in text
    table = [[c.text for c in row.cells] for row in Document(str(written)).tables[0].rows]
    assert table[1][-1] == "逾期56天"

    # Choosing in one list clears the other; a double-click opens the proposal.
    due.soon.selectRow(0)
    assert not due.overdue.selectionModel().hasSelection()
    assert due.selected().unit_name == ROADS
    due.overdue.selectRow(0)
    click(qtbot, due.open_button)
    assert page.detail is not None and page.detail.uuid == late

    # A reply takes it off the list.
    record_reply(office.database, late, office.units[EDUCATION], date(2025, 8, 1), "A")
    page.detail.reject()
    qtbot.waitUntil(lambda: page.detail is None)
    listed(qtbot, due)
    assert due.overdue_title.text() == "逾期未答复（0）"
    assert shown(due.overdue, 3) == []


def test_the_handling_table_says_how_long_a_unit_is_overdue(qtbot, page, office):
    """Where the late reply is entered, the unit's line says it is overdue, not just 办理中."""
    late, _soon = due_page(qtbot, page, office)
    page.due.overdue.selectRow(0)
    click(qtbot, page.due.open_button)
    assert page.detail is not None and page.detail.uuid == late
    days = (date.today() - date(2025, 6, 15)).days
    assert shown(page.detail.handling.table, 9) == [f"办理中（逾期{days}天）"]


def test_the_search_narrows_both_lists(qtbot, page, office):
    due_page(qtbot, page, office)
    type_text(qtbot, page.due.search, "公路")
    assert shown(page.due.overdue, 3) == []
    assert shown(page.due.soon, 3) == [ROADS]


def test_the_ledger_carries_unresolved_items_until_closed(qtbot, page, office):
    uuid = assigned(office)
    unit = office.units[EDUCATION]
    record_reply(office.database, uuid, unit, date(2025, 5, 1), "B")
    rate_reply(office.database, uuid, unit, Satisfaction.BASIC, "", date(2025, 5, 10))
    page.ledger.today = date(2026, 3, 1)
    page.tabs.setCurrentWidget(page.ledger)
    ledger = listed(qtbot, page.ledger)
    assert shown(ledger.table, 3) == [EDUCATION]
    assert shown(ledger.table, 4) == ["承诺事项未落实（2025.5.1答复）"]
    assert shown(ledger.table, 9) == ["1年"]  # carried into the next year
    assert ledger.status.text() == "台账在办事项 1 项，其中往年结转 1 项。"

    ledger.table.selectRow(0)
    click(qtbot, ledger.close_button)
    dialog = ledger.dialog
    assert isinstance(dialog, CloseItemDialog)
    type_text(qtbot, dialog.note, "校舍已改造完成")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    listed(qtbot, ledger)
    assert shown(ledger.table, 3) == []
    assert ledger.status.text().startswith("已销号。")
    click(qtbot, ledger.include_closed)
    listed(qtbot, ledger)
    assert shown(ledger.table, 10) == [date.today().isoformat()]
    [item] = supervision_ledger(office.database, include_closed=True)
    assert item.closing_note == "校舍已改造完成"
