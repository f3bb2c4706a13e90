"""Esc (or 取消, or the ×) in a consultation dialog asks before throwing typed data away,
and closes at once when nothing was changed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.consultation.outcomes.outcomes import list_outcomes
from app.consultation.plan import plans
from app.consultation.plan.plans import PlanForm
from tests.ui.conftest import DISCARD_QUESTION, opened, press, type_text
from tests.ui.consultation.conftest import PLAN_YEAR
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.plan.plan_dialogs import TopicDialog


def test_esc_in_a_typed_topic_asks_and_keeps_it(qtbot, office_db, roster, modal) -> None:
    plans.save_plan(office_db, PLAN_YEAR, PlanForm())
    dialog = opened(qtbot, TopicDialog(office_db, PLAN_YEAR))
    type_text(qtbot, dialog.title_edit, "农村人居环境整治")
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == [DISCARD_QUESTION]
    assert dialog.isVisible() and dialog.title_edit.text() == "农村人居环境整治"

    modal.then(press(asked, "放弃"))
    dialog.cancel_button.click()  # 取消 asks the same
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert asked == [DISCARD_QUESTION, DISCARD_QUESTION]
    plan = plans.get_plan(office_db, PLAN_YEAR)
    assert plan is not None and plan.topics == ()


def test_an_untouched_topic_closes_at_once(qtbot, office_db, roster) -> None:
    plans.save_plan(office_db, PLAN_YEAR, PlanForm())
    dialog = opened(qtbot, TopicDialog(office_db, PLAN_YEAR))
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_closing_an_outcome_with_a_ticked_member_asks(qtbot, office_db, roster, modal) -> None:
    """Ticking a member is a change; typing in the member search box is not."""
    dialog = opened(qtbot, OutcomeDialog(office_db, PLAN_YEAR))
    dialog.picker.toggle_row(dialog.picker.proxy.index(0, 0))
    assert len(dialog.picker.chosen()) == 1
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    assert not dialog.close()  # the window's ×
    qtbot.waitUntil(lambda: modal.done)
    assert asked == [DISCARD_QUESTION] and dialog.isVisible()

    dialog.picker.toggle_row(dialog.picker.proxy.index(0, 0))  # ticked off again
    type_text(qtbot, dialog.picker.search, "zz")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)  # back as it was: no question
    assert not dialog.isVisible()
    assert list_outcomes(office_db) == []
