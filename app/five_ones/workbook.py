"""年度履职考核表 (.xlsx): one row per member, the five duties as ✓/✗ with counts.

Printed as it is: landscape A4, fitted to the page width, the header row
repeated on every page, page numbers in the footer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.common.documents import write_atomically
from app.common.documents.official import chinese_date
from app.common.text import percent
from app.five_ones.check import Criterion, FiveOnesReport, MemberResult

MET, MISSED = "✓", "✗"
FIXED_HEADERS = ("序号", "姓名", "界别", "专委会", "联络组")
TAIL_HEADERS = ("是否全部达到", "备注")
HEADERS = (*FIXED_HEADERS, *(c.label for c in Criterion), *TAIL_HEADERS)
WIDTHS = (6, 10, 14, 22, 13, 11, 10, 12, 12, 14, 10, 34)
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_CRITERION_COLUMN = len(FIXED_HEADERS) + 1  # 1-based

FONT_NAME = "宋体"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E9ECF1")
MISSED_FILL = PatternFill("solid", fgColor="FBE3E4")
MISSED_FONT = Font(name=FONT_NAME, size=11, color="B3261E")
BODY_FONT = Font(name=FONT_NAME, size=11)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def criterion_cell(member: MemberResult, criterion: Criterion) -> str:
    result = member.result(criterion)
    return f"{MET if result.met else MISSED} {result.count}"


def workbook_title(report: FiveOnesReport) -> str:
    return f"{report.office_name}{report.year}年度委员履职“五个一”考核表"


def write_five_ones_workbook(
    report: FiveOnesReport, path: Path, made_on: date | None = None
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"{report.year}年度考核"
    _heading(sheet, report, made_on or date.today())
    for row, member in enumerate(report.members, start=HEADER_ROW + 1):
        _member_row(sheet, row, row - HEADER_ROW, member)
    _summary(sheet, HEADER_ROW + len(report.members) + 2, report)
    _print_setup(sheet, report)
    workbook.properties.title = workbook_title(report)
    workbook.properties.creator = report.office_name
    return write_atomically(Path(path), workbook.save)


def _heading(sheet: Worksheet, report: FiveOnesReport, made_on: date) -> None:
    last = get_column_letter(len(HEADERS))
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    title = sheet.cell(TITLE_ROW, 1, workbook_title(report))
    title.font = Font(name=FONT_NAME, size=16, bold=True)
    title.alignment = CENTRE
    sheet.row_dimensions[TITLE_ROW].height = 32
    sheet.merge_cells(f"A{INFO_ROW}:{last}{INFO_ROW}")
    info = sheet.cell(
        INFO_ROW,
        1,
        f"届次：{report.term_text}　　考核规则：{report.rules.text}　　"
        f"制表日期：{chinese_date(made_on)}",
    )
    info.font = Font(name=FONT_NAME, size=10, color="5F6673")
    info.alignment = LEFT
    sheet.row_dimensions[INFO_ROW].height = 20
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTRE
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 36
    # Header stays in view, and so do 序号 and 姓名 when scrolling sideways.
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)


def _member_row(sheet: Worksheet, row: int, number: int, member: MemberResult) -> None:
    values: list[object] = [
        number,
        member.name,
        member.sector,
        "、".join(member.committees),
        member.liaison_group,
        *(criterion_cell(member, c) for c in Criterion),
        "是" if member.all_met else "否",
        member.notes,
    ]
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column, value)
        cell.border = BORDER
        cell.font = BODY_FONT
        cell.alignment = LEFT if column in (4, len(HEADERS)) else CENTRE
    for offset, criterion in enumerate(Criterion):
        if not member.result(criterion).met:
            _mark_missed(sheet.cell(row, FIRST_CRITERION_COLUMN + offset))
    if not member.all_met:
        _mark_missed(sheet.cell(row, FIRST_CRITERION_COLUMN + len(Criterion)))


def _mark_missed(cell: object) -> None:
    cell.font = MISSED_FONT  # type: ignore[attr-defined]
    cell.fill = MISSED_FILL  # type: ignore[attr-defined]


def _summary(sheet: Worksheet, top: int, report: FiveOnesReport) -> None:
    summary = report.summary
    checked = summary.checked
    lines: list[tuple[str, object, str]] = [
        ("参加考核人数", checked, ""),
        ("五项全部达到", summary.all_met, percent(summary.all_met, checked)),
        *((c.label, n, percent(n, checked)) for c, n in summary.met),
    ]
    heading = sheet.cell(top, 2, "汇总")
    heading.font = Font(name=FONT_NAME, size=12, bold=True)
    for header, column in (("项目", 2), ("人数", 4), ("比例", 5)):
        cell = sheet.cell(top + 1, column, header)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.fill = HEADER_FILL
    for offset, (label, count, share) in enumerate(lines, start=top + 2):
        sheet.merge_cells(start_row=offset, start_column=2, end_row=offset, end_column=3)
        sheet.cell(offset, 2, label).font = BODY_FONT
        sheet.cell(offset, 4, count).font = BODY_FONT
        sheet.cell(offset, 5, share).font = BODY_FONT
    notes = [f"注：{n}" for n in _summary_notes(report)]
    for offset, note in enumerate(notes, start=top + 2 + len(lines) + 1):
        sheet.merge_cells(start_row=offset, start_column=2, end_row=offset, end_column=len(HEADERS))
        cell = sheet.cell(offset, 2, note)
        cell.font = Font(name=FONT_NAME, size=10, color="5F6673")
        cell.alignment = LEFT


def _summary_notes(report: FiveOnesReport) -> list[str]:
    notes = [
        "年中增补的委员自增补之日起考核，年内离任的委员考核至离任之日；"
        "“大会发言或调研视察报告”按本届以来累计（每届至少一件）。"
    ]
    left = report.summary.left_before_year
    if left:
        notes.append(f"另有 {left} 名本届委员在{report.year}年之前已离任，未参加考核。")
    notes.extend(report.warnings)
    return notes


def _print_setup(sheet: Worksheet, report: FiveOnesReport) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddHeader.right.text = f"{report.year}年度“五个一”考核表"
