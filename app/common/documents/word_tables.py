"""Ruled tables for the official Word builder, written as WordprocessingML text.

python-docx's cell-by-cell API takes ~30 ms a table, too slow for a file of 200
members, so a table is one piece of XML. Every text goes through `printable`
(what XML cannot hold is dropped); a line break in a value starts a new line in
its cell. `estimate_height` guesses how tall a table prints, for layouts that
must fit a page.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.parts.story import StoryPart
from docx.shared import Emu, Length, Mm

from app.common.text import printable

log = logging.getLogger(__name__)

HEITI = "黑体"
FANGSONG = "仿宋_GB2312"
CELL_MARGIN_MM = 1.9  # Word's default left and right cell margins (0.08 inch)
LINE_FACTOR = 1.45  # exact line height of table text, times the font size
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class CellSpec:
    """A cell that is more than its text.

    `merge` "start" begins a cell merged down the rows below, whose cells in that
    column are "continue"; `picture` leaves the cell ready for an image (the
    builder fills it in; its line grows with the image); `bold`/`centred`
    override the column's setting; `span` joins it with the columns to its right.
    """

    text: str = ""
    merge: str | None = None
    picture: bool = False
    bold: bool | None = None
    centred: bool | None = None
    span: int = 1  # columns this cell takes (the last cell of a short row takes the rest)


Value = str | CellSpec


class CellXml:
    """Table rows and cells, fonts named in every slot."""

    def __init__(
        self, size: Length, centred: set[int], bold: set[int], cant_split: bool = False
    ) -> None:
        self.size = round(size.pt * 2)  # half-points
        self.line = round(size.pt * LINE_FACTOR * 20)  # exact line height, twips
        self.centred, self.bold = centred, bold
        self.cant_split = cant_split

    def row(self, values: Sequence[Value], widths: Sequence[int], is_header: bool = False) -> str:
        """A short row's last cell spans the remaining columns."""
        props = ("<w:cantSplit/>" if self.cant_split or is_header else "") + (
            "<w:tblHeader/>" if is_header else ""
        )
        head = f"<w:trPr>{props}</w:trPr>" if props else ""
        cells, column = [], 0
        for i, value in enumerate(values):
            spec = value if isinstance(value, CellSpec) else CellSpec(str(value))
            span = len(widths) - column if i == len(values) - 1 else spec.span
            width = sum(widths[column : column + span])
            cells.append(self.cell(spec, width, column, is_header, span))
            column += span
        return f"<w:tr>{head}{''.join(cells)}</w:tr>"

    def cell(self, spec: CellSpec, width: int, column: int, is_header: bool, span: int = 1) -> str:
        font = HEITI if is_header else FANGSONG
        centred = spec.centred if spec.centred is not None else column in self.centred
        align = "center" if is_header or centred else "left"
        bold = spec.bold if spec.bold is not None else column in self.bold and not is_header
        merge = {"start": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(
            spec.merge or "", ""
        )
        runs = "" if spec.merge == "continue" else self.runs(spec.text, font, bold)
        # An exact line would cut a picture off at the height of one line of text.
        line = (
            'w:line="240" w:lineRule="auto"'
            if spec.picture
            else f'w:line="{self.line}" w:lineRule="exact"'
        )
        # Off the page's 22-line grid: LibreOffice (Kylin/UOS offices) otherwise gives
        # every table line a whole body line (29 pt), doubling a 200-member table.
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            + merge
            + '<w:vAlign w:val="center"/>'
            f'</w:tcPr><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing {line}/>'
            f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>{runs}</w:p></w:tc>'
        )

    def runs(self, text: str, font: str, bold: bool) -> str:
        text = printable(text)
        if not text:
            return ""
        fonts = "".join(f' w:{slot}="{font}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
        style = (
            f"<w:rPr><w:rFonts{fonts}/>{'<w:b/><w:bCs/>' if bold else ''}"
            f'<w:sz w:val="{self.size}"/><w:szCs w:val="{self.size}"/></w:rPr>'
        )
        lines = "<w:br/>".join(
            f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")
        )
        return f"<w:r>{style}{lines}</w:r>"


def fill_pictures(
    part: StoryPart,
    table: OxmlElement,
    rows: Sequence[Sequence[Value]],
    has_header: bool,
    pictures: Sequence[bytes],
    size_mm: tuple[float, float],
) -> None:
    """Put the pictures, in order, into the CellSpec(picture=True) cells of `table`."""
    places = [
        (r + has_header, c)
        for r, values in enumerate(rows)
        for c, value in enumerate(values)
        if isinstance(value, CellSpec) and value.picture
    ]
    for (row, column), data in zip(places, pictures, strict=False):
        inline = _picture(part, data, size_mm)
        if inline is not None:
            run = OxmlElement("w:r")
            drawing = OxmlElement("w:drawing")
            drawing.append(inline)
            run.append(drawing)
            table.tr_lst[row].tc_lst[column].p_lst[0].append(run)


def _picture(part: StoryPart, data: bytes, size_mm: tuple[float, float]) -> OxmlElement | None:
    """The image scaled into the box, proportions kept; None when the bytes are no image."""
    try:
        _rid, image = part.get_or_add_image(io.BytesIO(data))
    except Exception:  # a damaged photo must not stop 200 members' files
        log.warning("a picture could not be read; left out", exc_info=True)
        return None
    width, height = Mm(size_mm[0]), Mm(size_mm[1])
    px_w, px_h = image.px_width or 1, image.px_height or 1
    if px_w * height > px_h * width:  # wider than the box
        height = Emu(round(width * px_h / px_w))
    else:
        width = Emu(round(height * px_w / px_h))
    return part.new_pic_inline(io.BytesIO(data), width, height)


def column_chars(width_mm: float, size_pt: float) -> float:
    """How many Chinese characters of `size_pt` fit on one line of a column."""
    return max((width_mm - 2 * CELL_MARGIN_MM) / (size_pt * MM_PER_PT), 1.0)


@lru_cache(maxsize=8192)  # 履职档案: the same meeting titles for hundreds of members
def text_lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines `text` takes in a column (ASCII counts 0.6: substituted fonts set digits wider
    than half a character; line breaks start a line)."""
    chars = column_chars(width_mm, size_pt)
    return sum(
        max(1, math.ceil(sum(0.6 if ord(c) < 0x2000 else 1.0 for c in line) / chars))
        for line in printable(text).split("\n")
    )


def estimate_height(
    rows: Sequence[Sequence[Value]],
    widths_mm: Sequence[float],
    size_pt: float,
    table_width_mm: float = 156.0,
) -> float:
    """Points a table of these rows takes, at the builder's exact line height.

    The widths are scaled to `table_width_mm` (the type area) as the builder
    does; a short row's last cell spans the rest. A little on the high side.
    """
    scale = table_width_mm / sum(widths_mm)
    widths_mm = [w * scale for w in widths_mm]
    line = size_pt * LINE_FACTOR
    total = 0.0
    for values in rows:
        lines, column = 1, 0
        for i, value in enumerate(values):
            spec = value if isinstance(value, CellSpec) else CellSpec(str(value))
            span = len(widths_mm) - column if i == len(values) - 1 else spec.span
            width = sum(widths_mm[column : column + span])
            lines = max(lines, text_lines(spec.text, width, size_pt))
            column += span
        total += lines * line + 1.0  # borders
    return total
