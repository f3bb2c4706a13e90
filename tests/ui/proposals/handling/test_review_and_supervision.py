"""Review steps beyond 立案 (并案, 转办 with the 回复函, undo), key proposals with their
supervising leader and records, hand-back and extension, attachments opened."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from app.proposals.handling.review import accept_proposal
from app.proposals.intake.intake import add_proposal
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, accepted, assigned, form
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, open_gives, save_into, shown
from ui.common.dates import set_day
from ui.proposals.handling.handling_dialogs import ExtendDialog, HandBackDialog
from ui.proposals.handling.review_dialogs import ConvertDialog, MergeDialog
from ui.proposals.handling.supervision_panel import SupervisionDialog

EDUCATION = "县教育和体育局"


def test_merge_into_a_similar_proposal_listed_first(qtbot, page, office: Office):
    main = add_proposal(office.database, form(office, "关于加强农村学校校舍安全的建议"))
    add_proposal(office.database, form(office, "关于推进老旧小区改造的建议"))
    second = add_proposal(office.database, form(office, "关于加强农村学校校舍安全管理的建议"))
    detail = page.open_proposal(second)
    click(qtbot, detail.review.merge_button)
    dialog = detail.review.dialog
    assert isinstance(dialog, MergeDialog)
    assert shown(dialog.table, 1)[0] == "关于加强农村学校校舍安全的建议"  # the similar one first
    # The list fills the window (not a strip of five rows over empty space).
    buttons_top = dialog.buttons.geometry().top()
    assert dialog.table.geometry().bottom() > buttons_top - 3 * dialog.day.height()
    dialog.table.selectRow(0)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert detail.stage.text() == "并入十届五次会议第0001号"
    assert detail.review.reopen_button.isEnabled()
    assert get_proposal_detail(office.database, main).merged_here == ("十届五次会议第0003号",)
    click(qtbot, detail.review.reopen_button)
    assert detail.stage.text() == "待审查"


def test_convert_and_write_the_reply_letter(qtbot, page, office: Office, tmp_path: Path):
    uuid = add_proposal(office.database, form(office, "关于调整某小区物业费的建议"))
    detail = page.open_proposal(uuid)
    click(qtbot, detail.review.convert_button)
    dialog = detail.review.dialog
    assert isinstance(dialog, ConvertDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findText("转为社情民意信息"))
    type_text(qtbot, dialog.passed_to, "县住房和城乡建设局")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert detail.stage.text() == "转为社情民意信息"
    assert not detail.review.merge_button.isEnabled()

    save_into(page, tmp_path)
    click(qtbot, detail.review.letter_button)
    qtbot.waitUntil(lambda: detail.output.path is not None)
    assert detail.output.path.name == "提案处理回复函（十届五次会议第0001号）.docx"
    text = "\n".join(p.text for p in Document(str(detail.output.path)).paragraphs)
    assert "张三委员：" in text
    assert "转为社情民意信息处理，已转送县住房和城乡建设局研究参考" in text


def test_a_key_proposal_gets_a_leader_and_supervision_records(qtbot, page, office: Office):
    uuid = accepted(office)
    detail = page.open_proposal(uuid)
    supervision = detail.supervision
    assert not supervision.leader.isEnabled()  # not a key proposal yet
    detail.tabs.setCurrentWidget(detail.review)
    click(qtbot, detail.review.key)
    assert detail.review.key.isChecked()
    assert "★重点提案" in detail.number.text()
    assert supervision.leader.isEnabled()
    detail.tabs.setCurrentWidget(supervision)
    type_text(qtbot, supervision.leader, "县政协副主席李明")
    click(qtbot, supervision.save_leader_button)
    assert detail.output.text() == "已确定督办领导：县政协副主席李明。"

    click(qtbot, supervision.add_button)
    dialog = supervision.dialog
    assert isinstance(dialog, SupervisionDialog)
    assert dialog.leader.text() == "县政协副主席李明"
    dialog.kind.setCurrentText("实地督办")
    type_text(qtbot, dialog.content, "到三所学校察看校舍改造进度")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert shown(supervision.table, 1) == ["实地督办"]
    stored = get_proposal_detail(office.database, uuid)
    assert stored.supervisor == "县政协副主席李明"
    assert [s.content for s in stored.supervision] == ["到三所学校察看校舍改造进度"]


def test_hand_back_then_assign_another_unit(qtbot, page, office: Office, modal):
    uuid = assigned(office)  # Saturday 2025-03-15: five working days to Friday 21 March
    detail = page.open_proposal(uuid)
    handling = detail.handling
    assert handling.selected().unit_name == EDUCATION
    click(qtbot, handling.hand_back_button)
    dialog = handling.dialog
    assert isinstance(dialog, HandBackDialog)
    note = dialog.findChild(type(dialog.about), "handBackNote").text()
    assert note.startswith("应在交办后5个工作日内提出（最晚2025-03-21）。")
    type_text(qtbot, dialog.reason, "不属于本单位职责")
    messages: list[str] = []
    modal.then(lambda box: (messages.append(box.text()), box.accept()))
    click(qtbot, dialog.ok_button)  # dated today: long past the limit
    qtbot.waitUntil(lambda: modal.done)
    assert "截至2025年3月21日" in messages[0] and dialog.isVisible()
    assert get_proposal_detail(office.database, uuid).assignments[0].returned_on is None
    set_day(dialog.day, date(2025, 3, 21))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert shown(handling.table, 9) == ["已退回"]
    assert detail.stage.text() == "待交办"
    assert not handling.reply_button.isEnabled()
    assert "不属于本单位职责" in handling.hint.text()
    click(qtbot, handling.assign_button)
    again = handling.dialog
    row = again.unit_list.findItems("县住房和城乡建设局", Qt.MatchFlag.MatchExactly)
    again.unit_list.setCurrentItem(row[0])
    click(qtbot, again.add_button)
    click(qtbot, again.ok_button)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert shown(handling.table, 0) == [EDUCATION, "县住房和城乡建设局"]
    assert detail.stage.text() == "办理中"


def test_an_extension_is_bounded_by_the_longest_deadline(qtbot, page, office: Office, modal):
    uuid = assigned(office)  # 2025-03-15: at most 2025-09-15
    detail = page.open_proposal(uuid)
    click(qtbot, detail.handling.extend_button)
    dialog = detail.handling.dialog
    assert isinstance(dialog, ExtendDialog)
    assert "最长可延至2025-09-15" in dialog.findChild(type(dialog.about), "extensionLimit").text()
    dialog.day.setDate(dialog.day.date().addMonths(6))
    type_text(qtbot, dialog.reason, "需跨部门协调")
    messages: list[str] = []
    modal.then(lambda box: (messages.append(box.text()), box.accept()))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "超过了最长办理期限2025年9月15日" in messages[0]
    dialog.day.setDate(dialog.day.date().addMonths(-6))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert shown(detail.handling.table, 4) == ["2025-07-15（已延期）"]


def test_an_attachment_opens_with_the_system_viewer(
    qtbot, page, office: Office, tmp_path: Path, monkeypatch
):
    uuid = add_proposal(office.database, form(office))
    accept_proposal(office.database, uuid, date(2025, 3, 10))
    scan = tmp_path / "原件.pdf"
    scan.write_bytes(b"%PDF scan")
    open_gives(page, scan)
    detail = page.open_proposal(uuid)
    attachments = detail.attachments
    detail.tabs.setCurrentWidget(attachments)
    assert attachments.empty.isVisible()
    click(qtbot, attachments.add_button)  # copied on a worker thread: the window stays live
    qtbot.waitUntil(lambda: shown(attachments.table, 1) == ["原件.pdf"])
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    attachments.table.selectRow(0)
    click(qtbot, attachments.open_button)
    [path] = opened
    assert Path(path).read_bytes() == b"%PDF scan"
    assert str(office.database.location.data_dir) in path  # the copy, not the clerk's file
