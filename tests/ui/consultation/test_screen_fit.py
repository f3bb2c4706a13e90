"""协商's dialogs on a county clerk's laptop (1366×768 at 125 % display scaling): each
fits the screen with its 保存 in sight (they opened 980 to 1100 wide and 640 tall, the
buttons below the screen's edge)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from app.common.storage import Database
from tests.ui.conftest import bottom_of, fits_on
from tests.ui.consultation.conftest import MEETING_DAY, PLAN_YEAR
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.page import ConsultationPage
from ui.consultation.plan.plan_tab import TOPIC_WIDTH
from ui.consultation.plan.research_dialog import ResearchDialog


def _shown(qtbot, dialog: QDialog) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog, before_close_func=lambda w: QDialog.done(w, 0))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _in_sight(dialog: QDialog, button: QWidget) -> bool:
    return button.isVisible() and bottom_of(button, dialog) < dialog.height()


def test_the_meeting_editor_fits_with_every_tab(
    qtbot, office_look, office_db: Database, meeting, clerk_laptop
):  # type: ignore[no-untyped-def]
    """会议材料 (Word, print and PDF rows) was the tallest tab: it now scrolls."""
    editor = _shown(qtbot, MeetingEditor(office_db, meeting, MEETING_DAY))
    for tab in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(tab)
        assert fits_on(clerk_laptop, editor), editor.tabs.tabText(tab)
        assert _in_sight(editor, editor.save_button)
    assert editor.materials.preview_buttons  # still all there, in the scroll area


def test_the_research_and_outcome_dialogs_fit(
    qtbot, office_look, office_db: Database, topic, clerk_laptop
):  # type: ignore[no-untyped-def]
    for dialog in (
        ResearchDialog(office_db, topic),
        OutcomeDialog(office_db, PLAN_YEAR),
    ):
        _shown(qtbot, dialog)
        assert fits_on(clerk_laptop, dialog), type(dialog).__name__
        assert _in_sight(dialog, dialog.save_button)


def test_the_topic_column_keeps_room_in_a_narrow_window(
    qtbot, office_look, office_db: Database, topic
):  # type: ignore[no-untyped-def]
    """At 125 % the page gets 907 pixels; the columns fitted to their contents left
    协商议题 a few characters ("政府工作报告…"). Now it keeps its room and the list
    scrolls sideways. (The test screen's fonts are narrower: tried narrower still.)"""
    page = ConsultationPage(office_db)
    qtbot.addWidget(page)
    page.resize(700, 510)
    page.show()
    page.show_year(PLAN_YEAR)
    page.refresh()
    qtbot.waitExposed(page)
    table = page.plan.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    qtbot.waitUntil(lambda: table.columnWidth(1) >= TOPIC_WIDTH)
