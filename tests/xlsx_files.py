"""Building .xlsx files for tests the way offices make them, and damaging them."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl

from app.common.people.idcard import check_digit


def id_number(region: str = "150523", birth: date = date(1975, 3, 12), seq: str = "123") -> str:
    """A valid 18-digit ID number with its GB 11643 check digit."""
    first17 = f"{region}{birth:%Y%m%d}{seq}"
    return first17 + check_digit(first17)


def write_sheet(
    path: Path,
    rows: Sequence[Sequence[object]],
    merges: Sequence[str] = (),
    title: str = "委员名单",
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes | None]) -> Path:
    """Rewrite one zip member (None removes it); the rest is copied unchanged."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == part:
                changed = change(data)
                if changed is None:
                    continue
                data = changed
            target.writestr(info.filename, data)
    path.write_bytes(buffer.getvalue())
    return path


def with_number_format(path: Path, cells: Sequence[str], code: str, sheet: int = 0) -> Path:
    """Give cells (C4, …) a number format, as a clerk does with 设置单元格格式 in Excel."""
    book = openpyxl.load_workbook(path)
    target = book.worksheets[sheet]
    for cell in cells:
        target[cell].number_format = code
    book.save(path)
    return path


def set_dimension(path: Path, ref: str, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Some programs write a wrong <dimension>; read-only openpyxl trusts it."""
    return rewrite_part(
        path,
        part,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


_INLINE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>',
    re.DOTALL,  # a cell with a line break (Alt+Enter) is one string
)
_EMPTY_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr">(?:<is/>)?</c>')
_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def as_saved_by_excel(path: Path, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """openpyxl writes inline strings; Excel and WPS write a shared-strings table
    (which openpyxl also reads much faster). Rewrite the file the way they save it;
    empty strings, which they never write, become empty cells."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    table: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = table.setdefault(match.group(3), len(table))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), index)

    parts[sheet] = _EMPTY_INLINE.sub(rb'<c r="\1"\2/>', _INLINE.sub(shared, parts[sheet]))
    assert b"inlineStr" not in parts[sheet]
    items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % text for text in table)
    parts["xl/sharedStrings.xml"] = (
        (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns='
            b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            b' count="%d" uniqueCount="%d">' % (len(table), len(table))
        )
        + items
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Type="{_SST}" Target="sharedStrings.xml" Id="rIdSST"/>'.encode()
        + b"</Relationships>",
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


# --- rosters as offices send them -----------------------------------------------------------

ZHANG_ID = id_number(seq="159")  # a man (odd 17th digit); ends in X
LI_ID = id_number(birth=date(1980, 5, 1), seq="002")
WANG_ID = id_number(birth=date(1968, 10, 1), seq="011")
ZHAO_ID = id_number(birth=date(1990, 7, 15), seq="024")
MESSY_HEADER = [
    "序号",
    "姓  名",
    "性别",
    "民族",
    "出生\n年月",
    "政治面貌",
    "界别",
    "工作单位及职务",
    "是否常委",
    "专委会",
    "联络组",
    "联系电话",
    "身份证号码",
    "备注",
]


def messy_rows() -> list[list[object]]:
    """Title and subtitle rows, merged cells, mixed date forms, stray spaces, a landline,
    a lowercase x, full-width digits, a number-typed mobile, a blank row and a footnote."""
    full_width_li = LI_ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    return [
        ["示范县政协第十届委员会委员名单"],  # 1
        ["（2021年12月）"],  # 2
        MESSY_HEADER,  # 3
        [
            1,
            " 张　三 ",
            "男",
            "汉",
            1975.03,
            "中共",
            "中共",
            "县教育局局长 ",
            "是",
            "经济委员会、提案委员会",
            "第一联络组",
            "0477-8123456",
            ZHANG_ID.lower(),
            "",
        ],  # 4
        [
            2,
            "李  四",
            "女 ",
            "蒙古族",
            datetime(1980, 5, 1),
            "民盟盟员",
            "民盟",
            "县医院 副院长",
            None,
            "教科卫体委员会",
            "第一联络组",
            13800138000,
            full_width_li,
            "增补",
        ],  # 5
        [None] * 14,  # 6: blank
        [
            3,
            "王五",
            "男",
            "回族",
            "1968年10月",
            "无党派人士",
            "无党派人士",
            "个体",
            "否",
            None,
            "第二联络组",
            "0477-8123456、13900139000",
            WANG_ID,
            None,
        ],  # 7
        [
            4,
            "赵六",
            "女",
            "汉族",
            "1990/7/15",
            "群众",
            None,
            "县农业农村局",
            None,
            "农业和农村委员会",
            "第二联络组",
            None,
            ZHAO_ID,
            None,
        ],  # 8: 界别 merged from row 7
        [
            5,
            "钱七",
            "男",
            "汉族",
            "1975.3",
            "民革",
            "民革",
            "县政协机关",
            "√",
            None,
            None,
            None,
            None,
            "无身份证号码",
        ],  # 9
        ["注：以姓氏笔画为序。"],  # 10
    ]


MESSY_MERGES = ["A1:N1", "A2:N2", "G7:G8", "A10:N10"]


def messy_roster(path: Path) -> Path:
    """The messy roster (messy_rows) as an .xlsx."""
    return write_sheet(path, messy_rows(), merges=MESSY_MERGES)


MESSY_NAMES = ["张三", "李四", "王五", "赵六", "钱七"]


def messy_roster_with_hidden_sheet(path: Path) -> Path:
    """The messy roster, plus a hidden sheet 往届 holding one more member (孙八)."""
    messy_roster(path)
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet("往届")
    hidden.append(["姓名", "界别"])
    hidden.append(["孙八", "中共"])
    hidden.sheet_state = "hidden"
    book.save(path)
    return path


def broken_roster(path: Path) -> Path:
    """One row per way a roster goes wrong, and one good row."""
    bad_check = ZHAO_ID[:-1] + ("1" if ZHAO_ID[-1] != "1" else "2")
    return write_sheet(
        path,
        [
            ["委员名单"],  # 1
            ["姓名", "性别", "出生年月", "界别", "身份证号码"],  # 2
            ["好人", "男", "1975.03", "中共", ZHANG_ID],  # 3: fine but for row 7
            [None, "女", "1980.05", "民盟", LI_ID],  # 4: no name
            ["错校验", "女", "1990.07", "中共", bad_check],  # 5: wrong check digit
            ["生日错", "男", "1969.10", "中共", WANG_ID],  # 6: birth differs from the ID
            ["重复甲", "男", "1975.03", "中共", ZHANG_ID],  # 7: same ID as row 3
            ["性别错", "未知", "1980.05", "中共", None],  # 8: unknown sex
            ["日期错", "男", "1975.13", "中共", None],  # 9: impossible date
            ["界别错", "女", "1980.05", "工人界", None],  # 10: unknown sector
            ["数字号", "男", "1975.03", "中共", 1.50523197503121e17],  # 11: Excel ate the digits
            ["真好人", "女", "1990.07.15", "中共", ZHAO_ID],  # 12: fine
        ],
        merges=["A1:E1"],
    )


BROKEN_ERRORS = [
    (3, "身份证号码", "与第7行的身份证号码相同"),
    (4, "姓名", "姓名为空"),
    (5, "身份证号码", "校验位错误"),
    (6, "出生年月", "与身份证号码中的 1968-10-01 不一致"),
    (7, "身份证号码", "与第3行的身份证号码相同"),
    (8, "性别", "性别“未知”无法识别"),
    (9, "出生年月", "“1975.13”不存在"),
    (10, "界别", "“工人界”不在界别名录中"),
    (11, "身份证号码", "被 Excel 存成了数字"),
]
