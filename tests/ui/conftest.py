"""Helpers for driving modal dialogs the way a clerk would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from app.common.errors import KnownError

ModalHandler = Callable[[QWidget], None]


class ModalAnswers:
    """Answers the next modal dialogs in order, as soon as each one opens.

    A modal dialog blocks the test in exec(); a timer polls for it and hands
    it to the handler, which types and clicks like the user would.
    """

    def __init__(self) -> None:
        self.handlers: list[tuple[ModalHandler, type[QWidget]]] = []
        self.seen: list[QWidget] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)

    def then(self, handler: ModalHandler, kind: type[QWidget] = QWidget) -> ModalAnswers:
        """`kind`: answer only a dialog of that class (a message box that a worker's
        result opens later, while the form that started it is itself modal)."""
        self.handlers.append((handler, kind))
        self._timer.start()
        return self

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog in self.seen or not self.handlers:
            return
        if isinstance(dialog, QProgressDialog):
            # run_job's progress: on a slow machine it shows (modal) before the message
            # the test waits for, and must not take that message's answer.
            return
        handler, kind = self.handlers[0]
        if not isinstance(dialog, kind):
            return
        self.seen.append(dialog)
        self.handlers.pop(0)
        handler(dialog)
        if not self.handlers:
            self._timer.stop()

    @property
    def done(self) -> bool:
        return not self.handlers


@pytest.fixture
def office_look():
    """The program's own font and style sheet (padded buttons), as a clerk sees them;
    the tests' plain look comes back afterwards."""
    from ui.application import apply_look

    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    apply_look(app)
    yield
    app.setStyleSheet(sheet)
    app.setFont(font)


@pytest.fixture
def modal() -> ModalAnswers:
    answers = ModalAnswers()
    yield answers
    answers._timer.stop()
    assert answers.done, "a dialog the test expected never opened"


# What DiscardGuard asks (ui/common/unsaved.py), as the clerk reads it.
DISCARD_QUESTION = "有未保存的内容，确定放弃吗？"


def press(asked: list[str], button: str) -> ModalHandler:
    """A `modal` answer: note the message box's text in `asked`, then press `button`."""

    def handle(box: QWidget) -> None:
        asked.append(box.text())  # type: ignore[attr-defined]
        next(b for b in box.buttons() if b.text() == button).click()  # type: ignore[attr-defined]

    return handle


BUSY = "数据库正被其他程序占用。"


def busy_database(*_args: object, **_kwargs: object) -> object:
    """A read that fails as it does while another program holds the database."""
    raise KnownError(BUSY, "请稍后再试。")


def note_and_close(seen: list[str]) -> ModalHandler:
    """A `modal` answer to a message box: note its text in `seen`, then close it."""

    def handle(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    return handle


def loaded(qtbot, widget):  # type: ignore[no-untyped-def]
    """`widget` (a list tab or page that reads its rows on a worker thread: it has
    `loading()` and a `loaded` signal) once its newest read has ended. Returns it."""
    if widget.loading():
        with qtbot.waitSignal(widget.loaded, timeout=10_000):
            pass
    return widget


def settled(qtbot, widget: QWidget, timeout: int = 10_000) -> QWidget:
    """`widget` once what it reads on a worker thread has come (no part of it `loading()`)
    and its layout has settled: where it and every widget in it lie, and which of them are
    shown, unchanged across two turns of the event loop. Returns it.

    A layout settles in a few posted events, later on a busy machine: a fixed
    `qtbot.wait(20)` let a test look too early. Wait here before checking what must NOT
    show (a scroll bar, a window grown wider), which waitUntil alone could see in passing."""
    readers = [
        w for w in (widget, *widget.findChildren(QWidget)) if callable(getattr(w, "loading", None))
    ]
    seen: list[object] = []

    def steady() -> bool:
        if any(reader.loading() for reader in readers):
            seen.clear()
            return False
        seen.append(
            [
                (w.geometry().getRect(), w.isVisible())
                for w in (widget, *widget.findChildren(QWidget))
            ]
        )
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    qtbot.waitUntil(steady, timeout=timeout)
    return widget


class StartedJobs:
    """The jobs (ui.common.jobs.run_job) started while a test runs, and how many have
    ended: handed their result or error to the GUI thread (JobRunner.finished)."""

    def __init__(self) -> None:
        self.started = 0
        self.ended = 0

    def all_ended(self) -> bool:
        return self.ended == self.started

    def _ended(self) -> None:
        self.ended += 1


@pytest.fixture
def jobs(monkeypatch) -> StartedJobs:
    """Counts the jobs started from here on (the real ones, run as ever): a test that a
    late answer is dropped waits with `qtbot.waitUntil(jobs.all_ended)` until that answer
    has reached the page, instead of sleeping and perhaps looking before it came."""
    from ui.common.jobs import JobRunner

    counted = StartedJobs()
    start = JobRunner.start

    def counting_start(runner: JobRunner) -> None:
        counted.started += 1
        runner.finished.connect(counted._ended)
        start(runner)

    monkeypatch.setattr(JobRunner, "start", counting_start)
    return counted


def opened(qtbot, dialog):  # type: ignore[no-untyped-def]
    """`dialog` opened (window-modal) and shown, closed by qtbot after the test."""
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a clerk: ASCII by key presses, Chinese through the input method.

    QTest cannot press keys for CJK characters; a Chinese IME delivers them as
    a committed QInputMethodEvent, which is what this sends.
    """
    from PySide6.QtGui import QInputMethodEvent

    for chunk in _runs(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    """Split text into runs of ASCII and non-ASCII characters."""
    runs: list[str] = []
    for char in text:
        if runs and runs[-1][-1].isascii() == char.isascii():
            runs[-1] += char
        else:
            runs.append(char)
    return runs


@pytest.fixture(scope="session", autouse=True)
def chinese_qt(qapp):
    """The tests see Qt's own texts as the clerk does: in Chinese."""
    from ui.application import install_chinese

    install_chinese(qapp)
    return qapp


def fill_first_admin(qtbot, fields, name: str = "张红", password: str = "Admin2025") -> None:
    """The first administrator's name and password, typed twice (ui.security.fields)."""
    type_text(qtbot, fields.name, name)
    type_text(qtbot, fields.password, password)
    type_text(qtbot, fields.again, password)


def closing_main_windows(titles: list[str]) -> QTimer:
    """A started timer that closes each main window a start shows (one with its data),
    noting its title, so that run_gui returns; stop it afterwards."""
    from ui.main_window import MainWindow  # the main window imports most of the program

    def close_them() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.database:
                titles.append(widget.windowTitle())
                widget.close()

    timer = QTimer()
    timer.timeout.connect(close_them)
    timer.start(20)
    return timer


@pytest.fixture
def host(qtbot) -> QWidget:
    """A shown parent for dialogs under test; it deletes them when the test ends."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


# 1366×768 at Windows' 125 % display scaling, less a 48-pixel task bar, in Qt's pixels.
CLERK_LAPTOP = (1093, 576)


@pytest.fixture
def clerk_laptop(monkeypatch) -> QRect:
    """Windows sized from here on see the free area of a county clerk's laptop screen
    (the offscreen test screen is 800×600, and Qt cannot change its size at run time)."""
    from ui.common import screen_fit

    area = QRect(0, 0, *CLERK_LAPTOP)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(area))
    return area


def fits_on(area: QRect, window: QWidget) -> bool:
    """`window` and its system frame (ui.common.screen_fit.FRAME_ALLOWANCE) fit `area`."""
    from ui.common.screen_fit import FRAME_ALLOWANCE

    return (
        window.width() + FRAME_ALLOWANCE.width() <= area.width()
        and window.height() + FRAME_ALLOWANCE.height() <= area.height()
        and window.minimumSizeHint().height() + FRAME_ALLOWANCE.height() <= area.height()
    )


def bottom_of(widget: QWidget, window: QWidget) -> int:
    """How far down `window` the bottom edge of `widget` lies."""
    return widget.mapTo(window, widget.rect().bottomLeft()).y()
