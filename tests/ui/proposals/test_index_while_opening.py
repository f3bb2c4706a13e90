"""The duplicate check's index is built quietly when the page opens: on ten years'
register that takes seconds, and a window-modal "正在准备提案查重…" held the clerk."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog

from app.proposals.intake.intake import add_proposal
from tests.proposals.helpers import Office, form
from tests.ui.proposals.conftest import listed
from ui.common.jobs import wait_for_running_jobs
from ui.proposals import page as page_module
from ui.proposals.page import ProposalsPage


def test_the_page_is_usable_while_the_index_is_built(qtbot, office: Office, monkeypatch) -> None:
    add_proposal(office.database, form(office, "关于加强城区停车管理的建议"))
    building, may_end = threading.Event(), threading.Event()
    prepare = page_module._prepare

    def slow(database, progress):  # type: ignore[no-untyped-def]
        building.set()
        may_end.wait(10)
        return prepare(database, progress)

    monkeypatch.setattr(page_module, "_prepare", slow)
    page = ProposalsPage(office.database)
    qtbot.addWidget(page)
    page.show()
    try:
        page.refresh()
        assert building.wait(5)
        listed(qtbot, page.proposals)  # the list is read and shown meanwhile
        assert page.proposals.count_label.text() == "共 1 件"
        assert not page.index_ready
        assert page.findChildren(QProgressDialog) == []  # nothing holds the window
    finally:
        may_end.set()
    qtbot.waitUntil(lambda: page.index_ready)
    wait_for_running_jobs()
