"""协商成果 on the 协商 page: an outcome taken from its meeting, sent, with a leader's
批示, a department's 落实情况 and the feedback to the members; bad dates refused."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from app.consultation.labels import OutcomeKind, TopicStatus
from app.consultation.outcomes import outcomes
from app.consultation.plan import plans
from tests.ui.conftest import ModalAnswers, type_text
from tests.ui.consultation.conftest import PLAN_YEAR, click, shown
from ui.common.dates import set_day
from ui.consultation.outcomes.instruction_dialogs import FollowUpDialog, InstructionDialog
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.page import ConsultationPage


@pytest.fixture
def page(qtbot, office_db, meeting) -> ConsultationPage:  # type: ignore[no-untyped-def]
    widget = ConsultationPage(office_db)
    qtbot.addWidget(widget)
    widget.resize(1340, 700)
    widget.show()
    widget.show_year(PLAN_YEAR)
    widget.tabs.setCurrentWidget(widget.outcomes)
    return widget


def choose_meeting(dialog: OutcomeDialog, title_part: str) -> None:
    """As the clerk picks it from the list (activated: chosen by hand)."""
    index = next(
        i for i in range(dialog.meeting.count()) if title_part in dialog.meeting.itemText(i)
    )
    dialog.meeting.setCurrentIndex(index)
    dialog.meeting.activated.emit(index)


def test_an_outcome_with_a_leaders_instruction_follow_up_and_feedback(
    qtbot, page, office_db, topic, meeting
) -> None:
    tab = page.outcomes
    assert "尚未登记协商成果" in tab.empty.text()
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, OutcomeDialog) and dialog.isVisible()
    choose_meeting(dialog, "专题协商会")
    assert dialog.kind.currentText() == "政协党组报告"
    assert dialog.title_edit.text() == "关于农村牧区人居环境整治的政协党组报告"
    assert dialog.topic.currentText() == "1. 农村牧区人居环境整治"
    dialog.sent_on.set_value(date(PLAN_YEAR, 6, 5))
    dialog.picker.toggle_row(dialog.picker.proxy.index(dialog.picker.row_of("张建国"), 0))

    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.instructions.add_button)  # saves the outcome first
    assert dialog.uuid is not None and dialog.status.text() == "协商成果已保存。"
    instruction = dialog.instructions.dialog
    assert isinstance(instruction, InstructionDialog)
    type_text(qtbot, instruction.who, "县委书记 李明远")
    set_day(instruction.day, date(PLAN_YEAR, 6, 12))
    type_text(qtbot, instruction.text, "请县住建局认真研究落实。")
    click(qtbot, instruction.save_button)
    qtbot.waitUntil(lambda: not instruction.isVisible())
    assert shown(dialog.instructions.table) == ["县委书记 李明远"]
    assert shown(tab.table, 7) == ["已批示"]  # the list behind follows at once

    click(qtbot, dialog.follow_ups.add_button)
    follow_up = dialog.follow_ups.dialog
    assert isinstance(follow_up, FollowUpDialog)
    type_text(qtbot, follow_up.who, "县住房和城乡建设局")
    follow_up.day.set_value(date(PLAN_YEAR, 7, 20))
    type_text(qtbot, follow_up.text, "已纳入年度计划。")
    click(qtbot, follow_up.save_button)
    qtbot.waitUntil(lambda: not follow_up.isVisible())

    dialog.tabs.setCurrentIndex(0)
    dialog.feedback_on.set_value(date(PLAN_YEAR, 8, 1))
    dialog.proposals.setValue(2)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert shown(tab.table, 1) == ["关于农村牧区人居环境整治的政协党组报告"]
    assert [shown(tab.table, c)[0] for c in (3, 4, 5, 6, 7)] == [
        f"{PLAN_YEAR}-06-05", "1", "1", f"{PLAN_YEAR}-08-01", "已反馈",
    ]  # fmt: skip
    [row] = outcomes.list_outcomes(office_db, PLAN_YEAR)
    detail = outcomes.get_outcome(office_db, row.uuid)
    assert (detail.form.kind, detail.form.meeting_uuid, detail.form.proposals_made) == (
        OutcomeKind.PARTY_GROUP_REPORT,
        meeting,
        2,
    )
    assert [m for _, m in detail.members] == ["张建国"]
    assert [(i.leader, i.instructed_on) for i in detail.instructions] == [
        ("县委书记 李明远", date(PLAN_YEAR, 6, 12))
    ]
    assert plans.get_plan(office_db, PLAN_YEAR).topics[0].status is TopicStatus.CLOSED
    assert "已反馈委员 1 件" in page.figures.text() and "提案 2 件" in page.figures.text()


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (date(PLAN_YEAR, 6, 1), f"批示日期：{PLAN_YEAR}年6月1日早于成果报送日期"),
        (date(PLAN_YEAR, 6, 9), "批示内容：请填写"),  # a right date, but no content
    ],
)
def test_a_wrong_instruction_is_refused_and_kept_open(
    qtbot, page, office_db, meeting, modal: ModalAnswers, day: date, said: str
) -> None:
    click(qtbot, page.outcomes.add_button)
    dialog = page.outcomes.dialog
    choose_meeting(dialog, "专题协商会")
    dialog.sent_on.set_value(date(PLAN_YEAR, 6, 5))
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.instructions.add_button)
    instruction = dialog.instructions.dialog
    type_text(qtbot, instruction.who, "县长 王建华")
    set_day(instruction.day, day)
    seen: list[str] = []
    modal.seen.extend([dialog, instruction])

    def read(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    modal.then(read)
    click(qtbot, instruction.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert said in seen[0]
    assert instruction.isVisible() and instruction.who.text() == "县长 王建华"
    assert dialog.instructions.model.rowCount() == 0
    [row] = outcomes.list_outcomes(office_db, PLAN_YEAR)
    assert row.instructions == 0


def test_an_outcome_sent_before_its_year_is_refused_and_not_saved(
    qtbot, page, office_db, meeting, modal: ModalAnswers
) -> None:
    click(qtbot, page.outcomes.add_button)
    dialog = page.outcomes.dialog
    choose_meeting(dialog, "专题协商会")
    dialog.sent_on.set_value(date(PLAN_YEAR - 1, 12, 30))
    seen: list[str] = []
    modal.seen.append(dialog)
    modal.then(lambda box: (seen.append(box.text()), box.accept()))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert f"不在{PLAN_YEAR}年或次年内" in seen[0]
    assert outcomes.list_outcomes(office_db) == []
