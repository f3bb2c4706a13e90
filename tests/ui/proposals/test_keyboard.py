"""A clerk at the keyboard in the proposal dialogs: a step's form opens on its first
field, and Tab moves on from a multi-line box (提案内容, 主要内容) to what follows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.proposals.intake.intake import add_proposal
from tests.proposals.helpers import Office, form
from tests.ui.proposals.conftest import click


def _active(qtbot, dialog: QDialog) -> QDialog:
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _tab(qtbot, key: Qt.Key = Qt.Key.Key_Tab) -> object:
    qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def test_a_new_lead_opens_on_its_first_field_and_tab_leaves_its_content(qtbot, page):
    """新增提案线索 opened on 确定 (typing went nowhere, Enter saved), and Tab in 主要内容
    typed a tab into it and never reached 列入参考题目 or 确定."""
    page.tabs.setCurrentWidget(page.leads)
    page.leads.add()
    dialog = _active(qtbot, page.leads.dialog)
    assert QApplication.focusWidget() is dialog.year  # 年度, the first field
    assert _tab(qtbot) is dialog.title_edit
    dialog.content.setFocus()
    assert _tab(qtbot) is dialog.published
    assert dialog.content.toPlainText() == ""
    assert _tab(qtbot) is dialog.ok_button
    dialog.reject()


def test_tab_leaves_the_proposal_text(qtbot, page):
    intake = _active(qtbot, page.new_proposal())
    body = intake.fields.body
    body.setFocus()
    assert _tab(qtbot) is intake.fields.note  # 备注, below the text
    assert body.toPlainText() == ""
    assert _tab(qtbot, Qt.Key.Key_Backtab) is body
    intake.done(0)


def test_tab_leaves_the_list_of_proposals_to_merge_into(qtbot, page, office: Office):
    """Tab in 主提案 went from cell to cell, row after row, before 审查日期 and 确定."""
    for title in ("关于加强农村学校校舍安全的建议", "关于推进老旧小区改造的建议"):
        add_proposal(office.database, form(office, title))
    second = add_proposal(office.database, form(office, "关于加强农村学校校舍安全管理的建议"))
    detail = page.open_proposal(second)
    click(qtbot, detail.review.merge_button)
    dialog = _active(qtbot, detail.review.dialog)
    dialog.table.setFocus()
    assert _tab(qtbot) is dialog.day  # 审查日期, below the list
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.table
    dialog.reject()
