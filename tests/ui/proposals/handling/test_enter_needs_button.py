"""A step that cannot simply be taken back (不予立案, 转办, 并案, 延期, 退回调整, 评价, 销号)
runs only when its button is clicked: Enter in a field (a reason typed, then Enter out of
habit) or Ctrl+S left the proposal rejected, converted, handed back … at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import ProposalState, Satisfaction
from app.proposals.queries import get_proposal_detail
from app.proposals.views import ProposalDetail
from tests.proposals.helpers import Office, assigned, form
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed
from ui.common.dates import set_day
from ui.proposals.common import ActionDialog
from ui.proposals.page import ProposalsPage

EDUCATION = "县教育和体育局"


@dataclass
class Step:
    dialog: ActionDialog
    field: QWidget  # where the clerk presses Enter
    done: Callable[[ProposalDetail], bool]  # whether the step is stored


def _review(qtbot, page: ProposalsPage, office: Office, button: str) -> tuple[str, ActionDialog]:
    uuid = add_proposal(office.database, form(office, "关于调整某小区物业费的建议"))
    detail = page.open_proposal(uuid)
    click(qtbot, getattr(detail.review, button))
    return uuid, detail.review.dialog


def reject(qtbot, page, office) -> tuple[str, Step]:
    uuid, dialog = _review(qtbot, page, office, "reject_button")
    type_text(qtbot, dialog.passed_to, "县信访局")
    return uuid, Step(dialog, dialog.passed_to, lambda d: d.row.state is ProposalState.REJECTED)


def convert(qtbot, page, office) -> tuple[str, Step]:
    uuid, dialog = _review(qtbot, page, office, "convert_button")
    type_text(qtbot, dialog.passed_to, "县住房和城乡建设局")
    return uuid, Step(dialog, dialog.passed_to, lambda d: d.row.state is ProposalState.CONVERTED)


def merge(qtbot, page, office) -> tuple[str, Step]:
    add_proposal(office.database, form(office, "关于加强农村学校校舍安全的建议"))
    uuid, dialog = _review(qtbot, page, office, "merge_button")
    dialog.table.selectRow(0)
    return uuid, Step(dialog, dialog.day, lambda d: d.row.state is ProposalState.MERGED)


def _unit_step(qtbot, page, office, button: str, uuid: str | None = None):
    uuid = uuid or assigned(office)  # 2025-03-15
    detail = page.open_proposal(uuid)
    detail.tabs.setCurrentWidget(detail.handling)
    click(qtbot, getattr(detail.handling, button))
    return uuid, detail.handling.dialog


def extend(qtbot, page, office) -> tuple[str, Step]:
    uuid, dialog = _unit_step(qtbot, page, office, "extend_button")
    type_text(qtbot, dialog.reason, "需跨部门协调")
    return uuid, Step(dialog, dialog.reason, lambda d: d.assignments[0].extended_to is not None)


def hand_back(qtbot, page, office) -> tuple[str, Step]:
    uuid, dialog = _unit_step(qtbot, page, office, "hand_back_button")
    set_day(dialog.day, date(2025, 3, 21))  # within the five working days
    type_text(qtbot, dialog.reason, "不属于本单位职责")
    return uuid, Step(dialog, dialog.reason, lambda d: d.assignments[0].returned_on is not None)


def rate(qtbot, page, office) -> tuple[str, Step]:
    uuid = assigned(office)
    record_reply(office.database, uuid, office.units[EDUCATION], date(2025, 5, 1), "A")
    uuid, dialog = _unit_step(qtbot, page, office, "rate_button", uuid)
    dialog.choose(Satisfaction.DISSATISFIED)
    type_text(qtbot, dialog.comment, "问题未解决")
    return uuid, Step(dialog, dialog.comment, lambda d: d.assignments[0].satisfaction is not None)


def close_ledger_item(qtbot, page, office) -> tuple[str, Step]:
    uuid = assigned(office)
    unit = office.units[EDUCATION]
    record_reply(office.database, uuid, unit, date(2025, 5, 1), "B")
    rate_reply(office.database, uuid, unit, Satisfaction.BASIC, "", date(2025, 5, 10))
    page.tabs.setCurrentWidget(page.ledger)
    listed(qtbot, page.ledger)
    page.ledger.table.selectRow(0)
    click(qtbot, page.ledger.close_button)
    dialog = page.ledger.dialog
    type_text(qtbot, dialog.note, "校舍已改造完成")
    closed = lambda d: any(a.ledger_closed_on is not None for a in d.assignments)  # noqa: E731
    return uuid, Step(dialog, dialog.note, closed)


STEPS = (reject, convert, merge, extend, hand_back, rate, close_ledger_item)


@pytest.mark.parametrize("open_step", STEPS, ids=lambda f: f.__name__)
def test_enter_in_a_field_does_not_run_a_step_that_cannot_be_taken_back(
    qtbot, page, office: Office, open_step
):
    uuid, step = open_step(qtbot, page, office)
    qtbot.waitExposed(step.dialog)
    step.dialog.activateWindow()
    qtbot.waitUntil(step.dialog.isActiveWindow)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(step.field, key)
    qtbot.keyClick(step.field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # Nothing to wait for: the keys would have run the step at once (the default button
    # and the shortcut call it directly); the short wait only lets through whatever the
    # keys may have queued.
    qtbot.wait(50)
    assert step.dialog.isVisible()  # with what was typed, nothing stored
    assert not step.done(get_proposal_detail(office.database, uuid))

    click(qtbot, step.dialog.ok_button)  # the button itself runs it
    qtbot.waitUntil(lambda: not step.dialog.isVisible())
    assert step.done(get_proposal_detail(office.database, uuid))
