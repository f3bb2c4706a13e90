"""sheets: what office files do that once went wrong quietly or was said unclearly.

Dates with a time of day, in Chinese numerals, as a day number turned text, or as a
span of days; a workbook with nothing in it; a sheet whose header lacks a column (left
out without a word); a roster in sections with subtotals (the names after the first
小计 were dropped); a Word file or a zip archive picked instead (called damaged);
rows or columns hidden in Excel (read without a word).
"""

from __future__ import annotations

import zipfile
from datetime import date

import docx
import openpyxl
import pytest
import xlwt
from openpyxl.styles import Border, Font, Side

from app.common.errors import KnownError
from app.common.sheets.reader import DateProblem, HeaderSpec, parse_date, read_rows
from app.common.sheets.values import UnreadableDate
from tests.common.sheets.messy_books import blank_book, office_book
from tests.sheet_files import write_ods
from tests.xlsx_files import rewrite_part

SPECS = (
    HeaderSpec("name", ("姓名",), required=True),
    HeaderSpec("sector", ("界别",)),
    HeaderSpec("day", ("日期",)),
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("45413", (date(2024, 5, 1), False)),  # a date cell in a column turned 文本
        ("45414", (date(2024, 5, 2), True)),
        ("2025-5-5 下午", (date(2025, 5, 5), True)),
        ("2025年5月6日上午9:00", (date(2025, 5, 6), True)),
        ("2025.5.6 14:30-17:00", (date(2025, 5, 6), True)),
        ("2025年5月6日下午3时", (date(2025, 5, 6), True)),
        ("2025.5.6 9时半", (date(2025, 5, 6), True)),
        ("二〇二五年五月三日", (date(2025, 5, 3), True)),
        ("二〇二五年十二月三十一日", (date(2025, 12, 31), True)),
        ("二〇二五年十月", (date(2025, 10, 1), False)),
        ("2025. 5. 1", (date(2025, 5, 1), True)),
    ],
)
def test_dates_as_offices_also_type_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2025.5.10-2025.5.12",
            "“2025.5.10-2025.5.12”是一段时间，请只写开始的那一天（2025-05-10）",
        ),
        (
            "2025年5月10日至12日",
            "“2025年5月10日至12日”是一段时间，请只写开始的那一天（2025-05-10）",
        ),
        ("2025-05-10-2025-05-12", "是一段时间，请只写开始的那一天（2025-05-10）"),
        ("5月4日", "“5月4日”没有写年份"),
        ("二〇二五年二月三十日", "日期“二〇二五年二月三十日”不存在"),
        ("下午", "“下午”不是可识别的日期"),
        ("9:30", "“9:30”不是可识别的日期"),
        ("19753", "如是1975年3月，请写成 1975.03"),  # five digits, yet a year and month
    ],
)
def test_what_is_not_one_day_is_said_plainly(value, message):
    with pytest.raises(DateProblem) as caught:
        parse_date(value)
    assert message in str(caught.value)


def test_an_unreadable_date_says_what_and_lets_the_caller_give_the_hint():
    with pytest.raises(UnreadableDate) as caught:
        parse_date("待定")
    assert (caught.value.text, caught.value.what) == ("待定", "不是可识别的日期")
    assert str(caught.value) == "“待定”不是可识别的日期（可写成 1975.03、1975年3月 或 1975-03-12）"


def test_a_workbook_with_nothing_in_it_says_so(tmp_path):
    with pytest.raises(KnownError) as caught:
        read_rows(blank_book(tmp_path / "空表.xlsx"), SPECS)
    assert caught.value.what == "“空表.xlsx”中的工作表都是空的，没有任何内容。"
    assert "本次未作任何改动" in caught.value.todo


def test_a_sheet_whose_header_lacks_a_column_is_named_not_left_out_silently(tmp_path):
    path = office_book(
        tmp_path / "名单.xlsx",
        ["姓名", "界别"],
        [["张三", "中共"]],
        others={
            "增补": [["人员", "界别", "日期"], ["李四", "民盟", "2025-03-01"]],
            "说明": [["填表说明：每位委员一行。"]],  # no table, and none meant: no word
            "Sheet3": [],
        },
    )
    data = read_rows(path, SPECS)
    assert [row.values["name"] for row in data.rows] == ["张三"]
    assert data.notes() == (
        "工作表“增补”第1行像是表头，但没有“姓名”列，该工作表未导入。"
        "如需导入，请在表头中加上该列（列名可参照空白模板）后重新检查。",
    )


def test_a_roster_in_sections_with_subtotals_keeps_every_name(tmp_path):
    rows = [
        ["一、中共界别"],
        ["张三"],
        ["李四"],
        ["小计", "2人"],
        ["二、民盟界别"],
        ["王五"],
        ["小计：1人"],
        ["三、无党派人士"],
        ["赵六"],
        ["合计：4人"],
        ["注：以姓氏笔画为序"],
        ["制表：办公室"],
    ]
    path = office_book(tmp_path / "名单.xlsx", ["姓名", "界别"], rows)
    assert [(row.number, row.values["name"]) for row in read_rows(path, SPECS).rows] == [
        (5, "张三"),
        (6, "李四"),
        (9, "王五"),
        (12, "赵六"),
    ]


def _zip(path, names: list[str]):
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return path


@pytest.mark.parametrize(
    ("make", "what", "todo"),
    [
        (
            lambda p: docx.Document().save(p) or p,
            "“名单.xlsx”是Word 文档，不是表格。",
            "请选择 Excel 或 WPS 表格文件",
        ),
        (
            lambda p: _zip(p, ["[Content_Types].xml", "ppt/presentation.xml"]),
            "“名单.xlsx”是PowerPoint 演示文稿，不是表格。",
            "请选择 Excel 或 WPS 表格文件",
        ),
        (
            lambda p: _zip(p, ["名单/委员名单.xlsx", "名单/说明.txt"]),
            "“名单.xlsx”是压缩包（.zip），不是表格。",
            "请先解压",
        ),
    ],
)
def test_other_zip_files_are_named_not_called_damaged(tmp_path, make, what, todo):
    with pytest.raises(KnownError) as caught:
        read_rows(make(tmp_path / "名单.xlsx"), SPECS)
    assert caught.value.what == what and todo in caught.value.todo


def _hidden_rows_xlsx(path):
    path = office_book(
        path, ["姓名", "界别"], [["张三", "中共"], ["李四", "民盟"], ["王五", "民革"]]
    )
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.row_dimensions[5].hidden = True  # 李四, hidden by hand
    sheet.auto_filter.ref = "A3:B6"
    sheet.row_dimensions[6].hidden = True  # 王五, filtered out
    book.save(path)
    return path


def _xls(path, rows, hide):
    """An .xls with `rows` from row 3; `hide(sheet)` hides some of its rows or columns."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r + 2, c, value)
    hide(sheet)
    book.save(str(path))
    return path


def _hidden_rows_xls(path):
    def hide(sheet) -> None:
        sheet.row(4).hidden = sheet.row(5).hidden = True

    rows = [["姓名", "界别"], ["张三", "中共"], ["李四", "民盟"], ["王五", "民革"]]
    return _xls(path, rows, hide)


def _hidden_rows_ods(path):
    def row(name: str, sector: str, visibility: str) -> str:
        cells = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in (name, sector)
        )
        return f'<table:table-row table:visibility="{visibility}">{cells}</table:table-row>'

    tail = '<table:table-row table:visibility="collapse" table:number-rows-repeated="1048000"/>'
    rows = [["示范县政协"], [None], ["姓名", "界别"], ["张三", "中共"]]
    extra = row("李四", "民盟", "collapse") + row("王五", "民革", "filter") + tail
    return write_ods(path, {"Sheet1": rows}, raw_rows=extra)


@pytest.mark.parametrize(
    ("make", "suffix"),
    [(_hidden_rows_xlsx, ".xlsx"), (_hidden_rows_xls, ".xls"), (_hidden_rows_ods, ".ods")],
)
def test_rows_hidden_in_excel_are_read_and_named(tmp_path, make, suffix):
    """A clerk hides the members who left, or filters the list: the import reads every
    row, so it says which ones the clerk does not see."""
    data = read_rows(make(tmp_path / f"名单{suffix}"), SPECS)
    assert [row.values["name"] for row in data.rows] == ["张三", "李四", "王五"]
    assert data.notes() == (
        "工作表“Sheet1”的第5、6行在 Excel 中是隐藏的（或被筛选隐藏），也一并读取了；"
        "如这些行不应导入，请在 Excel 中删除后重新检查。",
    )


def test_hidden_rows_outside_the_table_say_nothing(tmp_path):
    path = office_book(tmp_path / "名单.xlsx", ["姓名", "界别"], [["张三", "中共"]])
    book = openpyxl.load_workbook(path)
    book.active.row_dimensions[2].hidden = True  # the 填报单位 line above the header
    book.save(path)
    assert read_rows(path, SPECS).notes() == ()


def test_the_title_repeated_on_a_later_page_is_no_member(tmp_path):
    """示范县政协委员名单（续） over the second page became a member of that name."""
    rows = [
        ["张三", "中共"],
        ["示范县政协委员名单（续）"],
        ["姓名", "界别"],
        ["李四", "民盟"],
        ["2025年度履职登记表（第3页）"],
        ["王五", "民革"],
        [None, "关于编制统计表"],  # not at the left: a value, not a title
    ]
    path = office_book(tmp_path / "名单.xlsx", ["姓名", "界别"], rows)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("A5:B5")
    book.save(path)
    data = read_rows(path, SPECS)
    assert [(row.number, row.values["name"]) for row in data.rows] == [
        (4, "张三"),
        (7, "李四"),
        (9, "王五"),
        (10, None),
    ]


# --- hidden columns: read, so named ----------------------------------------------------------

_COLUMN_ROWS = [["姓名", "界别", "日期", "备注"], ["张三", "中共", "2025-03-02", "x"]]


def _hidden_columns_xlsx(path):
    path = office_book(path, _COLUMN_ROWS[0], _COLUMN_ROWS[1:])
    book = openpyxl.load_workbook(path)
    for letter in "BD":  # 界别 hidden by hand; 备注 is not read, so nothing to say
        book.active.column_dimensions[letter].hidden = True
    book.save(path)
    return path


def _hidden_columns_xls(path):
    def hide(sheet) -> None:
        sheet.col(1).hidden = sheet.col(3).hidden = True

    return _xls(path, _COLUMN_ROWS, hide)


def _hidden_columns_ods(path):
    write_ods(path, {"Sheet1": [["示范县政协"], [None], *_COLUMN_ROWS]})
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    columns = (
        b'<table:table-column/><table:table-column table:visibility="collapse"/>'
        b'<table:table-column/><table:table-column table:visibility="collapse"'
        b' table:number-columns-repeated="1020"/>'
    )
    parts["content.xml"] = parts["content.xml"].replace(
        b'table:style-name="ta1">', b'table:style-name="ta1">' + columns, 1
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "suffix"),
    [(_hidden_columns_xlsx, ".xlsx"), (_hidden_columns_xls, ".xls"), (_hidden_columns_ods, ".ods")],
)
def test_columns_hidden_in_excel_that_the_import_reads_are_named(tmp_path, make, suffix):
    """A hidden 界别 column was imported without a word: the clerk imported data never seen."""
    data = read_rows(make(tmp_path / f"名单{suffix}"), SPECS)
    assert data.rows[0].values["sector"] == "中共"
    assert data.notes() == (
        "工作表“Sheet1”的“界别”列（B列）在 Excel 中是隐藏的，其中的内容也一并读取了；"
        "请在 Excel 中取消隐藏该列，核对无误后再导入。",
        "工作表“Sheet1”中的备注（D列）不是可导入的内容，未导入。",
    )


def test_an_empty_hidden_column_says_nothing(tmp_path):
    path = office_book(tmp_path / "名单.xlsx", ["姓名", "界别", "日期"], [["张三", "中共", None]])
    book = openpyxl.load_workbook(path)
    book.active.column_dimensions["C"].hidden = True  # 日期: hidden, and empty
    book.save(path)
    assert read_rows(path, SPECS).notes() == ()


def test_a_far_cell_with_only_a_format_is_read_past(tmp_path):
    """A roster whose sheet had a format set down to row 1048576 was refused as too large,
    and the clerk saw no content to delete. calamine keeps no cell without a value, so
    the format takes no room: the roster is read."""
    path = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "界别"])
    book.active.append(["张三", "中共"])
    book.active.cell(1_048_576, 16_384).font = Font(name="宋体")  # a format, no value
    book.active.cell(1_048_576, 1).border = Border(bottom=Side(style="thin"))
    book.save(path)
    found = read_rows(path, (HeaderSpec("name", ("姓名",), required=True),))
    assert [row.get("name") for row in found.rows] == ["张三"]


def test_a_far_cell_holding_empty_text_is_named_with_what_to_do(tmp_path):
    """A far cell that holds an empty text (WPS writes one when a cell is cleared) is a
    value calamine keeps: refused as too large, naming the cell and how to remove it."""
    path = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "界别"])
    book.active.append(["张三", "中共"])
    book.save(path)
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>'
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"),
    )
    with pytest.raises(KnownError) as caught:
        read_rows(path, (HeaderSpec("name", ("姓名",), required=True),))
    message = caught.value.message
    assert "一直到 XFD1048576 单元格" in message
    assert "右键“删除”（按 Delete 键只清除内容，格式还在）" in message


def test_an_old_excel_files_far_formatted_cell_is_named_with_what_to_do(tmp_path):
    """An .xls keeps the corner of its formatted blank cells, and calamine reserves room
    up to it: refused, naming the cell, as for an .xlsx holding a far value."""
    path = tmp_path / "名单.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "姓名")
    sheet.write(1, 0, "张三")
    sheet.write(65_535, 255, None, xlwt.easyxf("font: bold on"))  # a format, no value
    book.save(str(path))
    with pytest.raises(KnownError) as caught:
        read_rows(path, (HeaderSpec("name", ("姓名",), required=True),))
    message = caught.value.message
    assert "一直到 IV65536 单元格" in message
    assert "右键“删除”" in message
