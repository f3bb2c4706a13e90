"""sheets.reader: finding the table in messy office files, and refusing broken ones.

The formats themselves (.xls, .ods, values as openpyxl reads them, hostile files of
each format) are in test_workbook.py.
"""

from __future__ import annotations

import contextlib
import random
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.common.errors import KnownError
from app.common.jobs import Cancelled, ProgressTracker
from app.common.sheets.reader import (
    AmbiguousDate,
    DateProblem,
    HeaderSpec,
    RowError,
    cell_text,
    clean_cell,
    header_key,
    parse_date,
    read_rows,
)
from tests.xlsx_files import BILLION_LAUGHS, rewrite_part, set_dimension, write_sheet

SPECS = (
    HeaderSpec("name", ("姓名",), required=True),
    HeaderSpec("sex", ("性别",)),
    HeaderSpec("birth", ("出生年月", "出生日期")),
    HeaderSpec("sector", ("界别",)),
    HeaderSpec("employer", ("工作单位及职务", "工作单位", "职务"), join=""),
    HeaderSpec("phone", ("联系电话", "手机", "电话"), join="、"),
    HeaderSpec("id", ("身份证号码", "身份证号")),
)


def rows_of(path: Path, specs=SPECS) -> list[tuple[int, dict]]:
    data = read_rows(path, specs)
    return [
        (row.number, {k: v for k, v in row.values.items() if v is not None}) for row in data.rows
    ]


# --- finding the table -----------------------------------------------------------------


def test_a_messy_roster_gives_its_data_rows_with_excel_row_numbers(tmp_path):
    path = write_sheet(
        tmp_path / "名单.xlsx",
        [
            ["××县政协第十届委员会委员名单"],  # 1: title, merged across
            ["（按姓氏笔画排序）", None, None, None, "2025年1月"],  # 2: subtitle
            ["序号", "姓  名", "性别", "出生\n年月", "界别", "身份证号码（18位）"],  # 3
            [1, " 张　三 ", "男", 1975.03, "中共", "１５０５２３"],  # 4
            [2, "李四", "女", "1980年5月", None, None],  # 5: 界别 merged from row 4
            [None, None, None, None, None, None],  # 6: blank
            ["一、民主党派"],  # 7: section heading
            [3, "王五", "男", "1968-10-01", "民盟", None],  # 8
            ["序号", "姓  名", "性别", "出生\n年月", "界别", "身份证号码（18位）"],  # 9: page 2
            [4, "赵六", None, None, "民盟", None],  # 10
            ["注：以姓氏笔画为序。"],  # 11: footnote, merged across
            ["2. 界别按届初确定。"],  # 12: its second line
        ],
        merges=["A1:F1", "E4:E5", "A11:F11", "A12:F12"],
    )
    assert rows_of(path) == [
        (4, {"name": "张 三", "sex": "男", "birth": 1975.03, "sector": "中共", "id": "150523"}),
        (5, {"name": "李四", "sex": "女", "birth": "1980年5月", "sector": "中共"}),
        (8, {"name": "王五", "sex": "男", "birth": "1968-10-01", "sector": "民盟"}),
        (10, {"name": "赵六", "sector": "民盟"}),
    ]


def test_the_table_says_where_it_is_and_which_header_each_field_has(tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx", [["标题"], [None, "姓名*", "界别", "备注"], [None, "甲", "中共", "x"]]
    )
    data = read_rows(path, SPECS)
    (table,) = data.tables
    assert (table.sheet, table.header_row) == ("委员名单", 2)
    assert [(c.field, c.letter, c.header) for c in table.columns] == [
        ("name", "B", "姓名*"),
        ("sector", "C", "界别"),
    ]
    error = data.rows[0].error("sector", "“中共”不在界别名录中")
    assert error == RowError("委员名单", 3, "界别", "“中共”不在界别名录中", "C")
    assert str(error) == "工作表“委员名单”第3行“界别”列（C列）：“中共”不在界别名录中"
    assert data.rows[0].error(None, "x").column == ""


def test_a_two_row_header_under_merged_cells(tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx",
        [
            ["姓名", "性别", "联系方式", None],
            [None, None, "手机", "办公电话"],
            ["张三", "男", "13800138000", "0477-1234567"],
        ],
        merges=["A1:A2", "B1:B2", "C1:D1"],
    )
    data = read_rows(path, SPECS)
    assert data.tables[0].header_row == 2
    assert rows_of(path) == [(3, {"name": "张三", "sex": "男", "phone": "13800138000"})]


def test_columns_for_one_field_are_joined(tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx",
        [
            ["姓名", "工作单位", "职务", "手机", "电话"],
            ["张三", "县教育局", "局长", 13800138000, "0477-1234567"],
            ["李四", "县医院", None, None, "0477-7654321"],
        ],
    )
    assert rows_of(path) == [
        (2, {"name": "张三", "employer": "县教育局局长", "phone": "13800138000、0477-1234567"}),
        (3, {"name": "李四", "employer": "县医院", "phone": "0477-7654321"}),
    ]


def test_two_columns_for_a_field_that_cannot_be_joined_are_refused(tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx", [["姓名", "身份证号", "身份证号码"], ["张三", "1", "2"]]
    )
    with pytest.raises(KnownError) as caught:
        read_rows(path, SPECS)
    assert "B列“身份证号”和C列“身份证号码”是同一项内容" in caught.value.what


def test_every_sheet_with_a_table_is_read_and_the_others_are_named(tmp_path):
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    first.title = "说明"
    first.append(["填表说明：每位委员一行。"])
    for title, name in (("中共", "张三"), ("民盟", "李四")):
        sheet = book.create_sheet(title)
        sheet.append(["姓名", "界别"])
        sheet.append([name, title])
    book.save(path)
    data = read_rows(path, SPECS)
    assert [(r.table.sheet, r.number, r.values["name"]) for r in data.rows] == [
        ("中共", 2, "张三"),
        ("民盟", 2, "李四"),
    ]
    assert data.skipped_sheets == ("说明",)


def test_a_wrong_dimension_record_does_not_cut_the_table_short(tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx", [["姓名", "界别"]] + [[f"委员{i}", "中共"] for i in range(50)]
    )
    set_dimension(path, "A1")
    assert len(read_rows(path, SPECS).rows) == 50


def test_progress_is_reported_and_reading_can_be_cancelled(tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx", [["姓名", "界别"]] + [[f"委员{i}", "中共"] for i in range(999)]
    )
    seen: list[tuple[int, int]] = []
    read_rows(path, SPECS, ProgressTracker(lambda done, total, text: seen.append((done, total))))
    assert seen and all(done <= total for done, total in seen)
    assert seen[-1][1] == 1000

    tracker = ProgressTracker()
    tracker.cancel()
    with pytest.raises(Cancelled):
        read_rows(path, SPECS, tracker)


# --- files that are not a roster or not a file at all ---------------------------------------


def _valid(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "名单.xlsx", [["姓名", "界别"], ["张三", "中共"]])


def _bomb(xml: bytes) -> bytes:
    body = xml.split(b"?>", 1)[-1]
    body = body.replace(
        b"<sheetData>",
        b'<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
        1,
    )
    return BILLION_LAUGHS + body


def _damage(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / "名单.xlsx"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("姓名,界别\n张三,中共\n", encoding="utf-8")
    elif kind == "xls":
        path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4000))
    elif kind == "truncated":
        data = _valid(tmp_path).read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "flipped-bytes":
        data = bytearray(_valid(tmp_path).read_bytes())
        start = data.index(b"xl/worksheets/sheet1.xml") + 40
        for i in range(start, start + 30):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
    elif kind == "no-workbook-part":
        rewrite_part(_valid(tmp_path), "xl/workbook.xml", lambda xml: None)
    elif kind == "garbage-sheet-xml":
        rewrite_part(_valid(tmp_path), "xl/worksheets/sheet1.xml", lambda xml: b"<<<\x00garbage")
    elif kind == "garbage-workbook-xml":
        rewrite_part(_valid(tmp_path), "xl/workbook.xml", lambda xml: xml[: len(xml) // 2])
    elif kind == "xml-bomb":
        rewrite_part(_valid(tmp_path), "xl/worksheets/sheet1.xml", _bomb)
    elif kind == "xml-bomb-in-workbook":
        rewrite_part(
            _valid(tmp_path),
            "xl/workbook.xml",
            lambda xml: BILLION_LAUGHS + xml.split(b"?>", 1)[-1],
        )
    elif kind == "no-sheets":
        rewrite_part(
            _valid(tmp_path),
            "xl/workbook.xml",
            lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.S),
        )
    elif kind == "wrong-header-row":
        write_sheet(path, [["提案编号", "案由", "提案人"], ["1", "关于…", "张三"]])
    elif kind == "header-without-name":
        write_sheet(path, [["委员", "性别", "界别", "身份证号码"], ["张三", "男", "中共", "1"]])
    elif kind == "folder":
        path.mkdir()
    elif kind == "missing":
        pass
    return path


BROKEN = {
    "empty": "是空文件",
    "text": "其实是文本（CSV）格式的表格",
    "xls": "文件已损坏",
    "truncated": "文件已损坏",
    "flipped-bytes": "文件已损坏",
    "no-workbook-part": "文件已损坏",
    "garbage-sheet-xml": "文件已损坏",
    "garbage-workbook-xml": "文件已损坏",
    "xml-bomb": "为安全起见不予读取",
    "xml-bomb-in-workbook": "为安全起见不予读取",
    "no-sheets": "没有工作表",
    "wrong-header-row": "没有找到表头行",
    "header-without-name": "第1行）中没有“姓名”列",
    "folder": "是一个文件夹",
    "missing": "找不到文件",
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_file_gives_one_clear_chinese_message(tmp_path, kind):
    path = _damage(kind, tmp_path)
    with pytest.raises(KnownError) as caught:
        read_rows(path, SPECS)
    assert BROKEN[kind] in caught.value.message
    assert "Traceback" not in caught.value.message
    if kind != "text":  # .xls and .ods are read now: no "save it as .xlsx" for a damaged file
        assert ".xlsx）" not in caught.value.message


def test_a_dtd_hidden_after_a_long_comment_is_still_refused(tmp_path):
    """The quick scan reads 64 KB of each part; the reader checks every byte it parses."""

    def padded(xml: bytes) -> bytes:
        bomb = _bomb(xml)
        head, rest = bomb.split(b"\n", 1)
        return head + b"\n<!--" + b" " * 70_000 + b"-->" + rest

    path = rewrite_part(_valid(tmp_path), "xl/worksheets/sheet1.xml", padded)
    with pytest.raises(KnownError) as caught:
        read_rows(path, SPECS)
    assert "为安全起见不予读取" in caught.value.message


def test_random_damage_never_escapes_as_anything_but_a_known_error(tmp_path):
    good = _valid(tmp_path).read_bytes()
    rng = random.Random(11643)
    for attempt in range(60):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"坏{attempt}.xlsx"
        path.write_bytes(bytes(data))
        with contextlib.suppress(KnownError):
            read_rows(path, SPECS)


# --- cell values ---------------------------------------------------------------------------


def test_cells_are_trimmed_half_width_and_whole_numbers_are_ints():
    assert clean_cell("  张\u3000三\xa0") == "张 三"
    assert clean_cell("１５０５２３ｘ") == "150523x"
    assert clean_cell("   ") is None
    assert clean_cell(13800138000.0) == 13800138000
    assert clean_cell(1.50523197503121e17) == 150523197503121000
    assert clean_cell(1975.03) == 1975.03
    assert clean_cell(True) is True


def test_cell_text_is_what_the_clerk_typed():
    assert cell_text(13800138000) == "13800138000"
    assert cell_text(datetime(1975, 3, 12)) == "1975-03-12"
    assert cell_text(True) == "是"
    assert cell_text(None) == ""


def test_header_names_ignore_spaces_stars_and_notes_in_brackets():
    assert header_key("姓  名") == "姓名"
    assert header_key("出生\n年月") == "出生年月"
    assert header_key("身份证号码（18位）*") == "身份证号码"
    assert header_key(12) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1975.03", (date(1975, 3, 1), False)),
        ("1975.3", (date(1975, 3, 1), False)),
        ("1975.10", (date(1975, 10, 1), False)),
        ("1975.1", (date(1975, 1, 1), False)),
        ("1975年3月", (date(1975, 3, 1), False)),
        ("1975年3月12日", (date(1975, 3, 12), True)),
        ("1975-03-12", (date(1975, 3, 12), True)),
        ("1975/3/12", (date(1975, 3, 12), True)),
        ("1975.03.12", (date(1975, 3, 12), True)),
        ("1975-03", (date(1975, 3, 1), False)),
        ("１９７５．０３", (date(1975, 3, 1), False)),
        ("1975－03－12", (date(1975, 3, 12), True)),
        ("1975-03-12 00:00:00", (date(1975, 3, 12), True)),
        ("1975-03-12T00:00:00Z", (date(1975, 3, 12), True)),  # t="d" cells, ISO 8601
        ("1975-03-12T08:30:00+08:00", (date(1975, 3, 12), True)),
        ("197503", (date(1975, 3, 1), False)),
        ("19750312", (date(1975, 3, 12), True)),
        (197503, (date(1975, 3, 1), False)),
        (19750312, (date(1975, 3, 12), True)),
        (1975.03, (date(1975, 3, 1), False)),
        (1975.3, (date(1975, 3, 1), False)),
        (1975.12, (date(1975, 12, 1), False)),
        (27465, (date(1975, 3, 12), True)),  # an Excel day number that lost its date format
        (27465.5, (date(1975, 3, 12), True)),  # ... with a time of day
        (27454, (date(1975, 3, 1), False)),  # ... on the 1st: month-only, like a date cell
        (datetime(1975, 3, 12), (date(1975, 3, 12), True)),
        (date(1975, 3, 1), (date(1975, 3, 1), False)),  # Excel makes 1975-3 into the 1st
        (None, None),
    ],
)
def test_dates_in_the_forms_offices_type(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("1975.13", "不存在"),
        ("1975.02.30", "不存在"),
        ("1975年2月30日", "不存在"),
        ("1975", "只有年份"),
        (1975, "只有年份"),
        (1975.13, "月份 13 不存在"),
        ("七五年三月", "不是可识别的日期"),
        ("1975.03.12.1", "不是可识别的日期"),
        (1975.031, "不是日期"),
        (True, "不是日期"),
        (42, "不是日期"),
        (123456.5, "不是日期"),
        (10**300, "超出了日期的范围"),  # a date cell out of range: Excel shows ####
        # 1975.3 typed without its point: a year and a month, not the day number of 1954-01-29.
        (19753, "如是1975年3月，请写成 1975.03"),
        (20113, "如是2011年3月，请写成 2011.03"),
        (19750, "不像日期"),
        (float("inf"), "不是日期"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(value, phrase):
    with pytest.raises(DateProblem) as caught:
        parse_date(value)
    assert phrase in str(caught.value)


def test_a_number_1975_1_could_be_january_or_october():
    with pytest.raises(AmbiguousDate) as caught:
        parse_date(1975.1)
    assert caught.value.choices == (date(1975, 1, 1), date(1975, 10, 1))
    assert "1月还是10月" in str(caught.value)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 4))
def test_every_date_reads_back_in_every_written_form(day, form):
    text = [
        f"{day:%Y-%m-%d}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day:%Y.%m.%d}",
        f"{day:%Y%m%d}",
    ][form]
    assert parse_date(text) == (day, True)
    assert parse_date(f"{day.year}年{day.month}月") == (day.replace(day=1), False)


@given(st.text(alphabet=st.sampled_from("张三 \u3000\xa0\t\nＡａ１Ｚｚ０ab12，：（）e\u0301é")))
def test_the_fast_path_of_cleaning_gives_what_clean_text_gives(text):
    from app.common.text import clean_text

    assert clean_cell(text) == (clean_text(text.replace("\xa0", " ")) or None)
