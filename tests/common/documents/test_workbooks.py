"""app/common/documents/workbooks.py and the output rules: text stays text, what XML
cannot hold is dropped, rows grow with wrapped text, sheets print on A4, and no
file is replaced unless asked."""

from __future__ import annotations

import argparse
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from app.common.documents import FORCE_HELP, add_force_option, output_path
from app.common.documents.workbooks import (
    draw_grid,
    fit_row_heights,
    save_workbook,
    set_up_printing,
    text_lines,
    write_cell,
    write_row,
    write_table,
)
from app.common.errors import KnownError
from app.common.sheets.reader import HeaderSpec, read_rows

FORMULAS = ["=1+1", '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)"]


def round_trip(tmp_path: Path, values: list[object]) -> tuple[list[object], list[str]]:
    book = Workbook()
    sheet = book.active
    write_row(sheet, 1, values)
    path = save_workbook(book, tmp_path / "t.xlsx")
    cells = list(load_workbook(path).active[1])
    return [c.value for c in cells], [c.data_type for c in cells]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path, text: str) -> None:
    values, kinds = round_trip(tmp_path, [text])
    assert values == [text] and kinds == ["s"]
    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_programs_own_reader_reads_it_back_as_text(tmp_path: Path) -> None:
    book = Workbook()
    write_row(book.active, 1, ["姓名", "备注"])
    write_row(book.active, 2, ['=HYPERLINK("http://x","y")', "=1+1"])
    path = save_workbook(book, tmp_path / "t.xlsx")
    data = read_rows(path, (HeaderSpec("name", ("姓名",)), HeaderSpec("note", ("备注",))))
    assert data.rows[0].values == {"name": '=HYPERLINK("http://x","y")', "note": "=1+1"}


def test_numbers_and_dates_only_on_purpose(tmp_path: Path) -> None:
    values, kinds = round_trip(
        tmp_path,
        [1, 2.5, Decimal("3.25"), date(2025, 1, 2), True, None, "", "150523197503120012"],
    )
    assert values[:3] == [1, 2.5, 3.25] and kinds[:3] == ["n", "n", "n"]
    assert values[3] == datetime(2025, 1, 2)
    assert values[4] == "是"  # a bool is a word, not TRUE
    assert values[5:7] == [None, None]
    assert values[7] == "150523197503120012" and kinds[7] == "s"  # an ID number stays text


def test_formula_like_text_gets_the_quote_prefix_plain_text_does_not() -> None:
    sheet = Workbook().active
    assert write_cell(sheet, 1, 1, "=1+1").quotePrefix
    assert not write_cell(sheet, 1, 2, "张三").quotePrefix


@given(st.text())
def test_any_text_can_be_saved(value: str) -> None:
    book = Workbook()
    write_cell(book.active, 1, 1, value)
    book.save(io.BytesIO())  # never IllegalCharacterError or an encoding error


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    values, _ = round_trip(tmp_path, ["张\x00三\x0b\x1b\x07", "\x9b县\ufffe医院"])
    assert values == ["张三", "县医院"]


def test_text_lines_estimate_errs_towards_more_lines() -> None:
    assert text_lines("", 10) == 1
    assert text_lines("经济委员会", 22) == 1
    assert text_lines("社会和法制委员会、文化文史和学习委员会", 22) == 2
    assert text_lines("一\n二\n三", 22) == 3
    assert text_lines("经济委员会" * 4, 10, font_size=16) > text_lines("经济委员会" * 4, 10)


def test_rows_grow_with_wrapped_text_merged_cells_included() -> None:
    sheet = Workbook().active
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 10
    wrap = Alignment(wrap_text=True)
    write_cell(sheet, 1, 1, "短").alignment = wrap
    write_cell(sheet, 2, 1, "社会和法制委员会、文化文史和学习委员会").alignment = wrap
    write_cell(sheet, 3, 1, "社会和法制委员会、文化文史和学习委员会")  # not wrapped: one line
    sheet.merge_cells("A4:B4")
    write_cell(sheet, 4, 1, "社会和法制委员会、经济委员会").alignment = wrap
    big = write_cell(sheet, 5, 1, "标题")
    big.font = Font(size=16)
    fit_row_heights(sheet, range(1, 6))
    heights = [sheet.row_dimensions[r].height for r in range(1, 6)]
    assert heights[1] >= 4 * heights[0] - 10  # about four lines
    assert heights[2] == heights[0]
    assert heights[0] < heights[3] < heights[1]  # the merged width holds more
    assert heights[4] > heights[0]


def test_print_setup_a4_landscape_fit_to_width_title_rows_footer() -> None:
    sheet = Workbook().active
    set_up_printing(sheet, title_rows=(3, 3), header="2025年度“五个一”考核表 & 附表")
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    assert "&&" in sheet.oddHeader.right.text  # an ampersand in the text is not a code
    assert sheet.page_margins.header < sheet.page_margins.top  # the header is never clipped


def test_grid_rules_every_cell() -> None:
    sheet = Workbook().active
    draw_grid(sheet, range(1, 3), range(1, 4))
    assert all(
        sheet.cell(r, c).border.left.style == "thin" for r in range(1, 3) for c in range(1, 4)
    )
    assert sheet.cell(3, 1).border.left.style is None


# --- one rule for every output ---------------------------------------------------------------


def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "考核表.xlsx"
    assert output_path(target, ".xlsx") == target  # a new name is fine
    target.write_bytes(b"old")
    with pytest.raises(KnownError) as caught:
        output_path(target, ".xlsx")
    assert "已存在，未覆盖" in caught.value.what and "--force" in caught.value.todo
    assert output_path(target, ".xlsx", force=True) == target
    assert target.read_bytes() == b"old"  # checking writes nothing


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("考核表.docx", "不是 .xlsx 文件名"), ("没有/考核表.xlsx", "不存在")],
)
def test_a_wrong_name_or_a_missing_folder_is_refused_first(
    tmp_path: Path, name: str, phrase: str
) -> None:
    with pytest.raises(KnownError) as caught:
        output_path(tmp_path / name, ".xlsx", force=True)
    assert phrase in caught.value.what


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").mkdir()
    with pytest.raises(KnownError, match="是一个文件夹"):
        output_path(tmp_path / "a.xlsx", ".xlsx", force=True)


def test_every_command_words_force_the_same() -> None:
    parser = argparse.ArgumentParser()
    add_force_option(parser)
    assert parser.parse_args(["--force"]).force and not parser.parse_args([]).force
    assert any(a.help == FORCE_HELP for a in parser._actions)


def test_a_list_export_keeps_its_header_in_view_and_wraps_what_is_too_long(
    tmp_path: Path,
) -> None:
    """The audit log's 对象 (a file's whole path) was cut off at the 60-wide column."""
    long = "/home/办公室/文件/" + "二〇二五年度委员履职情况通报" * 8 + ".docx"
    path = write_table(
        tmp_path / "a.xlsx",
        "审计日志",
        ["时间", "对象"],
        [["2025-01-02", long], ["2025-01-03", "短"]],
    )
    sheet = load_workbook(path)["列表"]
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width == 60
    assert sheet["B3"].value == long and sheet["B3"].alignment.wrap_text
    assert sheet.row_dimensions[3].height >= 3 * 11 * 1.4  # tall enough for its lines
    assert not sheet["B4"].alignment.wrap_text and sheet.row_dimensions[4].height is None
    assert sheet.print_title_rows == "$2:$2"
