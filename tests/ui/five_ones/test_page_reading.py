"""五个一考核 checks a year off the GUI thread: the window stays live for a big county, the
page says 正在读取… meanwhile, and only the newest year asked for is shown."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from app.five_ones import check
from tests.ui.conftest import (
    BUSY,
    ModalAnswers,
    StartedJobs,
    busy_database,
    loaded,
    note_and_close,
)
from tests.ui.five_ones.conftest import YEAR
from ui.five_ones import page as page_module
from ui.five_ones.page import FiveOnesPage


def names(page: FiveOnesPage) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_the_check_runs_off_the_gui_thread_and_says_so_meanwhile(
    page: FiveOnesPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []

    def noted(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return check.check_five_ones(*args, **kwargs)

    monkeypatch.setattr(page_module, "check_five_ones", noted)
    page.year.setCurrentIndex(page.year.findData(2024))
    # At once, before the members of 2024 come: the page says it is reading, and the
    # outputs would write 2025's results under 2024: not offered meanwhile.
    assert page.summary.text() == "正在读取…"
    assert names(page) == ["王五", "李四", "赵六"]  # 2025's, kept on screen
    buttons = (page.workbook_button, page.notice_button, page.files_button)
    assert not any(b.isEnabled() for b in buttons)
    loaded(qtbot, page)
    assert threads and threading.main_thread() not in threads
    assert page.report is not None and page.report.year == 2024
    assert "钱七" in names(page) and page.summary.text().startswith("共 3 人")
    assert all(b.isEnabled() for b in buttons)


def test_two_quick_year_changes_show_only_the_newest_year(
    page: FiveOnesPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, jobs: StartedJobs
) -> None:
    """2024's check ends after 2025's: its members never replace 2025's."""
    entered, release = threading.Event(), threading.Event()

    def slow_2024(database, year, *args, **kwargs):  # type: ignore[no-untyped-def]
        if year == 2024:
            entered.set()
            release.wait(10)
        return check.check_five_ones(database, year, *args, **kwargs)

    monkeypatch.setattr(page_module, "check_five_ones", slow_2024)
    page.year.setCurrentIndex(page.year.findData(2024))
    qtbot.waitUntil(entered.is_set)
    page.year.setCurrentIndex(page.year.findData(YEAR))
    loaded(qtbot, page)
    assert page.report is not None and page.report.year == YEAR
    release.set()
    qtbot.waitUntil(jobs.all_ended, timeout=10_000)  # 2024's answer is delivered, and dropped
    assert page.report.year == YEAR and page.year.currentData() == YEAR
    assert names(page) == ["王五", "李四", "赵六"]  # not 钱七, checked in 2024


def test_a_check_that_fails_is_explained_and_the_results_shown_stay(
    page: FiveOnesPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, modal: ModalAnswers
) -> None:
    seen: list[str] = []
    modal.then(note_and_close(seen))
    monkeypatch.setattr(page_module, "check_five_ones", busy_database)
    page.year.setCurrentIndex(page.year.findData(2024))
    qtbot.waitUntil(lambda: modal.done, timeout=10_000)
    loaded(qtbot, page)
    assert seen and seen[0].startswith(BUSY)
    assert page.year.currentData() == YEAR and names(page) == ["王五", "李四", "赵六"]
    assert page.status.text() == "未能读取所选年度的考核结果，表中仍是上次读取的结果。"
    assert page.summary.text().startswith("共 3 人") and page.workbook_button.isEnabled()
