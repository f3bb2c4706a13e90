"""The one meeting editor: details, agenda and guests typed in place, the member
checklist with its filters, bad input refused with nothing saved, the filled sign-in
sheet read back (and refused when a name matches no member or several), speeches,
and the printed materials (Word files read back, PDF, the print preview)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QMessageBox

from app.consultation.labels import GuestKind
from app.consultation.meetings import meetings
from app.consultation.meetings.sign_in import write_sign_in_workbook
from app.consultation.printouts.materials import meeting_materials
from app.members.member_files import MemberForm, add_member
from app.records.activities import list_activities
from tests.ui.conftest import ModalAnswers, type_text
from tests.ui.consultation.conftest import (
    ABSENT,
    LEAVE,
    MEETING_DAY,
    PLAN_YEAR,
    PRESENT,
    click,
    click_index,
    pdf_pages,
    shown,
)
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.meetings.row_editor import RowEditor
from ui.records.attendance_model import AttendanceModel


def open_editor(qtbot, database, uuid=None, draft=None) -> MeetingEditor:  # type: ignore[no-untyped-def]
    editor = MeetingEditor(database, uuid, MEETING_DAY, None, draft=draft)
    # Put away unasked when the test ends (取消 would ask about unsaved changes).
    qtbot.addWidget(editor, before_close_func=lambda w: QDialog.done(w, 0))
    editor.show()
    return editor


def type_in_cell(qtbot, rows: RowEditor, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    index = rows.model.index(row, column)
    cell = rows.table.indexWidget(index)  # 添加 opens the new line's first cell
    if cell is None:
        rows.commit_edit()
        rows.table.setCurrentIndex(index)
        rows.table.edit(index)
        cell = rows.table.indexWidget(index)
    assert isinstance(cell, QLineEdit)
    cell.selectAll()
    type_text(qtbot, cell, text)


def choose_in_cell(rows: RowEditor, row: int, column: int, text: str) -> None:
    index = rows.model.index(row, column)
    rows.commit_edit()
    rows.table.setCurrentIndex(index)
    rows.table.edit(index)
    combo = rows.table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(text))
    rows.commit_edit()


def read_message(modal: ModalAnswers, messages: list[str]) -> None:
    def read(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    modal.then(read)


def test_details_agenda_guests_and_the_checklist_are_saved_together(
    qtbot, office_db, roster
) -> None:
    editor = open_editor(qtbot, office_db)
    assert editor.windowTitle() == "新增会议活动"
    editor.kind.setCurrentIndex(editor.kind.findText("协商会"))
    type_text(qtbot, editor.title_edit, "城区停车难问题季度协商座谈会")
    details = editor.details
    type_text(qtbot, details.venue, "县政协三楼会议室")
    type_text(qtbot, details.time_edit, "上午9:00")
    click(qtbot, details.agenda.add_button)
    type_in_cell(qtbot, details.agenda, 0, 0, "通报城区停车设施建设情况")
    type_in_cell(qtbot, details.agenda, 0, 1, "县住房和城乡建设局")
    click(qtbot, details.agenda.add_button)
    type_in_cell(qtbot, details.agenda, 1, 0, "委员协商发言")
    click(qtbot, details.guests.add_button)
    type_in_cell(qtbot, details.guests, 0, 0, "县公安局交警大队")
    choose_in_cell(details.guests, 0, 2, "部门")
    click(qtbot, details.agenda.up_button)  # the second item moved up

    editor.tabs.setCurrentWidget(editor.attendance)
    panel = editor.attendance
    panel.sector.choose_text("经济界")
    assert shown(panel.table) == ["王伟", "张建国"]  # 姓氏笔画: 王 4 strokes, 张 7
    click(qtbot, panel.all_present)
    panel.sector.choose_text("全部界别")
    panel.committee.choose_text("教科卫体委员会")
    assert shown(panel.table) == ["李秀英"]
    click_index(qtbot, panel.table, panel.filter.index(0, AttendanceModel.LEAVE))
    panel.committee.choose_text("全部专委会")
    click(qtbot, panel.standing_only)
    assert shown(panel.table) == ["张建国", "赵庆丰", "钱文华"]
    assert panel.summary.text() == "出席 2 人 · 请假 1 人 · 缺席 0 人 · 未列入名单 3 人"
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: not editor.isVisible())

    [row] = meetings.list_meetings(office_db)
    detail = meetings.get_meeting(office_db, row.uuid)
    assert detail.form.venue == "县政协三楼会议室" and detail.form.time_text == "上午9:00"
    assert [(a.content, a.presenter) for a in detail.form.agenda] == [
        ("委员协商发言", ""),
        ("通报城区停车设施建设情况", "县住房和城乡建设局"),
    ]
    assert [(g.name, g.kind) for g in detail.form.guests] == [
        ("县公安局交警大队", GuestKind.DEPARTMENT)
    ]
    assert {a.name: a.status for a in detail.attendees} == {
        "张建国": PRESENT,
        "王伟": PRESENT,
        "李秀英": LEAVE,
    }


def test_enter_in_the_checklist_search_goes_to_the_member_and_saves_nothing(
    qtbot, office_db, roster
) -> None:
    """A clerk typed a name and pressed Enter: the half-filled meeting was saved."""
    editor = open_editor(qtbot, office_db)
    editor.kind.setCurrentIndex(editor.kind.findText("协商会"))
    type_text(qtbot, editor.title_edit, "城区停车难问题季度协商座谈会")
    editor.tabs.setCurrentWidget(editor.attendance)
    panel = editor.attendance
    type_text(qtbot, panel.search, "李秀英")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert editor.isVisible() and list_activities(office_db) == []
    assert [i.row() for i in panel.table.selectionModel().selectedRows()] == [0]
    panel.search.clear()
    type_text(qtbot, panel.search, "界")  # several found: Enter stays in the search
    qtbot.keyClick(panel.search, Qt.Key.Key_Enter)
    assert editor.isVisible() and list_activities(office_db) == []


def test_cancelling_with_unsaved_changes_asks_first(qtbot, office_db, roster, modal) -> None:
    """取消 after typing the agenda and ticking members threw it all away unasked."""
    editor = open_editor(qtbot, office_db)
    editor.kind.setCurrentIndex(editor.kind.findText("协商会"))
    type_text(qtbot, editor.title_edit, "优化营商环境专题协商会")
    editor.tabs.setCurrentWidget(editor.attendance)
    click(qtbot, editor.attendance.all_present)
    questions: list[str] = []

    def answer(button_text: str):  # type: ignore[no-untyped-def]
        def press(box) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(box, QMessageBox)
            questions.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()

        return press

    modal.then(answer("取消"))
    click(qtbot, editor.cancel_button)
    qtbot.waitUntil(lambda: modal.done)
    assert editor.isVisible() and "尚未保存" in questions[0]
    assert editor.title_edit.text() == "优化营商环境专题协商会"
    modal.then(answer("放弃修改"))
    click(qtbot, editor.cancel_button)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert list_activities(office_db) == []


def test_cancelling_after_saving_or_without_changes_does_not_ask(qtbot, office_db, roster) -> None:
    editor = open_editor(qtbot, office_db)
    click(qtbot, editor.cancel_button)
    assert not editor.isVisible()
    editor = open_editor(qtbot, office_db)
    editor.kind.setCurrentIndex(editor.kind.findText("协商会"))
    type_text(qtbot, editor.title_edit, "优化营商环境专题协商会")
    assert editor.save_first() is not None  # saved by 会议材料, the editor stays open
    click(qtbot, editor.cancel_button)
    assert not editor.isVisible()


def test_a_meeting_with_no_kind_is_refused_and_nothing_is_saved(
    qtbot, office_db, roster, modal
) -> None:
    editor = open_editor(qtbot, office_db)
    type_text(qtbot, editor.title_edit, "委员座谈会")
    editor.tabs.setCurrentWidget(editor.attendance)
    click(qtbot, editor.attendance.all_present)
    messages: list[str] = []
    read_message(modal, messages)
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert messages == ["会议未保存：\n会议类别：请选择（全体会议、常委会会议、协商会……）"]
    assert editor.isVisible()
    assert list_activities(office_db) == []


def test_a_date_outside_the_topics_plan_year_is_refused(
    qtbot, office_db, roster, topic, modal
) -> None:
    editor = open_editor(qtbot, office_db, draft=meetings.meeting_from_topic(office_db, topic))
    assert editor.details.topic.currentText() == "1. 农村牧区人居环境整治"
    assert editor.title_edit.text() == "农村牧区人居环境整治专题协商会"
    editor.details.day.setDate(date(PLAN_YEAR + 1, 1, 8))
    assert editor.details.topic.currentText().startswith("1. 农村牧区")  # still chosen
    messages: list[str] = []
    read_message(modal, messages)
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert f"日期：{PLAN_YEAR + 1}年1月8日不在{PLAN_YEAR}年内" in messages[0]
    assert list_activities(office_db, None) == []
    editor.details.day.setDate(date(PLAN_YEAR, 11, 20))
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: not editor.isVisible())
    [row] = meetings.list_meetings(office_db)
    assert meetings.get_meeting(office_db, row.uuid).topic_title == "农村牧区人居环境整治"


def filled_sign_in(office_db, meeting: str, path: Path, marks: dict[str, str]) -> Path:  # type: ignore[no-untyped-def]
    """The sign-in workbook the program gives, with 签到 / 备注 filled as on paper."""
    write_sign_in_workbook(meeting_materials(office_db, meeting).sign_in, path)
    book = load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=4):
        mark = marks.get(str(row[1].value), "")
        if mark == "请假":
            row[4].value = "请假"
        elif mark:
            row[3].value = mark
    for name in [n for n in marks if n.startswith("+")]:
        sheet.append(["", name[1:], marks[name].split("/")[0], marks[name].split("/")[1], ""])
    book.save(path)
    return path


def test_a_filled_sign_in_sheet_sets_the_attendance(
    qtbot, office_db, roster, meeting, tmp_path
) -> None:
    path = filled_sign_in(
        office_db,
        meeting,
        tmp_path / "签到.xlsx",
        {"赵庆丰": "√", "钱文华": "请假", "阿布都热合曼·艾买提": "√"},
    )
    editor = open_editor(qtbot, office_db, meeting)
    panel = editor.attendance
    panel.choose_sign_in_file = lambda: path
    click(qtbot, panel.read_sign_in)
    qtbot.waitUntil(lambda: panel.preview is not None and panel.preview.isVisible())
    assert "检查通过" in panel.preview.heading.text()
    click(qtbot, panel.preview.apply_button)
    qtbot.waitUntil(lambda: "已从" in panel.message.text())
    statuses = {a.name: a.status for a in meetings.get_meeting(office_db, meeting).attendees}
    assert statuses == {
        "赵庆丰": PRESENT,
        "钱文华": LEAVE,
        "张建国": ABSENT,  # nothing in 签到
        "李秀英": LEAVE,  # the printed sheet said 请假 in 备注
        "阿布都热合曼·艾买提": PRESENT,
    }
    assert panel.summary.text().startswith("出席 2 人 · 请假 2 人 · 缺席 1 人")
    assert editor.status.text() == "会议已保存。"


def test_a_sign_in_sheet_with_unknown_or_ambiguous_names_changes_nothing(
    qtbot, office_db, roster, meeting, tmp_path
) -> None:
    add_member(office_db, MemberForm(name="王伟", sector="经济界"))  # a namesake, same sector
    path = filled_sign_in(
        office_db,
        meeting,
        tmp_path / "签到.xlsx",
        {"赵庆丰": "请假", "+王五": "经济界/√", "+王伟": "经济界/√"},
    )
    before = meetings.get_meeting(office_db, meeting).attendees
    editor = open_editor(qtbot, office_db, meeting)
    panel = editor.attendance
    panel.choose_sign_in_file = lambda: path
    click(qtbot, panel.read_sign_in)
    qtbot.waitUntil(lambda: panel.preview is not None and panel.preview.isVisible())
    preview = panel.preview
    assert "有 2 处错误" in preview.heading.text()
    reasons = [preview.errors.model().index(r, 3).data() for r in range(2)]
    assert "没有名为“王五”的委员" in reasons[0]
    assert "有 2 位委员都叫“王伟”" in reasons[1]
    assert not hasattr(preview, "apply_button")
    preview.reject()
    assert "出席情况未改动" in panel.message.text()
    assert meetings.get_meeting(office_db, meeting).attendees == before


def test_speeches_are_entered_with_a_member_or_anyone_else(
    qtbot, office_db, roster, meeting, tmp_path
) -> None:
    editor = open_editor(qtbot, office_db, meeting)
    editor.tabs.setCurrentWidget(editor.speeches)
    click(qtbot, editor.speeches.add_button)
    dialog = editor.speeches.dialog
    assert dialog is not None and dialog.isVisible()
    # The members on the meeting's list (王伟 is not on it).
    choices = [dialog.member.itemText(i) for i in range(dialog.member.count())]
    assert "张建国" in choices and "王伟" not in choices
    dialog.member.choose_text("张建国")
    assert not dialog.speaker.isEnabled()
    type_text(qtbot, dialog.title_edit, "建立农村垃圾分类长效机制")
    type_text(qtbot, dialog.text, "建议……")
    draft = tmp_path / "发言稿.docx"
    draft.write_bytes(b"PK\x03\x04 not really a document")
    dialog.attachments.choose_file = lambda: draft
    click(qtbot, dialog.attachments.add_button)  # saves the speech first
    qtbot.waitUntil(lambda: dialog.attachments.file_names() == ["发言稿.docx"])
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    click(qtbot, editor.speeches.add_button)
    other = editor.speeches.dialog
    type_text(qtbot, other.speaker, "县住房和城乡建设局局长 周明")
    type_text(qtbot, other.title_edit, "关于人居环境整治工作的情况说明")
    click(qtbot, other.save_button)
    qtbot.waitUntil(lambda: not other.isVisible())
    assert shown(editor.speeches.table) == ["张建国", "县住房和城乡建设局局长 周明"]
    assert shown(editor.speeches.table, 2) == ["1", ""]
    lines = meetings.get_meeting(office_db, meeting).speeches
    assert [(s.speaker, s.member_uuid) for s in lines] == [
        ("张建国", roster["张建国"]),
        ("县住房和城乡建设局局长 周明", None),
    ]


@pytest.fixture
def materials_page(qtbot, office_db, roster, meeting, tmp_path):  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, office_db, meeting)
    editor.tabs.setCurrentWidget(editor.materials)
    panel = editor.materials
    panel.choose_save_path = lambda _title, suggested, _filters: tmp_path / suggested
    panel.choose_folder = lambda: tmp_path
    return panel


def test_word_materials_one_at_a_time_or_all_six(qtbot, materials_page, tmp_path) -> None:
    panel = materials_page
    click(qtbot, panel.word_buttons["签到表"])
    qtbot.waitUntil(lambda: panel.files.count() == 1)
    [sheet] = panel.written_paths()
    assert sheet.name == "20260520农村牧区人居环境整治专题协商会-签到表.docx"
    table = Document(str(sheet)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "姓名", "界别或单位", "签到", "备注"]
    assert [r.cells[1].text for r in table.rows[1:]][:2] == ["赵庆丰", "钱文华"]
    assert panel.output.text() == f"已生成：{sheet.name}" and panel.output.path == sheet

    click(qtbot, panel.all_button)
    qtbot.waitUntil(lambda: panel.files.count() == 7)
    names = [p.name.rsplit("-", 1)[1] for p in panel.written_paths()[1:]]
    assert names == [
        f"{k}.docx" for k in ("会议通知", "会议议程", "签到表", "座签", "参会人员名单", "会议纪要")
    ]
    notice = "\n".join(p.text for p in Document(str(panel.written_paths()[1])).paragraphs)
    assert "在县政协三楼会议室召开农村牧区人居环境整治专题协商会" in notice


def test_drawn_printouts_as_pdf_and_in_the_preview(qtbot, materials_page, tmp_path) -> None:
    panel = materials_page
    click(qtbot, panel.pdf_buttons["cards"])
    [cards] = panel.written_paths()
    assert cards.suffix == ".pdf"
    # 孙丽娟 (a leader) and the four members present; 李秀英 is on leave.
    assert pdf_pages(cards) == 5
    shown_dialogs: list[QPrintPreviewDialog] = []
    panel.show_preview = shown_dialogs.append
    click(qtbot, panel.preview_buttons["sign_in"])
    [dialog] = shown_dialogs
    qtbot.addWidget(dialog)
    dialog.open()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 1)
    dialog.close()


def test_the_records_tab_opens_the_same_editor_on_the_same_record(
    qtbot, office_db, roster, meeting
) -> None:
    from ui.records.records_page import RecordsPage

    page = RecordsPage(office_db, meeting_editor=MeetingEditor)
    qtbot.addWidget(page)
    page.show()
    page.activities.show_year(PLAN_YEAR)
    editor = page.activities.open_edit_dialog(meeting)
    assert isinstance(editor, MeetingEditor)
    assert [t for t, *_ in editor.details.guests.rows()] == ["孙丽娟", "县住房和城乡建设局"]
    type_text(qtbot, editor.details.chair, "（代）")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: not editor.isVisible())
    detail = meetings.get_meeting(office_db, meeting)
    assert detail.form.chair == "钱文华（代）"
    assert len(detail.form.guests) == 2 and detail.topic_title  # nothing of it lost
    assert replace(detail.form, chair="钱文华") is not None
