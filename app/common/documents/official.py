"""A Word document in the official layout of GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37, bottom 35, left 28, right 26 mm (type area 156 × 225 mm);
title 2号 方正小标宋简体 centred in balanced lines; body 3号 仿宋_GB2312,
22 lines of 28 characters, first lines indented two characters; headings
一、黑体 / （一）楷体_GB2312 / 1. 仿宋 bold; page numbers “— 1 —” in 4号 宋体,
odd pages right and even pages left, one character in from the edge.

Optional 版头 (red 发文机关标志, 发文字号, red line) and 版记 (抄送, 印发机关 and
印发日期 between rules at the foot of the last page): `official_marks`. Type,
fonts and measures: `official_style`. Tables: `word_tables`. Every run of text
goes through `add_text`, which drops what XML cannot hold.

Generic on purpose: notices, minutes and catalogues use the same builder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.common.documents import write_atomically
from app.common.documents.official_marks import Imprint, Letterhead, add_imprint, add_letterhead
from app.common.documents.official_style import (
    BODY_CONDENSE,
    BODY_LINE,
    CHARS_PER_LINE,
    EM_DASH,
    FANGSONG,
    HEADING_FONTS,
    HEITI,
    KAITI,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SIZE_SMALL_4,
    SONGTI,
    TEXT_WIDTH,
    TITLE_CHARS_PER_LINE,
    TITLE_LINE,
    XIAOBIAOSONG,
    add_text,
    balanced_title_lines,
    chars,
    chinese_date,
    paragraph_properties,
    set_fonts,
    set_run_font,
    text_width,
)
from app.common.documents.word_tables import CellSpec, CellXml, Value, fill_pictures
from app.common.text import printable

__all__ = [
    "BODY_LINE",
    "CHARS_PER_LINE",
    "FANGSONG",
    "HEITI",
    "KAITI",
    "SIZE_2",
    "SIZE_3",
    "SIZE_4",
    "SIZE_5",
    "SIZE_SMALL_4",
    "SONGTI",
    "TEXT_WIDTH",
    "TITLE_CHARS_PER_LINE",
    "XIAOBIAOSONG",
    "CellSpec",
    "Imprint",
    "Letterhead",
    "OfficialDocument",
    "add_text",
    "balanced_title_lines",
    "chars",
    "chinese_date",
    "set_run_font",
    "text_width",
]


class OfficialDocument:
    """Builds one document top to bottom; `save` writes it in one go."""

    def __init__(self, title: str = "", author: str = "") -> None:
        self.document = Document()
        # The section being written. Kept, not looked up: `document.sections` searches
        # the whole body each time, and 600 members' files are 600 sections.
        self._section = self.document.sections[0]
        self._set_up_page(self._section)
        self._set_up_defaults()
        self._add_page_numbers()
        self.document.core_properties.title = printable(title)
        self.document.core_properties.author = printable(author)
        self.document.core_properties.comments = ""
        self._last_body: Paragraph | None = None  # the 落款 never stands alone without it

    # --- page ---------------------------------------------------------------

    def _set_up_page(self, section: Section, landscape: bool = False) -> None:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
            # The portrait margins turned with the page: the binding edge stays put.
            section.top_margin, section.bottom_margin = MARGIN_RIGHT, MARGIN_LEFT
            section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
            section.footer_distance = Mm(12)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
            section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
            section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
            # Page number: 7 mm below the type area (its top at 28 mm from the edge).
            section.footer_distance = Mm(28) - SIZE_4
        section.header_distance = Mm(15)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # 22 lines a page. Characters are not put on the grid ("linesAndChars"):
        # LibreOffice and WPS lay that out differently from Word; body runs are
        # condensed instead (BODY_CONDENSE), which every program honours.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(BODY_LINE.pt * 20)))

    @property
    def text_width(self) -> Length:
        """The type area's width in the current (last) section."""
        section = self._section
        return Emu(section.page_width - section.left_margin - section.right_margin)

    @property
    def text_height(self) -> Length:
        section = self._section
        return Emu(section.page_height - section.top_margin - section.bottom_margin)

    def new_section(self, landscape: bool = False, restart_numbering: bool = False) -> None:
        """Go on on a new page in a new section (portrait or landscape); its page
        numbers start again at 1 if asked (one member's file, one attachment)."""
        # As python-docx's add_section, which looks for the body's closing sectPr from the
        # body's start each time (a county's 履职档案 is 565 sections): the paragraph
        # holding the previous section's end takes no room.
        closing = self._section._sectPr
        end = self._paragraph(line_spacing=Pt(1))
        end._p.set_sectPr(closing.clone())
        for reference in closing.xpath("w:headerReference|w:footerReference"):
            closing.remove(reference)  # the new section inherits them
        section = Section(closing, self.document.part)
        section.start_type = WD_SECTION.NEW_PAGE
        self._section = section
        self._set_up_page(section, landscape)
        numbering = section._sectPr.find(qn("w:pgNumType"))
        if restart_numbering:
            if numbering is None:
                numbering = OxmlElement("w:pgNumType")
                section._sectPr.append(numbering)
            numbering.set(qn("w:start"), "1")
        elif numbering is not None:
            section._sectPr.remove(numbering)

    def letterhead(self, head: Letterhead) -> None:
        """版头 (red 发文机关标志, 发文字号, red rule): call first."""
        add_letterhead(self.document, self.text_width, head)

    def imprint(self, imprint: Imprint) -> None:
        """版记 (抄送, 印发机关 and 印发日期) at the foot of the last page: call last."""
        add_imprint(self.document, self.text_width, imprint)

    def _set_up_defaults(self) -> None:
        styles = self.document.styles.element
        rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr, FANGSONG)
        for tag in ("w:sz", "w:szCs"):
            rpr.find(qn(tag)).set(qn("w:val"), str(round(SIZE_3.pt * 2)))
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal = self.document.styles["Normal"]
        normal.font.size = SIZE_3
        set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
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
        add_text(paragraph, f"{EM_DASH} ", SONGTI, SIZE_4)
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
        add_text(paragraph, "1", SONGTI, SIZE_4)
        end = paragraph.add_run()
        set_run_font(end, SONGTI, SIZE_4)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), "end")
        end._r.append(char)
        add_text(paragraph, f" {EM_DASH}", SONGTI, SIZE_4)

    # --- blocks ---------------------------------------------------------------

    def _append(self, element: BaseOxmlElement) -> None:
        """At the end of the body, before its closing sectPr (the current section's).
        python-docx's own add_paragraph looks for that sectPr from the body's start
        each time: a whole county's files are tens of thousands of blocks."""
        self._section._sectPr.addprevious(element)

    def _paragraph(
        self,
        align: WD_ALIGN_PARAGRAPH | None = None,
        line_spacing: Length | None = None,
        first_line_indent: Length | None = None,
        keep_with_next: bool | None = None,
        page_break_before: bool | None = None,
    ) -> Paragraph:
        element = OxmlElement("w:p")
        properties = paragraph_properties(
            align, line_spacing, first_line_indent, keep_with_next, page_break_before
        )
        if properties is not None:
            element.append(deepcopy(properties))
        self._append(element)
        return Paragraph(element, self.document._body)

    def title(self, title: str | Sequence[str], new_page: bool = False, blank: bool = True) -> None:
        """The title in balanced lines (given, or worked out), then one blank line."""
        lines = balanced_title_lines(title) if isinstance(title, str) else list(title)
        for i, line in enumerate(lines):
            paragraph = self._paragraph(
                WD_ALIGN_PARAGRAPH.CENTER,
                line_spacing=TITLE_LINE,
                keep_with_next=True,
                page_break_before=new_page and i == 0,
            )
            add_text(paragraph, line, XIAOBIAOSONG, SIZE_2)
        if blank:
            self.blank_line()

    def subtitle(self, text: str, size: Length = SIZE_3) -> None:
        """A centred line under the title, e.g. the date of a meeting, in 楷体."""
        paragraph = self._paragraph(
            WD_ALIGN_PARAGRAPH.CENTER,
            line_spacing=Pt(size.pt * 1.6) if size != SIZE_3 else None,
            keep_with_next=True,
        )
        add_text(paragraph, text, KAITI, size)

    def recipient(self, text: str) -> None:
        """主送机关: flush left, ending in a full-width colon."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY)
        add_text(paragraph, text, FANGSONG, SIZE_3)

    def paragraph(
        self, text: str, lead: str = "", indent: bool = True, size: Length = SIZE_3
    ) -> Paragraph:
        """A body paragraph; `lead` is an opening phrase set in bold (一是……).

        A smaller `size` (for forms, not 公文 text) sets lines 1.5 times its size.
        """
        paragraph = self._paragraph(
            WD_ALIGN_PARAGRAPH.JUSTIFY,
            line_spacing=Pt(size.pt * 1.5) if size != SIZE_3 else None,
            first_line_indent=chars(2, size) if indent else None,
        )
        condense = BODY_CONDENSE if size == SIZE_3 else 0
        if lead:
            add_text(paragraph, lead, FANGSONG, size, True, condense)
        add_text(paragraph, text, FANGSONG, size, condense=condense)
        self._last_body = paragraph
        return paragraph

    def heading(self, level: int, text: str, size: Length = SIZE_3) -> None:
        """一、 (1, 黑体) / （一） (2, 楷体) / 1. (3, 仿宋 bold) / （1） (4, 仿宋).

        A smaller `size` (forms) is set flush left with lines 1.6 times its size.
        """
        font, bold = HEADING_FONTS[level]
        body = size == SIZE_3
        paragraph = self._paragraph(
            WD_ALIGN_PARAGRAPH.JUSTIFY,
            line_spacing=None if body else Pt(size.pt * 1.6),
            first_line_indent=chars(2) if body else None,
            keep_with_next=True,
        )
        add_text(paragraph, text, font, size, bold, BODY_CONDENSE if body else 0)

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
            add_text(paragraph, f"{prefix}{label}{name}", FANGSONG, SIZE_3)

    def attachment_heading(self, label: str, title: str | Sequence[str]) -> None:
        """An attachment's first page: 附件 (3号黑体) flush left on the first line, its
        title centred on the third (GB/T 9704 8.?). Call after new_section."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.keep_with_next = True
        add_text(paragraph, label, HEITI, SIZE_3)
        self.blank_line()
        self.title(title)

    def signature(self, issuer: str, issued_on: date, space_lines: int = 2) -> None:
        """Issuing office centred over the date; the date four characters in from the right.

        The last body paragraph, the 附件 lines and the blank lines go to the next page
        with the 落款 rather than leave it alone on a page (GB/T 9704 7.3.5).
        """
        self.blank_line(space_lines)
        self._keep_with_signature(space_lines)
        when = chinese_date(issued_on)
        date_indent = 4.0
        issuer_indent = max(2.0, date_indent + (text_width(when) - text_width(issuer)) / 2)
        for text, indent in ((issuer, issuer_indent), (when, date_indent)):
            paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = chars(indent)
            paragraph.paragraph_format.keep_with_next = text == issuer
            add_text(paragraph, text, FANGSONG, SIZE_3)

    def _keep_with_signature(self, space_lines: int) -> None:
        paragraphs = self.document.paragraphs
        start = len(paragraphs) - space_lines
        if self._last_body is not None:
            element = self._last_body._p
            start = next((i for i, p in enumerate(paragraphs) if p._p is element), start)
        for paragraph in paragraphs[start:]:
            paragraph.paragraph_format.keep_with_next = True

    def copy_to(self, names: Iterable[str]) -> None:
        """抄送 in the body: 4号 仿宋, one character in from each side."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.left_indent = SIZE_4
        paragraph.paragraph_format.right_indent = SIZE_4
        add_text(paragraph, "抄送：" + "，".join(names) + "。", FANGSONG, SIZE_4)

    def table(
        self,
        rows: Sequence[Sequence[Value]],
        widths_mm: Sequence[float],
        header: Sequence[str] | None = None,
        size: Length = SIZE_4,
        centred_columns: Iterable[int] = (),
        bold_columns: Iterable[int] = (),
        cant_split: bool = False,
        spacer: bool = True,
        pictures: Sequence[bytes] = (),
        picture_mm: tuple[float, float] = (25.0, 35.0),
    ) -> Table:
        """A ruled table across the type area; a header row repeats on every page.

        A row shorter than the widths ends in a cell spanning the rest; a value
        may be a CellSpec (merged down, bold, a picture). `cant_split` keeps each
        row on one page; `spacer` adds the empty paragraph Word needs between two
        adjacent tables (leave it out when a paragraph follows anyway). The
        `pictures` fill the CellSpec(picture=True) cells in order, at most
        `picture_mm` (width, height); one that is not an image is left out.
        """
        scale = Emu(self.text_width).twips / sum(widths_mm)
        widths = [round(w * scale) for w in widths_mm]
        cell = CellXml(size, set(centred_columns), set(bold_columns), cant_split)
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
        self._append(element)
        if pictures:
            fill_pictures(self.document.part, element, rows, bool(header), pictures, picture_mm)
        if spacer:
            self._paragraph()
        return Table(element, self.document._body)

    def save(self, path: Path) -> Path:
        return write_atomically(Path(path), self._write)

    def _write(self, temp: Path) -> None:
        self.document.save(str(temp))
