"""Intake (every kind of submitter, numbers, original files) and the list (filters,
search, delete and undo)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.proposals import attachments
from app.proposals.handling.review import set_key_proposal
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import AttachmentPurpose, SubmitterKind
from app.proposals.queries import get_proposal_detail, list_proposals
from tests.proposals.helpers import accepted, form
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed, open_gives, shown
from ui.proposals.intake import intake_dialog
from ui.proposals.intake.intake_dialog import IntakeDialog
from ui.proposals.page import ProposalsPage


def tick(dialog: IntakeDialog, *names: str) -> None:
    for name in names:
        dialog.picker.toggle_row(dialog.picker.proxy.index(dialog.picker.row_of(name), 0))


def answer(modal, messages: list[str]) -> None:
    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    modal.then(read)


def new_dialog(qtbot, page: ProposalsPage, title: str) -> IntakeDialog:
    click(qtbot, page.proposals.new_button)
    dialog = page.intake
    assert dialog is not None
    type_text(qtbot, dialog.fields.title_edit, title)
    return dialog


def test_a_joint_proposal_needs_its_co_signers(qtbot, page, office, modal):
    dialog = new_dialog(qtbot, page, "关于改善农村公路养护的建议")
    dialog.fields.kind.setCurrentIndex(dialog.fields.kind.findData(SubmitterKind.JOINT.value))
    tick(dialog, "王五")
    messages: list[str] = []
    answer(modal, messages)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "联名提案须有第一提案人和至少一位联名人。" in messages[0]
    assert dialog.isVisible() and list_proposals(office.database) == []

    tick(dialog, "张三")  # ticked second: a co-signer
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [row] = list_proposals(office.database)
    assert row.proposer == "王五" and row.co_signers == ("张三",)
    assert shown(listed(qtbot, page.proposals).table, 2) == ["王五等2人"]


def test_a_party_proposal_is_named_by_the_party(qtbot, page, office):
    dialog = new_dialog(qtbot, page, "关于发展县域特色产业的建议")
    assert not dialog.fields.submitter_name.isEnabled()
    dialog.fields.kind.setCurrentIndex(dialog.fields.kind.findData(SubmitterKind.PARTY_GROUP.value))
    assert dialog.fields.submitter_name.isEnabled()
    assert "可不选委员" in dialog.picker_hint.text()
    type_text(qtbot, dialog.fields.submitter_name, "民盟示范县支部")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [row] = list_proposals(office.database)
    assert (row.proposer, row.submitter_label) == ("民盟示范县支部", "党派团体")


def test_a_taken_number_is_refused_with_the_next_free_one(qtbot, page, office, modal):
    add_proposal(office.database, form(office))
    dialog = new_dialog(qtbot, page, "关于推进老旧小区改造的建议")
    assert dialog.fields.number.placeholderText() == "十届五次会议第0002号"
    assert "留空则编为下一个可用编号 十届五次会议第0002号" in dialog.fields.number_hint.text()
    type_text(qtbot, dialog.fields.number, "十届五次会议第0001号")
    tick(dialog, "李四")
    messages: list[str] = []
    answer(modal, messages)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert messages == ["2025年已有编号为“十届五次会议第0001号”的提案。"]
    dialog.fields.number.clear()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert listed(qtbot, page.proposals).selected().number == "十届五次会议第0002号"


def test_by_year_numbering_without_a_session(qtbot, page, office, modal):
    dialog = new_dialog(qtbot, page, "关于加强城区停车管理的建议")
    dialog.fields.session.setCurrentIndex(dialog.fields.session.count() - 1)
    assert dialog.fields.year.isEnabled()
    dialog.fields.year.setValue(2023)  # a 平时提案 belongs to the year's session
    assert dialog.fields.number.placeholderText() == "十届三次会议第0001号"
    dialog.fields.year.setValue(2019)
    # No session that year, and the office's pattern names one: the form says what to do.
    assert dialog.fields.number.placeholderText() == ""
    assert "请先选择提案所属的会议" in dialog.fields.number_hint.text()


def test_the_original_file_is_copied_in_and_the_edit_keeps_the_number(
    qtbot, page, office, tmp_path: Path
):
    scan = tmp_path / "提案原件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    open_gives(page, scan)
    dialog = new_dialog(qtbot, page, "关于加强城区停车管理的建议")
    tick(dialog, "赵六")
    click(qtbot, dialog.add_file_button)
    assert dialog.attachments.item(0).text() == scan.name
    with qtbot.waitSignal(dialog.finished):  # once the copy is done (then it is deleted)
        click(qtbot, dialog.save_button)
    row = listed(qtbot, page.proposals).selected()
    [attachment] = get_proposal_detail(office.database, row.uuid).attachments
    assert (attachment.purpose, attachment.original_name) == (AttachmentPurpose.ORIGINAL, scan.name)
    stored = list((office.database.location.data_dir / "attachments").rglob("*.pdf"))
    assert [p.read_bytes() for p in stored] == [b"%PDF-1.4 scan"]

    detail = page.open_proposal(row.uuid)
    click(qtbot, detail.content.edit_button)
    edit = detail.intake
    assert edit.fields.number.text() == row.number
    assert edit.picker.chosen_label.text() == "已选提案人：赵六"
    edit.fields.title_edit.setText("关于规范城区停车秩序的建议")
    click(qtbot, edit.save_button)
    qtbot.waitUntil(lambda: not edit.isVisible())
    assert detail.heading.text() == "关于规范城区停车秩序的建议"
    assert detail.output.text() == "已保存。" or detail.output.text() == "已保存修改。"
    assert get_proposal_detail(office.database, row.uuid).row.number == row.number


def test_originals_are_copied_on_a_worker_and_a_lost_file_is_said(
    qtbot, page, office, tmp_path: Path, modal, monkeypatch
):
    """A file gone from the USB stick before 保存: the proposal is kept, the clerk is told
    which file was not added; the other file is copied, off the GUI thread."""
    kept, lost = tmp_path / "原件.pdf", tmp_path / "附页.pdf"
    for path in (kept, lost):
        path.write_bytes(b"%PDF scan")
    threads: list[threading.Thread] = []

    def attach(*args):  # the real service, watched
        threads.append(threading.current_thread())
        return attachments.attach_file(*args)

    monkeypatch.setattr(intake_dialog, "attach_file", attach)
    dialog = new_dialog(qtbot, page, "关于加强城区停车管理的建议")
    tick(dialog, "赵六")
    for path in (kept, lost):
        open_gives(page, path)
        click(qtbot, dialog.add_file_button)
    lost.unlink()
    messages: list[str] = []
    modal.then(lambda box: (messages.append(box.text()), box.accept()), QMessageBox)
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.save_button)
    assert modal.done and messages[0].startswith("提案已保存，但附件“附页.pdf”未能添加")
    assert threads and all(t is not threading.main_thread() for t in threads)
    row = listed(qtbot, page.proposals).selected()
    [attachment] = get_proposal_detail(office.database, row.uuid).attachments
    assert attachment.original_name == "原件.pdf"


def test_filters_search_and_delete_with_undo(qtbot, page, office, modal):
    first = add_proposal(office.database, form(office))
    key = accepted(office, "关于改善农村公路养护的建议")
    set_key_proposal(office.database, key, True)
    page.refresh()
    tab = page.proposals
    tab.show_year(2025)
    assert tab.count_label.text() == "正在读取…"
    assert listed(qtbot, tab).count_label.text() == "共 2 件"
    tab.stage.setCurrentIndex(tab.stage.findText("待审查"))
    assert shown(tab.table, 1) == ["关于加强农村学校校舍安全的建议"]
    tab.stage.setCurrentIndex(0)
    click(qtbot, tab.key_only)
    assert shown(tab.table, 8) == ["★"]
    click(qtbot, tab.key_only)
    type_text(qtbot, tab.search, "公路")
    assert tab.count_label.text() == "找到 1 件（共 2 件）"
    tab.search.clear()

    listed(qtbot, tab).refresh(select_uuid=first)
    listed(qtbot, tab)
    modal.then(lambda box: box.buttons()[0].click())  # 删除
    click(qtbot, tab.delete_button)
    qtbot.waitUntil(lambda: tab.undo_button.isVisible())
    assert [r.uuid for r in list_proposals(office.database)] == [key]
    click(qtbot, tab.undo_button)
    assert {r.uuid for r in list_proposals(office.database)} == {first, key}
    assert tab.status.text() == "已恢复提案十届五次会议第0001号。"


def test_an_empty_year_says_what_to_do(page):
    assert page.proposals.stack.currentWidget() is page.proposals.empty
    assert "尚未登记提案" in page.proposals.empty.text()
    assert "从Word批量登记" in page.proposals.empty.text()
    assert not page.proposals.open_button.isEnabled()


def test_cancelling_a_typed_proposal_asks_before_throwing_it_away(qtbot, page, office, modal):
    """A clerk who pasted a long proposal and pressed 取消 (or Esc) by mistake keeps it."""
    dialog = new_dialog(qtbot, page, "关于改善农村公路养护的建议")
    dialog.fields.body.setPlainText("一、情况分析……二、具体建议……")
    questions: list[str] = []

    def keep(box) -> None:
        questions.append(box.text())
        next(b for b in box.buttons() if b.text() == "取消").click()

    modal.then(keep)
    dialog.buttons.rejected.emit()  # 取消
    qtbot.waitUntil(lambda: modal.done)
    # The question every dialog asks (ui.common.unsaved), not one of the intake's own.
    assert questions == ["有未保存的内容，确定放弃吗？"]
    assert dialog.isVisible() and dialog.fields.body.toPlainText().startswith("一、情况分析")

    modal.then(lambda box: next(b for b in box.buttons() if b.text() == "放弃").click())
    dialog.reject()  # Esc
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert list_proposals(office.database) == []


def test_an_untouched_intake_closes_without_a_question(qtbot, page):
    click(qtbot, page.proposals.new_button)
    dialog = page.intake
    assert dialog is not None
    dialog.reject()
    assert not dialog.isVisible()


def test_an_original_chosen_alone_is_not_dropped_without_asking(
    qtbot, page, office, modal, tmp_path: Path
):
    """Nothing typed, only 添加原件…: the file would be lost as surely as typed text."""
    scan = tmp_path / "提案原件.pdf"
    scan.write_bytes(b"%PDF scan")
    open_gives(page, scan)
    click(qtbot, page.proposals.new_button)
    dialog = page.intake
    assert dialog is not None
    click(qtbot, dialog.add_file_button)
    assert dialog.attachments.count() == 1
    questions: list[str] = []

    def discard(box) -> None:
        questions.append(box.text())
        next(b for b in box.buttons() if b.text() == "放弃").click()

    modal.then(discard)
    dialog.reject()  # 取消
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert questions == ["有未保存的内容，确定放弃吗？"]
    assert list_proposals(office.database) == []


def test_editing_asks_only_when_something_was_changed(qtbot, page, office, modal):
    """修改提案 opens filled in: as opened it closes at once; a changed 类别 asks."""
    detail = page.open_proposal(add_proposal(office.database, form(office)))
    detail.tabs.setCurrentWidget(detail.content)
    click(qtbot, detail.content.edit_button)
    dialog = detail.intake
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    click(qtbot, detail.content.edit_button)
    dialog = detail.intake
    dialog.fields.category.setCurrentIndex(dialog.fields.category.findData("经济"))
    modal.then(lambda box: next(b for b in box.buttons() if b.text() == "放弃").click())
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_proposal_detail(office.database, detail.uuid).row.category == "社会"
