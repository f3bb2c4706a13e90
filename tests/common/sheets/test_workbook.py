"""sheets.workbook: the values of .xlsx, .xls and .ods files, as Excel shows them.

Replaces the tests of the hand-written .xlsx reader: the same cases, now through
calamine and its checks, and the same cells in each format.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from app.common.sheets.reader import clean_cell
from app.common.sheets.workbook import open_workbook
from tests.sheet_files import (
    LIBREOFFICE_ROSTER,
    with_stream,
    workbook_stream,
    write_ods,
    write_xls,
)
from tests.xlsx_files import as_saved_by_excel, messy_roster


def ours(path: Path) -> list[list[list[object]]]:
    """Every sheet as rows of cleaned values (blank rows as [])."""
    with open_workbook(path) as book:
        found = []
        for info in book.sheets:
            cells = book.read(info)
            rows = {n: _trim([clean_cell(v) for v in values]) for n, values in cells.rows}
            sheet = [rows.get(n, []) for n in range(1, max(rows, default=0) + 1)]
            while sheet and not sheet[-1]:  # a last row of spaces only is blank, as below
                sheet.pop()
            found.append(sheet)
        return found


def theirs(path: Path) -> list[list[list[object]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        found = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            rows = [_trim([_as_read(v) for v in r]) for r in sheet.iter_rows(values_only=True)]
            while rows and not rows[-1]:
                rows.pop()
            found.append(rows)
        return found
    finally:
        book.close()


def _as_read(value: object) -> object:
    """openpyxl's value as the reader gives it: midnight is a date, as calamine says."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    return clean_cell(value)


def _trim(values: list[object]) -> list[object]:
    while values and values[-1] is None:
        values.pop()
    return values


CELLS = st.one_of(
    st.none(),
    st.text(alphabet="张三李四 \t\nab1２，。：#", min_size=1, max_size=8),  # \n: Alt+Enter
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda f: abs(f) < 1e300),
    st.booleans(),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!"]),
)


@settings(max_examples=40)
@given(st.lists(st.lists(CELLS, max_size=6), max_size=8), st.booleans())
def test_any_sheet_reads_as_openpyxl_reads_it(tmp_path_factory, rows, shared):
    path = tmp_path_factory.mktemp("x") / "a.xlsx"
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    if shared:
        as_saved_by_excel(path)
    assert ours(path) == theirs(path)


def test_rich_text_merged_cells_formats_and_several_sheets(tmp_path):
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = CellRichText("张", TextBlock(InlineFont(b=True), "三"), "丰")
    sheet["B2"] = date(1975, 3, 1)
    sheet["B2"].number_format = 'yyyy"年"m"月"'
    sheet["C3"] = 1975.03
    sheet["C3"].number_format = "0.00"
    sheet.merge_cells("A5:C6")
    sheet["A5"] = "合并"
    other = book.create_sheet("第二页")
    other["E10"] = "远处"
    book.save(path)
    expected = theirs(path)
    expected[0][1] = [None, "1975年3月"]  # a month-only format: the month as typed
    assert ours(path) == expected
    assert ours(path)[0][0] == ["张三丰"]
    assert ours(path)[0][1] == [None, "1975年3月"]
    with open_workbook(path) as workbook:
        assert workbook.read(workbook.sheets[0]).merges == [(5, 0, 6)]


# --- hand-made workbooks, as other programs write them -------------------------------------


def _workbook(tmp_path: Path, sheet_xml: str, strings: str = "", styles: str = "", d1904=False):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook {ns} xmlns:r="{rel}"><workbookPr date1904="{int(d1904)}"/>'
            '<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f"<worksheet {ns}><sheetData>{sheet_xml}</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": f"<sst {ns}>{strings}</sst>",
        "xl/styles.xml": f"<styleSheet {ns}>{styles}</styleSheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    path = tmp_path / f"h{len(list(tmp_path.iterdir()))}.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def test_phonetic_guides_are_not_part_of_the_text(tmp_path):
    path = _workbook(
        tmp_path,
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        strings=(
            '<si><t>张三</t><rPh sb="0" eb="1"><t>zhang</t></rPh></si>'
            "<si><r><t>李</t></r><r><rPr><b/></rPr><t>四</t></r></si>"
        ),
    )
    assert ours(path) == [[["张三", "李四"]]]


def test_chinese_built_in_date_formats_are_dates(tmp_path):
    # 31 = yyyy"年"m"月"d"日", 57 = yyyy"年"m"月" in Chinese Excel; openpyxl reads numbers.
    path = _workbook(
        tmp_path,
        '<row r="2"><c r="A2" s="1"><v>27465</v></c><c r="B2" s="2"><v>27454</v></c>'
        '<c r="C2" s="0"><v>27454</v></c></row>',
        styles=(
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="57"/></cellXfs>'
        ),
    )
    # 57 shows only the month: read as the text the clerk typed (month_formats)
    assert ours(path) == [[[], [date(1975, 3, 12), "1975年3月", 27454]]]


def test_chinese_built_in_date_formats_of_old_excel_files_too(tmp_path):
    path = write_xls(tmp_path / "a.xls", [["出生年月", date(1975, 3, 1)]])
    stream = bytearray(workbook_stream(path))
    at = 0
    while at + 4 <= len(stream):  # every XF with a custom format takes built-in 57 instead
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == 0x00E0 and struct.unpack_from("<H", stream, at + 6)[0] >= 164:
            struct.pack_into("<H", stream, at + 6, 57)  # yyyy"年"m"月" in Chinese Excel
        at += 4 + length
    # 57 shows only the month: read as the text the clerk typed (month_formats)
    assert ours(with_stream(path, bytes(stream))) == [[["出生年月", "1975年3月"]]]


def test_the_1904_date_system(tmp_path):
    path = _workbook(
        tmp_path,
        '<row><c s="1"><v>1</v></c></row>',
        styles='<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
        d1904=True,
    )
    assert ours(path) == [[[date(1904, 1, 2)]]]


def test_cells_and_rows_without_references_other_types_and_prefixes(tmp_path):
    path = _workbook(
        tmp_path,
        '<row><c><v>1</v></c><c t="b"><v>1</v></c><c t="str"><f>A1</f><v>x</v></c></row>'
        '<row r="4"><c r="C4" t="inlineStr"><is><t>行内</t></is></c>'
        '<c r="D4" t="d"><v>1975-03-12T00:00:00Z</v></c><c r="E4" t="e"><v>#N/A</v></c></row>',
    )
    assert ours(path) == [
        [[1, True, "x"], [], [], [None, None, "行内", "1975-03-12T00:00:00Z", "#N/A"]]
    ]


# --- .xls and .ods ------------------------------------------------------------------------------

ROWS = [
    ["委员名单"],
    ["姓名", "出生年月", "联系电话", "界别"],
    ["张三", date(1975, 3, 12), 13800138000, "中共"],
    ["李四", "1980.05", None, None],  # 界别 merged from the row above
    [],
    ["王五", 1968.1, "0477-8123456", "民盟"],
]
EXPECTED = [
    ["委员名单"],
    ["姓名", "出生年月", "联系电话", "界别"],
    ["张三", date(1975, 3, 12), 13800138000, "中共"],
    ["李四", "1980.05"],
    [],
    ["王五", 1968.1, "0477-8123456", "民盟"],
]


def test_an_old_excel_file_reads_like_the_xlsx(tmp_path):
    path = write_xls(tmp_path / "a.xls", ROWS, merges=[(2, 3, 3, 3)])
    assert ours(path) == [EXPECTED]
    with open_workbook(path) as book:
        assert book.read(book.sheets[0]).merges == [(3, 3, 4)]


def test_an_ods_file_reads_like_the_xlsx(tmp_path):
    path = write_ods(tmp_path / "a.ods", {"委员名单": ROWS}, spans={(2, 3): 2})
    assert ours(path) == [EXPECTED]
    with open_workbook(path) as book:
        assert book.read(book.sheets[0]).merges == [(3, 3, 4)]


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_libreoffice_exports_read_like_the_xlsx(tmp_path, suffix):
    xlsx = messy_roster(tmp_path / "a.xlsx")
    assert ours(LIBREOFFICE_ROSTER[suffix]) == ours(xlsx)
    with open_workbook(LIBREOFFICE_ROSTER[suffix]) as book:
        cells = book.read(book.sheets[0])
        assert (7, 6, 8) in cells.merges  # 界别 merged over rows 7 and 8


def test_the_format_is_known_by_content_not_by_name(tmp_path):
    xls = write_xls(tmp_path / "a.xls", ROWS)
    renamed = tmp_path / "其实是xls.xlsx"
    renamed.write_bytes(xls.read_bytes())
    assert ours(renamed) == ours(xls)


def test_error_cells_of_old_excel_and_ods_files_show_their_error(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "张三")
    sheet.row(0).set_cell_error(1, 0x2A)  # #N/A, as a VLOOKUP that found nothing shows
    sheet.row(1).set_cell_error(0, "#DIV/0!")
    book.save(str(tmp_path / "a.xls"))
    assert ours(tmp_path / "a.xls") == [[["张三", "#N/A"], ["#DIV/0!"]]]
    error = (  # as LibreOffice saves =NA()
        '<table:table-row><table:table-cell table:formula="of:=NA()" office:value-type="string"'
        ' office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p>'
        "</table:table-cell></table:table-row>"
    )
    path = write_ods(tmp_path / "a.ods", {"名单": [["张三"]]}, raw_rows=error)
    assert ours(path) == [[["张三"], ["#N/A"]]]


def test_a_last_row_of_spaces_only_reads_as_no_row(tmp_path):
    """The example hypothesis found: a cell holding one space is blank, in both readers."""
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    book.active.append([" "])
    book.save(path)
    assert ours(path) == theirs(path) == [[]]
