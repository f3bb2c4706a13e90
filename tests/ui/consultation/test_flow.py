"""The whole cycle from the window, as a clerk runs it: a plan topic → a meeting from
it → attendance taken → its materials printed → an outcome with a leader's
instruction and the feedback; and the 五个一考核 screen follows that attendance."""

from __future__ import annotations

from datetime import date

from docx import Document
from PySide6.QtPrintSupport import QPrintPreviewWidget

from app.consultation.labels import TopicStatus
from app.consultation.meetings import meetings
from app.consultation.outcomes import outcomes
from app.consultation.plan import plans
from app.consultation.plan.plans import PlanForm
from app.records.activities import get_activity
from tests.ui.conftest import loaded, type_text
from tests.ui.consultation.conftest import (
    LEAVE,
    MEETING_DAY,
    PLAN_YEAR,
    PRESENT,
    click,
    click_index,
    pdf_pages,
    shown,
    tick,
)
from ui.common.dates import set_day
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.page import ConsultationPage
from ui.five_ones.model import FiveOnesTableModel
from ui.five_ones.page import FiveOnesPage
from ui.main_window import MainWindow
from ui.records.attendance_model import AttendanceModel


def activity_mark(window: MainWindow, qtbot, name: str) -> str:  # type: ignore[no-untyped-def]
    """What 五个一考核 shows for the member under 参加政协活动 (✓ 1 / ✗ 0)."""
    page = window.open_page("五个一考核")
    assert isinstance(page, FiveOnesPage)
    loaded(qtbot, page).year.setCurrentIndex(page.year.findData(PLAN_YEAR))
    loaded(qtbot, page)
    model = page.model
    column = FiveOnesTableModel.FIRST_CRITERION + 3
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    return model.index(row, column).data()


def test_plan_topic_to_meeting_attendance_materials_and_outcome(
    qtbot, office_db, roster, tmp_path
) -> None:
    plans.save_plan(office_db, PLAN_YEAR, PlanForm())
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    assert activity_mark(window, qtbot, "王伟") == "✗ 0"
    page = window.open_page("协商")
    assert isinstance(page, ConsultationPage)
    page.show_year(PLAN_YEAR)

    # 1. The plan topic.
    click(qtbot, page.plan.add_button)
    topic_dialog = page.plan.dialog
    type_text(qtbot, topic_dialog.title_edit, "农村牧区人居环境整治")
    topic_dialog.source.choose_text("党委点题")
    topic_dialog.consultation_form.choose_text("专题协商会")
    topic_dialog.committee.choose_text("农业和农村委员会")
    topic_dialog.when.choose_text("5月")
    tick(qtbot, topic_dialog.linked)
    click(qtbot, topic_dialog.save_button)
    qtbot.waitUntil(lambda: not topic_dialog.isVisible())
    page.plan.table.selectRow(0)

    # 2. A meeting from it, with the members' attendance.
    click(qtbot, page.plan.meeting_button)
    editor = page.plan.dialog
    assert isinstance(editor, MeetingEditor)
    assert editor.title_edit.text() == "农村牧区人居环境整治专题协商会"
    set_day(editor.day, MEETING_DAY)
    type_text(qtbot, editor.details.venue, "县政协三楼会议室")
    editor.tabs.setCurrentWidget(editor.attendance)
    panel = editor.attendance
    click(qtbot, panel.all_present)
    leave = panel.filter.index(shown(panel.table).index("李秀英"), AttendanceModel.LEAVE)
    click_index(qtbot, panel.table, leave)

    # 3. Its materials: the six Word files, the sign-in sheet as PDF and in the print
    # preview (each saves the meeting first).
    editor.tabs.setCurrentWidget(editor.materials)
    materials = editor.materials
    materials.choose_folder = lambda: tmp_path
    materials.choose_save_path = lambda _title, suggested, _filters: tmp_path / suggested
    click(qtbot, materials.all_button)
    qtbot.waitUntil(lambda: materials.files.count() == 6)
    click(qtbot, materials.pdf_buttons["sign_in"])
    written = materials.written_paths()
    assert written[-1].suffix == ".pdf" and pdf_pages(written[-1]) == 1
    click(qtbot, materials.preview_buttons["sign_in"])
    preview = materials.preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 1)
    assert materials.preview.windowTitle().endswith("签到表")
    materials.preview.close()
    sign_in = Document(str(written[2])).tables[0]
    assert [r.cells[4].text for r in sign_in.rows if r.cells[1].text == "李秀英"] == ["请假"]
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: not editor.isVisible())

    [meeting] = meetings.list_meetings(office_db, PLAN_YEAR)
    statuses = {a.name: a.status for a in meetings.get_meeting(office_db, meeting.uuid).attendees}
    assert statuses["王伟"] is PRESENT and statuses["李秀英"] is LEAVE
    assert len(statuses) == 6
    # The duty record is the same row: 履职记录 reads it, and so does the five-ones check.
    assert len(get_activity(office_db, meeting.uuid).attendance) == 6
    assert shown(page.plan.table, 7) == ["已协商"]
    assert activity_mark(window, qtbot, "王伟") == "✓ 1"
    assert activity_mark(window, qtbot, "李秀英") == "✗ 0"  # on leave does not count

    # 4. The outcome, the leader's instruction, the feedback.
    page = window.open_page("协商")
    page.tabs.setCurrentWidget(page.outcomes)
    click(qtbot, page.outcomes.add_button)
    dialog = page.outcomes.dialog
    index = next(
        i for i in range(dialog.meeting.count()) if "专题协商会" in dialog.meeting.itemText(i)
    )
    dialog.meeting.setCurrentIndex(index)
    dialog.meeting.activated.emit(index)
    dialog.sent_on.set_value(date(PLAN_YEAR, 6, 5))
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.instructions.add_button)
    instruction = dialog.instructions.dialog
    type_text(qtbot, instruction.who, "县委书记 李明远")
    set_day(instruction.day, date(PLAN_YEAR, 6, 12))
    type_text(qtbot, instruction.text, "请认真研究落实。")
    click(qtbot, instruction.save_button)
    qtbot.waitUntil(lambda: not instruction.isVisible())
    dialog.tabs.setCurrentIndex(0)
    dialog.feedback_on.set_value(date(PLAN_YEAR, 8, 1))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [row] = outcomes.list_outcomes(office_db, PLAN_YEAR)
    assert (row.stage, row.instructions, row.feedback_on) == ("已反馈", 1, date(PLAN_YEAR, 8, 1))
    assert shown(page.outcomes.table, 7) == ["已反馈"]
    assert plans.get_plan(office_db, PLAN_YEAR).topics[0].status is TopicStatus.CLOSED
    assert "领导批示 1 次" in page.figures.text()

    # 5. Attendance changed later (in the one editor, opened from 履职记录) moves the check.
    records = window.open_page("履职记录")
    records.activities.show_year(PLAN_YEAR)  # type: ignore[attr-defined]
    again = records.activities.open_edit_dialog(meeting.uuid)  # type: ignore[attr-defined]
    assert isinstance(again, MeetingEditor)
    again.tabs.setCurrentWidget(again.attendance)
    absent = again.attendance.filter.index(
        shown(again.attendance.table).index("王伟"), AttendanceModel.ABSENT
    )
    click_index(qtbot, again.attendance.table, absent)
    click(qtbot, again.save_button)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert activity_mark(window, qtbot, "王伟") == "✗ 0"
