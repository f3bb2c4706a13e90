"""委员档案 reads a term's members off the GUI thread: the window stays live for a big
county, the count says 正在读取… meanwhile, and only the newest term asked for is shown."""

from __future__ import annotations

import threading

import pytest

from app.members import member_files
from app.members.member_files import MemberForm, add_member
from app.office.terms import add_term
from tests.ui.conftest import (
    BUSY,
    ModalAnswers,
    StartedJobs,
    busy_database,
    loaded,
    note_and_close,
)
from tests.ui.members.helpers import add_roster
from ui.members import list_jobs
from ui.members.member_list_page import MemberListPage
from ui.members.member_table_model import MemberTableModel

TERM_10 = "第十届（2021—2026）"
TERM_11 = "第十一届（2026—2031）"


@pytest.fixture
def page(qtbot, office_db) -> MemberListPage:
    add_roster(office_db)
    widget = MemberListPage(office_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    return loaded(qtbot, widget)


def shown(page: MemberListPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, MemberTableModel.NAME).data() for r in range(proxy.rowCount())]


def choose_term(page: MemberListPage, text: str) -> None:
    page.filters.term.setCurrentIndex(page.filters.term.findText(text))


def test_the_members_are_read_off_the_gui_thread_and_it_says_so_meanwhile(
    qtbot, page, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []

    def noted(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return member_files.list_members(*args, **kwargs)

    monkeypatch.setattr(list_jobs, "list_members", noted)
    page.select(page.proxy.member(shown(page).index("刘芳")).uuid)
    page.refresh()
    # At once, before the rows come: the count says it is reading, the rows read last
    # stay, and what acts on a row (perhaps of another term) waits for the new rows.
    assert page.count.text() == "正在读取…"
    assert len(shown(page)) == 5
    assert not page.open_button.isEnabled() and not page.delete_button.isEnabled()
    assert not page.export_view_button.isEnabled()
    loaded(qtbot, page)
    assert threads and threading.main_thread() not in threads
    assert page.count.text() == "共 5 人（在任 5 人）"
    assert page.selected().name == "刘芳" and page.open_button.isEnabled()
    assert page.export_view_button.isEnabled()


def test_the_first_read_shows_reading_not_the_empty_office(qtbot, office_db) -> None:
    add_roster(office_db)
    widget = MemberListPage(office_db)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    assert widget.stack.currentWidget() is widget.loading_state  # not 本届还没有委员档案
    loaded(qtbot, widget)
    assert widget.stack.currentWidget() is widget.table


def test_two_quick_term_changes_show_only_the_newest_term(
    qtbot, office_db, page, monkeypatch: pytest.MonkeyPatch, jobs: StartedJobs
) -> None:
    """The 10th term's read ends after the 11th's: its members never replace the 11th's."""
    new_term = add_term(office_db, 11, 2026, 2031)
    add_member(office_db, MemberForm(name="周敏", employer="团县委书记"), new_term.uuid)
    page.refresh()
    choose_term(loaded(qtbot, page), TERM_11)
    assert shown(loaded(qtbot, page)) == ["周敏"]
    entered, release = threading.Event(), threading.Event()

    def slow_10th(database, term_uuid=None):  # type: ignore[no-untyped-def]
        if term_uuid != new_term.uuid:
            entered.set()
            release.wait(10)
        return member_files.list_members(database, term_uuid)

    monkeypatch.setattr(list_jobs, "list_members", slow_10th)
    choose_term(page, TERM_10)
    qtbot.waitUntil(entered.is_set)
    choose_term(page, TERM_11)
    loaded(qtbot, page)
    assert shown(page) == ["周敏"]
    release.set()
    qtbot.waitUntil(jobs.all_ended, timeout=10_000)  # the 10th term's rows come, and are dropped
    assert shown(page) == ["周敏"] and page.count.text() == "共 1 人（在任 1 人）"
    assert page.filters.term.currentText() == TERM_11


def test_a_read_that_fails_is_explained_and_the_rows_stay(
    qtbot, page, monkeypatch: pytest.MonkeyPatch, modal: ModalAnswers
) -> None:
    seen: list[str] = []
    modal.then(note_and_close(seen))
    monkeypatch.setattr(list_jobs, "list_members", busy_database)
    page.refresh()
    qtbot.waitUntil(lambda: modal.done, timeout=10_000)
    loaded(qtbot, page)
    assert seen and seen[0].startswith(BUSY)
    assert len(shown(page)) == 5 and page.count.text() == "共 5 人（在任 5 人）"
    assert page.notice.text() == "未能读取委员档案，列表中仍是上次读取的委员。"
