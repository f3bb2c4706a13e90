"""年度履职考核表 (.xlsx): one row per member, the five duties as ✓/✗ with counts.

Printed as it is: landscape A4, fitted to the page width, the header row
repeated on every page, every cell ruled, rows as high as their wrapped text,
page numbers in the footer. Cells are written through
app.common.documents.workbooks: a name like =1+1 stays text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.common.documents.official import chinese_date
from app.common.documents.workbooks import (
    GRID,
    draw_grid,
    fit_row_heights,
    save_workbook,
    set_column_widths,
    set_up_printing,
    write_cell,
)
from app.common.text import percent
from app.five_ones.check import Criterion, FiveOnesReport, MemberResult
from app.five_ones.results import NOT_APPLICABLE

MET, MISSED = "✓", "✗"
FIXED_HEADERS = ("序号", "姓名", "界别", "专委会", "联络组")
TAIL_HEADERS = ("是否全部达到", "备注")
HEADERS = (*FIXED_HEADERS, *(c.label for c in Criterion), *TAIL_HEADERS)
WIDTHS = (6, 10, 14, 22, 13, 11, 10, 12, 12, 14, 10, 34)
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_CRITERION_COLUMN = len(FIXED_HEADERS) + 1  # 1-based

FONT_NAME = "宋体"
HEADER_FILL = PatternFill("solid", fgColor="E9ECF1")
MISSED_FILL = PatternFill("solid", fgColor="FBE3E4")
MISSED_FONT = Font(name=FONT_NAME, size=11, color="B3261E")
BODY_FONT = Font(name=FONT_NAME, size=11)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def criterion_cell(member: MemberResult, criterion: Criterion) -> str:
    result = member.result(criterion)
    if not result.applicable:
        return NOT_APPLICABLE
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
    last_member = HEADER_ROW + len(report.members)
    end = _summary(sheet, last_member + 2, report)
    fit_row_heights(sheet, range(INFO_ROW, end + 1), min_height=18)
    set_up_printing(
        sheet, title_rows=(HEADER_ROW, HEADER_ROW), header=f"{report.year}年度“五个一”考核表"
    )
    return save_workbook(workbook, Path(path), workbook_title(report), report.office_name)


def _heading(sheet: Worksheet, report: FiveOnesReport, made_on: date) -> None:
    last = get_column_letter(len(HEADERS))
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    title = write_cell(sheet, TITLE_ROW, 1, workbook_title(report))
    title.font = Font(name=FONT_NAME, size=16, bold=True)
    title.alignment = CENTRE
    sheet.row_dimensions[TITLE_ROW].height = 36  # 16 pt bold, never clipped
    sheet.merge_cells(f"A{INFO_ROW}:{last}{INFO_ROW}")
    info = write_cell(
        sheet,
        INFO_ROW,
        1,
        f"届次：{report.term_text}　　考核规则：{report.rules.text}　　"
        f"制表日期：{chinese_date(made_on)}",
    )
    info.font = Font(name=FONT_NAME, size=10, color="5F6673")
    info.alignment = LEFT
    set_column_widths(sheet, WIDTHS)
    for column, header in enumerate(HEADERS, start=1):
        cell = write_cell(sheet, HEADER_ROW, column, header)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTRE
        cell.border = GRID
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
        cell = write_cell(sheet, row, column, value)
        cell.border = GRID
        cell.font = BODY_FONT
        cell.alignment = LEFT if column in (4, len(HEADERS)) else CENTRE
    for offset, criterion in enumerate(Criterion):
        if not member.result(criterion).met:
            _mark_missed(sheet.cell(row, FIRST_CRITERION_COLUMN + offset))
    if not member.all_met:
        _mark_missed(sheet.cell(row, FIRST_CRITERION_COLUMN + len(Criterion)))


def _mark_missed(cell: Cell) -> None:
    cell.font = MISSED_FONT
    cell.fill = MISSED_FILL


def _summary(sheet: Worksheet, top: int, report: FiveOnesReport) -> int:
    """The summary block and its notes from row `top`; returns the last row used."""
    summary = report.summary
    checked = summary.checked
    lines: list[tuple[str, object, str]] = [
        ("参加考核人数", checked, ""),
        ("五项全部达到", summary.all_met, percent(summary.all_met, checked)),
        *((c.label, n, percent(n, checked)) for c, n in summary.met),
    ]
    heading = write_cell(sheet, top, 2, "汇总")
    heading.font = Font(name=FONT_NAME, size=12, bold=True)
    sheet.merge_cells(start_row=top + 1, start_column=2, end_row=top + 1, end_column=3)
    for header, column in (("项目", 2), ("人数", 4), ("比例", 5)):
        cell = write_cell(sheet, top + 1, column, header)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTRE
    for offset, (label, count, share) in enumerate(lines, start=top + 2):
        sheet.merge_cells(start_row=offset, start_column=2, end_row=offset, end_column=3)
        for column, value in ((2, label), (4, count), (5, share)):
            cell = write_cell(sheet, offset, column, value)
            cell.font = BODY_FONT
            cell.alignment = LEFT if column == 2 else CENTRE
    last_line = top + 1 + len(lines)
    draw_grid(sheet, range(top + 1, last_line + 1), range(2, 6))
    notes = [f"注：{n}" for n in _summary_notes(report)]
    for offset, note in enumerate(notes, start=last_line + 2):
        sheet.merge_cells(start_row=offset, start_column=2, end_row=offset, end_column=len(HEADERS))
        cell = write_cell(sheet, offset, 2, note)
        cell.font = Font(name=FONT_NAME, size=10, color="5F6673")
        cell.alignment = LEFT
    return last_line + 1 + len(notes)


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
