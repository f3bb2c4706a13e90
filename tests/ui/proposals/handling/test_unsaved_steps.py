"""A step dialog, and a proposal's window, keep what the clerk typed: Esc asks first; and
a supervision record is not saved empty by Enter in its date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.proposals.handling.review import set_key_proposal
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import ProposalState
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, accepted, form
from tests.ui.conftest import press, type_text
from tests.ui.proposals.conftest import click
from ui.common.dates import set_day
from ui.proposals.handling.assignment_dialog import AssignmentDialog
from ui.proposals.handling.review_dialogs import RejectDialog
from ui.proposals.handling.supervision_panel import SupervisionDialog


def test_esc_in_a_typed_rejection_asks_and_keeps_it(qtbot, page, office: Office, modal):
    uuid = add_proposal(office.database, form(office, "关于调整某小区物业费的建议"))
    detail = page.open_proposal(uuid)
    click(qtbot, detail.review.reject_button)
    dialog = detail.review.dialog
    assert isinstance(dialog, RejectDialog)
    type_text(qtbot, dialog.passed_to, "县信访局")
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    qtbot.keyClick(dialog.passed_to, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == ["有未保存的内容，确定放弃吗？"]
    assert dialog.isVisible() and dialog.passed_to.text() == "县信访局"

    modal.then(press(asked, "放弃"))
    qtbot.keyClick(dialog.passed_to, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert detail.stage.text() == "待审查"  # nothing was stored
    assert get_proposal_detail(office.database, uuid).row.state is ProposalState.SUBMITTED


def test_esc_in_an_untouched_step_closes_at_once(qtbot, page, office: Office):
    uuid = add_proposal(office.database, form(office, "关于调整某小区物业费的建议"))
    detail = page.open_proposal(uuid)
    click(qtbot, detail.review.reject_button)
    dialog = detail.review.dialog
    assert isinstance(dialog, RejectDialog)
    qtbot.keyClick(dialog.passed_to, Qt.Key.Key_Escape)  # no question: nothing was typed
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_enter_in_the_date_refuses_an_empty_supervision_record(qtbot, page, office, modal):
    uuid = accepted(office)
    detail = page.open_proposal(uuid)
    detail.tabs.setCurrentWidget(detail.supervision)
    click(qtbot, detail.supervision.add_button)
    dialog = detail.supervision.dialog
    assert isinstance(dialog, SupervisionDialog)
    told: list[str] = []
    modal.then(lambda box: (told.append(box.text()), box.accept()))
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: modal.done)
    assert told == ["请填写督办情况（参加人员、听取汇报、提出的要求……）。"]
    assert dialog.isVisible()
    assert get_proposal_detail(office.database, uuid).supervision == ()


def test_closing_a_transfer_with_a_chosen_unit_asks(qtbot, page, office: Office, modal):
    """转办/交办: a unit put on the list counts as typed; looking one up does not."""
    uuid = accepted(office)
    detail = page.open_proposal(uuid)
    detail.tabs.setCurrentWidget(detail.handling)
    click(qtbot, detail.handling.assign_button)
    dialog = detail.handling.dialog
    assert isinstance(dialog, AssignmentDialog)
    type_text(qtbot, dialog.search, "教育")
    dialog.search.clear()
    dialog.unit_list.setCurrentRow(0)
    click(qtbot, dialog.add_button)
    assert dialog.chosen_list.count() == 1
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == ["有未保存的内容，确定放弃吗？"] and dialog.isVisible()
    modal.then(press(asked, "放弃"))
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_proposal_detail(office.database, uuid).current_assignments == ()


def test_looking_up_a_unit_alone_closes_at_once(qtbot, page, office: Office):
    detail = page.open_proposal(accepted(office))
    detail.tabs.setCurrentWidget(detail.handling)
    click(qtbot, detail.handling.assign_button)
    dialog = detail.handling.dialog
    assert isinstance(dialog, AssignmentDialog)
    type_text(qtbot, dialog.search, "教育")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_closing_the_window_with_a_typed_supervising_leader_asks(qtbot, page, office, modal):
    """督办领导 typed but not yet saved (保存督办领导): Esc closed the proposal's window and
    the name was gone; once saved, the window closes at once."""
    uuid = accepted(office)
    set_key_proposal(office.database, uuid, True)
    detail = page.open_proposal(uuid)
    detail.tabs.setCurrentWidget(detail.supervision)
    type_text(qtbot, detail.supervision.leader, "县政协副主席李明")
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    qtbot.keyClick(detail.supervision.leader, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == ["有未保存的内容，确定放弃吗？"]
    assert detail.isVisible() and detail.supervision.leader.text() == "县政协副主席李明"

    click(qtbot, detail.supervision.save_leader_button)
    assert get_proposal_detail(office.database, uuid).supervisor == "县政协副主席李明"
    qtbot.keyClick(detail.supervision.leader, Qt.Key.Key_Escape)  # saved: no question
    qtbot.waitUntil(lambda: not detail.isVisible())


def test_a_chosen_review_date_or_attachment_kind_is_no_entry_to_keep(qtbot, page, office):
    """审查日期 and 附件用途 only prepare the next step: the window closes at once."""
    detail = page.open_proposal(add_proposal(office.database, form(office)))
    set_day(detail.review.day, date(2025, 3, 1))
    purpose = detail.attachments.purpose
    purpose.setCurrentIndex(purpose.count() - 1)
    assert _questions_on_closing(detail) == []
    assert not detail.isVisible()


def _questions_on_closing(window: QDialog) -> list[str]:
    """Closes `window` (Esc); a question, if one comes, is answered 放弃 and returned
    (unanswered, it would hold the test for ever)."""
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.text() not in asked:
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == "放弃").click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    window.reject()
    timer.stop()
    return asked
