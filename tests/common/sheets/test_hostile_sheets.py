"""Hostile and disguised files of every format: one clear Chinese message, never a crash.

calamine trusts what it reads; these are the files that would have made it
allocate hundreds of gigabytes (and abort the program), and the ones offices
receive that are not what their names say. Each ends in a KnownError, quickly
and without much memory.
"""

from __future__ import annotations

import os
import struct
import threading
import tracemalloc
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.sheets import guards, zip_parts
from app.common.sheets.reader import HeaderSpec, read_rows
from app.common.sheets.xls_scan import compound_file
from tests.sheet_files import (
    biff_record,
    duplicated_entry,
    far_apart_cells,
    lying_zip,
    with_stream,
    workbook_stream,
    write_ods,
    write_xls,
)
from tests.xlsx_files import BILLION_LAUGHS, rewrite_part, write_sheet

SPECS = (HeaderSpec("name", ("姓名",), required=True), HeaderSpec("sector", ("界别",)))
GOOD = [["姓名", "界别"], ["张三", "中共"]]


def refused(path: Path) -> str:
    """The message, with at most 64 MB allocated on the way."""
    tracemalloc.start()
    try:
        with pytest.raises(KnownError) as caught:
            read_rows(path, SPECS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024
    assert "Traceback" not in caught.value.message
    return caught.value.message


# --- .xlsx ---------------------------------------------------------------------------------


def test_two_cells_far_apart_are_refused_before_calamine_allocates(tmp_path):
    path = far_apart_cells(write_sheet(tmp_path / "a.xlsx", GOOD))
    assert path.stat().st_size < 6000
    assert "工作表“委员名单”数据范围过大" in refused(path)


@pytest.mark.parametrize(
    "cell",
    [
        '<c s="0" r="XFD1048576"><v>1</v></c>',  # r not first: the exact pass
        '<c r="A1048576"><v>1</v></c><c r="XFD1"><v>1</v></c>',  # far in both directions
        '<c r="A2"><v>1</v></c><c r="XFD500"><v>1</v></c>',  # 500 rows, all columns
        "<x:c r='XFD1048576'><x:v>1</x:v></x:c>",  # a prefix, single quotes
    ],
)
def test_far_cells_written_any_way_are_refused(tmp_path, cell):
    path = rewrite_part(
        write_sheet(tmp_path / "a.xlsx", GOOD),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"<worksheet ",
            b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
        ).replace(b"</sheetData>", f'<row r="9">{cell}</row></sheetData>'.encode()),
    )
    assert "数据范围过大" in refused(path)


def test_a_cell_with_two_references_is_refused(tmp_path):
    # calamine would take the last r; the quick check sees every r, the exact pass refuses.
    path = rewrite_part(
        write_sheet(tmp_path / "a.xlsx", GOOD),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<c r="A2"', b'<c r="A2" r="XFD1048576"'),
    )
    assert "文件已损坏" in refused(path)


def test_cells_without_references_are_placed_as_calamine_places_them(tmp_path):
    many = "".join("<c><v>1</v></c>" for _ in range(300))
    path = rewrite_part(
        write_sheet(tmp_path / "a.xlsx", GOOD),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>", f'<row r="20000">{many}</row></sheetData>'.encode()
        ),
    )
    assert "数据范围过大" in refused(path)  # 20,000 rows x 300 columns


def test_a_zip_that_lies_about_its_size_is_refused_without_inflating_it(tmp_path):
    """2 MB, declares 5,000 bytes, inflates to 2 GB: refused after 5,000 (finding 12)."""
    path = lying_zip(write_sheet(tmp_path / "a.xlsx", GOOD))
    assert path.stat().st_size < 3 * 1024 * 1024
    assert "文件已损坏" in refused(path)


def test_a_zip_that_truly_inflates_past_the_limit_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_parts, "MAX_UNCOMPRESSED_BYTES", 8 * 1024 * 1024)
    path = lying_zip(write_sheet(tmp_path / "a.xlsx", GOOD), declared=64 << 20, inflated=64 << 20)
    assert "解压后过大" in refused(path)


def test_a_duplicated_zip_entry_is_refused_as_damaged(tmp_path):
    other = write_sheet(tmp_path / "other.xlsx", [["姓名", "界别"], ["冒名", "民盟"]])
    with __import__("zipfile").ZipFile(other) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    path = duplicated_entry(
        write_sheet(tmp_path / "a.xlsx", GOOD), "xl/worksheets/sheet1.xml", sheet
    )
    assert "文件已损坏" in refused(path)


def test_too_many_merged_ranges_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("app.common.sheets.xlsx_scan.MAX_MERGES", 10)
    merges = [f"A{r}:B{r}" for r in range(3, 20)]
    path = write_sheet(tmp_path / "a.xlsx", GOOD + [[None, None]] * 20, merges=merges)
    assert "合并单元格过多" in refused(path)


def test_entity_declarations_are_refused_in_every_part(tmp_path):
    for part in ("xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"):
        path = rewrite_part(
            write_sheet(tmp_path / "a.xlsx", GOOD), part, lambda xml: BILLION_LAUGHS + xml
        )
        assert "为安全起见不予读取" in refused(path)


def test_xml_that_is_not_utf8_is_refused(tmp_path):
    path = rewrite_part(
        write_sheet(tmp_path / "a.xlsx", GOOD),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.decode().encode("utf-16"),
    )
    assert "文件已损坏" in refused(path)


def test_a_binary_workbook_is_named(tmp_path):
    path = rewrite_part(write_sheet(tmp_path / "a.xlsb", GOOD), "xl/workbook.xml", lambda xml: None)
    rewrite_part(path, "xl/styles.xml", lambda xml: xml)
    with __import__("zipfile").ZipFile(path, "a") as archive:
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert "二进制工作簿（.xlsb）" in refused(path)


# --- .xls ------------------------------------------------------------------------------------


def test_a_truncated_old_excel_file(tmp_path):
    path = write_xls(tmp_path / "a.xls", GOOD * 50)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert "文件已损坏" in refused(path)


def test_an_old_excel_file_declaring_four_billion_rows(tmp_path):
    """DIMENSIONS made calamine reserve (rows x columns) cells: 343 GB, then abort."""
    path = write_xls(tmp_path / "a.xls", GOOD)
    stream = bytearray(workbook_stream(path))
    at = stream.index(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
    stream[at + 8 : at + 12] = struct.pack("<I", 0x7FFFFFFF)
    assert "数据范围过大" in refused(with_stream(path, bytes(stream)))


def test_an_old_excel_file_with_cells_far_apart(tmp_path):
    path = write_xls(tmp_path / "a.xls", GOOD)
    stream = bytearray(workbook_stream(path))
    at = stream.index(b"\xfd\x00\x0a\x00")  # the first LabelSst: row, column, ...
    stream[at + 4 : at + 8] = struct.pack("<HH", 65535, 255)
    assert "数据范围过大" in refused(with_stream(path, bytes(stream)))


def test_an_old_excel_file_with_a_record_past_its_end(tmp_path):
    path = write_xls(tmp_path / "a.xls", GOOD)
    stream = workbook_stream(path)  # the last sheet's EOF replaced by a record 32 KB long
    end = stream.rindex(b"\x0a\x00\x00\x00")
    assert "文件已损坏" in refused(with_stream(path, stream[:end] + b"\x03\x02\xff\x7f"))


def test_an_old_excel_file_with_a_password(tmp_path):
    path = write_xls(tmp_path / "a.xls", GOOD)
    stream = workbook_stream(path)
    bof_end = 4 + struct.unpack_from("<H", stream, 2)[0]
    locked = stream[:bof_end] + biff_record(0x002F, b"\x01\x00" + bytes(52)) + stream[bof_end:]
    assert "设置了打开密码" in refused(with_stream(path, locked))


def test_an_xlsx_with_a_password_to_open(tmp_path):
    path = tmp_path / "名单.xlsx"  # Excel keeps such a file in a compound file
    path.write_bytes(compound_file("EncryptedPackage", bytes(5000)))
    assert "设置了打开密码" in refused(path)


def test_a_word_document_named_xls(tmp_path):
    path = tmp_path / "名单.xls"
    path.write_bytes(compound_file("WordDocument", bytes(5000)))
    assert "是Word 文档，不是表格" in refused(path)


# --- .ods ----------------------------------------------------------------------------------


def test_an_ods_cell_repeated_past_the_limit(tmp_path):
    bomb = (
        '<table:table-row table:number-rows-repeated="1000">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"/></table:table-row>'
    )
    path = write_ods(tmp_path / "a.ods", {"委员名单": GOOD}, raw_rows=bomb)
    assert path.stat().st_size < 4000
    assert "数据范围过大" in refused(path)


def test_an_ods_row_repeated_a_million_times_between_values(tmp_path):
    blank_rows = (
        '<table:table-row table:number-rows-repeated="1048000">'
        "<table:table-cell/></table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="30"/>'
        '<table:table-cell office:value-type="string"><text:p>尾</text:p></table:table-cell>'
        "</table:table-row>"
    )
    path = write_ods(tmp_path / "a.ods", {"委员名单": GOOD}, raw_rows=blank_rows)
    assert "数据范围过大" in refused(path)


def test_trailing_blank_rows_of_libreoffice_are_fine(tmp_path):
    blank = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = write_ods(tmp_path / "a.ods", {"委员名单": GOOD}, raw_rows=blank)
    assert [row.values["name"] for row in read_rows(path, SPECS).rows] == ["张三"]


# --- files that are something else -------------------------------------------------------------

DISGUISED = {
    "html": (
        b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>',
        "网页（HTML）",
    ),
    "mht": (b"MIME-Version: 1.0\r\nContent-Type: multipart/related;", "网页（HTML）"),
    "csv": ("姓名,界别\r\n张三,中共\r\n".encode(), "文本（CSV）"),
    "gbk-tabs": ("姓名\t界别\r\n张三\t中共\r\n".encode("gbk"), "文本（CSV）"),
    "utf16-text": ("姓名\t界别\r\n".encode("utf-16"), "文本（CSV）"),
    "xml-2003": (
        b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        "Excel 2003 XML",
    ),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "是PDF 文件，不是表格"),
    "binary": (bytes(range(256)) * 4, "文件已损坏"),
}


@pytest.mark.parametrize("kind", list(DISGUISED))
def test_a_file_named_xls_that_is_something_else(tmp_path, kind):
    content, phrase = DISGUISED[kind]
    path = tmp_path / "名单.xls"
    path.write_bytes(content)
    message = refused(path)
    assert phrase in message and "“名单.xls”" in message
    if phrase in ("网页（HTML）", "文本（CSV）", "Excel 2003 XML"):
        assert "另存为”Excel 工作簿（.xlsx）" in message


def test_the_limits_hold_together():
    assert guards.MAX_SHEET_CELLS * 32 <= 256 * 1024 * 1024  # calamine's rectangle
    assert guards.MAX_SHEET_CELLS >= 9999 * 182 and guards.MAX_SHEET_CELLS >= 99999 * 40


def test_a_file_the_clerk_may_not_read_is_not_called_unwritable(tmp_path, monkeypatch):
    """Reading a file without the right to read it: 没有权限读取, not 没有权限写入."""
    import errno

    path = write_sheet(tmp_path / "名单.xlsx", [["姓名"], ["张三"]])

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    message = refused(path)
    assert message.startswith("没有权限读取“名单.xlsx”。")
    assert "写入" not in message


def test_excels_owner_file_is_named_with_the_file_to_choose(tmp_path):
    """~$名单.xlsx: the 165-byte file Excel and WPS keep beside a workbook they have open."""
    path = tmp_path / "~$名单.xlsx"
    path.write_bytes(b"\x05Admin" + bytes(159))
    message = refused(path)
    assert "临时文件" in message and "请选择同一文件夹中的“名单.xlsx”" in message


def test_a_folder_chosen_for_a_file_says_so(tmp_path):
    folder = tmp_path / "名单.xlsx"
    folder.mkdir()
    message = refused(folder)
    assert "文件夹" in message and "换一个文件名" not in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes as files: POSIX")
def test_a_pipe_named_xlsx_is_refused_instead_of_waiting_forever(tmp_path):
    """open() of a pipe waits for a writer: the import hung with no way out."""
    pipe = tmp_path / "名单.xlsx"
    os.mkfifo(pipe)
    found: list[str] = []
    reading = threading.Thread(target=lambda: found.append(refused(pipe)), daemon=True)
    reading.start()
    reading.join(10)
    if reading.is_alive():  # let the stuck reader go before failing
        with open(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
    assert not reading.is_alive()
    assert found and found[0].startswith("“名单.xlsx”不是保存在磁盘上的普通文件")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="a device to link to")
def test_a_device_named_xlsx_is_refused(tmp_path):
    """/dev/zero reads without end (the whole memory, then a crash); /dev/null stands for it."""
    link = tmp_path / "名单.xlsx"
    link.symlink_to("/dev/null")
    assert refused(link).startswith("“名单.xlsx”不是保存在磁盘上的普通文件")
