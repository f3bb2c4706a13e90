"""ui.common.jobs.run_job: the one long-work helper, driven with real jobs and a real dialog."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from app.common.errors import KnownError
from app.common.jobs import Progress
from tests.ui.conftest import ModalAnswers
from ui.common.jobs import run_job, wait_for_running_jobs

MAIN_THREAD = threading.get_ident()


@pytest.fixture
def unexpected_boxes(qtbot: QtBot) -> Iterator[list[tuple[str, str]]]:
    """For tests that expect no message: closes any box that shows up anyway (a box
    left open would block the test in exec()) and yields (objectName, text) of each."""
    seen: list[tuple[str, str]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.objectName(), box.text()))
            box.button(QMessageBox.StandardButton.Ok).click()

    timer = QTimer()
    timer.timeout.connect(close_box)
    timer.start(20)
    yield seen
    timer.stop()


def read_and_close(seen: list[tuple[str, str]]) -> Callable[[QWidget], None]:
    """A `modal` answer: note the message box's name and text, then press OK."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.objectName(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    return answer


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_result_and_progress_reach_the_gui_thread(qtbot: QtBot, parent: QWidget) -> None:
    def job(progress: Progress) -> int:
        for step in (1, 2, 3):
            progress.report(step, 3, f"第{step}步")
        return threading.get_ident()

    done: list[tuple[int, int]] = []
    runner = run_job(
        parent, "测试任务", job, lambda result: done.append((result, threading.get_ident()))
    )
    dialog = runner.dialog
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass

    [(worker_thread, callback_thread)] = done
    assert worker_thread != MAIN_THREAD
    assert callback_thread == MAIN_THREAD
    assert dialog.labelText() == "第3步"
    assert dialog.maximum() == 3
    assert not dialog.isVisible()


def test_the_last_step_said_stays_when_the_steps_come_together(
    qtbot: QtBot, parent: QWidget
) -> None:
    """Found as a flaky test_result_and_progress_reach_the_gui_thread on a busy machine:
    once the dialog shows, its setValue handles the events waiting (a modal progress
    dialog does), so the next steps were said inside it, and the step being handled was
    said afterwards, over them: "第1步" or "第2步" was left at the end of 3."""
    go = threading.Event()

    def job(progress: Progress) -> str:
        go.wait(10)
        for step in (1, 2, 3):
            progress.report(step, 3, f"第{step}步")
        return "ok"

    runner = run_job(parent, "测试任务", job, lambda result: None)
    dialog = runner.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown after its minimum duration
    go.set()
    runner.wait()  # the GUI thread busy meanwhile: every step waits to be handled
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass
    assert dialog.labelText() == "第3步"


def test_known_error_is_shown_and_on_done_not_called(
    qtbot: QtBot, parent: QWidget, modal: ModalAnswers
) -> None:
    def job(progress: Progress) -> None:
        progress.report(1, 2, "正在处理…")
        raise KnownError("文件已被其他程序打开。", "请关闭后再试。")

    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    done: list[object] = []
    runner = run_job(parent, "测试任务", job, done.append)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass

    assert seen == [("knownErrorBox", "文件已被其他程序打开。")]
    assert done == []


def test_a_bug_goes_to_the_crash_dialog(
    qtbot: QtBot, parent: QWidget, modal: ModalAnswers, caplog: pytest.LogCaptureFixture
) -> None:
    def job(progress: Progress) -> None:
        raise ZeroDivisionError("division by zero")

    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    done: list[object] = []
    runner = run_job(parent, "测试任务", job, done.append)
    with caplog.at_level(logging.CRITICAL), qtbot.waitSignal(runner.finished, timeout=5000):
        pass

    assert seen == [("crashDialog", "程序遇到了一个意外错误。")]
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)
    assert done == []


def _until_cancelled(progress: Progress) -> str:
    pace = threading.Event()
    for step in range(3000):  # about 15 s: the test fails rather than hangs
        progress.report(step, 3000, f"第{step}项")
        pace.wait(0.005)
    return "never cancelled"


def test_cancel_button_stops_the_job_quietly(
    qtbot: QtBot, parent: QWidget, unexpected_boxes: list[tuple[str, str]]
) -> None:
    done: list[object] = []
    runner = run_job(parent, "长时间任务", _until_cancelled, done.append)
    dialog = runner.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown after its minimum duration
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "取消"

    with qtbot.waitSignal(runner.finished, timeout=5000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert done == []
    assert unexpected_boxes == []
    assert not dialog.isVisible()


def test_runner_cancel_stops_the_job_quietly(
    qtbot: QtBot, parent: QWidget, unexpected_boxes: list[tuple[str, str]]
) -> None:
    done: list[object] = []
    runner = run_job(parent, "长时间任务", _until_cancelled, done.append)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.cancel()

    assert done == []
    assert unexpected_boxes == []


def test_without_cancel_button_when_not_cancellable(qtbot: QtBot, parent: QWidget) -> None:
    runner = run_job(
        parent, "不可取消", lambda progress: "ok", lambda result: None, cancellable=False
    )
    assert runner.dialog.findChild(QPushButton) is None
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass


def test_a_quiet_job_shows_no_dialog_but_still_says_its_error(
    qtbot: QtBot, parent: QWidget, modal: ModalAnswers
) -> None:
    """A list that reads on a worker says "正在读取…" itself: no progress dialog, even past
    the dialog's minimum duration; the result comes back, an error is still shown."""

    def slow(progress: Progress) -> str:
        progress.report(1, 2, "第1步")
        time.sleep(0.5)
        return "ok"

    done: list[object] = []
    runner = run_job(parent, "读取列表", slow, done.append, quiet=True)
    assert runner.dialog is None
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass
    assert done == ["ok"] and QApplication.activeModalWidget() is None
    assert parent.findChildren(QProgressDialog) == []

    def failing(progress: Progress) -> None:
        raise KnownError("数据库正被其他程序使用。", "请稍后再试。")

    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    runner = run_job(parent, "读取列表", failing, done.append, quiet=True)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass
    assert seen == [("knownErrorBox", "数据库正被其他程序使用。")] and done == ["ok"]


def test_waiting_at_exit_passes_over_a_job_deleted_with_its_window(qtbot: QtBot) -> None:
    """A window deleted after its job's thread ended but before the result reached it (a
    list read when a test or the program ends) took the runner with it: waiting for the
    running jobs then failed on the deleted runner."""
    window = QWidget()
    runner = run_job(window, "读取列表", lambda progress: "ok", lambda result: None, quiet=True)
    runner.wait()  # the thread has ended; its result is still on its way
    delete(window)  # and the runner with it
    wait_for_running_jobs()
    wait_for_running_jobs()


def test_a_shown_error_ends_the_job_cleanly_at_any_event_loop_level(
    qtbot: QtBot, parent: QWidget, modal: ModalAnswers
) -> None:
    """Found while trying to reproduce finding 17 (a segfault after an .xls was refused):
    the runner asked to be deleted before it showed the error, so the message box's own
    event loop could destroy it mid-way; `finished` then never came (the roster wizard
    stayed busy for good), and a deleted object's method kept running."""

    def job(progress: Progress) -> None:
        raise KnownError("“名单.xls”是旧版 Excel（.xls）文件。", "请在 Excel 中另存为 .xlsx。")

    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    ended: list[bool] = []
    runner = run_job(parent, "正在读取和检查名单…", job, lambda result: None)
    runner.finished.connect(lambda: ended.append(True))
    deadline = time.monotonic() + 10
    while not ended and time.monotonic() < deadline:
        QApplication.processEvents()  # outside any exec(): as code driving Qt by hand does
        time.sleep(0.005)
    assert ended == [True]
    assert seen == [("knownErrorBox", "“名单.xls”是旧版 Excel（.xls）文件。")]


def test_a_window_deleted_while_its_job_runs_takes_nothing_down(qtbot: QtBot) -> None:
    """CI crashed (SIGSEGV): a list's export was still writing when its page was closed
    and deleted, and the running thread went with the page. The job now finishes on
    its own; its result, meant for the deleted widgets, is dropped."""
    release = threading.Event()

    def job(progress: Progress) -> str:
        release.wait(5)
        return "written"

    window = QWidget()
    window.show()
    done: list[str] = []
    runner = run_job(window, "正在导出列表…", job, done.append, cancellable=False)
    window.close()
    delete(window)
    release.set()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass
    assert done == []
