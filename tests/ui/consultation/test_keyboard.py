"""A clerk at the keyboard in the consultation dialogs: each opens on its first field,
and Tab moves on from a multi-line box (备注, 主要内容, 纪要) to what follows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit

from tests.ui.consultation.conftest import PLAN_YEAR
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.plan.plan_dialogs import PlanDialog, TopicDialog


def _shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _tab(qtbot, key: Qt.Key = Qt.Key.Key_Tab) -> object:
    qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def test_a_new_outcome_opens_on_its_first_field(qtbot, office_db):
    """It opened on its tab bar: the first key typed went nowhere."""
    dialog = _shown(qtbot, OutcomeDialog(office_db, PLAN_YEAR))
    assert QApplication.focusWidget() is dialog.kind  # 成果类型
    assert _tab(qtbot) is dialog.title_edit
    dialog.reject()


def test_tab_leaves_a_multi_line_box(qtbot, office_db):
    """Tab in 备注 (or 主要内容, 开头段落, 纪要) typed a tab into it and never left: the
    fields after it and 保存 were out of the keyboard's reach."""
    topic = _shown(qtbot, TopicDialog(office_db, PLAN_YEAR))
    outcome = _shown(qtbot, OutcomeDialog(office_db, PLAN_YEAR))
    plan = _shown(qtbot, PlanDialog(office_db, PLAN_YEAR))
    meeting = _shown(qtbot, MeetingEditor(office_db))
    meeting.tabs.setCurrentWidget(meeting.minutes)
    for dialog, box, after in (
        (topic, topic.findChild(QPlainTextEdit, "topicNote"), topic.save_button),
        (outcome, outcome.summary, outcome.picker.search),
        (plan, plan.findChild(QPlainTextEdit, "planPreamble"), plan.save_button),
        (meeting, meeting.minutes.minutes, meeting.minutes.consensus),
    ):
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        box.setFocus()
        assert _tab(qtbot) is after, dialog.windowTitle()
        assert box.toPlainText().count("\t") == 0
        assert _tab(qtbot, Qt.Key.Key_Backtab) is box
