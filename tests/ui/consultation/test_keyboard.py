"""A clerk at the keyboard in the consultation dialogs: each opens on its first field,
and Tab moves on from a multi-line box (备注, 主要内容, 纪要) to what follows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QWidget

from app.records.labels import AttendanceStatus
from tests.ui.consultation.conftest import PLAN_YEAR
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.outcomes.instruction_dialogs import FollowUpDialog, InstructionDialog
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog
from ui.consultation.plan.plan_dialogs import PlanDialog, TopicDialog
from ui.consultation.plan.research_dialog import ResearchDialog
from ui.records.attendance_model import AttendanceModel


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


def test_an_instruction_reads_top_down(qtbot, office_db):
    """新增领导批示 / 落实情况 opened on the text box below 批示领导 and 批示日期, and
    Tab reached those two only after 保存 and 取消."""
    instruction = _shown(qtbot, InstructionDialog(office_db, "outcome"))
    assert QApplication.focusWidget() is instruction.who  # 批示领导, the first row
    assert _tab(qtbot) is instruction.day
    while QApplication.focusWidget() is instruction.day:  # its year, month and day first
        _tab(qtbot)
    assert QApplication.focusWidget() is instruction.text
    assert _tab(qtbot) is instruction.save_button
    instruction.reject()
    follow_up = _shown(qtbot, FollowUpDialog(office_db, "outcome"))
    assert QApplication.focusWidget() is follow_up.who  # 落实单位
    assert _tab(qtbot) in follow_up.day.findChildren(QWidget)  # 已反馈，日期
    follow_up.text.setFocus()
    assert _tab(qtbot) is follow_up.save_button
    follow_up.reject()


def test_tab_leaves_a_multi_line_box(qtbot, office_db, topic):
    """Tab in 备注 (or 主要内容, 开头段落, 纪要) typed a tab into it and never left: the
    fields after it and 保存 were out of the keyboard's reach."""
    topic_dialog = _shown(qtbot, TopicDialog(office_db, PLAN_YEAR))
    outcome = _shown(qtbot, OutcomeDialog(office_db, PLAN_YEAR))
    plan = _shown(qtbot, PlanDialog(office_db, PLAN_YEAR))
    meeting = _shown(qtbot, MeetingEditor(office_db))
    meeting.tabs.setCurrentWidget(meeting.minutes)
    research = _shown(qtbot, ResearchDialog(office_db, topic))
    for dialog, box, after in (
        (research, research.work_plan, None),
        (
            topic_dialog,
            topic_dialog.findChild(QPlainTextEdit, "topicNote"),
            topic_dialog.save_button,
        ),
        (outcome, outcome.summary, outcome.picker.search),
        (plan, plan.findChild(QPlainTextEdit, "planPreamble"), plan.save_button),
        (meeting, meeting.minutes.minutes, meeting.minutes.consensus),
    ):
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        box.setFocus()
        moved = _tab(qtbot)
        assert moved is not box and (after is None or moved is after), dialog.windowTitle()
        assert box.toPlainText().count("\t") == 0
        assert _tab(qtbot, Qt.Key.Key_Backtab) is box


def test_tab_leaves_the_attendance_list(qtbot, office_db, roster):
    """Tab in 出席情况 went through every cell of every member before 保存."""
    editor = _shown(qtbot, MeetingEditor(office_db))
    editor.tabs.setCurrentWidget(editor.attendance)
    editor.attendance.table.setFocus()
    assert _tab(qtbot) is editor.save_button
    assert _tab(qtbot, Qt.Key.Key_Backtab) is editor.attendance.table
    editor.done(0)


def test_attendance_is_marked_from_the_keyboard(qtbot, office_db, roster):
    """出席/请假/缺席 could be set only by a mouse click on the cell."""
    editor = _shown(qtbot, MeetingEditor(office_db))
    panel = editor.attendance
    editor.tabs.setCurrentWidget(panel)
    panel.table.setFocus()
    panel.table.selectRow(0)
    first = panel.model.candidate(panel.filter.mapToSource(panel.table.currentIndex()).row())
    qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert panel.attendance() == {first.uuid: AttendanceStatus.LEAVE}
    qtbot.keyClick(panel.table, Qt.Key.Key_1)
    assert panel.attendance() == {first.uuid: AttendanceStatus.PRESENT}
    qtbot.keyClick(panel.table, Qt.Key.Key_1)  # the same again: off the list
    assert panel.attendance() == {}
    panel.table.setCurrentIndex(panel.filter.index(1, AttendanceModel.ABSENT))
    second = panel.model.candidate(panel.filter.mapToSource(panel.table.currentIndex()).row())
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # the column under the cursor
    assert panel.attendance() == {second.uuid: AttendanceStatus.ABSENT}
    assert QApplication.focusWidget() is panel.table  # nothing typed went elsewhere
    assert "缺席 1 人" in panel.summary.text()
    editor.done(0)
