"""Roster export (委员名单导出) and the blank template, in the columns the import reads.

The export exists to be re-imported (another PC, a new installation), so it
carries ID-card and phone numbers in full, as text cells, and says on its
face that it is personal data. Every cell goes through
app.common.documents.workbooks.write_cell: a name like =HYPERLINK(…) stays text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.common.access import require
from app.common.documents.workbooks import (
    TEXT_FORMAT,
    fit_row_heights,
    save_workbook,
    set_up_printing,
    write_cell,
)
from app.common.errors import KnownError
from app.common.operator import Permission
from app.common.people.idcard import check_digit
from app.common.storage import Database
from app.members.labels import MEMBERSHIP_STATUS_LABELS, ROLE_LABELS, SEX_LABELS
from app.members.member_files import MemberForm
from app.members.member_order import order_in
from app.members.roster_rows import EXPORT_COLUMNS, TEMPLATE_EXAMPLE
from app.members.roster_store import Existing, load_snapshot
from app.office.office import chosen_office

log = logging.getLogger(__name__)

PERSONAL_DATA_NOTE = (
    "个人信息，请妥善保管：本表含完整的身份证号码和联系电话，仅供本单位重新导入或核对使用，"
    "请勿外传、勿存放在公共电脑上，用毕请删除。"
)
# At the city, a county's roster that came by exchange file: not the city's to re-import.
COUNTY_ROSTER_NOTE = (
    "个人信息，请妥善保管：本表是{office}报送的委员名单，含完整的身份证号码和联系电话，"
    "仅供核对使用，请勿外传、勿存放在公共电脑上，用毕请删除。"
)
EXAMPLE_NOTE = TEMPLATE_EXAMPLE + "此行"  # the import refuses a row with this note
TEXT = TEXT_FORMAT  # ID numbers stay digits, never 1.50523E+17
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
_WIDTHS = {
    "roster_number": 6,
    "name": 10,
    "birth_date": 11,
    "employer": 30,
    "committees": 24,
    "phone": 16,
    "id_number": 21,
    "address": 28,
    "note": 20,
    "native_place": 12,
    # 九三学社社员, 少数民族界, 第三联络组: wider than the 9 of the short columns
    "party": 14,
    "sector": 12,
    "liaison_group": 12,
    "professional_title": 12,
    "start_date": 13,
    "status_date": 13,
}
_THIN = Side(style="thin", color="9AA0A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_TEXT_FIELDS = {"id_number", "phone", "birth_date", "start_date", "status_date"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    members: int


def export_roster(database: Database, path: Path, office_code: str | None = None) -> ExportResult:
    """Every member with a seat in the current term, numbers in full (administrators), in
    the office's chosen order; the 序号 column keeps each seat's number in the roster, so
    that the file imported again keeps the roster's own order.

    At the city, `office_code` names a county whose roster came by exchange file."""
    path = _xlsx_path(path)
    require(database, Permission.EXPORT_FULL_NUMBERS, f"导出名册 {path}")
    with database.read() as session:
        office = chosen_office(session, office_code)
        snapshot = load_snapshot(session, office)
        office_name = office.name
        note = (
            PERSONAL_DATA_NOTE if office.is_local else COUNTY_ROSTER_NOTE.format(office=office.name)
        )
        order = order_in(session)
    seated = sorted(
        (m for group in snapshot.by_name.values() for m in group if m.seat is not None),
        key=lambda m: m.id,
    )
    members = order.sorted(seated, lambda m: m.form.name, lambda m: m.roster_number)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "委员名单"
    title = f"{office_name}{snapshot.term_text}委员名单"
    _frame(sheet, title, note + f" 导出时间：{datetime.now():%Y-%m-%d %H:%M}")
    for offset, member in enumerate(members, start=1):
        _write_row(sheet, HEADER_ROW + offset, _cells(member))
    fit_row_heights(sheet, range(HEADER_ROW + 1, HEADER_ROW + 1 + len(members)))
    save_workbook(book, path, title, office_name)
    log.info("roster exported to %s: %d members", path, len(members))
    return ExportResult(path, len(members))


TEMPLATE_NAME = "委员名单模板.xlsx"  # the name the window offers and `members template` uses


def write_roster_template(path: Path) -> Path:
    """Headers, one example row, and a sheet of filling notes."""
    path = _xlsx_path(path)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "委员名单"
    note = "填好后在“委员档案 → 从Excel导入”中导入。" + PERSONAL_DATA_NOTE
    _frame(sheet, "××县政协第×届委员名单", note)
    example = _example()
    _write_row(sheet, HEADER_ROW + 1, example)
    for column in range(1, len(EXPORT_COLUMNS) + 1):
        sheet.cell(HEADER_ROW + 1, column).font = Font(color="6B7280", italic=True)
    for row in range(HEADER_ROW + 2, HEADER_ROW + 502):  # typed IDs stay text
        for index, spec in enumerate(EXPORT_COLUMNS, start=1):
            if spec.field in _TEXT_FIELDS:
                sheet.cell(row, index).number_format = TEXT
    _choices(sheet)
    _notes(book.create_sheet("填写说明"))
    save_workbook(book, path, "委员名单模板")
    return path


# --- layout --------------------------------------------------------------------------


def _frame(sheet: Worksheet, title: str, note: str) -> None:
    last = get_column_letter(len(EXPORT_COLUMNS))
    write_cell(sheet, TITLE_ROW, 1, title).font = Font(size=16, bold=True)
    sheet.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 30
    write_cell(sheet, NOTE_ROW, 1, note).font = Font(color="B3261E", bold=True)
    sheet.cell(NOTE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="center")
    sheet.merge_cells(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
    fill = PatternFill("solid", fgColor="E8EEF7")
    for index, spec in enumerate(EXPORT_COLUMNS, start=1):
        cell = write_cell(sheet, HEADER_ROW, index, spec.label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(spec.field, 9)
    fit_row_heights(sheet, (NOTE_ROW, HEADER_ROW), min_height=20)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"  # 序号 and 姓名 stay in view
    set_up_printing(sheet, title_rows=(HEADER_ROW, HEADER_ROW))


def _write_row(sheet: Worksheet, row: int, values: dict[str, object]) -> None:
    """Every value as text; the number-like columns also formatted as text, so that
    a clerk editing them in Excel keeps them as typed."""
    for index, spec in enumerate(EXPORT_COLUMNS, start=1):
        number_format = TEXT if spec.field in _TEXT_FIELDS else None
        cell = write_cell(sheet, row, index, values.get(spec.field, ""), number_format)
        cell.border = _BORDER
        # A long unit or several committees wrap: the next column's text cut them off.
        cell.alignment = _WRAP


def _cells(member: Existing) -> dict[str, object]:
    form = member.form
    assert member.seat is not None
    values = _form_cells(form)
    values["roster_number"] = member.roster_number
    values["status"] = MEMBERSHIP_STATUS_LABELS[member.seat.status]
    values["status_date"] = _day(member.seat.status_date)
    return values


def _form_cells(form: MemberForm) -> dict[str, object]:
    return {
        "name": form.name,
        "sex": SEX_LABELS[form.sex] if form.sex else "",
        "ethnic_group": form.ethnic_group,
        "birth_date": _roster_birth(form.birth_date, form.birth_day_known),
        "native_place": form.native_place,
        "education": form.education,
        "party": form.party,
        "sector": form.sector,
        "employer": form.employer,
        "professional_title": form.professional_title,
        "role": ROLE_LABELS[form.role],
        "committees": "、".join(form.committees),
        "liaison_group": form.liaison_group,
        "phone": form.phone,
        "id_number": form.id_number,
        "address": form.address,
        "note": form.note,
        "start_date": _day(form.start_date),
    }


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _example() -> dict[str, object]:
    first17 = "15052319750312123"
    values = _form_cells(
        MemberForm(
            name="张三",
            ethnic_group="汉族",
            birth_date=date(1975, 3, 1),
            native_place="内蒙古赤峰",
            education="大学本科",
            party="中共党员",
            sector="中共",
            employer="××县教育局局长",
            professional_title="高级教师",
            committees=("教科卫体委员会",),
            phone="0476-1234567",
            id_number=first17 + check_digit(first17),
            address="××县××路1号",
            note=EXAMPLE_NOTE,
        )
    )
    values["roster_number"] = 1
    values["sex"] = "男"
    values["status"] = "在任"
    return values


def _choices(sheet: Worksheet) -> None:
    lists = {
        "sex": "男,女",
        "role": ",".join(ROLE_LABELS.values()),
        "status": ",".join(MEMBERSHIP_STATUS_LABELS.values()),
    }
    for index, spec in enumerate(EXPORT_COLUMNS, start=1):
        if spec.field in lists:
            letter = get_column_letter(index)
            rule = DataValidation(type="list", formula1=f'"{lists[spec.field]}"', allow_blank=True)
            rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + 1000}")
            sheet.add_data_validation(rule)


_NOTES = (
    "填写说明",
    "1. 每位委员一行；表头行不要改动，可以删去不用的列。“序号”是委员在本单位名单中的顺序，"
    "在“系统设置 → 名单排序”中选择“名单顺序”时按它排列；不填则排在已有委员之后。",
    "2. 身份证号码、联系电话两列已设为文本格式，请直接输入完整号码（末位 X 大小写均可）。",
    "3. 出生年月可写成 1975.03、1975年3月 或 1975-03-12；写到日时会与身份证号码核对。",
    "4. 民族、政治面貌、界别、专委会、联络组须与本单位“基础名录”一致；专委会有多个时用顿号分隔。",
    "5. 政协职务填 主席、副主席、秘书长、常委 或 委员；"
    "任职状态为辞去、撤销、调离、去世时请填状态变动日期。",
    "6. 年中增补的委员请填任职起始日期；其余委员留空。",
    "7. 表下方以“注：”开头的说明行和空行会被跳过。",
    "8. 导入时先检查全部数据，有任何错误都不会导入，并列出每个错误所在的行、列和原因。",
)


def _notes(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(_NOTES, start=1):
        write_cell(sheet, row, 1, text).font = Font(bold=row == 1, size=14 if row == 1 else 11)


# --- saving ----------------------------------------------------------------------------


def _xlsx_path(path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise KnownError(
            f"“{path.name}”不是 .xlsx 文件名。", "请用 .xlsx 结尾的文件名，例如“委员名单.xlsx”。"
        )
    return path


def _roster_birth(birth: date | None, day_known: bool) -> str:
    """出生年月 as rosters write it (1975.03, or 1975.03.12 when the day is known)."""
    if birth is None:
        return ""
    return f"{birth:%Y.%m.%d}" if day_known else f"{birth:%Y.%m}"
