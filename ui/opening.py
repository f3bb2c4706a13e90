"""Opening the database off the GUI thread, so the window shows at once.

The first start-up work — importing SQLAlchemy and the models, checking the file,
reading the 概况 figures — runs on a worker; the shell window is already on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

if TYPE_CHECKING:
    from app.common.paths import DataLocation
    from app.common.storage import Database
    from app.overview.overview import Overview


@dataclass
class Opened:
    database: Database
    set_up: bool
    overview: Overview | None  # the first page's figures, read on the worker


class DatabaseOpener(QThread):
    """Opens the database and reads the first page; the result or error comes back by signal."""

    opened = Signal(object)
    failed = Signal(object)

    def __init__(self, location: DataLocation) -> None:
        super().__init__()
        self.location = location

    def run(self) -> None:
        try:
            result = open_for_window(self.location)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self.failed.emit(exc)
        else:
            self.opened.emit(result)


def open_for_window(location: DataLocation) -> Opened:
    from app.common.storage import open_database
    from app.office.office import is_set_up
    from app.overview.overview import load_overview

    database = open_database(location)
    try:
        set_up = is_set_up(database)
        if set_up:
            _daily_backup(database)
        return Opened(database, set_up, load_overview(database) if set_up else None)
    except BaseException:
        database.close()
        raise


def _daily_backup(database: Database) -> None:
    """The first start of a day backs the data up (app.data_safety.backups.DAILY).

    A backup that cannot be made (a full disk) must not keep the office out of its
    data: it is logged, and the next start tries again. Damage is not ignored.
    """
    import logging

    from app.common.errors import DatabaseDamaged, KnownError
    from app.data_safety.backups import back_up_daily_if_due

    try:
        back_up_daily_if_due(database)
    except DatabaseDamaged:
        raise
    except KnownError as exc:
        logging.getLogger(__name__).error("daily backup not made: %s", exc.what)
