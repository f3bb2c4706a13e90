"""The city's combined view as an Excel workbook: one row per county, and the city's total."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from app.common.documents.workbooks import (
    draw_grid,
    save_workbook,
    set_column_widths,
    set_up_printing,
    write_cell,
    write_row,
)
from app.common.text import percent
from app.exchange.city.city_view import CityView, CountyFigures

TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
_BEHIND = PatternFill("solid", fgColor="FDE7E7")

Figure = Callable[[CountyFigures], object]


def columns(view: CityView) -> list[tuple[str, Figure, float]]:
    """(header, value, width): the same columns the screen shows."""
    fixed: list[tuple[str, Figure, float]] = [
        ("县（市、区）", lambda c: c.name, 16),
        ("最新文件日期", lambda c: c.latest_file.date() if c.latest_file else "尚未收到", 13),
        ("考核人数", lambda c: c.checked, 9),
        ("五项全部达到", lambda c: c.all_met, 11),
        ("达标率", lambda c: c.compliance, 9),
        ("提案件数", lambda c: c.proposals, 9),
        ("立案", lambda c: c.accepted, 7),
        ("不予立案", lambda c: c.rejected, 9),
        ("待审查", lambda c: c.pending, 8),
        ("答复件次", lambda c: c.replies, 9),
    ]
    results: list[tuple[str, Figure, float]] = [
        (f"办理结果：{label}", lambda c, label=label: c.results.get(label, 0), 11)
        for label in view.result_labels
    ]
    rest: list[tuple[str, Figure, float]] = [
        ("满意率", lambda c: c.satisfaction_rate, 9),
        ("联接议题", lambda c: c.topics_linked, 9),
        ("自选议题", lambda c: c.topics_own, 9),
        ("已协商议题", lambda c: c.topics_held, 10),
        ("协商成果", lambda c: c.outcomes, 9),
        ("获领导批示", lambda c: c.instructed, 10),
        ("落实情况", lambda c: c.follow_ups, 9),
    ]
    return fixed + results + rest


def write_city_workbook(view: CityView, path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "全市汇总"
    spec = columns(view)
    title = f"{view.city_name}{view.year}年度各县（市、区）履职情况汇总"
    write_cell(sheet, TITLE_ROW, 1, title).font = Font(size=16, bold=True)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(spec))
    sheet.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center")
    made = view.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
    write_cell(
        sheet,
        NOTE_ROW,
        1,
        f"数据来自各县（市、区）报来的交换文件；“最新文件日期”较早的县，数据可能不是最新的。制表时间：{made}",
    )
    sheet.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=len(spec))
    write_row(sheet, HEADER_ROW, [header for header, _, _ in spec])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    now = datetime.now(UTC)
    for offset, county in enumerate(view.counties, start=1):
        row = HEADER_ROW + offset
        write_row(sheet, row, [value(county) for _, value, _ in spec])
        if county.is_behind(now):
            sheet.cell(row, 2).fill = _BEHIND
    total_row = HEADER_ROW + len(view.counties) + 1
    write_row(sheet, total_row, totals(view, spec))
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    draw_grid(sheet, range(HEADER_ROW, total_row + 1), range(1, len(spec) + 1))
    set_column_widths(sheet, [width for _, _, width in spec])
    set_up_printing(sheet, title_rows=(HEADER_ROW, HEADER_ROW), header=title)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)
    return save_workbook(book, path, title, view.city_name)


def totals(view: CityView, spec: list[tuple[str, Figure, float]]) -> list[object]:
    """The city's row: sums; the rates over the sums (the counties' rates are not
    averaged: a county with more members or ratings weighs more); no date."""
    counties = view.counties
    row: list[object] = ["全市合计", ""]
    for header, value, _ in spec[2:]:
        if header == "达标率":
            row.append(percent(sum(c.all_met for c in counties), sum(c.checked for c in counties)))
        elif header == "满意率":  # it was left blank: the clerk had to work it out by hand
            row.append(
                percent(sum(c.satisfied for c in counties), sum(c.ratings for c in counties))
            )
        else:
            row.append(sum(int(value(c)) for c in counties))  # type: ignore[call-overload]
    return row
