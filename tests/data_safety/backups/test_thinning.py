"""Thinning the backup folder by age (keep 12 daily, 10 weekly, 9 monthly) with a fake clock."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

from app.common.storage import Database
from app.data_safety import backups, thinning
from app.data_safety.data_folder import BackupFile, list_backups
from db.file_safety.files import looks_whole
from tests.security.helpers import audit_lines

START = datetime(2025, 1, 1, 8, 0)


def WHOLE(_path: Path) -> bool:
    return True


def daily_files(days: int, start: datetime = START) -> list[BackupFile]:
    made = [start + timedelta(days=n) for n in range(days)]
    return [BackupFile(Path(f"每日备份-{at:%Y%m%d-%H%M%S}.sqlite3"), at, 1) for at in made]


def expected_days(today: date) -> set[date]:
    """One backup every day: the calendar says which survive (no use of the rule's code)."""
    days = {today - timedelta(days=n) for n in range(12)}
    week_ends = [today] + [
        today - timedelta(days=today.isoweekday()) - timedelta(weeks=n) for n in range(9)
    ]  # this week's newest is today; earlier weeks end on Sunday
    month_ends = [today]
    first = today.replace(day=1)
    for _ in range(8):
        first = (first - timedelta(days=1)).replace(day=1)
        next_first = (first + timedelta(days=32)).replace(day=1)
        month_ends.append(next_first - timedelta(days=1))
    return days | set(week_ends) | set(month_ends)


def test_a_year_of_daily_backups_thins_to_12_daily_10_weekly_9_monthly() -> None:
    files = daily_files(400)
    now = files[-1].made_at + timedelta(hours=1)
    kept = thinning.backups_to_keep(files, now, WHOLE)
    kept_days = {b.made_at.date() for b in files if b.path in kept}
    assert kept_days == expected_days(now.date())
    assert min(kept_days) == date(2025, 6, 30)  # the ninth month back ends here
    assert len(kept) == len(kept_days) < 12 + 10 + 9


def test_the_boundaries_of_each_rule() -> None:
    files = daily_files(400)
    now = files[-1].made_at + timedelta(hours=1)
    survivors = thinning.backups_to_keep(files, now, WHOLE)
    kept = {b.made_at.date() for b in files if b.path in survivors}
    today = now.date()
    assert today - timedelta(days=11) in kept  # the twelfth day back: kept
    thirteenth = today - timedelta(days=12)
    assert (thirteenth in kept) == (thirteenth.isoweekday() == 7)  # only as a week's newest
    tenth_week_end = today - timedelta(days=today.isoweekday()) - timedelta(weeks=8)
    assert tenth_week_end in kept
    assert tenth_week_end - timedelta(weeks=1) not in kept or (
        (tenth_week_end - timedelta(weeks=1) + timedelta(days=1)).day == 1
    )  # the eleventh week is gone unless it ends a month


def test_todays_backups_and_later_ones_are_all_kept() -> None:
    now = datetime(2026, 3, 10, 17, 0)
    today = [now.replace(hour=h) for h in (8, 9, 11, 15)]
    later = [now + timedelta(days=3)]  # a clock set back: never delete the newest
    files = [
        BackupFile(Path(f"导入名单前备份-{at:%Y%m%d-%H%M%S}.sqlite3"), at, 1)
        for at in [*today, *later]
    ]
    assert thinning.backups_to_keep(files, now, WHOLE) == {b.path for b in files}


def test_few_backups_are_never_thinned() -> None:
    files = daily_files(3, start=datetime(2020, 1, 1))  # years old, but all there is
    assert thinning.backups_to_keep(files, datetime(2026, 1, 1), WHOLE) == {b.path for b in files}


def test_make_backup_thins_the_folder_as_the_days_go_by(office_db: Database) -> None:
    """Forty days of daily backups through the real code, each on its own fake day."""
    folder = office_db.location.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    stranger = folder / "复制过来的.sqlite3"  # not named by the program: left alone
    stranger.write_bytes(b"x")
    damaged = folder / "已损坏-20250101-080000.sqlite3.damaged"
    damaged.write_bytes(b"x")
    replaced = folder / "恢复前原数据库-20250101-080000.sqlite3.before-restore"
    replaced.write_bytes(b"x")
    days = [START + timedelta(days=n) for n in range(40)]
    for day in days:
        assert backups.back_up_daily_if_due(office_db, now=day) is not None
        assert backups.back_up_daily_if_due(office_db, now=day + timedelta(hours=6)) is None
    found = {b.made_at.date() for b in list_backups(folder) if b.path != stranger}
    assert found == {d for d in expected_days(days[-1].date()) if d >= START.date()}
    assert stranger.exists() and damaged.exists() and replaced.exists()
    entries = [line for line in audit_lines(office_db) if line[1] == "backup"]
    assert len(entries) == 40
    assert all(line[3] == "ok" and line[2] == backups.DAILY for line in entries)


def test_the_daily_backup_is_due_once_a_day(office_db: Database) -> None:
    morning = datetime(2026, 12, 1, 8, 30)
    first = backups.back_up_daily_if_due(office_db, now=morning)
    assert first is not None and first.name == "每日备份-20261201-083000.sqlite3"
    backups.make_backup(office_db, backups.MANUAL, now=morning.replace(hour=10))
    assert backups.back_up_daily_if_due(office_db, now=morning.replace(hour=16)) is None
    tomorrow = backups.back_up_daily_if_due(office_db, now=morning + timedelta(days=1))
    assert tomorrow is not None and tomorrow.name.startswith("每日备份-20261202-")


def test_a_clock_set_back_a_year_still_keeps_the_new_days() -> None:
    """A year of backups, then the PC's clock goes back a year and the office works on:
    the old backups, now dated "in the future", are all kept, and must not take the
    daily, weekly and monthly places of the backups made since."""
    before = daily_files(400)
    clock_back = before[-1].made_at - timedelta(days=365)
    since = daily_files(30, start=clock_back + timedelta(days=1))
    now = since[-1].made_at + timedelta(hours=1)
    kept = thinning.backups_to_keep([*before, *since], now, WHOLE)
    assert {b.path for b in before if b.made_at > now} <= kept
    kept_since = {b.made_at.date() for b in since if b.path in kept}
    assert {now.date() - timedelta(days=n) for n in range(12)} <= kept_since


def test_a_rotted_backup_does_not_cost_the_sound_ones_of_its_period() -> None:
    """Several backups a day for a year; the one each rule would keep for a day, a week
    and a month has rotted since: the next one of the same period is kept too."""
    files = [
        BackupFile(Path(f"每日备份-{at:%Y%m%d-%H%M%S}.sqlite3"), at, 1)
        for day in range(400)
        for at in (START + timedelta(days=day), START + timedelta(days=day, hours=4))
    ]
    now = files[-1].made_at + timedelta(hours=1)
    rotted = {
        START + timedelta(days=395, hours=4),  # a day's newest (a daily place)
        datetime(2026, 1, 25, 12, 0),  # a Sunday's newest (a weekly place)
        datetime(2025, 9, 30, 12, 0),  # a month's newest (a monthly place)
    }
    by_time = {b.made_at: b.path for b in files}
    assert rotted <= by_time.keys()
    bad = {by_time[at] for at in rotted}
    kept = thinning.backups_to_keep(files, now, lambda path: path not in bad)
    sound_before = thinning.backups_to_keep(files, now, WHOLE)
    assert bad <= kept  # left alone, not deleted
    for at in rotted:  # the same day's earlier backup now stands for the period
        assert by_time[at - timedelta(hours=4)] in kept
    assert kept - bad - sound_before == {by_time[at - timedelta(hours=4)] for at in rotted}


def test_thinning_reads_a_cut_off_backup_as_not_whole(office_db: Database) -> None:
    folder = office_db.location.backup_dir
    made = [
        backups.make_backup(office_db, backups.MANUAL, now=START + timedelta(days=n))
        for n in range(2)
    ]
    assert all(looks_whole(path) for path in made)
    whole_size = made[1].stat().st_size
    with made[1].open("r+b") as f:
        f.truncate(whole_size - 1024)  # cut off, as by a full disk or a pulled stick
    assert not looks_whole(made[1])
    made[0].write_bytes(b"PK\x03\x04" + bytes(4092))  # overwritten by something else
    assert not looks_whole(made[0])
    assert list_backups(folder)


def test_the_sound_backup_of_a_day_stays_when_its_newest_has_rotted(office_db: Database) -> None:
    morning, noon = START, START + timedelta(hours=4)
    early = backups.make_backup(office_db, backups.MANUAL, now=morning)
    late = backups.make_backup(office_db, backups.MANUAL, now=noon)
    with late.open("r+b") as f:
        f.truncate(late.stat().st_size // 2)
    backups.make_backup(office_db, backups.MANUAL, now=START + timedelta(days=1))
    assert early.exists() and late.exists()  # the day's sound copy, and the rotted one
    sound = backups.make_backup(office_db, backups.MANUAL, now=START + timedelta(days=2))
    assert sound.exists()


def _replaced(folder: Path, at: datetime, journal: bool = False) -> Path:
    """A database a planned restore kept, as restore names it, its file time `at`."""
    path = folder / f"恢复前原数据库-{at:%Y%m%d-%H%M%S}.sqlite3.before-restore"
    path.write_bytes(b"x")
    files = [path]
    if journal:
        files.append(path.with_name(path.name + "-journal"))
        files[-1].write_bytes(b"j")
    for file in files:
        os.utime(file, (at.timestamp(), at.timestamp()))
    return path


def test_databases_kept_by_restores_are_bounded_newest_three_and_a_month(
    office_db: Database,
) -> None:
    """Restore after restore: the folder keeps the three newest old databases and any
    from the last 30 days, never grows without end, and normal backups are untouched."""
    folder = office_db.location.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime(2026, 6, 1, 9, 0)
    old = [_replaced(folder, now - timedelta(days=d), journal=True) for d in (400, 200, 90, 60)]
    recent = [_replaced(folder, now - timedelta(days=d)) for d in (29, 10, 1)]
    damaged = folder / "已损坏-20250101-080000.sqlite3.damaged"
    damaged.write_bytes(b"x")
    backup = backups.make_backup(office_db, backups.MANUAL, now=now)
    remaining = sorted(p.name for p in folder.glob("*.before-restore*"))
    assert remaining == sorted(p.name for p in recent)  # the 3 newest, all < 30 days
    assert not any(p.exists() or p.with_name(p.name + "-journal").exists() for p in old)
    assert damaged.exists() and backup.exists()


def test_the_newest_old_databases_stay_however_old(tmp_path: Path) -> None:
    """Years without a restore: the last three kept databases are still the way back."""
    now = datetime(2026, 6, 1, 9, 0)
    files = [_replaced(tmp_path, now - timedelta(days=d)) for d in (2000, 1500, 1000, 900)]
    assert thinning.thin_replaced(tmp_path, now) == [files[0]]
    assert all(p.exists() for p in files[1:])
    assert thinning.thin_replaced(tmp_path, now) == []  # the newest three: never removed


def test_a_month_of_restores_keeps_them_all(tmp_path: Path) -> None:
    now = datetime(2026, 6, 1, 9, 0)
    files = [_replaced(tmp_path, now - timedelta(days=d, hours=1)) for d in range(0, 31, 3)]
    assert thinning.thin_replaced(tmp_path, now) == []
    assert all(p.exists() for p in files)
    boundary = _replaced(tmp_path, now - timedelta(days=31, hours=1))
    assert thinning.thin_replaced(tmp_path, now) == [boundary]


def test_a_kept_database_renamed_by_hand_is_dated_by_its_file_time(tmp_path: Path) -> None:
    """No time in the name (copied and renamed): the file's time says its age; a clock
    set back leaves the ones "from the future" alone."""
    now = datetime(2026, 6, 1, 9, 0)
    newest = [_replaced(tmp_path, now - timedelta(days=d)) for d in (100, 90, 80)]
    renamed = tmp_path / "恢复前原数据库-旧的.sqlite3.before-restore"
    renamed.write_bytes(b"x")
    os.utime(renamed, ((now - timedelta(days=300)).timestamp(),) * 2)
    later = _replaced(tmp_path, now + timedelta(days=365))
    assert thinning.thin_replaced(tmp_path, now) == [renamed]
    assert all(p.exists() for p in [*newest, later])
