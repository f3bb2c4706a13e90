"""A Word document in the official layout of GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37, bottom 35, left 28, right 26 mm (type area 156 × 225 mm);
title 2号 方正小标宋简体 centred in balanced lines; body 3号 仿宋_GB2312,
22 lines of 28 characters, first lines indented two characters; headings
一、黑体 / （一）楷体_GB2312 / 1. 仿宋 bold; page numbers “— 1 —” in 4号 宋体,
odd pages right and even pages left, one character in from the edge.

Chinese fonts are named in w:rFonts/@w:eastAsia: python-docx's Font.name only
sets the Latin slots, and a theme attribute (w:eastAsiaTheme) would win over a
named font, so both are handled here. Offices' PCs substitute fonts they lack.

Generic on purpose: notices, minutes and catalogues use the same builder.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from app.common.documents import write_atomically

XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

SIZE_2 = Pt(22)  # 2号: title
SIZE_3 = Pt(16)  # 3号: body
SIZE_4 = Pt(14)  # 4号: page numbers, 抄送, tables
SIZE_SMALL_4 = Pt(12)  # 小4号: dense tables

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)  # 156 mm
# 225 mm over 22 lines = 28.98 pt; 579 twips (28.95 pt) keeps 22 lines on a page.
BODY_LINE = Pt(28.95)
TITLE_LINE = Pt(35)
CHARS_PER_LINE = 28
# 28 characters of 16 pt need 448 pt; the type area has 442 pt: body text is set
# 0.25 pt tighter (15.75 pt pitch), in twentieths of a point.
BODY_CONDENSE = -5
# 156 mm holds 20 characters of 22 pt; 18 leaves the title visible margins.
TITLE_CHARS_PER_LINE = 18
EM_DASH = "—"  # 一字线

HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}


def chinese_date(day: date) -> str:
    """2025年1月15日: Arabic numerals, no leading zeros (GB/T 9704 7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chars(count: float, size: Length = SIZE_3) -> Length:
    """The width of `count` characters of the given size (an indent of 两字 is chars(2))."""
    return Pt(size.pt * count)


def text_width(text: str) -> float:
    """Width in Chinese characters: ASCII (half-width) counts a half."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)


def balanced_title_lines(title: str, max_width: float = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into lines of near-equal width (梯形), never inside a number."""
    if text_width(title) <= max_width:
        return [title]
    count = math.ceil(text_width(title) / max_width)
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        target = text_width(rest) / remaining
        cut, width = 0, 0.0
        while cut < len(rest) and width + text_width(rest[cut]) / 2 < target:
            width += text_width(rest[cut])
            cut += 1
        cut = _break_point(rest, cut)
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return lines


_NO_LINE_START = "，。、；：？！”’）》〉」』"
_NO_LINE_END = "“‘（《〈「『"


def _break_point(text: str, cut: int) -> int:
    """Move a break out of a number or word, and keep punctuation where it belongs."""
    while 0 < cut < len(text) and text[cut - 1].isascii() and text[cut].isascii():
        cut -= 1
    while 0 < cut < len(text) and (text[cut] in _NO_LINE_START or text[cut - 1] in _NO_LINE_END):
        cut += 1 if text[cut] in _NO_LINE_START else -1
    return cut if 0 < cut < len(text) else len(text) // 2


def set_run_font(
    run: Run, name: str, size: Length | None = None, bold: bool = False, condense: int = 0
) -> None:
    """Name the font in every slot, the East Asian one included."""
    run.font.bold = bold
    if size is not None:
        run.font.size = size
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, name)
    if condense:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(condense))
        rpr.append(spacing)


def _set_fonts(rpr: OxmlElement, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


class OfficialDocument:
    """Builds one document top to bottom; `save` writes it in one go."""

    def __init__(self, title: str = "", author: str = "") -> None:
        self.document = Document()
        self._set_up_page()
        self._set_up_defaults()
        self._add_page_numbers()
        self.document.core_properties.title = title
        self.document.core_properties.author = author
        self.document.core_properties.comments = ""

    # --- page ---------------------------------------------------------------

    def _set_up_page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance = Mm(15)
        # Page number: 7 mm below the type area (its top at 28 mm from the edge).
        section.footer_distance = Mm(28) - SIZE_4
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # 22 lines a page. Characters are not put on the grid ("linesAndChars"):
        # LibreOffice and WPS lay that out differently from Word; body runs are
        # condensed instead (BODY_CONDENSE), which every program honours.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(BODY_LINE.pt * 20)))

    def _set_up_defaults(self) -> None:
        styles = self.document.styles.element
        rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr, FANGSONG)
        for tag in ("w:sz", "w:szCs"):
            rpr.find(qn(tag)).set(qn("w:val"), str(round(SIZE_3.pt * 2)))
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal = self.document.styles["Normal"]
        normal.font.size = SIZE_3
        _set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = BODY_LINE
        fmt.widow_control = False

    def _add_page_numbers(self) -> None:
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = SIZE_4  # 空一字
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = SIZE_4
        for paragraph in (odd, even):
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.paragraph_format.first_line_indent = Pt(0)
            self._page_number_runs(paragraph)

    def _page_number_runs(self, paragraph: Paragraph) -> None:
        set_run_font(paragraph.add_run(f"{EM_DASH} "), SONGTI, SIZE_4)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
            run = paragraph.add_run()
            set_run_font(run, SONGTI, SIZE_4)
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
        set_run_font(paragraph.add_run("1"), SONGTI, SIZE_4)
        end = paragraph.add_run()
        set_run_font(end, SONGTI, SIZE_4)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), "end")
        end._r.append(char)
        set_run_font(paragraph.add_run(f" {EM_DASH}"), SONGTI, SIZE_4)

    # --- blocks ---------------------------------------------------------------

    def _paragraph(self, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def title(self, title: str | Sequence[str], new_page: bool = False) -> None:
        """The title in balanced lines (given, or worked out), then one blank line."""
        lines = balanced_title_lines(title) if isinstance(title, str) else list(title)
        for i, line in enumerate(lines):
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
            paragraph.paragraph_format.line_spacing = TITLE_LINE
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.page_break_before = new_page and i == 0
            set_run_font(paragraph.add_run(line), XIAOBIAOSONG, SIZE_2)
        self.blank_line()

    def subtitle(self, text: str) -> None:
        """A centred line under the title, e.g. the date of a meeting, in 楷体."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        set_run_font(paragraph.add_run(text), KAITI, SIZE_3)

    def recipient(self, text: str) -> None:
        """主送机关: flush left, ending in a full-width colon."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY)
        set_run_font(paragraph.add_run(text), FANGSONG, SIZE_3)

    def paragraph(self, text: str, lead: str = "", indent: bool = True) -> Paragraph:
        """A body paragraph; `lead` is an opening phrase set in bold (一是……)."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY)
        if indent:
            paragraph.paragraph_format.first_line_indent = chars(2)
        if lead:
            set_run_font(paragraph.add_run(lead), FANGSONG, SIZE_3, True, BODY_CONDENSE)
        set_run_font(paragraph.add_run(text), FANGSONG, SIZE_3, condense=BODY_CONDENSE)
        return paragraph

    def heading(self, level: int, text: str) -> None:
        """一、 (1, 黑体) / （一） (2, 楷体) / 1. (3, 仿宋 bold) / （1） (4, 仿宋)."""
        font, bold = HEADING_FONTS[level]
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = chars(2)
        paragraph.paragraph_format.keep_with_next = True
        set_run_font(paragraph.add_run(text), font, SIZE_3, bold, BODY_CONDENSE)

    def blank_line(self, count: int = 1) -> None:
        for _ in range(count):
            self._paragraph()

    def page_break(self) -> None:
        paragraph = self._paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def attachments(self, names: Sequence[str]) -> None:
        """附件：1. …  under the body, one blank line above, numbers only for several."""
        if not names:
            return
        self.blank_line()
        numbered = len(names) > 1
        for i, name in enumerate(names, start=1):
            label = f"{i}. " if numbered else ""
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.LEFT)
            fmt = paragraph.paragraph_format
            # Wrapped names line up with the first character of the name.
            fmt.left_indent = chars(5 + text_width(label))
            fmt.first_line_indent = chars(-((3 if i == 1 else 0) + text_width(label)))
            prefix = "附件：" if i == 1 else ""
            set_run_font(paragraph.add_run(f"{prefix}{label}{name}"), FANGSONG, SIZE_3)

    def signature(self, issuer: str, issued_on: date, space_lines: int = 2) -> None:
        """Issuing office centred over the date; the date four characters in from the right."""
        self.blank_line(space_lines)
        when = chinese_date(issued_on)
        date_indent = 4.0
        issuer_indent = max(2.0, date_indent + (text_width(when) - text_width(issuer)) / 2)
        for text, indent in ((issuer, issuer_indent), (when, date_indent)):
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = chars(indent)
            set_run_font(paragraph.add_run(text), FANGSONG, SIZE_3)

    def copy_to(self, names: Iterable[str]) -> None:
        """抄送: 4号 仿宋, one character in from each side."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.left_indent = SIZE_4
        paragraph.paragraph_format.right_indent = SIZE_4
        set_run_font(paragraph.add_run("抄送：" + "，".join(names) + "。"), FANGSONG, SIZE_4)

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        header: Sequence[str] | None = None,
        size: Length = SIZE_4,
        centred_columns: Iterable[int] = (),
        bold_columns: Iterable[int] = (),
    ) -> Table:
        """A ruled table across the type area; a header row repeats on every page.

        A row shorter than the widths ends in a cell spanning the rest.

        Built as one piece of XML: python-docx's cell-by-cell API takes ~30 ms
        a table, too slow for a file of 200 members.
        """
        scale = TEXT_WIDTH.twips / sum(widths_mm)
        widths = [round(w * scale) for w in widths_mm]
        cell = _CellXml(size, set(centred_columns), set(bold_columns))
        body = [cell.row(header, widths, is_header=True)] if header else []
        body += [cell.row(values, widths) for values in rows]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        xml = (
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
        )
        element = parse_xml(xml)
        self.document.element.body.sectPr.addprevious(element)
        self._paragraph()  # Word needs a paragraph between adjacent tables
        return Table(element, self.document._body)

    def save(self, path: Path) -> Path:
        return write_atomically(Path(path), self._write)

    def _write(self, temp: Path) -> None:
        self.document.save(str(temp))


class _CellXml:
    """Table cells as WordprocessingML text, fonts named in every slot."""

    def __init__(self, size: Length, centred: set[int], bold: set[int]) -> None:
        self.size = round(size.pt * 2)  # half-points
        self.line = round(size.pt * 1.45 * 20)  # exact line height, twips
        self.centred, self.bold = centred, bold

    def row(self, values: Sequence[str], widths: Sequence[int], is_header: bool = False) -> str:
        """A short row's last cell spans the remaining columns."""
        head = "<w:trPr><w:tblHeader/></w:trPr>" if is_header else ""
        count = len(values)
        cells = "".join(
            self.cell(
                str(value),
                sum(widths[column:]) if column == count - 1 else widths[column],
                column,
                is_header,
                span=len(widths) - column if column == count - 1 else 1,
            )
            for column, value in enumerate(values)
        )
        return f"<w:tr>{head}{cells}</w:tr>"

    def cell(self, text: str, width: int, column: int, is_header: bool, span: int = 1) -> str:
        font = HEITI if is_header else FANGSONG
        align = "center" if is_header or column in self.centred else "left"
        bold = "<w:b/><w:bCs/>" if column in self.bold and not is_header else ""
        fonts = "".join(f' w:{slot}="{font}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
        run = (
            f'<w:r><w:rPr><w:rFonts{fonts}/>{bold}<w:sz w:val="{self.size}"/>'
            f'<w:szCs w:val="{self.size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            if text
            else ""
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            + '<w:vAlign w:val="center"/>'
            f'</w:tcPr><w:p><w:pPr><w:spacing w:line="{self.line}" w:lineRule="exact"/>'
            f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>'
        )
