"""Importing duty records from the office's spreadsheet (.xlsx, .xls or .ods).

All or nothing: every row is checked first and, if any is bad, nothing is
written and the report names each bad row by sheet, row, column and reason.
A dry run does the same work in a transaction it then rolls back, so its
counts are exactly what a real import would do. A record already in the
database (same 类别, 名称, 日期) is merged into, never duplicated: importing the
same file twice changes nothing the second time, and makes no backup: the rows
are first written in a transaction rolled back at the first change, and only a
file with something new is backed up and written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.common.audit import Action as AuditAction
from app.common.audit import Result as AuditResult
from app.common.audit import audited
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.sheets.reader import RowError, SheetTable, read_rows
from app.common.storage import Database
from app.common.text import name_of_cell
from app.data_safety.backups import BEFORE_RECORDS_IMPORT, make_backup
from app.office.office import require_local_office
from app.records.activities import find_activity, set_attendance
from app.records.record_items import find_social_info, find_work
from app.records.records_rows import RECORD_COLUMNS, RecordLine, read_lines
from app.records.seat_notes import seat_notes
from db.member_models import Member
from db.record_models import Activity, Attendance, MemberWork, SocialInfo

# One good row and the member it names.
Matched = tuple[RecordLine, Member]


@dataclass
class _Tally:
    activities_new: int = 0
    attendance_new: int = 0
    attendance_changed: int = 0
    social_info_new: int = 0
    social_info_changed: int = 0
    works_new: int = 0
    works_changed: int = 0
    unchanged: int = 0


class _Changes(Exception):
    """Raised by a probing tally at the first change: the file has something to write."""


class _Probe(_Tally):
    """A tally that stops the writing at its first change (anything but `unchanged`)."""

    def __setattr__(self, name: str, value: int) -> None:
        if value and name != "unchanged":
            raise _Changes()
        super().__setattr__(name, value)


@dataclass(frozen=True)
class RecordsImportResult:
    """What the import did (or, in a dry run, would do)."""

    dry_run: bool = False
    rows: int = 0
    activities_new: int = 0
    attendance_new: int = 0
    attendance_changed: int = 0
    social_info_new: int = 0
    social_info_changed: int = 0
    works_new: int = 0
    works_changed: int = 0
    unchanged: int = 0  # rows already in the database as they are
    errors: tuple[RowError, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()  # what the clerk must know: rows on hidden sheets left out
    # Rows worth a look that do not stop the import: a member who had left (seat_notes).
    row_warnings: tuple[RowError, ...] = ()
    backup: Path | None = None  # the database as it was before the import

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        """Whether the import wrote (or, in a dry run, would write) anything."""
        return any(
            (
                self.activities_new,
                self.attendance_new,
                self.attendance_changed,
                self.social_info_new,
                self.social_info_changed,
                self.works_new,
                self.works_changed,
            )
        )

    def summary_lines(self) -> list[str]:
        lines = [
            f"读取数据行 {self.rows} 行",
            f"会议活动：新增 {self.activities_new} 次，"
            f"出席情况新增 {self.attendance_new} 条、更改 {self.attendance_changed} 条",
            f"社情民意信息：新增 {self.social_info_new} 条，补充报送人或采用情况 "
            f"{self.social_info_changed} 条",
            f"大会发言与调研视察报告：新增 {self.works_new} 件，补充作者 {self.works_changed} 件",
            f"已在库中、无需改动的行 {self.unchanged} 行",
        ]
        return lines + [f"注意：{warning}" for warning in self.warnings]

    def brief(self) -> str:
        """Only what changed: 会议活动 1 次、出席情况 2 条、社情民意信息 1 条."""
        parts = [
            (self.activities_new, "会议活动 {} 次"),
            (self.attendance_new + self.attendance_changed, "出席情况 {} 条"),
            (self.social_info_new + self.social_info_changed, "社情民意信息 {} 条"),
            (self.works_new + self.works_changed, "大会发言与调研视察报告 {} 件"),
        ]
        changed = "、".join(text.format(n) for n, text in parts if n)
        if not changed:
            return "表格中的记录都已在库中，没有新的记录，未作改动"
        return f"新增或更新{changed}"


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def import_records(
    database: Database,
    path: Path,
    progress: Progress | None = None,
    dry_run: bool = False,
    include_hidden_sheets: bool = False,
) -> RecordsImportResult:
    """Check every row, then write all of them or none. Bad rows are in result.errors.

    Rows on hidden sheets are left out (and named in result.warnings) unless
    include_hidden_sheets. A real import (not a dry run) is in the audit trail.
    """
    if dry_run:
        return _import_records(database, path, progress, dry_run, include_hidden_sheets)
    with audited(database, AuditAction.IMPORT, str(path)) as note:
        result = _import_records(database, path, progress, dry_run, include_hidden_sheets)
        if result.errors:
            note.result = AuditResult.FAILED
            note.detail = f"履职记录：{len(result.errors)} 处错误，未导入"
        else:
            note.detail = f"履职记录：{result.rows} 行"
    return result


def _import_records(
    database: Database,
    path: Path,
    progress: Progress | None,
    dry_run: bool,
    include_hidden_sheets: bool,
) -> RecordsImportResult:
    data = read_rows(Path(path), RECORD_COLUMNS, progress, include_hidden_sheets)
    warnings = data.notes()
    if not data.rows:
        raise KnownError(
            f"“{Path(path).name}”中有表头，但没有数据行。", "请填写后再导入。本次未作任何改动。"
        )
    today = date.today()
    lines: list[RecordLine] = []
    errors: list[RowError] = []
    for row in data.rows:
        read = read_lines(row, today)
        for item in read:
            if isinstance(item, RecordLine):
                lines.append(item)
            else:
                errors.append(item)
    with database.read() as session:  # no write lock while checking
        _office, checked = _match_lines(session, lines, errors)
        notes = tuple(seat_notes(session, checked))
    if errors:
        return _refused(data.tables, dry_run, len(data.rows), errors, warnings, notes)
    with database.announcing("正在导入履职记录"):
        backup = None
        tally = _Tally() if dry_run else _Probe()
        try:  # a dry run, or a probe that ends at the first change
            written = _write_lines(database, lines, errors, tally, progress, keep=False)
        except _Changes:  # something new: back up, then write it
            backup = make_backup(database, BEFORE_RECORDS_IMPORT, progress)
            tally = _Tally()
            written = _write_lines(database, lines, errors, tally, progress, keep=True)
        if not written:
            return _refused(data.tables, dry_run, len(data.rows), errors, warnings, notes)
    return RecordsImportResult(
        dry_run,
        len(data.rows),
        **asdict(tally),
        warnings=warnings,
        row_warnings=notes,
        backup=backup,
    )


def _write_lines(
    database: Database,
    lines: list[RecordLine],
    errors: list[RowError],
    tally: _Tally,
    progress: Progress | None,
    keep: bool,
) -> bool:
    """The lines written in one transaction, rolled back unless `keep`; False (and
    `errors`) when they no longer match the members."""
    try:
        with database.begin() as session:
            # Matched again in the writing transaction: a member deleted meanwhile in
            # another window must not receive records. It is quick; the file is read.
            office_uuid, matched = _match_lines(session, lines, errors)
            if errors:
                return False
            _write(session, office_uuid, matched, tally, progress)
            if not keep:
                raise _DryRun()
    except _DryRun:
        pass
    return True


def _match_lines(
    session: Session, lines: list[RecordLine], errors: list[RowError]
) -> tuple[str, list[Matched]]:
    office = require_local_office(session)
    matched = _members_of_lines(session, office.uuid, lines, errors)
    errors.extend(_duplicates(matched))
    return office.uuid, matched


def _refused(
    tables: Sequence[SheetTable],
    dry_run: bool,
    rows: int,
    errors: list[RowError],
    warnings: tuple[str, ...],
    notes: tuple[RowError, ...],
) -> RecordsImportResult:
    sheets = {table.sheet: i for i, table in enumerate(tables)}
    ordered = tuple(sorted(errors, key=lambda e: _error_order(e, sheets)))
    return RecordsImportResult(dry_run, rows, errors=ordered, warnings=warnings, row_warnings=notes)


def _error_order(error: RowError, sheets: dict[str, int]) -> tuple[int, int, int, str]:
    """As the clerk reads the file: sheet by sheet, row by row, left to right."""
    return (sheets.get(error.sheet, 0), error.row, len(error.letter), error.letter)


# --- members -----------------------------------------------------------------


def _members_of_lines(
    session: Session, owner_uuid: str, lines: list[RecordLine], errors: list[RowError]
) -> list[Matched]:
    """Each line with its member; a line matching no member, or several, is an error."""
    everyone = session.scalars(
        select(Member).where(Member.owner_uuid == owner_uuid, Member.deleted_at.is_(None))
    ).all()
    by_name: dict[str, list[Member]] = defaultdict(list)
    for member in everyone:
        by_name[name_of_cell(member.name)].append(member)  # also one stored with • or （女）
    by_id = {m.id_number: m for m in everyone if m.id_number}
    matched = []
    for line in lines:
        for part in _spaced_apart(line, by_name):
            member = _match(part, by_name, by_id, errors)
            if member is not None:
                matched.append((part, member))
    return matched


def _spaced_apart(line: RecordLine, by_name: dict[str, list[Member]]) -> list[RecordLine]:
    """张建国 李秀英 in one cell: two members when no member has the whole name and one
    has a word of it (the others are then named as unknown, one by one)."""
    words = line.words
    if not words or line.id_number or line.name in by_name or all(w not in by_name for w in words):
        return [line]
    return [replace(line, name=word, words=()) for word in words]


def _match(
    line: RecordLine,
    by_name: dict[str, list[Member]],
    by_id: dict[str, Member],
    errors: list[RowError],
) -> Member | None:
    row = line.row
    if line.id_number:
        member = by_id.get(line.id_number)
        if member is None:
            errors.append(row.error("id_number", "该身份证号码不属于任何委员"))
        elif name_of_cell(member.name) != line.name:
            errors.append(
                row.error("id_number", f"该身份证号码属于“{member.name}”，与姓名“{line.name}”不符")
            )
            return None
        return member
    named = by_name.get(line.name, [])
    if not named:
        errors.append(row.error("name", f"“{line.name}”不在委员名单中（请核对姓名或先添加该委员）"))
        return None
    if len(named) > 1:
        errors.append(
            row.error("name", f"有 {len(named)} 位委员名叫“{line.name}”，请填写身份证号码以区分")
        )
        return None
    return named[0]


def _duplicates(matched: list[Matched]) -> list[RowError]:
    """The same member twice in one record is a mistake in the sheet."""
    seen: dict[tuple[object, ...], RecordLine] = {}
    errors = []
    for line, member in matched:
        first = seen.setdefault((*line.key, member.id), line)
        if first is not line:
            where = f"工作表“{first.row.table.sheet}”第{first.row.number}行"
            errors.append(line.row.error("name", f"与{where}重复：同一委员在同一记录中出现两次"))
    return errors


# --- writing -----------------------------------------------------------------


def _write(
    session: Session,
    owner_uuid: str,
    matched: list[Matched],
    tally: _Tally,
    progress: Progress | None,
) -> None:
    groups: dict[tuple[str, str, date], list[Matched]] = defaultdict(list)
    for line, member in matched:
        groups[line.key].append((line, member))
    new_attendance: list[dict[str, object]] = []
    for done, pairs in enumerate(groups.values(), start=1):
        if progress is not None:
            progress.report(done, len(groups), f"正在写入第 {done}/{len(groups)} 条记录…")
        group = [line for line, _ in pairs]
        people = [member for _, member in pairs]
        category = group[0].category
        if category.activity is not None:
            _write_activity(session, owner_uuid, group, people, tally, new_attendance)
        elif category.work is not None:
            _write_work(session, owner_uuid, group, people, tally)
        else:
            _write_social_info(session, owner_uuid, group, people, tally)
        session.flush()
    # New attendance rows, the bulk of a big file, in one statement: the write lock is
    # held for a second, not for the many seconds one ORM object per row would take.
    if new_attendance:
        session.execute(insert(Attendance), new_attendance)


def _write_activity(
    session: Session,
    owner_uuid: str,
    group: list[RecordLine],
    people: list[Member],
    tally: _Tally,
    new_attendance: list[dict[str, object]],
) -> None:
    first = group[0]
    assert first.category.activity is not None
    activity = find_activity(session, owner_uuid, first.category.activity, first.title, first.day)
    if activity is None:
        activity = Activity(
            owner_uuid=owner_uuid,
            kind=first.category.activity,
            title=first.title,
            held_on=first.day,
            note="",
        )
        session.add(activity)
        session.flush()  # its id, for the new attendance rows
        tally.activities_new += 1
        rows: dict[int, Attendance] = {}
    else:
        rows = {a.member_id: a for a in activity.attendances}
    for line, member in zip(group, people, strict=True):
        assert line.status is not None
        row = rows.get(member.id)
        if row is None:  # each member once per record (_duplicates): a plain new row
            new_attendance.append(
                {
                    "owner_uuid": owner_uuid,
                    "activity_id": activity.id,
                    "member_id": member.id,
                    "status": line.status,
                }
            )
            tally.attendance_new += 1
            continue
        listed = row.deleted_at is None
        if not set_attendance(activity, member, line.status, rows):
            tally.unchanged += 1
        elif listed:
            tally.attendance_changed += 1
        else:
            tally.attendance_new += 1


def _write_social_info(
    session: Session,
    owner_uuid: str,
    group: list[RecordLine],
    people: list[Member],
    tally: _Tally,
) -> None:
    first = group[0]
    adopted = any(line.adopted for line in group)
    instructed = any(line.instructed for line in group)
    item = find_social_info(session, owner_uuid, first.title, first.day)
    if item is None:
        session.add(
            SocialInfo(
                owner_uuid=owner_uuid,
                title=first.title,
                submitted_on=first.day,
                adopted=adopted,
                instructed=instructed,
                note="",
                submitters=list(people),
            )
        )
        tally.social_info_new += 1
        return
    missing = [m for m in people if m not in item.submitters]
    outcome_news = (adopted and not item.adopted) or (instructed and not item.instructed)
    if not missing and not outcome_news:
        tally.unchanged += len(group)
        return
    # The sheet adds to what is known; it never takes away a submitter or an outcome.
    item.submitters.extend(missing)
    item.adopted = item.adopted or adopted
    item.instructed = item.instructed or instructed
    tally.social_info_changed += 1


def _write_work(
    session: Session,
    owner_uuid: str,
    group: list[RecordLine],
    people: list[Member],
    tally: _Tally,
) -> None:
    first = group[0]
    assert first.category.work is not None
    work = find_work(session, owner_uuid, first.category.work, first.title, first.day)
    if work is None:
        session.add(
            MemberWork(
                owner_uuid=owner_uuid,
                kind=first.category.work,
                title=first.title,
                submitted_on=first.day,
                note="",
                authors=list(people),
            )
        )
        tally.works_new += 1
        return
    missing = [m for m in people if m not in work.authors]
    if not missing:
        tally.unchanged += len(group)
        return
    work.authors.extend(missing)
    tally.works_changed += 1
