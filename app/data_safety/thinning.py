"""Thinning the backup folder by age: keep 12 daily, 10 weekly and 9 monthly backups.

The rule (as in restic's keep-daily/-weekly/-monthly): going from the newest backup
back, the newest backup of each of the 12 most recent days that have one is kept,
likewise for the 10 most recent ISO weeks and the 9 most recent months. On top of
that, every backup of the current day is kept (the one before this morning's import
may be needed this afternoon), and so is anything dated after `now` (a clock that
was set back must not make the program delete its newest backups); those later ones
take none of the 12/10/9 places, which go to the backups made since the clock went back.

A backup that is no longer whole (truncated or overwritten since it was checked and
made: `looks_whole`) holds no period's place: it is left where it is, and the next
backup of its day, week or month is kept as well, so a rotted file never costs the
sound copies of its period.

Only files the program named (`<reason>-YYYYmmdd-HHMMSS[-n].sqlite3`) are thinned;
anything else in the folder, and the databases a restore kept (`.damaged`,
`.before-restore`), are left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from pathlib import Path

from app.data_safety.data_folder import BackupFile, list_backups, reason_of
from db.file_safety.files import looks_whole

log = logging.getLogger(__name__)

KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9


def _day(at: datetime) -> Hashable:
    return at.date()


def _week(at: datetime) -> Hashable:
    return at.isocalendar()[:2]


def _month(at: datetime) -> Hashable:
    return (at.year, at.month)


RULES: tuple[tuple[Callable[[datetime], Hashable], int], ...] = (
    (_day, KEEP_DAILY),
    (_week, KEEP_WEEKLY),
    (_month, KEEP_MONTHLY),
)


def backups_to_keep(
    backups: Sequence[BackupFile],
    now: datetime,
    is_whole: Callable[[Path], bool],
) -> set[Path]:
    """The paths that survive thinning at `now`; `is_whole` tells a sound file."""
    newest_first = sorted(backups, key=lambda b: (b.made_at, b.name), reverse=True)
    keep = {b.path for b in newest_first if b.made_at.date() >= now.date()}
    # Backups dated after today are kept above; they must not also take the rules'
    # places, or with a clock set back every backup made since would be removed.
    up_to_today = [b for b in newest_first if b.made_at.date() <= now.date()]
    whole: dict[Path, bool] = {}
    for period, count in RULES:
        seen: set[Hashable] = set()
        for backup in up_to_today:
            if len(seen) == count:
                break
            key = period(backup.made_at)
            if key not in seen:
                keep.add(backup.path)
                if backup.path not in whole:
                    whole[backup.path] = is_whole(backup.path)
                if whole[backup.path]:
                    seen.add(key)
    return keep


def thin_backups(folder: Path, now: datetime) -> list[Path]:
    """Remove the backups the rule does not keep; returns what was removed.

    A file that cannot be removed (open in another program) stays until next time.
    """
    ours = [b for b in list_backups(folder) if reason_of(b.path) is not None]
    keep = backups_to_keep(ours, now, looks_whole)
    removed = []
    for backup in ours:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
        except OSError as exc:
            log.warning("old backup %s not removed: %s", backup.name, exc)
            continue
        removed.append(backup.path)
    if removed:
        log.info("thinned %d old backups in %s", len(removed), folder)
    return removed
