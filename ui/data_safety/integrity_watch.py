"""After start: the full integrity_check in the background (the start itself only runs the
quick one). Damage found stops every write at once and is said plainly."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from app.common.errors import DamageFound
from app.common.storage import Database
from ui.common.errors import show_known_error

log = logging.getLogger(__name__)


class _CheckThread(QThread):
    checked = Signal(object)  # str (what SQLite found) or None

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database

    def run(self) -> None:
        try:
            problem = self._database.check_integrity()
        except Exception:  # a locked or vanished file: the next check will tell
            log.exception("background integrity check could not run")
            problem = None
        self.checked.emit(problem)


class IntegrityWatch(QObject):
    """Runs the check once; `finished` carries what it found (None: sound)."""

    finished = Signal(object)

    def __init__(self, window: QWidget, database: Database) -> None:
        super().__init__(window)
        self._window = window
        self._thread = _CheckThread(database, self)
        self._thread.checked.connect(self._checked)

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> None:
        """Before quitting: the check holds a connection of the database."""
        self._thread.wait()

    def _checked(self, problem: str | None) -> None:
        if problem is not None:
            show_known_error(self._window, DamageFound(problem, during_work=False), "数据库已损坏")
        self.finished.emit(problem)
