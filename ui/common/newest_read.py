"""A list's reads on a worker thread (a quiet run_job), the newest one winning.

委员档案, 五个一考核, 催办 and 督办台账 read on a worker thread (a county's 565 members, its
year's check, 350 open ledger items: 0.15-0.45 s each): on the GUI thread the window froze
each time they refreshed. The job calls app/
services only and touches no widget; its result comes back on the GUI thread. A read
asked for while another runs cancels the older one, and only the newest read's result
is handed on, whatever order the reads end in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.common.jobs import Job
from ui.common.jobs import JobRunner, run_job

LOADING = "正在读取…"


class NewestRead(QObject):
    """Runs `owner`'s reads; `show(result)` gets the newest read's result only, and
    `loaded` says when the newest read ended (shown, or failed and the error said)."""

    loaded = Signal()

    def __init__(self, owner: QWidget, title: str, show: Callable[[Any], None]) -> None:
        super().__init__(owner)
        self._owner, self._title, self._show = owner, title, show
        self._asked = 0  # the newest read
        self._shown_for = 0  # the read whose result was shown
        self._runner: JobRunner | None = None  # the newest read, while it runs

    def start(self, job: Job[Any]) -> None:
        self._asked += 1
        if self._runner is not None:
            self._runner.cancel()  # its result would not be shown
        done = partial(self._arrived, self._asked)
        runner = run_job(self._owner, self._title, job, done, quiet=True)
        # A bound method, not a partial: see ui/proposals/list_tab.
        runner.finished.connect(self._ended)
        self._runner = runner

    def loading(self) -> bool:
        return self._runner is not None

    def failed(self) -> bool:
        """The newest read ended without a result (its error was said)."""
        return self._runner is None and self._shown_for != self._asked

    def _arrived(self, asked: int, result: object) -> None:
        if asked != self._asked:
            return
        self._shown_for = asked
        self._show(result)

    def _ended(self) -> None:
        if self.sender() is not self._runner:
            return
        self._runner = None
        self.loaded.emit()
