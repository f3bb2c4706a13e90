"""Intake in an office just set up: no members and no sessions yet. The form says what
is missing and where to add it, instead of an empty list and a bare refusal."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.common.storage import Database
from app.proposals.labels import SubmitterKind
from app.proposals.queries import list_proposals
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed
from ui.proposals.page import ProposalsPage


def test_intake_without_members_or_sessions_says_where_to_add_them(qtbot, office_db: Database):
    page = ProposalsPage(office_db)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.index_ready)
    listed(qtbot, page.proposals)
    click(qtbot, page.proposals.new_button)
    dialog = page.intake
    assert dialog is not None
    assert "还没有委员名单" in dialog.picker_hint.text()
    assert "请先在“委员档案”中导入或添加委员" in dialog.picker_hint.text()
    hint = dialog.fields.number_hint.text()
    assert "还没有登记全体会议" in hint and "届次与会议" in hint and "提案设置" in hint
    kind = dialog.fields.kind
    kind.setCurrentIndex(kind.findData(SubmitterKind.PARTY_GROUP.value))
    assert "以党派团体、界别或专委会名义提出" in dialog.picker_hint.text()
    kind.setCurrentIndex(kind.findData(SubmitterKind.INDIVIDUAL.value))
    dialog.reject()  # untouched again: closes without asking


def test_saving_without_members_says_there_is_nobody_to_pick(qtbot, office_db: Database, modal):
    """Not a bare "请选择提案人": there is nobody to pick until members are added."""
    page = ProposalsPage(office_db)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    listed(qtbot, page.proposals)
    click(qtbot, page.proposals.new_button)
    dialog = page.intake
    assert dialog is not None
    type_text(qtbot, dialog.fields.title_edit, "关于加强农村学校校舍安全管理的建议")
    seen: list[str] = []

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    modal.then(read)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "本届还没有委员名单，无法选择提案人" in seen[0]
    assert "请先在“委员档案”中导入或添加委员，再登记提案" in seen[0]
    assert "请选择提案人。" not in seen[0]
    assert dialog.isVisible() and list_proposals(office_db) == []
