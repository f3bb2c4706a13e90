"""催办 and 督办台账 read their rows off the GUI thread (350 open items in a big county took
0.3 s, and the window froze at every refresh): "正在读取…" and no buttons meanwhile, only
the newest read shown, and after a step taken the rows are current and the item the clerk
chose is chosen again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.handling.supervision import close_ledger_item
from app.proposals.labels import Satisfaction, UnitRole
from tests.proposals.helpers import Office, accepted, assigned
from tests.ui.conftest import BUSY, StartedJobs, busy_database, note_and_close, type_text
from tests.ui.proposals.conftest import click, listed, shown
from ui.common.dates import set_day
from ui.proposals.handling import due_tab, ledger_tab
from ui.proposals.page import ProposalsPage

TODAY = date(2025, 8, 10)
EDUCATION, ROADS = "县教育和体育局", "县交通运输局"


class Gate:
    """Wraps a service: each call notes its thread and waits until let through, so a
    test can look at the tab while the read is under way."""

    def __init__(self, service: Callable[..., Any]) -> None:
        self.service = service
        self.threads: list[threading.Thread] = []
        self.calls: list[tuple[Any, ...]] = []
        self.opened: list[threading.Event] = []
        self.returned: list[int] = []  # the calls that have returned, by number

    def __call__(self, *args: Any) -> Any:
        opened = threading.Event()
        self.opened.append(opened)
        self.calls.append(args)
        self.threads.append(threading.current_thread())
        opened.wait(10)  # on the GUI thread (the old code) this froze the window 10 s
        try:
            return self.service(*args)
        finally:
            self.returned.append(self.opened.index(opened))

    def open(self, which: Callable[[tuple[Any, ...]], bool] = lambda _args: True) -> None:
        """Let through the calls whose arguments `which` accepts."""
        for args, opened in zip(self.calls, self.opened, strict=True):
            if which(args):
                opened.set()

    def open_all(self) -> None:
        for opened in self.opened:
            opened.set()


@pytest.fixture
def gate(monkeypatch) -> Iterator[Callable[[Any, str], Gate]]:
    made: list[Gate] = []

    def install(module: Any, name: str) -> Gate:
        wrapped = Gate(getattr(module, name))
        monkeypatch.setattr(module, name, wrapped)
        made.append(wrapped)
        return wrapped

    yield install
    for each in made:  # a read still held when a test failed must not hang the others
        each.open_all()


def due_items(qtbot, page: ProposalsPage, office: Office) -> None:
    """Two units overdue (教育, 交通) and one due soon (交通), shown on 催办."""
    assigned(office)  # 2025-03-15 → due 2025-06-15
    assigned(office, ROADS)
    soon = accepted(office, "关于改善农村公路养护的建议")
    assign_proposal(
        office.database, soon, [UnitChoice(office.units[ROADS], UnitRole.LEAD)], date(2025, 5, 20)
    )  # due 2025-08-20
    page.due.today = TODAY
    page.tabs.setCurrentWidget(page.due)
    listed(qtbot, page.due)


def ledger_items(qtbot, page: ProposalsPage, office: Office) -> None:
    """Two B replies only basically satisfied: two ledger items (教育, 交通)."""
    for unit in (EDUCATION, ROADS):
        uuid = assigned(office, unit)
        record_reply(office.database, uuid, office.units[unit], date(2025, 5, 1), "B")
        rate_reply(
            office.database, uuid, office.units[unit], Satisfaction.BASIC, "", date(2025, 5, 10)
        )
    page.ledger.today = TODAY  # not carried into another year
    page.tabs.setCurrentWidget(page.ledger)
    listed(qtbot, page.ledger)


def test_the_due_lists_are_read_off_the_gui_thread(qtbot, page, office, gate):
    due_items(qtbot, page, office)
    due = page.due
    due.overdue.selectRow(1)
    assert due.selected().unit_name == ROADS
    held = gate(due_tab, "due_lists")

    due.refresh()
    assert due.reading.text() == "正在读取…"
    assert not due.open_button.isEnabled() and not due.reminder_button.isEnabled()
    qtbot.waitUntil(lambda: len(held.calls) == 1)  # the window goes on while the read waits
    assert due.loading() and due.reading.text() == "正在读取…"
    row = due.overdue.visualRect(due.overdue.model().index(1, 0)).center()
    qtbot.mouseDClick(due.overdue.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert page.detail is None  # a row that may be gone opens nothing

    held.open()
    listed(qtbot, due)
    assert held.threads and threading.main_thread() not in held.threads
    assert due.reading.text() == ""
    assert due.selected().unit_name == ROADS  # the choice kept
    assert due.open_button.isEnabled() and due.reminder_button.isEnabled()


def test_after_an_extension_the_due_lists_are_current_and_the_item_still_chosen(
    qtbot, page, office
):
    due_items(qtbot, page, office)
    due = page.due
    assert shown(due.overdue, 3) == [EDUCATION, ROADS]
    due.overdue.selectRow(1)
    click(qtbot, due.open_button)
    detail = page.detail
    detail.tabs.setCurrentWidget(detail.handling)
    click(qtbot, detail.handling.extend_button)
    dialog = detail.handling.dialog
    set_day(dialog.day, date(2025, 8, 25))
    type_text(qtbot, dialog.reason, "需跨部门协调")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    detail.reject()
    qtbot.waitUntil(lambda: page.detail is None)

    listed(qtbot, due)
    assert shown(due.overdue, 3) == [EDUCATION]
    assert due.overdue_title.text() == "逾期未答复（1）"
    assert due.soon_title.text() == "即将到期：15天内到期（2）"
    assert shown(due.soon, 6) == ["2025-08-20", "2025-08-25"]
    # The item chosen before is chosen again, now in the other list.
    assert not due.overdue.selectionModel().hasSelection()
    chosen = due.selected()
    assert chosen is not None and chosen.unit_name == ROADS and chosen.due == date(2025, 8, 25)
    assert due.reminder_button.isEnabled()

    # A reply takes the chosen item off the lists: nothing is chosen, nothing to act on.
    record_reply(office.database, chosen.proposal_uuid, chosen.unit_uuid, TODAY, "A")
    due.refresh()
    listed(qtbot, due)
    assert shown(due.soon, 6) == ["2025-08-20"]
    assert due.selected() is None and not due.reminder_button.isEnabled()


def test_the_ledger_is_read_off_the_gui_thread_and_shows_the_newest_read(
    qtbot, page, office, gate, jobs: StartedJobs
):
    ledger_items(qtbot, page, office)
    ledger = page.ledger
    ledger.table.selectRow(0)
    uuid = ledger.selected().proposal_uuid
    close_ledger_item(office.database, uuid, office.units[EDUCATION], TODAY, "校舍已改造完成")
    held = gate(ledger_tab, "supervision_ledger")

    ledger.refresh()  # without the closed item
    assert ledger.reading.text() == "正在读取…"
    assert not ledger.open_button.isEnabled() and not ledger.close_button.isEnabled()
    click(qtbot, ledger.include_closed)  # a newer read, with it
    qtbot.waitUntil(lambda: len(held.calls) == 2)
    qtbot.wait(100)  # held, neither read can end: the tab must go on saying so meanwhile
    assert ledger.loading() and ledger.reading.text() == "正在读取…"
    held.open(lambda args: args[2])  # the newer read (include_closed) ends first: shown
    listed(qtbot, ledger)
    assert shown(ledger.table, 3) == [EDUCATION, ROADS]
    older = [args[2] for args in held.calls].index(False)
    held.open()  # the older read ends last: its rows (without the closed item) not shown
    qtbot.waitUntil(lambda: older in held.returned)
    # What the older read brings (or its cancelling) has reached the tab.
    qtbot.waitUntil(jobs.all_ended, timeout=10_000)
    assert shown(ledger.table, 3) == [EDUCATION, ROADS]
    assert shown(ledger.table, 10) == [TODAY.isoformat(), ""]
    assert threading.main_thread() not in held.threads
    assert ledger.reading.text() == ""
    assert ledger.selected().proposal_uuid == uuid  # still chosen; closed: no 销号 again
    assert ledger.open_button.isEnabled() and not ledger.close_button.isEnabled()


def test_after_supervision_and_closing_the_ledger_is_current_and_the_item_still_chosen(
    qtbot, page, office
):
    ledger_items(qtbot, page, office)
    ledger = page.ledger
    assert shown(ledger.table, 3) == [EDUCATION, ROADS]
    ledger.table.selectRow(1)

    # 督办 recorded in the proposal's window: 最近督办 says it when the window closes.
    click(qtbot, ledger.open_button)
    detail = page.detail
    detail.tabs.setCurrentWidget(detail.supervision)
    click(qtbot, detail.supervision.add_button)
    dialog = detail.supervision.dialog
    dialog.kind.setCurrentText("实地督办")
    type_text(qtbot, dialog.content, "到现场察看道路养护")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    detail.reject()
    qtbot.waitUntil(lambda: page.detail is None)
    listed(qtbot, ledger)
    assert shown(ledger.table, 8) == ["", date.today().isoformat()]
    assert ledger.selected().unit_name == ROADS

    # 销号 with the closed items shown: the item stays, chosen, and cannot be closed again.
    click(qtbot, ledger.include_closed)
    listed(qtbot, ledger)
    assert ledger.selected().unit_name == ROADS
    click(qtbot, ledger.close_button)
    closing = ledger.dialog
    type_text(qtbot, closing.note, "道路已修复")
    click(qtbot, closing.ok_button)
    qtbot.waitUntil(lambda: not closing.isVisible())
    assert ledger.status.text() == "已销号。"  # the counts come with the rows
    listed(qtbot, ledger)
    assert ledger.status.text() == "已销号。台账在办事项 1 项，其中往年结转 0 项。"
    assert shown(ledger.table, 10) == ["", date.today().isoformat()]
    assert ledger.selected().unit_name == ROADS
    assert ledger.open_button.isEnabled() and not ledger.close_button.isEnabled()


@pytest.mark.parametrize("which", ["due", "ledger"])
def test_a_read_that_fails_says_so_and_keeps_the_rows_read_before(
    qtbot, page, office, monkeypatch, modal, which
):
    if which == "due":
        due_items(qtbot, page, office)
        tab, table, module, service = page.due, page.due.overdue, due_tab, "due_lists"
        said = "未能读取催办事项，列表中仍是上次读取的内容。"
    else:
        ledger_items(qtbot, page, office)
        tab, table, module, service = (
            page.ledger,
            page.ledger.table,
            ledger_tab,
            "supervision_ledger",
        )
        said = "未能读取督办台账，列表中仍是上次读取的内容。"
    table.selectRow(1)
    before = shown(table, 3)

    monkeypatch.setattr(module, service, busy_database)
    messages: list[str] = []
    modal.then(note_and_close(messages), QMessageBox)
    tab.refresh()
    listed(qtbot, tab)
    qtbot.waitUntil(lambda: modal.done)
    assert messages[0].startswith(BUSY)
    assert tab.reading.text() == said
    assert shown(table, 3) == before
    assert tab.selected() is not None and tab.open_button.isEnabled()
