"""One proposal through its whole life from the window: intake (a similar-proposal
warning shows while typing) → review → assignment (a unit suggestion shows) → reply →
不满意 → re-handling → 满意; then its history, as the clerk sees it and as stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.proposals.labels import AttachmentPurpose, Satisfaction
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, assigned
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed, open_gives, shown
from ui.proposals.detail_dialog import ProposalDetailDialog
from ui.proposals.handling.assignment_dialog import AssignmentDialog
from ui.proposals.handling.handling_dialogs import RateDialog, ReplyDialog
from ui.proposals.intake.intake_dialog import IntakeDialog
from ui.proposals.page import ProposalsPage

TITLE = "关于加强农村中小学校舍安全的建议"
EDUCATION = "县教育和体育局"


def register(qtbot, page: ProposalsPage, office: Office, earlier_number: str) -> str:
    click(qtbot, page.proposals.new_button)
    dialog = page.intake
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    # The next free number is offered before anything is typed.
    assert dialog.fields.number.placeholderText() == "十届五次会议第0002号"
    with qtbot.waitSignal(dialog.similar.checked, timeout=5000):
        type_text(qtbot, dialog.fields.title_edit, TITLE)
    # While typing: the earlier proposal on the same subject is flagged.
    assert dialog.similar.flag.isVisible()
    assert earlier_number in dialog.similar.flag.text()
    assert shown(dialog.similar.table, 2) == [earlier_number]
    assert shown(dialog.similar.table, 0) == ["可能重复"]
    type_text(qtbot, dialog.fields.body, "建议每学期开展一次校舍安全检查。")
    dialog.fields.category.setCurrentIndex(dialog.fields.category.findData("社会"))
    dialog.picker.toggle_row(dialog.picker.proxy.index(dialog.picker.row_of("李四"), 0))
    assert dialog.picker.chosen_label.text() == "已选提案人：李四"
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = listed(qtbot, page.proposals).selected()
    assert row is not None and row.title == TITLE and row.stage == "待审查"
    assert row.number == "十届五次会议第0002号"
    assert page.proposals.status.text() == f"已登记提案十届五次会议第0002号“{TITLE}”，待审查。"
    return row.uuid


def open_detail(qtbot, page: ProposalsPage) -> ProposalDetailDialog:
    click(qtbot, page.proposals.open_button)
    detail = page.detail
    assert isinstance(detail, ProposalDetailDialog) and detail.isVisible()
    return detail


def test_one_proposal_from_intake_to_satisfied(qtbot, page, office, tmp_path: Path):
    earlier = get_proposal_detail(office.database, assigned(office)).row.number
    page.refresh()
    uuid = register(qtbot, page, office, earlier)

    # --- review: opens on 审查, with the similar proposals of every year ----------------
    detail = open_detail(qtbot, page)
    review = detail.review
    assert detail.tabs.currentWidget() is review
    assert detail.stage.text() == "待审查"
    assert [s.number for s in review.similar.likely_duplicates] == [earlier]
    assert review.similar.flag.isVisible()
    assert not review.reopen_button.isEnabled()
    assert not review.letter_button.isEnabled()  # a letter only for 不予立案 / 转办
    assert not review.key.isEnabled()
    assert not detail.handling.assign_button.isEnabled()
    assert detail.handling.state_hint.text() == "提案立案后才能交办。"
    click(qtbot, review.accept_button)
    assert review.decision.text().startswith("已立案")
    assert detail.stage.text() == "待交办"
    assert not review.accept_button.isEnabled() and not review.reject_button.isEnabled()
    assert detail.output.text() == "已立案。"

    # --- assignment: the program suggests the unit, with its reasons -------------------
    handling = detail.handling
    detail.tabs.setCurrentWidget(handling)
    click(qtbot, handling.assign_button)
    dialog = handling.dialog
    assert isinstance(dialog, AssignmentDialog) and dialog.isVisible()
    assert dialog.suggestion_table.item(0, 0).text() == f"1. {EDUCATION}"
    reasons = dialog.suggestion_table.item(0, 1).text()
    assert "职能含“校舍安全”" in reasons and f"相似提案{earlier}" in reasons
    click(qtbot, dialog.take_button)
    assert dialog.chosen_list.count() == 1
    assert dialog.chosen_list.item(0).text() == f"{EDUCATION}（主办）"
    assert "3个月内办复" in dialog.rule.text()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert detail.stage.text() == "办理中"
    assert shown(handling.table, 0) == [EDUCATION]
    assert shown(handling.table, 9) == ["办理中"]
    assert not handling.rate_button.isEnabled()  # nothing to rate before a reply

    # --- reply with its document, A class ------------------------------------------------
    document = tmp_path / "关于校舍安全提案的答复.docx"
    document.write_bytes(b"reply letter")
    open_gives(page, document)
    click(qtbot, handling.reply_button)
    reply = handling.dialog
    assert isinstance(reply, ReplyDialog)
    reply.result.setCurrentIndex(reply.result.findData("A"))
    click(qtbot, reply.findChild(type(handling.reply_button), "chooseReplyDocument"))
    assert reply.document_label.text() == document.name
    click(qtbot, reply.ok_button)
    qtbot.waitUntil(lambda: not reply.isVisible())
    assert detail.stage.text() == "已答复"
    assert shown(handling.table, 7) == ["A"]
    assert handling.document_button.isEnabled()

    # --- 不满意: handling reopens with a new deadline --------------------------------------
    click(qtbot, handling.rate_button)
    rate = handling.dialog
    assert isinstance(rate, RateDialog)
    assert not rate.new_deadline.isVisible()
    # The member's rating is a reported figure: nothing is preset, 确定 waits for a choice.
    assert rate.chosen() is None
    assert not any(b.isChecked() for b in rate.buttons_by_value.values())
    assert not rate.ok_button.isEnabled()
    rate.choose(Satisfaction.DISSATISFIED)
    assert rate.ok_button.isEnabled()
    assert rate.new_deadline.isVisible()
    type_text(qtbot, rate.comment, "问题未解决")
    click(qtbot, rate.ok_button)
    qtbot.waitUntil(lambda: not rate.isVisible())
    assert detail.stage.text() == "办理中"
    assert shown(handling.table, 2) == ["第1轮", "第2轮"]
    assert shown(handling.table, 9) == ["已重新办理", "办理中"]
    # The rated round stays chosen: nothing more can be done on it.
    assert handling.selected().round == 1
    for button in (handling.reply_button, handling.rate_button, handling.extend_button):
        assert not button.isEnabled()

    # --- the second round: reply, then 满意 ---------------------------------------------------
    handling.select_unit(EDUCATION)
    assert handling.selected().round == 2
    click(qtbot, handling.reply_button)
    second = handling.dialog
    second.result.setCurrentIndex(second.result.findData("A"))
    click(qtbot, second.ok_button)
    qtbot.waitUntil(lambda: not second.isVisible())
    click(qtbot, handling.rate_button)
    last = handling.dialog
    last.choose(Satisfaction.SATISFIED)
    click(qtbot, last.ok_button)
    qtbot.waitUntil(lambda: not last.isVisible())
    assert detail.stage.text() == "已办结"
    assert shown(handling.table, 9) == ["已重新办理", "已反馈（满意）"]

    # --- the history, as shown -------------------------------------------------------------
    detail.tabs.setCurrentWidget(detail.history)
    lines = detail.history.lines()
    steps = [line[1] for line in lines]
    expected = [
        "登记提案，编号十届五次会议第0002号",
        "审查立案",
        f"交办：{EDUCATION}（主办）",
        f"{EDUCATION}答复，办理结果A类（已解决或采纳）",
        f"提案人对{EDUCATION}的答复：不满意（问题未解决）",
        f"{EDUCATION}重新办理（第2轮）",
        f"{EDUCATION}答复，办理结果A类（已解决或采纳）",
        f"提案人对{EDUCATION}的答复：满意",
    ]
    remaining = iter(steps)  # each expected step, in this order
    assert all(any(s.startswith(e) for s in remaining) for e in expected), steps
    assert {line[2] for line in lines} == {"刘秘书"}
    assert all(line[0] for line in lines)  # every step has its date

    # --- and as stored ---------------------------------------------------------------------
    stored = get_proposal_detail(office.database, uuid)
    assert stored.row.stage == "已办结"
    assert [(a.round, a.satisfaction) for a in stored.assignments] == [
        (1, Satisfaction.DISSATISFIED),
        (2, Satisfaction.SATISFIED),
    ]
    assert stored.assignments[0].satisfaction_comment == "问题未解决"
    [attachment] = stored.attachments
    assert (attachment.purpose, attachment.original_name) == (
        AttachmentPurpose.REPLY,
        document.name,
    )
    assert [h.text for h in stored.history] == steps
    assert {h.operator for h in stored.history} == {"刘秘书"}

    # The list follows the window.
    detail.reject()
    qtbot.waitUntil(lambda: page.detail is None)
    assert listed(qtbot, page.proposals).selected().stage == "已办结"


def test_a_refused_step_says_why_and_changes_nothing(qtbot, page, office, modal):
    """不予立案 with “其他” and no text: the service refuses, the dialog stays open."""
    from app.proposals.intake.intake import add_proposal
    from tests.proposals.helpers import form

    uuid = add_proposal(office.database, form(office))
    page.refresh()
    detail = page.open_proposal(uuid)
    click(qtbot, detail.review.reject_button)
    dialog = detail.review.dialog
    dialog.ground.setCurrentIndex(dialog.ground.count() - 1)  # 其他
    assert dialog.other.isEnabled()
    messages: list[str] = []

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    modal.then(read)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: modal.done)
    assert messages == ["不予立案的理由选择了“其他”，请填写具体理由。"]
    assert dialog.isVisible()
    assert get_proposal_detail(office.database, uuid).row.stage == "待审查"
    type_text(qtbot, dialog.other, "已通过信访渠道反映")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    decision = detail.review.decision.text()
    assert decision.startswith("不予立案") and decision.endswith("：已通过信访渠道反映。")
    assert detail.review.letter_button.isEnabled()
    assert detail.review.reopen_button.isEnabled()
