"""Pages that only read open while another program holds the write lock (a long import in
another window): they froze for the 5 s busy timeout, then said 数据库正被其他程序占用."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from app.demo.demo import load_demo
from tests.common.database_states.write_lock import write_lock_held
from tests.ui.conftest import StartedJobs, settled
from ui.main_window import MainWindow

PAGES = {
    "overview": "概况",
    "members": "委员档案",
    "records": "履职记录",
    "proposals": "提案",
    "consultation": "协商",
    "five_ones": "五个一考核",
    "settings": "系统设置",
}


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the pages open, answered at once (a modal box would hang the test)."""
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(f"{box.text()} {box.informativeText()}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown


@pytest.mark.parametrize("title", PAGES.values(), ids=PAGES.keys())
def test_a_page_opens_while_another_program_writes(qtbot, office_db, messages, jobs, title) -> None:
    load_demo(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    with write_lock_held(office_db):  # a read that waits for it fails with a message
        page = window.open_page(title)
        _settled(qtbot, page, jobs)
    assert messages == []
    assert window.pages.currentWidget() is page


@pytest.mark.parametrize("title", PAGES.values(), ids=PAGES.keys())
def test_every_tab_of_a_page_opens_while_another_program_writes(
    qtbot, office_db, messages, jobs, title
) -> None:
    load_demo(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    page = window.open_page(title)
    with write_lock_held(office_db):
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                _settled(qtbot, page, jobs)
    assert messages == []


def _settled(qtbot, page: QWidget, jobs: StartedJobs) -> None:
    """What the page reads on a worker thread has come back and is shown, and every job
    it started has ended (a read that waited out the lock has said so) while the lock is
    still held."""
    settled(qtbot, page)
    qtbot.waitUntil(jobs.all_ended, timeout=10_000)
