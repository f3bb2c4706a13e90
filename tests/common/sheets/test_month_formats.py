"""sheets.month_formats: date cells whose format shows only year and month read as 2023年5月.

Chinese Excel keeps 2023年5月 typed into a cell as the date 2023-05-01 with the format
yyyy"年"m"月"; read as that date, the imports stored a day nobody wrote.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import xlwt

from app.common.errors import KnownError
from app.common.sheets.month_formats import (
    BUILT_IN_MONTH_IDS,
    first_section,
    is_month_format,
    shows_year_and_month,
)
from app.common.sheets.workbook import open_workbook
from tests.sheet_files import workbook_stream
from tests.xlsx_files import rewrite_part

MONTH_ONLY = [
    'yyyy"年"m"月"',
    'yyyy"年"mm"月"',
    "yyyy-mm",
    "yyyy/m",
    "YYYY-MM",
    "mmm-yy",
    "mmmm yyyy",
    "yy.m",
    '[$-804]yyyy"年"m"月";@',
    '[DBNum1][$-804]yyyy"年"m"月"',
    "[Red]yyyy-mm",
    "yyyy\\-mm",
    'e"年"m"月"',
    '"截至"yyyy"年"m"月"',
    'yyyy"年"m"月"_)',
    "yyyy-mm;yyyy-mm-dd",  # only the first section counts for a date
    '[$-zh-CN]yyyy"年"m"月"',
]
NOT_MONTH = [
    "yyyy-mm-dd",
    "m/d/yy",
    "mm-dd-yy",
    "h:mm",
    "[h]:mm:ss",
    "[mm]:ss",
    "yyyy-[m]",  # elapsed minutes
    'yyyy"年"m"月" 上午/下午',
    "mm:ss",
    "yyyy-mm h:mm",
    "yyyy-mm AM/PM",
    '上午/下午h"时"mm"分"',
    'yyyy"年"m"月"d"日"',
    'm"月"d"日"',
    "d-mmm-yy",
    "mmm d",
    "yyyy-mm aaaa",  # and the day of the week
    "yyyy",
    "mmmm",
    "0.00",
    "#,##0",
    "0.00E+00",
    "@",
    "General",
    '"yyyy-mm"',
    "yyyy-mm-dd;yyyy-mm",
    "[<=100]0;yyyy-mm",
    "",
]


@pytest.mark.parametrize("code", MONTH_ONLY)
def test_formats_showing_only_year_and_month(code):
    assert shows_year_and_month(code)


@pytest.mark.parametrize("code", NOT_MONTH)
def test_formats_showing_a_day_a_time_or_no_date(code):
    assert not shows_year_and_month(code)


def test_the_first_section_ends_at_a_semicolon_outside_quotes_and_escapes():
    assert first_section('yyyy"年;"m;@') == 'yyyy"年;"m'
    assert first_section("yyyy\\;m;@") == "yyyy\\;m"
    assert first_section("yyyy-mm") == "yyyy-mm"


@pytest.mark.parametrize("number", [17, 27, 36, 50, 52, 57])
def test_built_in_month_formats(number):
    # 17 mmm-yy; the others yyyy"年"m"月" as Chinese Excel reads them (ECMA-376 18.8.30)
    assert is_month_format(number, None)


@pytest.mark.parametrize("number", [0, 14, 22, 28, 31, 32, 49, 51, 55, 56, 58])
def test_built_in_formats_with_a_day_or_a_time_or_no_date(number):
    # 28/51/58 m"月"d"日", 31 yyyy"年"m"月"d"日", 32 and 55/56 times of day
    assert not is_month_format(number, None)


def test_a_code_given_in_the_file_decides_over_the_built_in_id():
    assert not is_month_format(57, "yyyy-mm-dd")
    assert is_month_format(14, "yyyy-mm")
    assert {17, 27, 36, 50, 52, 57} == BUILT_IN_MONTH_IDS


# --- reading files ------------------------------------------------------------------------


def _rows(path: Path, sheet: int = 0) -> list[list[object]]:
    with open_workbook(path) as book:
        return [values for _, values in book.read(book.sheets[sheet]).rows]


FORMATS = ['yyyy"年"m"月"', "yyyy-mm", "yyyy/m", "mmm-yy", '[$-804]yyyy"年"m"月";@']


def _formatted_book(path: Path) -> Path:
    """Per format a row: the 1st of May, a day with a time, and a whole date beside."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row, code in enumerate(FORMATS, start=1):
        for column, value in enumerate((date(2023, 5, 1), datetime(2023, 5, 17, 10, 30)), 1):
            sheet.cell(row, column, value).number_format = code
        sheet.cell(row, 3, date(2023, 5, 1)).number_format = "yyyy-mm-dd"
        sheet.cell(row, 4, 45047).number_format = "0"
    book.save(path)
    return path


MONTH_ROW = ["2023年5月", "2023年5月", date(2023, 5, 1), 45047]


def test_month_formatted_cells_read_as_the_month_typed(tmp_path):
    assert _rows(_formatted_book(tmp_path / "a.xlsx")) == [MONTH_ROW] * len(FORMATS)


def test_cells_placed_without_references_are_found_too(tmp_path):
    """Files of other writers take the exact pass: cells placed one after another."""
    path = rewrite_part(
        _formatted_book(tmp_path / "a.xlsx"),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", xml),
    )
    assert _rows(path) == [MONTH_ROW] * len(FORMATS)


def test_the_style_is_found_wherever_it_stands_in_the_cell_tag(tmp_path):
    path = rewrite_part(
        _formatted_book(tmp_path / "a.xlsx"),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'(<c r="[A-Z]+[0-9]+") (s="[0-9]+") t="n"', b"\\1 t='n' cm=\"0\"  \\2", xml
        ),
    )
    with zipfile.ZipFile(path) as archive:
        assert b"cm=" in archive.read("xl/worksheets/sheet1.xml")
    assert _rows(path) == [MONTH_ROW] * len(FORMATS)


def _with_format_ids(path: Path, ids: list[int]) -> Path:
    """The cell formats (xf) of cellXfs, after the default, take these built-in ids."""
    found = iter(ids)

    def change(xml: bytes) -> bytes:
        head, _, rest = xml.partition(b"<cellXfs")
        rest = re.sub(
            rb'(?<=<xf )numFmtId="(?!0")[0-9]+"', lambda _: b'numFmtId="%d"' % next(found), rest
        )
        return head + b"<cellXfs" + rest

    return rewrite_part(path, "xl/styles.xml", change)


def test_chinese_built_in_month_formats_without_their_code(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    codes = ['yyyy"年"m"月"', 'yyyy"年"m"月"d"日"', "yyyy/m", "m/d", "yyyy.m"]  # -> 57 31 36 58 17
    for column, code in enumerate(codes, start=1):
        sheet.cell(1, column, date(2023, 5, 1)).number_format = code
    book.save(tmp_path / "a.xlsx")
    path = _with_format_ids(tmp_path / "a.xlsx", [57, 31, 36, 58, 17])
    assert _rows(path) == [
        ["2023年5月", date(2023, 5, 1), "2023年5月", date(2023, 5, 1), "2023年5月"]
    ]


def test_text_and_numbers_in_a_month_formatted_cell_stay_as_they_are(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2023年5月", "2023.05", True, date(2023, 5, 1)])
    for cell in ("A1", "B1", "C1", "D1"):
        sheet[cell].number_format = 'yyyy"年"m"月"'
    book.save(tmp_path / "a.xlsx")
    assert _rows(tmp_path / "a.xlsx") == [["2023年5月", "2023.05", True, "2023年5月"]]


# --- styles that cannot be read: the dates as before ------------------------------------------


def test_without_styles_the_cells_read_as_before(tmp_path):
    path = rewrite_part(_formatted_book(tmp_path / "a.xlsx"), "xl/styles.xml", lambda _: None)
    assert _rows(path)[0] == [45047, 45063.4375, 45047, 45047]  # calamine: no format, numbers


def test_styles_with_a_doctype_are_not_read_the_cells_are_dates(tmp_path):
    path = rewrite_part(
        _formatted_book(tmp_path / "a.xlsx"),
        "xl/styles.xml",
        lambda xml: xml.replace(b"<styleSheet", b"<!DOCTYPE styleSheet><styleSheet", 1),
    )
    assert [row[0] for row in _rows(path)] == [date(2023, 5, 1)] * len(FORMATS)


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: re.sub(rb'(?<=<xf )numFmtId="1[0-9]{2}"', b'numFmtId="x"', xml),
        lambda xml: re.sub(rb"<numFmts.*?</numFmts>", b"", xml),
    ],
    ids=["bad-ids", "codes-missing"],
)
def test_formats_without_a_readable_code_are_not_months(tmp_path, change):
    """calamine then sees no date either: the day numbers, as before; mmm-yy is built in."""
    path = rewrite_part(_formatted_book(tmp_path / "a.xlsx"), "xl/styles.xml", change)
    assert [row[0] for row in _rows(path)] == [45047, 45047, 45047, "2023年5月", 45047]


def test_a_broken_styles_part_is_a_damaged_file_as_before(tmp_path):
    path = rewrite_part(_formatted_book(tmp_path / "a.xlsx"), "xl/styles.xml", lambda x: x[:200])
    with pytest.raises(KnownError, match="文件已损坏"):
        _rows(path)


def test_more_styles_than_the_cap_read_as_dates(tmp_path, monkeypatch):
    path = _formatted_book(tmp_path / "a.xlsx")
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml")
    count = styles.partition(b"<cellXfs")[2].partition(b"</cellXfs>")[0].count(b"<xf ")
    monkeypatch.setattr("app.common.sheets.month_formats.MAX_STYLES", count)
    assert _rows(path) == [MONTH_ROW] * len(FORMATS)
    monkeypatch.setattr("app.common.sheets.month_formats.MAX_STYLES", count - 1)
    assert _rows(path)[0][:2] == [date(2023, 5, 1), datetime(2023, 5, 17, 10, 30)]


def test_more_month_cells_than_the_cap_read_as_dates(tmp_path, monkeypatch):
    monkeypatch.setattr("app.common.sheets.month_formats.MAX_MONTH_CELLS", 9)
    rows = _rows(_formatted_book(tmp_path / "a.xlsx"))  # 10 month cells
    assert rows[0][:2] == [date(2023, 5, 1), datetime(2023, 5, 17, 10, 30)]
    monkeypatch.setattr("app.common.sheets.month_formats.MAX_MONTH_CELLS", 10)
    assert _rows(_formatted_book(tmp_path / "a.xlsx")) == [MONTH_ROW] * len(FORMATS)


# --- .xls ---------------------------------------------------------------------------------------


def test_an_xls_with_a_month_format(tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    month = xlwt.easyxf(num_format_str='yyyy"年"m"月"')
    sheet.write(0, 0, date(2023, 5, 1), month)
    sheet.write(0, 1, datetime(2023, 5, 17, 10, 30), month)
    sheet.write(0, 2, date(2023, 5, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(0, 3, "2023.05", month)
    book.save(str(tmp_path / "a.xls"))
    assert _rows(tmp_path / "a.xls") == [["2023年5月", "2023年5月", date(2023, 5, 1), "2023.05"]]


def test_an_xls_with_more_styles_than_the_cap_reads_dates(tmp_path, monkeypatch):
    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("名单").write(0, 0, date(2023, 5, 1), xlwt.easyxf(num_format_str="yyyy-mm"))
    path = tmp_path / "a.xls"
    book.save(str(path))
    stream, at, count = workbook_stream(path), 0, 0
    while at + 4 <= len(stream):  # the XF records
        kind, length = struct.unpack_from("<HH", stream, at)
        count += kind == 0x00E0
        at += 4 + length
    monkeypatch.setattr("app.common.sheets.xls_scan.MAX_STYLES", count)
    assert _rows(path) == [["2023年5月"]]
    monkeypatch.setattr("app.common.sheets.xls_scan.MAX_STYLES", count - 1)
    assert _rows(path) == [[date(2023, 5, 1)]]


# --- copies saved by LibreOffice (.xls and .ods) -------------------------------------------------

SOFFICE = shutil.which("soffice")


def _convert(source: Path, suffix: str, folder: Path) -> Path:
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            suffix.lstrip("."),
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / f"{source.stem}{suffix}"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_libreoffice_copies_read_the_months_the_same(tmp_path, suffix):
    path = _convert(_formatted_book(tmp_path / "a.xlsx"), suffix, tmp_path)
    assert _rows(path) == [MONTH_ROW] * len(FORMATS)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_xls_with_runs_of_month_cells(tmp_path):
    """Whole numbers side by side are one MULRK record in an .xls."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([date(2023, m, 1) for m in range(1, 7)])
    for cell in ("B1", "C1", "E1"):
        sheet[cell].number_format = "yyyy-mm"
    book.save(tmp_path / "b.xlsx")
    path = _convert(tmp_path / "b.xlsx", ".xls", tmp_path)
    assert _rows(path) == [
        [
            date(2023, 1, 1),
            "2023年2月",
            "2023年3月",
            date(2023, 4, 1),
            "2023年5月",
            date(2023, 6, 1),
        ]
    ]


# --- .ods as other writers may write it ------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
)
_MONTH_STYLE = (
    '<number:date-style style:name="{}"><number:year number:style="long"/>'
    "<number:text>年</number:text><number:month/><number:text>月</number:text>"
    "</number:date-style>"
)


def _ods(path: Path, styles: str, rows: str, named: str = "") -> Path:
    """A one-table .ods: automatic styles, then the rows (columns declared in `rows`)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        '<office:body><office:spreadsheet><table:table table:name="名单">'
        f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
        if named:
            archive.writestr(
                "styles.xml",
                f"<office:document-styles {_ODS_NS}><office:styles>{named}</office:styles>"
                "</office:document-styles>",
            )
    return path


def _date_cell(style: str = "", repeated: int = 1) -> str:
    name = f' table:style-name="{style}"' if style else ""
    repeat = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return (
        f'<table:table-cell{name}{repeat} office:value-type="date" '
        'office:date-value="2023-05-01"><text:p>x</text:p></table:table-cell>'
    )


_ODS_STYLES = (
    _MONTH_STYLE.format("N1")
    + '<number:date-style style:name="N2"><number:year/><number:text>-</number:text>'
    "<number:month/><number:text>-</number:text><number:day/></number:date-style>"
    '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>'
    '<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>'
)


def test_an_ods_cell_takes_its_columns_style_its_rows_or_its_own(tmp_path):
    rows = (
        '<table:table-column table:number-columns-repeated="2" '
        'table:default-cell-style-name="ce1"/>'
        '<table:table-column table:default-cell-style-name="ce2"/>'
        '<table:table-row table:number-rows-repeated="2">'
        + _date_cell()
        + _date_cell("ce2")
        + _date_cell()
        + "</table:table-row>"
        '<table:table-row table:default-cell-style-name="ce2">'
        + _date_cell()
        + _date_cell("ce1", repeated=2)
        + "</table:table-row>"
    )
    path = _ods(tmp_path / "a.ods", _ODS_STYLES, rows)
    may = date(2023, 5, 1)
    assert _rows(path) == [
        ["2023年5月", may, may],
        ["2023年5月", may, may],
        [may, "2023年5月", "2023年5月"],
    ]


def test_an_ods_style_named_in_styles_xml_through_a_parent_and_a_map(tmp_path):
    named = (
        _MONTH_STYLE.format("N9P0") + '<number:text-style style:name="N9"><number:text-content/>'
        '<style:map style:condition="value()&lt;0" style:apply-style-name="N2"/>'
        '<style:map style:condition="value()&gt;=0" style:apply-style-name="N9P0"/>'
        "</number:text-style>"
        '<style:style style:name="年月" style:family="table-cell" style:data-style-name="N9"/>'
    )
    styles = (
        _ODS_STYLES + '<style:style style:name="ce3" style:family="table-cell" '
        'style:parent-style-name="年月"/>'
    )
    rows = "<table:table-row>" + _date_cell("ce3") + _date_cell("年月") + "</table:table-row>"
    assert _rows(_ods(tmp_path / "a.ods", styles, rows, named)) == [["2023年5月", "2023年5月"]]


def test_an_ods_with_damaged_styles_xml_reads_dates(tmp_path):
    named = (
        _MONTH_STYLE.format("N9")
        + '<style:style style:name="年月" style:family="table-cell" style:data-style-name="N9"/>'
    )
    rows = "<table:table-row>" + _date_cell("年月") + "</table:table-row>"
    assert _rows(_ods(tmp_path / "a.ods", _ODS_STYLES, rows, named)) == [["2023年5月"]]
    path = _ods(tmp_path / "b.ods", _ODS_STYLES, rows, named + "<unclosed>")
    assert _rows(path) == [[date(2023, 5, 1)]]


def test_an_ods_with_more_month_cells_than_the_cap_reads_dates(tmp_path, monkeypatch):
    monkeypatch.setattr("app.common.sheets.month_formats.MAX_MONTH_CELLS", 1000)
    rows = (
        '<table:table-row table:number-rows-repeated="1000">'
        + _date_cell("ce1", repeated=2)
        + "</table:table-row>"
    )
    found = _rows(_ods(tmp_path / "a.ods", _ODS_STYLES, rows))
    assert found[0] == [date(2023, 5, 1)] * 2 and len(found) == 1000
