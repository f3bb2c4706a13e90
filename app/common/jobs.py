"""Long work (imports, exports, reports, backups) without Qt.

A job is a plain function taking a Progress. The UI runs it on a worker
thread (ui/common/jobs.py); the CLI runs it directly with a console Progress.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The user cancelled; the job has changed nothing (its transaction rolled back)."""


class Progress(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None: ...

    def check_cancelled(self) -> None:
        """Raise Cancelled if the user asked to stop."""


class ProgressTracker:
    """Thread-safe progress: the worker reports, the GUI thread may cancel."""

    def __init__(self, on_report: Callable[[int, int, str], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._on_report = on_report

    def report(self, done: int, total: int, text: str = "") -> None:
        self.check_cancelled()
        if self._on_report is not None:
            self._on_report(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


Job = Callable[[Progress], T]
