"""sheets.reader: what used to slip through silently (issue 8, findings 11 and 13).

Hidden sheets, formulas saved without a result, error cells, dates out of range,
and merges down the whole sheet.
"""

from __future__ import annotations

import re
import tracemalloc
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from app.common.errors import KnownError
from app.common.sheets.reader import DateProblem, HeaderSpec, HiddenTable, parse_date, read_rows
from tests.common.sheets.messy_books import with_error_cell
from tests.sheet_files import whole_height_merges, write_ods, write_xls
from tests.xlsx_files import rewrite_part, write_sheet

SPECS = (
    HeaderSpec("name", ("姓名",), required=True),
    HeaderSpec("sector", ("界别",)),
    HeaderSpec("birth", ("出生年月",)),
)


def names(data) -> list[tuple[str, object]]:
    return [(row.table.sheet, row.values["name"]) for row in data.rows]


# --- hidden sheets -------------------------------------------------------------------------


def _with_hidden_sheets(path: Path) -> Path:
    book = openpyxl.Workbook()
    shown = book.active
    shown.title = "名单"
    shown.append(["姓名", "界别"])
    shown.append(["张三", "中共"])
    for title, state, rows in (
        ("往届", "hidden", [["李四", "民盟"], ["王五", "民革"]]),
        ("备用", "veryHidden", [["赵六", "中共"]]),
        ("下拉选项", "hidden", []),  # the list a dropdown takes its values from: no table
    ):
        sheet = book.create_sheet(title)
        sheet.append(["姓名", "界别"] if rows else ["中共", "民盟", "民革"])
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    book.save(path)
    return path


def test_hidden_sheets_with_a_table_are_named_and_left_out_by_default(tmp_path):
    data = read_rows(_with_hidden_sheets(tmp_path / "a.xlsx"), SPECS)
    assert names(data) == [("名单", "张三")]
    assert data.hidden_tables == (
        HiddenTable("往届", 2, included=False),
        HiddenTable("备用", 1, included=False),
    )
    warning = data.hidden_warning()
    assert "隐藏的工作表“往届”（2 行）、“备用”（1 行）中也有数据，本次未导入" in warning
    assert "取消隐藏" in warning and "下拉选项" not in warning


def test_the_clerk_can_choose_to_read_hidden_sheets_too(tmp_path):
    data = read_rows(_with_hidden_sheets(tmp_path / "a.xlsx"), SPECS, include_hidden_sheets=True)
    assert names(data) == [("名单", "张三"), ("往届", "李四"), ("往届", "王五"), ("备用", "赵六")]
    assert "已按要求一并读取隐藏的工作表“往届”（2 行）、“备用”（1 行）" in data.hidden_warning()


def test_a_file_whose_only_table_is_hidden_says_so(tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", [["姓名", "界别"], ["张三", "中共"]])
    book = openpyxl.load_workbook(path)
    book.create_sheet("封面")["A1"] = "示范县政协委员名单"
    book["委员名单"].sheet_state = "hidden"
    book.save(path)
    with pytest.raises(KnownError, match="数据都在隐藏的工作表“委员名单”（1 行）中"):
        read_rows(path, SPECS)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_hidden_sheets_of_old_excel_and_ods_files_too(tmp_path, suffix):
    tables = {
        "名单": [["姓名", "界别"], ["张三", "中共"]],
        "往届": [["姓名", "界别"], ["李四", "民盟"]],
    }
    path = tmp_path / f"a{suffix}"
    if suffix == ".xls":
        write_xls(path, tables["名单"], title="名单", hidden={"往届": tables["往届"]})
    else:
        write_ods(path, tables, hidden=["往届"])
    data = read_rows(path, SPECS)
    assert names(data) == [("名单", "张三")]
    assert data.hidden_tables == (HiddenTable("往届", 1, included=False),)


# --- cells that do not hold what Excel shows ------------------------------------------------


def test_a_formula_saved_without_its_result_is_named_not_imported_as_empty(tmp_path):
    # openpyxl, and many systems, write formulas without computing them.
    path = write_sheet(
        tmp_path / "a.xlsx",
        [["姓名", "界别", "备注"], ["张三", '=IF(1,"中共","")', "=1+1"], ["李四", "民盟", None]],
    )
    with pytest.raises(KnownError) as caught:
        read_rows(path, SPECS)
    assert (
        "工作表“委员名单”中的 B2 单元格是公式，但文件里没有保存公式的计算结果" in caught.value.what
    )
    assert "保存一次后再导入" in caught.value.todo
    # The same formula in a column the import does not read is no concern.
    path = write_sheet(tmp_path / "b.xlsx", [["姓名", "界别", "备注"], ["张三", "中共", "=1+1"]])
    assert names(read_rows(path, SPECS)) == [("委员名单", "张三")]


def test_an_ods_formula_saved_without_its_result_too(tmp_path):
    row = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>李四</text:p>'
        '</table:table-cell><table:table-cell table:formula="of:=A1"/></table:table-row>'
    )
    path = write_ods(tmp_path / "a.ods", {"名单": [["姓名", "界别"]]}, raw_rows=row)
    with pytest.raises(KnownError, match="工作表“名单”中的 B2 单元格是公式"):
        read_rows(path, SPECS)


def test_a_formula_with_its_result_is_read_as_the_result(tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", [["姓名", "界别"], ["张三", "=A1"]])
    rewrite_part(  # as Excel saves it: the formula and its last result
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"<f>A1</f><v></v>", b"<f>A1</f><v>\xe4\xb8\xad\xe5\x85\xb1</v>"
        ).replace(b'<c r="B2">', b'<c r="B2" t="str">'),
    )
    assert read_rows(path, SPECS).rows[0].values["sector"] == "中共"


def test_error_cells_show_their_error_as_in_excel(tmp_path):
    """Outside the table (a note's count): read as Excel shows it."""
    path = with_error_cell(
        tmp_path / "a.xlsx", [["姓名", "界别"], ["张三", "中共"], ["注：", "x"]], "B3", "#N/A"
    )
    data = read_rows(path, SPECS)
    assert [r.values["name"] for r in data.rows] == ["张三"]


@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?"])
def test_an_error_cell_in_the_table_is_named_never_imported_as_its_error(tmp_path, error):
    """#N/A under 姓名 became a member named #N/A; under 界别 a value to add to the list."""
    rows = [["姓名", "界别"], ["张三", "中共"], ["李四", "x"]]
    path = with_error_cell(tmp_path / "a.xlsx", rows, "B3", error)
    with pytest.raises(KnownError) as caught:
        read_rows(path, SPECS)
    assert caught.value.what == (
        f"“a.xlsx”工作表“委员名单”中的 B3（{error}）单元格显示的是公式错误，没有可导入的内容。"
    )
    assert "改正这些公式" in caught.value.todo and "本次未作任何改动" in caught.value.todo


def test_a_date_out_of_range_is_one_bad_cell_not_a_damaged_file(tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", [["姓名", "出生年月"], ["张三", datetime(1975, 3, 1)]])
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'(<c r="B2"[^>]*><v>)[^<]*', rb"\g<1>1e300", xml),
    )
    (row,) = read_rows(path, SPECS).rows
    with pytest.raises(DateProblem, match="超出了日期的范围"):
        parse_date(row.values["birth"])


# --- merged cells --------------------------------------------------------------------------


def test_merges_down_the_whole_sheet_cost_no_memory(tmp_path):
    """100 merges from row 1 to 1,048,576 in a 6 KB file: 1.77 GB for 20 before."""
    path = write_sheet(
        tmp_path / "a.xlsx",
        [["姓名", "界别"], ["张三", "中共"], ["李四", None]],
        merges=["B2:B3"],
    )
    whole_height_merges(path, 100)
    assert path.stat().st_size < 8000
    tracemalloc.start()
    try:
        data = read_rows(path, SPECS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert [row.values["sector"] for row in data.rows] == ["中共", "中共"]


# --- section headings ----------------------------------------------------------------------


def test_rows_with_only_a_name_under_a_section_heading_are_data(tmp_path):
    """A heading (一、中共界别) is not a footnote: the rows under it stay rows."""
    path = write_sheet(
        tmp_path / "名单.xlsx",
        [
            ["姓名", "界别", "出生年月"],
            ["一、中共界别"],
            ["张三", "中共", "1975.03"],
            ["李四"],  # only the name is known
            ["（二）民盟界别"],
            ["王五"],
            ["赵六", "民盟"],
            ["注：以姓氏笔画为序。"],
            ["带*者为常委。"],  # a footnote's second line is still no member
        ],
    )
    data = read_rows(path, SPECS)
    assert [(row.number, row.values["name"]) for row in data.rows] == [
        (3, "张三"),
        (4, "李四"),
        (6, "王五"),
        (7, "赵六"),
    ]


# --- columns nobody reads ------------------------------------------------------------------


def test_columns_the_import_does_not_read_are_named_not_dropped_silently(tmp_path):
    path = write_sheet(
        tmp_path / "名单.xlsx",
        [
            ["××县政协委员名单"],
            ["序号", "姓名", "界别", "年龄", "单位", None, "照片"],
            [1, "张三", "中共", 50, "县委", "x", None],
        ],
    )
    data = read_rows(path, SPECS)
    assert data.tables[0].unread == (("年龄", "D"), ("单位", "E"), ("照片", "G"))
    assert data.unread_warning() == (
        "工作表“委员名单”中的年龄（D列）、单位（E列）、照片（G列）不是可导入的内容，未导入。"
    )
    everything = write_sheet(tmp_path / "b.xlsx", [["姓名", "界别"], ["张三", "中共"]])
    assert read_rows(everything, SPECS).unread_warning() == ""


# --- a total row -------------------------------------------------------------------------

TOTAL_SPECS = (
    HeaderSpec("name", ("姓名",), required=True),
    HeaderSpec("day", ("日期",), required=True),
    HeaderSpec("outcome", ("情况",)),
)


@pytest.mark.parametrize("total", ["合计", "总计：", "共计"])
def test_a_total_row_under_the_names_is_no_data(tmp_path, total):
    """合计 in the 姓名 column with a count under 情况 (an attendance sheet's last row)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "签到"
    for row in (["姓名", "日期", "情况"], ["张三", "2025-03-02", "出席"], [total, None, "1人"]):
        sheet.append(row)
    book.save(tmp_path / "a.xlsx")
    data = read_rows(tmp_path / "a.xlsx", TOTAL_SPECS)
    assert names(data) == [("签到", "张三")]


def test_a_row_with_a_note_like_name_and_its_data_is_still_data(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "签到"
    for row in (["姓名", "日期", "情况"], ["※张三", "2025-03-02", "出席"]):
        sheet.append(row)
    book.save(tmp_path / "a.xlsx")
    assert names(read_rows(tmp_path / "a.xlsx", TOTAL_SPECS)) == [("签到", "※张三")]


NUMBERED_SPECS = (
    HeaderSpec("number", ("序号",)),
    HeaderSpec("name", ("姓名",), required=True),
    HeaderSpec("sector", ("界别",)),
)


@pytest.mark.parametrize(
    "total",
    [
        ["合计", "30人"],
        ["合计", 30],
        ["合计：", "共30人", None],
        ["总计", "30人", "2"],
        ["合计", "110人次"],
    ],
)
def test_a_total_under_the_numbers_with_a_count_under_the_names_is_no_data(tmp_path, total):
    """A roster's last row: 合计 under 序号 and 30人 under 姓名 (was: 序号“合计”应为正整数)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "委员名单"
    for row in (["序号", "姓名", "界别"], [1, "张三", "中共"], total):
        sheet.append(row)
    book.save(tmp_path / "a.xlsx")
    assert names(read_rows(tmp_path / "a.xlsx", NUMBERED_SPECS)) == [("委员名单", "张三")]


def test_a_total_label_beside_a_name_is_still_data(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "委员名单"
    for row in (["序号", "姓名", "界别"], ["合计", "张三", "中共"]):
        sheet.append(row)
    book.save(tmp_path / "a.xlsx")
    assert names(read_rows(tmp_path / "a.xlsx", NUMBERED_SPECS)) == [("委员名单", "张三")]
