"""考核表 (.xlsx) read back: content, print set-up, row heights, and text that stays text."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.common.storage import Database
from app.five_ones.check import FiveOnesReport, check_five_ones
from app.five_ones.workbook import HEADERS, write_five_ones_workbook
from tests.five_ones.helpers import add_member, store_member_fields

# --- 考核表 -----------------------------------------------------------------------------


@pytest.fixture
def sheet(report: FiveOnesReport, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = write_five_ones_workbook(report, tmp_path / "考核表.xlsx", made_on=date(2026, 1, 5))
    return load_workbook(path).active


def rows_by_name(sheet) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    rows = {}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[1] in ("张三", "李四", "王五", "赵六", "钱七"):
            rows[row[1]] = list(row)
    return rows


def test_workbook_title_and_header(sheet) -> None:  # type: ignore[no-untyped-def]
    assert sheet.title == "2025年度考核"
    assert sheet["A1"].value == "示范县政协2025年度委员履职“五个一”考核表"
    assert "A1:L1" in {str(r) for r in sheet.merged_cells.ranges}
    assert "第十届（2021—2026）" in sheet["A2"].value
    assert "请假不视为出席" in sheet["A2"].value and "2026年1月5日" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == list(HEADERS)
    assert list(HEADERS) == [
        "序号", "姓名", "界别", "专委会", "联络组", "参加全体会议", "提交提案",
        "报送社情民意", "参加政协活动", "大会发言或调研视察报告", "是否全部达到", "备注",
    ]  # fmt: skip
    assert sheet.freeze_panes == "C4"


def test_workbook_one_row_per_checked_member(sheet) -> None:  # type: ignore[no-untyped-def]
    rows = rows_by_name(sheet)
    assert set(rows) == {"张三", "李四", "王五", "赵六"}  # 钱七 left in 2024
    assert rows["张三"][1:] == [
        "张三", "经济界", "经济委员会", "第三联络组", "✓ 1", "✓ 1", "✓ 1", "✓ 1", "✓ 1", "是", None,
    ]  # fmt: skip
    assert rows["李四"][5:11] == ["✗ 0", "✗ 0", "✗ 0", "✓ 1", "✗ 0", "否"]
    assert rows["王五"][11] == "2025年3月1日增补，自该日起考核"
    assert rows["赵六"][11] == "2025年8月31日辞去，考核至该日"
    assert [r[0] for r in rows.values()] == [1, 2, 3, 4]


def test_workbook_marks_shortfalls_in_red(sheet) -> None:  # type: ignore[no-untyped-def]
    li_row = next(r for r in range(4, 8) if sheet.cell(r, 2).value == "李四")
    missed, met = sheet.cell(li_row, 6), sheet.cell(li_row, 9)
    assert missed.font.color.rgb.endswith("B3261E") and missed.fill.fgColor.rgb.endswith("FBE3E4")
    assert met.font.color is None or not met.font.color.rgb.endswith("B3261E")
    assert sheet.cell(li_row, 11).font.color.rgb.endswith("B3261E")


def test_workbook_summary_block(sheet) -> None:  # type: ignore[no-untyped-def]
    values = [
        [c for c in row if c is not None] for row in sheet.iter_rows(min_row=9, values_only=True)
    ]
    values = [v for v in values if v]
    assert values[0] == ["汇总"]
    assert ["参加考核人数", 4] in values
    assert ["五项全部达到", 1, "25%"] in values
    assert ["参加全体会议", 2, "50%"] in values
    notes = [v[0] for v in values if isinstance(v[0], str) and v[0].startswith("注：")]
    assert any("另有 1 名本届委员在2025年之前已离任" in n for n in notes)


def test_workbook_print_setup(sheet) -> None:  # type: ignore[no-untyped-def]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.column_dimensions["B"].width == 10 and sheet.column_dimensions["L"].width == 34
    assert "&P" in sheet.oddFooter.center.text


def test_workbook_rows_are_as_high_as_their_wrapped_text(sheet) -> None:  # type: ignore[no-untyped-def]
    # The title (16 pt) and the two-line header are never clipped.
    assert sheet.row_dimensions[1].height >= 30
    assert sheet.row_dimensions[3].height >= 2 * 11 * 1.3
    one_line = sheet.row_dimensions[4].height
    assert 15 <= one_line <= 25


def test_workbook_long_values_get_taller_rows_and_every_cell_is_ruled(
    office_db: Database, people: dict[str, str], tmp_path: Path
) -> None:
    add_member(
        office_db,
        "周九",
        committees=["社会和法制委员会", "文化文史和学习委员会", "经济委员会"],
    )
    report = check_five_ones(office_db, 2025)
    sheet = load_workbook(write_five_ones_workbook(report, tmp_path / "k.xlsx")).active
    row = next(r for r in range(4, 10) if sheet.cell(r, 2).value == "周九")
    short = next(r for r in range(4, 10) if sheet.cell(r, 2).value == "李四")
    # 专委会 is 22 wide: three committees take three lines, and the row grows with them.
    assert sheet.row_dimensions[row].height >= 3 * 11 * 1.3
    assert sheet.row_dimensions[row].height > sheet.row_dimensions[short].height
    assert sheet.cell(row, 4).alignment.wrap_text
    last = 3 + len(report.members)
    for r in range(3, last + 1):
        for c in range(1, len(HEADERS) + 1):
            border = sheet.cell(r, c).border
            assert border.left.style == border.right.style == "thin", (r, c)
            assert border.top.style == border.bottom.style == "thin", (r, c)
    # The summary table is ruled too.
    summary = next(r for r in range(last, last + 6) if sheet.cell(r, 2).value == "项目")
    assert sheet.cell(summary + 1, 4).border.bottom.style == "thin"


@pytest.mark.parametrize(
    ("name", "employer", "note"),
    [
        ('=HYPERLINK("http://x","y")', "=1+1", "=cmd|' /C calc'!A0"),
        ("+张三", "-1", "@SUM(A1)"),
    ],
)
def test_text_that_looks_like_a_formula_stays_text(
    office_db: Database, tmp_path: Path, name: str, employer: str, note: str
) -> None:
    add_member(office_db, name, committees=[employer], liaison_group=note)
    report = check_five_ones(office_db, 2025)
    path = write_five_ones_workbook(report, tmp_path / "k.xlsx")
    sheet = load_workbook(path).active
    cell = next(sheet.cell(r, 2) for r in range(4, 8) if sheet.cell(r, 2).value == name)
    assert cell.data_type == "s"
    assert sheet.cell(cell.row, 4).value == employer and sheet.cell(cell.row, 4).data_type == "s"
    assert sheet.cell(cell.row, 5).value == note and sheet.cell(cell.row, 5).data_type == "s"
    assert cell.quotePrefix  # stays text when the clerk edits the cell in Excel
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_a_control_character_already_stored_does_not_stop_the_workbook(
    office_db: Database, people: dict[str, str], tmp_path: Path
) -> None:
    store_member_fields(office_db, people["张三"], name="张\x00三\x0b\x1b\x07")
    report = check_five_ones(office_db, 2025)
    sheet = load_workbook(write_five_ones_workbook(report, tmp_path / "k.xlsx")).active
    assert "张三" in [sheet.cell(r, 2).value for r in range(4, 9)]
