"""Ruled tables for the official Word builder, written as WordprocessingML text.

python-docx's cell-by-cell API takes ~30 ms a table, too slow for a file of 200
members, so a table is one piece of XML. Every text goes through `printable`
(what XML cannot hold is dropped); a line break in a value starts a new line in
its cell. `estimate_height` guesses how tall a table prints, for layouts that
must fit a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.shared import Length

from app.common.text import printable

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
    builder fills it in); `bold`/`centred` override the column's setting.
    """

    text: str = ""
    merge: str | None = None
    picture: bool = False
    bold: bool | None = None
    centred: bool | None = None


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
        count = len(values)
        cells = "".join(
            self.cell(
                value if isinstance(value, CellSpec) else CellSpec(str(value)),
                sum(widths[column:]) if column == count - 1 else widths[column],
                column,
                is_header,
                span=len(widths) - column if column == count - 1 else 1,
            )
            for column, value in enumerate(values)
        )
        return f"<w:tr>{head}{cells}</w:tr>"

    def cell(self, spec: CellSpec, width: int, column: int, is_header: bool, span: int = 1) -> str:
        font = HEITI if is_header else FANGSONG
        centred = spec.centred if spec.centred is not None else column in self.centred
        align = "center" if is_header or centred else "left"
        bold = spec.bold if spec.bold is not None else column in self.bold and not is_header
        merge = {"start": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(
            spec.merge or "", ""
        )
        runs = "" if spec.merge == "continue" else self.runs(spec.text, font, bold)
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            + merge
            + '<w:vAlign w:val="center"/>'
            f'</w:tcPr><w:p><w:pPr><w:spacing w:line="{self.line}" w:lineRule="exact"/>'
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


def column_chars(width_mm: float, size_pt: float) -> float:
    """How many Chinese characters of `size_pt` fit on one line of a column."""
    return max((width_mm - 2 * CELL_MARGIN_MM) / (size_pt * MM_PER_PT), 1.0)


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
        lines = 1
        for column, value in enumerate(values):
            text = value.text if isinstance(value, CellSpec) else str(value)
            last = column == len(values) - 1
            width = sum(widths_mm[column:]) if last else widths_mm[column]
            lines = max(lines, text_lines(text, width, size_pt))
        total += lines * line + 1.0  # borders
    return total
