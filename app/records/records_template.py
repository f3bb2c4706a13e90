"""The blank template of the duty-record import (履职记录导入模板), in the columns the
import reads, with drop-down lists for 类别 and 情况 and a sheet of filling notes.

The data sheet has the header and nothing else: an example row left in by mistake
would be imported as a real record, so the examples are written on the notes sheet,
as sentences the reader never takes for a table.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.common.documents.workbooks import (
    DATE_FORMAT,
    TEXT_FORMAT,
    save_workbook,
    set_up_printing,
    write_cell,
)
from app.common.errors import KnownError
from app.records.labels import ACTIVITY_KIND_LABELS, ATTENDANCE_LABELS, WORK_KIND_LABELS
from app.records.records_rows import RECORD_COLUMNS, SOCIAL_INFO

TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
ROWS_PREPARED = 1000  # rows formatted and offered the drop-down lists
CATEGORIES = [*ACTIVITY_KIND_LABELS.values(), SOCIAL_INFO, *WORK_KIND_LABELS.values()]
OUTCOMES = [*ATTENDANCE_LABELS.values(), "采用", "批示", "采用、批示"]
_WIDTHS = {"name": 12, "id_number": 22, "day": 13, "category": 14, "title": 44, "outcome": 14}
_THIN = Side(style="thin", color="9AA0A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

NOTES = (
    "填写说明",
    "1. 每行是一位委员参加的一次会议活动，或报送的一份社情民意信息、大会发言、调研视察报告。",
    "2. 类别、名称、日期都相同的行是同一条记录：一次会议有几位委员出席就填几行；"
    "几位委员联名报送的一份信息，每位报送人一行。",
    f"3. 类别填：{'、'.join(CATEGORIES)}（可从下拉列表选择）。",
    "4. 会议活动的“情况”填 出席、请假 或 缺席；社情民意信息填 采用、批示 或 采用、批示，"
    "未采用的留空；大会发言和调研视察报告不填。",
    "5. 日期写到日，如 2025-03-12 或 2025年3月12日；不能晚于今天。",
    "6. 两位委员同名时，请填写身份证号码以区分；其余可不填。",
    "7. 表头可用本单位习惯的写法：如 会议名称、活动名称（名称），会议时间、活动时间（日期），"
    "出席情况、参会情况（情况）等都能识别；列的顺序不限。",
    "8. 导入时先检查全部数据，有任何错误都不会导入，并列出每个错误所在的行、列和原因；"
    "同一份表格导入两次不会重复登记。",
    "",
    "填写示例：",
    "张三 | 2025-01-15 | 全体会议 | 政协示范县第十届委员会第五次会议 | 出席",
    "李四 | 2025-01-15 | 全体会议 | 政协示范县第十届委员会第五次会议 | 请假",
    "张三 | 2025-03-20 | 社情民意 | 关于加强农村留守老人照护的建议 | 采用",
    "李四 | 2025-03-20 | 社情民意 | 关于加强农村留守老人照护的建议 | 采用",
    "王五 | 2025-06-10 | 调研视察报告 | 关于县域养老服务体系建设的调研报告 |",
)


TEMPLATE_NAME = "履职记录模板.xlsx"  # the name the window offers and `records template` uses


def write_records_template(path: Path) -> Path:
    """The header row, text and date formats, drop-down lists, and the notes sheet."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise KnownError(
            f"“{path.name}”不是 .xlsx 文件名。", "请用 .xlsx 结尾的文件名，例如“履职记录.xlsx”。"
        )
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "履职记录"
    _frame(sheet)
    _formats(sheet)
    _choices(sheet)
    _notes(book.create_sheet("填写说明"))
    return save_workbook(book, path, "履职记录导入模板")


def _frame(sheet: Worksheet) -> None:
    last = get_column_letter(len(RECORD_COLUMNS))
    title = write_cell(sheet, TITLE_ROW, 1, "××县政协委员履职记录")
    title.font = Font(size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 30
    note = write_cell(
        sheet,
        NOTE_ROW,
        1,
        "每行一位委员的一条履职记录；填写方法和示例见“填写说明”工作表。"
        "填好后在“履职记录 → 从Excel导入”中导入。",
    )
    note.font = Font(color="B3261E")
    note.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.merge_cells(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
    sheet.row_dimensions[NOTE_ROW].height = 32
    fill = PatternFill("solid", fgColor="E8EEF7")
    for index, spec in enumerate(RECORD_COLUMNS, start=1):
        cell = write_cell(sheet, HEADER_ROW, index, spec.label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(spec.field, 12)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    set_up_printing(sheet, title_rows=(HEADER_ROW, HEADER_ROW))


def _formats(sheet: Worksheet) -> None:
    """身份证号码 as text (never 1.50523E+17), 日期 as a date, every cell with a border."""
    formats = {"id_number": TEXT_FORMAT, "day": DATE_FORMAT}
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + ROWS_PREPARED):
        for index, spec in enumerate(RECORD_COLUMNS, start=1):
            cell = sheet.cell(row, index)
            cell.border = _BORDER
            if spec.field in formats:
                cell.number_format = formats[spec.field]


def _choices(sheet: Worksheet) -> None:
    lists = {"category": CATEGORIES, "outcome": OUTCOMES}
    for index, spec in enumerate(RECORD_COLUMNS, start=1):
        if spec.field not in lists:
            continue
        letter = get_column_letter(index)
        # A help, not a rule: the import also reads other words (常委会, 到会 …).
        rule = DataValidation(
            type="list",
            formula1=f'"{",".join(lists[spec.field])}"',
            allow_blank=True,
            showErrorMessage=False,
        )
        rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + ROWS_PREPARED}")
        sheet.add_data_validation(rule)


def _notes(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(NOTES, start=1):
        cell = write_cell(sheet, row, 1, text)
        cell.font = Font(bold=row == 1 or text == "填写示例：", size=14 if row == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
