"""The one long-work helper: a job on a worker thread with a cancellable progress dialog.

The job is a plain function from app/ that opens its own session(s); its
result or error comes back on the GUI thread through queued signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget
from shiboken6 import isValid

from app.common.jobs import Cancelled, Job, ProgressTracker
from ui.common.errors import report_error

log = logging.getLogger(__name__)
_running: set[JobRunner] = set()
# Every runner until Qt has destroyed it (its deleteLater): having no Qt parent, it would
# otherwise be freed by Python when the last reference goes, which can be inside its own
# slot, while Qt is still delivering to it.
_alive: dict[int, JobRunner] = {}


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.tracker = ProgressTracker(on_report=self.progressed.emit)

    def run(self) -> None:
        try:
            result = self._job(self.tracker)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class JobRunner(QObject):
    """Runs one job; emits `finished` after the result or error was handed over."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        job: Job[Any],
        on_done: Callable[[Any], None],
        cancellable: bool = True,
        quiet: bool = False,
    ) -> None:
        # No Qt parent: a window closed and deleted while its job runs would take the
        # running thread with it, and Qt crashes. The runner lives until its job ends.
        super().__init__()
        key = id(self)
        _alive[key] = self
        self.destroyed.connect(lambda *_args: _alive.pop(key, None))
        self._parent = parent
        self._on_done = on_done
        # quiet: no progress dialog at all (a list that reloads while the clerk works on,
        # saying "正在读取…" itself); errors are still reported.
        self.dialog = None if quiet else _progress_dialog(parent, title, cancellable)
        self._worker = _Worker(job, self)
        self._worker.progressed.connect(self._show_progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        if self.dialog is not None:
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        _running.add(self)
        self._worker.start()

    def wait(self) -> None:
        self._worker.wait()

    def cancel(self) -> None:
        if (dialog := self._live_dialog()) is not None:
            dialog.setLabelText("正在取消…")
        self._worker.tracker.cancel()

    def _show_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._live_dialog()
        if self._worker.tracker.cancelled or dialog is None:
            return
        if text:
            dialog.setLabelText(text)
        dialog.setMaximum(max(total, 0))
        # Last: once shown, a modal progress dialog handles the events waiting inside
        # setValue, the next steps among them; nothing of this step may come after those.
        dialog.setValue(min(done, total) if total else 0)

    def _succeeded(self, result: object) -> None:
        self._hide()
        try:
            if isValid(self._parent):
                self._on_done(result)
            else:  # its window is gone, and with it the widgets the result was for
                log.info("job ended after its window was closed; result not shown")
        finally:
            self._end()

    def _failed(self, error: BaseException) -> None:
        self._hide()
        try:
            if isinstance(error, Cancelled):
                log.info("job cancelled by the user")
            else:
                report_error(self._parent if isValid(self._parent) else None, error)
        finally:
            self._end()

    def _hide(self) -> None:
        _running.discard(self)
        self._worker.wait()
        if (dialog := self._live_dialog()) is not None:
            dialog.reset()
            dialog.hide()

    def _end(self) -> None:
        # Deleted only now: the handlers above may run a message box's own event loop,
        # which must not destroy this runner while its method is still running.
        self.finished.emit()
        if (dialog := self._live_dialog()) is not None:
            dialog.deleteLater()
        self.deleteLater()

    def _live_dialog(self) -> QProgressDialog | None:
        """The progress dialog is its window's child: deleted with it."""
        return self.dialog if self.dialog is not None and isValid(self.dialog) else None


def wait_for_running_jobs() -> None:
    """Block until every job's worker thread has ended: before the program quits, so no
    thread is torn down mid-work (a job started when a page opened, an export)."""
    for runner in list(_running):
        if isValid(runner):
            runner.wait()
        else:  # deleted with its window after its thread ended, before it was told so
            _running.discard(runner)


def when_ended(runner: JobRunner, owner: QWidget, handler: Callable[[], None]) -> None:
    """Call `handler` once `runner`'s job has ended (its result or error handed over),
    unless `owner` was deleted meanwhile (its window closed while the job ran): a lambda
    connected to `finished` outlives the widget and would work on its deleted parts."""
    runner.finished.connect(lambda: handler() if isValid(owner) else None)


def run_job(
    parent: QWidget,
    title: str,
    job: Job[Any],
    on_done: Callable[[Any], None],
    cancellable: bool = True,
    quiet: bool = False,
) -> JobRunner:
    runner = JobRunner(parent, title, job, on_done, cancellable, quiet)
    runner.start()
    return runner


def _progress_dialog(parent: QWidget, title: str, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(title, "取消" if cancellable else "", 0, 0, parent)
    dialog.setObjectName("jobProgressDialog")
    dialog.setWindowTitle(title)
    # Texts such as "正在排版履职档案（157/201）…" must never be cut off.
    label = QLabel(title)
    label.setWordWrap(True)
    dialog.setLabel(label)
    dialog.setMinimumWidth(480)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog
