"""Attendance from a filled sign-in spreadsheet (签到表, .xlsx), and that spreadsheet.

The clerk types the signed paper sheet into Excel (or fills the workbook
`write_sign_in_workbook` gives): 姓名, 界别, 签到, 备注. A mark in 签到 (√, 到,
a name …) is 出席; 请假 in 签到 or 备注 is 请假; 缺席 / 未到 or an empty 签到
is 缺席. Rows of invited guests (备注 列席, or a guest's name) are passed over.
Names are read as every import reads them (app.common.text.name_of_cell): 王　伟 is
王伟, 乌力吉•巴雅尔 is 乌力吉·巴雅尔, 黄杰娟（女） is 黄杰娟.

Every row is checked first; a name matching no member, or several members
that the 界别 column does not tell apart, is an error naming its row, and
then nothing is written. A dry run reports what would change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from sqlalchemy import select

from app.common.audit import Action as AuditAction
from app.common.audit import Result as AuditResult
from app.common.audit import audited
from app.common.documents import write_atomically
from app.common.documents.workbooks import fit_row_heights, set_up_printing
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.sheets.reader import DataRow, HeaderSpec, RowError, cell_text, read_rows
from app.common.storage import Database
from app.common.text import clean_text, name_of_cell
from app.consultation.meetings.checklist import serving_seats, term_of_year
from app.consultation.meetings.meeting_rows import get_activity_row, live_attendance, live_guests
from app.consultation.printouts.materials import SignInSheet
from app.data_safety.backups import backup_before
from app.office.dictionaries import load_lookup
from app.office.dictionary_names import NameLookup
from app.office.labels import DictionaryKind
from app.office.office import require_local_office
from app.records.activities import set_attendance
from app.records.labels import AttendanceStatus
from db.member_models import Member
from db.record_models import Activity, Attendance

SIGN_IN_COLUMNS: tuple[HeaderSpec, ...] = (
    HeaderSpec("name", ("姓名", "委员姓名", "参会人员"), required=True),
    HeaderSpec("sector", ("界别", "界别或单位", "界别/单位", "单位", "工作单位")),
    HeaderSpec("signed", ("签到", "签名", "本人签名", "签到情况", "出席情况", "情况", "状态")),
    HeaderSpec("note", ("备注",)),
)
_LEAVE = re.compile(r"请假|请了假|假")
_ABSENT = re.compile(r"缺席|未到|没到|缺")
# What a clerk types in 签到 (not 备注) for someone who did not come, besides the words
# above: the marks the records import also reads as absent (× 否). Anything else is signed.
_NOT_SIGNED = re.compile(r"未签|未参|未出席|没来|没参加|不参加|否|[×✗✘╳]|^(?:[Xx]|无|0|N|n)$")
_GUEST = "列席"


@dataclass(frozen=True)
class SignInResult:
    """What reading the sheet did (or, in a dry run, would do)."""

    dry_run: bool = False
    rows: int = 0
    present: int = 0
    leave: int = 0
    absent: int = 0
    added: int = 0  # members put on the list by the sheet
    changed: int = 0  # members whose status changed
    unchanged: int = 0
    guests: int = 0  # rows of invited guests, passed over
    not_in_sheet: tuple[str, ...] = ()  # on the list but not in the sheet: kept as they were
    errors: tuple[RowError, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what the clerk must know: hidden sheets left out

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary_lines(self) -> list[str]:
        lines = [
            f"读取 {self.rows} 行：出席 {self.present} 人、请假 {self.leave} 人、"
            f"缺席 {self.absent} 人"
            + (f"，列席人员 {self.guests} 人（不记出席情况）" if self.guests else ""),
            f"新列入名单 {self.added} 人，出席情况更改 {self.changed} 人，"
            f"无需改动 {self.unchanged} 人",
        ]
        if self.not_in_sheet:
            lines.append(
                f"名单中有 {len(self.not_in_sheet)} 人不在表格中，保持原状："
                + "、".join(self.not_in_sheet)
            )
        return lines + list(self.notes)


@dataclass(frozen=True)
class _Line:
    row: DataRow
    member: Member
    status: AttendanceStatus


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def import_sign_in(
    database: Database,
    meeting_uuid: str,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> SignInResult:
    """Set the meeting's attendance from the sheet: all rows or none (see result.errors).
    A real import (not a dry run) is in the audit trail."""
    if dry_run:
        return _import_sign_in(database, meeting_uuid, path, dry_run, progress)
    with audited(database, AuditAction.IMPORT, str(path)) as note:
        result = _import_sign_in(database, meeting_uuid, path, dry_run, progress)
        if result.errors:
            note.result = AuditResult.FAILED
            note.detail = f"签到表：{len(result.errors)} 处错误，未导入"
        else:
            note.detail = f"签到表：{result.rows} 行"
    return result


def _import_sign_in(
    database: Database,
    meeting_uuid: str,
    path: Path,
    dry_run: bool,
    progress: Progress | None,
) -> SignInResult:
    data = read_rows(Path(path), SIGN_IN_COLUMNS, progress)
    if not data.rows:
        raise KnownError(
            f"“{Path(path).name}”中有表头，但没有签到数据行。", "请填写后再导入。本次未作任何改动。"
        )
    if not dry_run:
        backup_before(database, "导入签到表")
    result = SignInResult()
    try:
        with database.begin() as session:
            activity = get_activity_row(session, meeting_uuid)
            office = require_local_office(session)
            term = term_of_year(session, office, activity.held_on.year)
            on_list = {a.member.id: a for a in live_attendance(activity)}
            candidates = {m.id: m for m in (a.member for a in on_list.values())}
            if term is not None:
                seats = {s.uuid for s in serving_seats(session, term, activity.held_on)}
                for member in session.scalars(select(Member).where(Member.uuid.in_(seats))):
                    candidates.setdefault(member.id, member)
            guests = {name_of_cell(g.name) for g in live_guests(activity)}
            sectors = load_lookup(session)
            lines, skipped, errors = _match(data.rows, list(candidates.values()), guests, sectors)
            if errors:
                return SignInResult(dry_run=dry_run, rows=len(data.rows), errors=tuple(errors))
            result = _apply(activity, on_list, lines, skipped, len(data.rows), dry_run)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    hidden = data.hidden_warning()
    return replace(result, notes=(hidden,)) if hidden else result


def _apply(
    activity: Activity,
    on_list: dict[int, Attendance],
    lines: list[_Line],
    guests: int,
    rows: int,
    dry_run: bool,
) -> SignInResult:
    added = changed = unchanged = 0
    for line in lines:
        before = on_list.get(line.member.id)
        if set_attendance(activity, line.member, line.status):
            if before is None:
                added += 1
            else:
                changed += 1
        else:
            unchanged += 1
    seen = {line.member.id for line in lines}
    counts = {s: sum(1 for line in lines if line.status is s) for s in AttendanceStatus}
    return SignInResult(
        dry_run=dry_run,
        rows=rows,
        present=counts[AttendanceStatus.PRESENT],
        leave=counts[AttendanceStatus.LEAVE],
        absent=counts[AttendanceStatus.ABSENT],
        added=added,
        changed=changed,
        unchanged=unchanged,
        guests=guests,
        not_in_sheet=tuple(a.member.name for i, a in on_list.items() if i not in seen),
    )


def _match(
    rows: tuple[DataRow, ...], members: list[Member], guests: set[str], lookup: NameLookup
) -> tuple[list[_Line], int, list[RowError]]:
    by_name: dict[str, list[Member]] = defaultdict(list)
    for member in sorted(members, key=lambda m: m.id):  # namesakes in the order they came
        by_name[name_of_cell(member.name)].append(member)  # also one stored with • or （女）
    lines: list[_Line] = []
    errors: list[RowError] = []
    skipped = 0
    first_row: dict[int, int] = {}
    for row in rows:
        name = name_of_cell(cell_text(row.get("name")))  # as the roster and records read it
        note = clean_text(cell_text(row.get("note")))
        found = by_name.get(name, [])
        if not found and (name in guests or _GUEST in note):
            skipped += 1
            continue
        member = _one(row, name, found, errors, lookup)
        if member is None:
            continue
        if member.id in first_row:
            errors.append(row.error("name", f"“{member.name}”已在第{first_row[member.id]}行出现"))
            continue
        first_row[member.id] = row.number
        lines.append(_Line(row, member, _status(cell_text(row.get("signed")), note)))
    return lines, skipped, errors


def _one(
    row: DataRow, name: str, found: list[Member], errors: list[RowError], lookup: NameLookup
) -> Member | None:
    if not name:
        errors.append(row.error("name", "姓名为空"))
        return None
    if not found:
        errors.append(
            row.error("name", f"没有名为“{name}”的委员（请核对姓名，或先在委员档案中添加）")
        )
        return None
    if len(found) == 1:
        return found[0]
    written = clean_text(cell_text(row.get("sector")))
    # 中国民主同盟 on the sheet is the sector 民盟 (the lists' aliases).
    sector = lookup.find(DictionaryKind.SECTOR, written) or written
    same_sector = [m for m in found if m.sector is not None and m.sector.name == sector]
    if sector and len(same_sector) == 1:
        return same_sector[0]
    sectors = "、".join(m.sector.name if m.sector else "未填界别" for m in found)
    errors.append(
        row.error(
            "name",
            f"有 {len(found)} 位委员都叫“{name}”（{sectors}），请在“界别”列注明是哪一位",
        )
    )
    return None


def _status(signed: str, note: str) -> AttendanceStatus:
    signed = clean_text(signed)
    if _LEAVE.search(signed) or _LEAVE.search(note):
        return AttendanceStatus.LEAVE
    if not signed or _ABSENT.search(signed) or _NOT_SIGNED.search(signed) or _ABSENT.search(note):
        return AttendanceStatus.ABSENT
    return AttendanceStatus.PRESENT


# --- the workbook to fill -----------------------------------------------------------


def write_sign_in_workbook(sheet: SignInSheet, path: Path) -> Path:
    """The sign-in list as .xlsx, 签到 empty: typed in after the meeting and read back."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "签到表"
    ws.append([sheet.title])
    ws.append([sheet.subtitle])
    ws.append(list(sheet.columns))
    for row in sheet.rows:
        ws.append([row.number, row.name, row.affiliation, "", row.note])
    thin = Side(style="thin", color="9AA0A6")
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text: never a formula
            if cell.row >= 3:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDE", (7, 12, 26, 14, 10), strict=True):
        ws.column_dimensions[letter].width = width
    # The title lines across the table, wrapped: printed, text beyond column E is cut off.
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.cell(row, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    fit_row_heights(ws, range(1, ws.max_row + 1))
    ws.freeze_panes = "A4"
    # Printed to be signed or kept: A4 upright, the header row on every page.
    set_up_printing(ws, title_rows=(3, 3), landscape=False)
    return write_atomically(Path(path), lambda temp: book.save(temp))
