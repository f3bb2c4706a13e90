"""版头 and 版记 of GB/T 9704-2012 for the official Word builder.

版头 (7.2): the 发文机关标志 in red 方正小标宋简体, centred, its top 35 mm below the
type area's top; the 发文字号 centred two lines under it; a red rule as wide as the
type area 4 mm under the 发文字号; the title follows two lines under the rule.

版记 (7.4): 抄送 (4号仿宋, one character in from each side, wrapped lines aligned
after the colon, a full stop after the last office) and 印发机关 (one character in
from the left) with 印发日期 (one character in from the right, "印发" after it),
between rules as wide as the type area: thick first and last (0.35 mm), thin
between (0.25 mm); the last rule on the bottom edge of the type area of the last
page. Word and LibreOffice keep it there as a table floating at the foot of the
type area, anchored to the end of the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Emu, Length, Mm, Pt

from app.common.documents.official_style import (
    BODY_LINE,
    FANGSONG,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    XIAOBIAOSONG,
    add_text,
    insert_in_order,
    text_width,
)
from app.common.text import printable

RED = "FF0000"
MARK_MAX_SIZE = Pt(36)  # 小初; a long organ name is set smaller to fit the line
MARK_TOP = Mm(35)
RULE_GAP = Pt(11)  # 4 mm between the 发文字号 and the red rule (w:space is in points)
THICK, THIN = 8, 6  # eighths of a point: 1 pt ≈ 0.35 mm, 0.75 pt ≈ 0.26 mm


@dataclass(frozen=True)
class Letterhead:
    """版头: 发文机关标志 (e.g. 政协示范县委员会办公室文件) and 发文字号 (示政办发〔2025〕3号)."""

    organ_mark: str
    number: str = ""


@dataclass(frozen=True)
class Imprint:
    """版记: 抄送机关, 印发机关 and 印发日期."""

    printer: str
    printed_on: date
    copy_to: tuple[str, ...] = ()


def imprint_date(day: date) -> str:
    """2025年1月15日印发: the year in full, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日印发"


def copy_to_text(names: tuple[str, ...]) -> str:
    """抄送：县委组织部，县委统战部。 (offices separated by full-width commas)."""
    return "抄送：" + "，".join(n.strip("，,。 ") for n in names if n.strip("，,。 ")) + "。"


def add_letterhead(document: DocxDocument, type_width: Length, head: Letterhead) -> None:
    """The 版头 at the current end of the document (its first page)."""
    mark = document.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size, scale = _mark_size(head.organ_mark, type_width)
    fmt = mark.paragraph_format
    fmt.space_before = MARK_TOP
    fmt.line_spacing = Pt(size.pt * 1.25)
    fmt.keep_with_next = True
    run = add_text(mark, head.organ_mark, XIAOBIAOSONG, size)
    rpr = run._r.get_or_add_rPr()
    insert_in_order(rpr, _element(f'<w:color {nsdecls("w")} w:val="{RED}"/>'))
    if scale < 100:
        insert_in_order(rpr, _element(f'<w:w {nsdecls("w")} w:val="{scale}"/>'))
    for _ in range(2):  # 空二行
        document.add_paragraph().paragraph_format.keep_with_next = True
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.keep_with_next = True
    if head.number:
        add_text(number, head.number, FANGSONG, SIZE_3)
    insert_in_order(
        number._p.get_or_add_pPr(),
        _element(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" '
            f'w:space="{round(RULE_GAP.pt)}" w:color="{RED}"/></w:pBdr>'
        ),
    )
    for _ in range(2):  # the title two lines under the rule
        document.add_paragraph()


def _mark_size(text: str, type_width: Length) -> tuple[Length, int]:
    """The largest size up to 小初 that fits one line; below 2号, narrowed instead."""
    width = max(text_width(text), 1.0)
    fits = Emu(type_width).pt * 0.97 / width
    if fits >= SIZE_2.pt:
        return Pt(min(MARK_MAX_SIZE.pt, int(fits))), 100
    return SIZE_2, max(50, int(fits / SIZE_2.pt * 100))


def add_imprint(document: DocxDocument, type_width: Length, imprint: Imprint) -> None:
    """The 版记 at the foot of the last page (call it last)."""
    width = round(Emu(type_width).twips)
    one = round(SIZE_4.pt * 20)  # one character of 4号, in twips
    line = round(BODY_LINE.pt * 20)
    rows = []
    if imprint.copy_to:
        rows.append(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + _cell(
                width, 2, copy_to_text(imprint.copy_to), "left", one + 3 * one, one, line, 3, True
            )
            + "</w:tr>"
        )
    rows.append(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + _cell(width // 2, 1, imprint.printer, "left", one, 0, line)
        + _cell(width - width // 2, 1, imprint_date(imprint.printed_on), "right", 0, one, line)
        + "</w:tr>"
    )
    borders = (
        f'<w:top w:val="single" w:sz="{THICK}" w:space="0" w:color="000000"/>'
        '<w:left w:val="nil"/>'
        f'<w:bottom w:val="single" w:sz="{THICK}" w:space="0" w:color="000000"/>'
        '<w:right w:val="nil"/>'
        f'<w:insideH w:val="single" w:sz="{THIN}" w:space="0" w:color="000000"/>'
        '<w:insideV w:val="nil"/>'
    )
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" '
        'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="margin" '
        'w:tblpXSpec="center" w:tblpYSpec="bottom"/><w:tblOverlap w:val="never"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        f'<w:tblGrid><w:gridCol w:w="{width // 2}"/><w:gridCol w:w="{width - width // 2}"/>'
        f"</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    table = parse_xml(xml)
    document.element.body.sectPr.addprevious(table)
    anchor = document.add_paragraph()  # a table cannot end the document
    anchor.paragraph_format.line_spacing = Pt(1)


def _cell(
    width: int,
    span: int,
    text: str,
    align: str,
    left: int,
    right: int,
    line: int,
    hanging_chars: int = 0,
    keep_next: bool = False,
) -> str:
    """One cell of the 版记: 4号仿宋 on an exact line; `hanging_chars` aligns wrapped
    lines after 抄送：. `keep_next` holds a row to the next: where the table is not
    floated (LibreOffice 7.4 sets a full-width one in the text), the 抄送 row went
    to the foot of one page and the 印发 row to the top of the next."""
    size = round(SIZE_4.pt * 2)
    hanging = f' w:hanging="{hanging_chars * round(SIZE_4.pt * 20)}"' if hanging_chars else ""
    fonts = "".join(f' w:{slot}="{FANGSONG}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
        + '<w:vAlign w:val="center"/></w:tcPr>'
        f"<w:p><w:pPr>{'<w:keepNext/>' if keep_next else ''}"
        f'<w:spacing w:line="{line}" w:lineRule="exact"/>'
        f'<w:ind w:left="{left}" w:right="{right}"{hanging}/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r><w:rPr><w:rFonts{fonts}/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(printable(text))}</w:t></w:r></w:p></w:tc>'
    )


def _element(xml: str) -> OxmlElement:
    return parse_xml(xml)
