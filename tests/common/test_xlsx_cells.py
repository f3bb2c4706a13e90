"""sheets.xlsx_cells reads the values openpyxl reads, and what Chinese Excel writes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from app.common.sheets.xlsx_cells import DamagedXlsx, UnsafeXml, XlsxBook
from tests.xlsx_files import BILLION_LAUGHS, as_saved_by_excel, rewrite_part


def ours(path: Path) -> list[list[list[object]]]:
    """Every sheet as rows of values, the way openpyxl's values_only iteration gives them."""
    with zipfile.ZipFile(path) as archive:
        book = XlsxBook(archive)
        found = []
        for sheet in book.sheets:
            rows = dict(book.rows(book.sheet_xml(sheet)))
            last = max(rows, default=0)
            found.append([_trim(rows.get(n, [])) for n in range(1, last + 1)])
        return found


def theirs(path: Path) -> list[list[list[object]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        found = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            rows = [_trim(list(r)) for r in sheet.iter_rows(values_only=True)]
            while rows and not rows[-1]:
                rows.pop()
            found.append(rows)
        return found
    finally:
        book.close()


def _trim(values: list[object]) -> list[object]:
    values = list(values)
    while values and values[-1] is None:
        values.pop()
    return values


CELLS = st.one_of(
    st.none(),
    st.text(alphabet="张三李四 \tab1２，。：#", min_size=1, max_size=8),
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
    sheet["D4"] = "=1+1"  # a formula without a cached value
    sheet.merge_cells("A5:C6")
    sheet["A5"] = "合并"
    other = book.create_sheet("第二页")
    other["E10"] = "远处"
    book.save(path)
    assert ours(path) == theirs(path)
    assert ours(path)[0][0] == ["张三丰"]
    assert ours(path)[0][1] == [None, datetime(1975, 3, 1)]


def _workbook(sheet_xml: str, strings: str = "", styles: str = "", date1904: bool = False) -> Path:
    """A minimal hand-made workbook, the way other programs write one."""
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
            f'<workbook {ns} xmlns:r="{rel}"><workbookPr date1904="{int(date1904)}"/>'
            '<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="/xl/worksheets/s.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="strings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/s.xml": f"<worksheet {ns}><sheetData>{sheet_xml}</sheetData></worksheet>",
        "xl/strings.xml": f"<sst {ns}>{strings}</sst>",
        "xl/styles.xml": f"<styleSheet {ns}>{styles}</styleSheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    path = Path(_workbook.folder) / f"h{len(list(Path(_workbook.folder).iterdir()))}.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(autouse=True)
def _folder(tmp_path):
    _workbook.folder = tmp_path


def test_phonetic_guides_are_not_part_of_the_text():
    path = _workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        strings=(
            '<si><t>张三</t><rPh sb="0" eb="1"><t>zhang</t></rPh></si>'
            "<si><r><t>李</t></r><r><rPr><b/></rPr><t>四</t></r></si>"
        ),
    )
    assert ours(path) == [[["张三", "李四"]]]


def test_chinese_built_in_date_formats_are_dates():
    # 31 = yyyy"年"m"月"d"日", 57 = yyyy"年"m"月" in Chinese Excel; openpyxl reads numbers.
    path = _workbook(
        '<row r="2"><c r="A2" s="1"><v>27465</v></c><c r="B2" s="2"><v>27454</v></c>'
        '<c r="C2" s="0"><v>27454</v></c></row>',
        styles=(
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="57"/></cellXfs>'
        ),
    )
    assert ours(path) == [[[], [datetime(1975, 3, 12), datetime(1975, 3, 1), 27454]]]


def test_the_1904_date_system():
    path = _workbook(
        '<row><c s="1"><v>1</v></c></row>',
        styles='<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
        date1904=True,
    )
    assert ours(path) == [[[datetime(1904, 1, 2)]]]


def test_cells_and_rows_without_references_other_types_and_prefixes():
    path = _workbook(
        '<row><c><v>1</v></c><c t="b"><v>1</v></c><c t="str"><f>A1</f><v>x</v></c></row>'
        '<row r="4"><c r="C4" t="inlineStr"><is><t>行内</t></is></c>'
        '<c r="D4" t="d"><v>1975-03-12T00:00:00Z</v></c><c r="E4" t="e"><v>#N/A</v></c></row>'
    )
    assert ours(path) == [
        [[1, True, "x"], [], [], [None, None, "行内", datetime(1975, 3, 12), "#N/A"]]
    ]


def test_a_cell_past_the_last_column_is_refused():
    path = _workbook('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>')
    with pytest.raises(DamagedXlsx, match="bad cell reference"):
        ours(path)


@pytest.mark.parametrize("part", ["xl/worksheets/s.xml", "xl/strings.xml", "xl/workbook.xml"])
def test_entity_declarations_are_refused_in_every_part(part):
    path = _workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings="<si><t>a</t></si>")
    rewrite_part(path, part, lambda xml: BILLION_LAUGHS + xml)
    with pytest.raises(UnsafeXml):
        ours(path)
