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

Only files the program named (`<reason>-YYYYmmdd-HHMMSS[-n].sqlite3`) are thinned by
that rule; anything else in the folder, and the damaged databases a restore kept
(`.damaged`, evidence for the support person), are left alone. The sound databases a
planned restore replaced (`.before-restore`, `thin_replaced`) are bounded by a rule of
their own, so that a folder restored into again and again does not grow without end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from pathlib import Path

from app.data_safety.data_folder import BackupFile, list_backups, made_at_by_name, reason_of
from app.data_safety.restore import KEPT_BEFORE_RESTORE
from db.file_safety.files import companions, looks_whole

log = logging.getLogger(__name__)

KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
# The database a planned restore replaced is the way back from restoring the wrong file.
# A clerk notices that within days or weeks, not months, and each copy is the whole
# database (the 恢复前备份 beside it holds the same data and follows the rule above):
# the newest few are always kept, whatever their age (a restore a year ago may be the
# last one), and every one younger than a month, however many restores there were.
KEEP_REPLACED_NEWEST = 3
KEEP_REPLACED_DAYS = 30


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
    The databases kept by planned restores are bounded as well (`thin_replaced`).
    """
    thin_replaced(folder, now)
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


def replaced_to_remove(kept: Sequence[tuple[Path, datetime]], now: datetime) -> list[Path]:
    """Of the databases restores replaced, (path, when) each, those past both limits:
    not among the KEEP_REPLACED_NEWEST newest, and older than KEEP_REPLACED_DAYS.
    One dated after `now` (a clock set back) is kept and, as with the backups, takes
    none of the newest places, which go to those made since the clock went back."""
    up_to_now = [k for k in kept if k[1] <= now]
    newest_first = sorted(up_to_now, key=lambda k: (k[1], k[0].name), reverse=True)
    return [
        path
        for path, when in newest_first[KEEP_REPLACED_NEWEST:]
        if (now - when).days > KEEP_REPLACED_DAYS
    ]


def thin_replaced(folder: Path, now: datetime) -> list[Path]:
    """Remove the `.before-restore` databases `replaced_to_remove` names, each with its
    journal; returns the databases removed. Dated by the time in their name (it survives
    a copy of the folder), else by the file's time."""
    suffix = KEPT_BEFORE_RESTORE.suffix
    kept = []
    for path in folder.glob(f"{KEPT_BEFORE_RESTORE.stem}-*{suffix}") if folder.is_dir() else ():
        try:
            mtime = path.stat().st_mtime
        except OSError:  # removed while we were looking
            continue
        as_backup = path.with_name(path.name.removesuffix(suffix) + ".sqlite3")
        kept.append((path, made_at_by_name(as_backup) or datetime.fromtimestamp(mtime)))
    removed = []
    for path in replaced_to_remove(kept, now):
        try:
            journals = companions(path)
            path.unlink()  # first: a database open elsewhere stays, and keeps its journal
            for journal in journals:
                journal.unlink()
        except OSError as exc:
            log.warning("old %s not removed: %s", path.name, exc)
            continue
        removed.append(path)
    if removed:
        log.info("removed %d databases kept by old restores in %s", len(removed), folder)
    return removed
