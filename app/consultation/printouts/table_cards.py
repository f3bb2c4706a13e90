"""座签 (table name cards) as a Word file: one A4 landscape page per card.

The page is folded along its middle into a tent; each half carries the name,
the upper copy turned 180° so that the name reads the right way up from both
sides. Word has no 180° text direction (w:textDirection turns by 90° only),
so each line is a DrawingML shape anchored to the page, the upper ones with
rot="10800000" (180° in 60,000ths of a degree).

The shapes are WordArt with the “plain” warp (prstTxWarp textPlain: the text
fills its box), and each box has the text's own size. A plain text box would
do for Word and WPS, but LibreOffice turns a text box's frame, never its
text, by 180°; WordArt some versions draw as Fontwork, which turns with its
shape. LibreOffice 7.4 (Debian 12) still draws the upper copy upright: there,
print the cards from the program itself (打印 / PDF draws them with Qt).
WordArt text takes its colour from the run (w14:textFill, w:color). A VML
text box (rotation:180) is the fallback for word processors without
DrawingML. A dashed line marks the fold.

Sizes: 2–3 characters 120 pt, 4 characters 100 pt, longer names (少数民族
names with ·) shrink to fit the width; bold 黑体, with Windows fallbacks. The
title under a name is 28 pt, and shrinks to fit the width too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Emu, Mm, Pt

from app.common.documents import write_atomically
from app.common.documents.fonts import declare_fallbacks
from app.common.documents.official import HEITI, text_width
from app.consultation.printouts.materials import NOBODY, TableCard, padded_name

PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
SIDE = Mm(12)  # left and right margin of a name
EDGE = Mm(8)  # where the fold line starts and ends
BOX_WIDTH = Emu(PAGE_WIDTH - 2 * SIDE)  # the widest a name may be
NAME_PT = {1: 120, 2: 120, 3: 120, 4: 100}
TITLE_PT = 28
TITLE_GAP = Mm(5)
LINE_HEIGHT = 1.1  # a box's height per point of type: the glyphs' own height and a little
FIT = 0.9  # of the box width: room for the fonts' side bearings
CARD_FONT = HEITI
ROT_180 = 10_800_000  # DrawingML angles are in 60,000ths of a degree
SHAPE_NAMESPACES = (
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def name_size(name: str) -> int:
    """Points for a name: 120 for 2–3 characters, 100 for 4, smaller to fit beyond."""
    width = max(text_width(name), 1.0)
    fits = math.floor(BOX_WIDTH.pt * FIT / width)
    return min(NAME_PT.get(len(name), 100), fits)


def title_size(title: str) -> int:
    """Points for the line under a name: 28, smaller for a title too long for the card
    (a guest's full unit and post ran off both edges of the page)."""
    fits = math.floor(BOX_WIDTH.pt * FIT / max(text_width(title), 1.0))
    return min(TITLE_PT, fits)


def card_text(name: str) -> str:
    """What a card prints: two-character names spaced out (王　伟)."""
    return padded_name(name)


def write_table_cards(
    cards: Sequence[TableCard], path: Path, title: str = "座签", nobody: str = NOBODY
) -> Path:
    """One page per card; with no cards, one page saying why (`nobody`)."""
    document = Document()
    declare_fallbacks(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(10))
    document.core_properties.title = title
    body = document.element.body
    paragraphs = [_card_paragraph(card, i) for i, card in enumerate(cards)]
    if not paragraphs:
        paragraphs = [_nobody_paragraph(nobody)]
    for paragraph in paragraphs:
        body.sectPr.addprevious(paragraph)
    return write_atomically(Path(path), lambda temp: document.save(str(temp)))


@dataclass(frozen=True)
class Box:
    """A text box on the page, in EMU from the page's top left corner."""

    x: int
    y: int
    width: int
    height: int

    def turned(self) -> Box:
        """The same box turned 180° about the page's centre (the card's other face)."""
        return Box(
            PAGE_WIDTH - self.x - self.width,
            PAGE_HEIGHT - self.y - self.height,
            self.width,
            self.height,
        )


def face_boxes(card: TableCard) -> list[tuple[str, int, bool, Box]]:
    """(text, size in pt, bold, box) of the lower face: the title nearest the fold, then the name.

    Each box has the text's own proportions: the text is stretched to its box
    (see the module note), so a box of the text's size keeps its shape.
    """
    text = card_text(card.name)
    size = name_size(text)
    lines = [(text, size, True)]
    if card.title:
        lines.insert(0, (card.title, title_size(card.title), False))
    heights = [round(Pt(pt * LINE_HEIGHT)) for _, pt, _ in lines]
    total = sum(heights) + TITLE_GAP * (len(lines) - 1)
    y = PAGE_HEIGHT // 2 + (PAGE_HEIGHT // 2 - total) // 2
    boxes = []
    for (line, pt, bold), height in zip(lines, heights, strict=True):
        width = round(Pt(pt * text_width(line)))
        boxes.append((line, pt, bold, Box((PAGE_WIDTH - width) // 2, y, width, height)))
        y += height + TITLE_GAP
    return boxes


def _card_paragraph(card: TableCard, index: int):  # type: ignore[no-untyped-def]
    shapes = []
    shape_id = index * 10 + 1
    for line, pt, bold, box in face_boxes(card):
        shapes.append(_text_shape(line, pt, bold, box.turned(), True, shape_id))
        shapes.append(_text_shape(line, pt, bold, box, False, shape_id + 1))
        shape_id += 2
    shapes.append(_fold_line(shape_id))
    page_break = "<w:pageBreakBefore/>" if index else ""
    return parse_xml(
        f"<w:p {nsdecls('w', 'wp', 'a')} {SHAPE_NAMESPACES}>"
        f'<w:pPr>{page_break}<w:spacing w:before="0" w:after="0"/></w:pPr>{"".join(shapes)}</w:p>'
    )


def _nobody_paragraph(nobody: str):  # type: ignore[no-untyped-def]
    return parse_xml(
        f'<w:p {nsdecls("w")} {SHAPE_NAMESPACES}><w:pPr><w:jc w:val="center"/></w:pPr>'
        f"<w:r>{_run_properties(28, bold=False)}<w:t>{escape(nobody)}</w:t></w:r></w:p>"
    )


def _run_properties(size_pt: int, bold: bool = True) -> str:
    fonts = "".join(f' w:{slot}="{CARD_FONT}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
    weight = "<w:b/><w:bCs/>" if bold else ""
    half = size_pt * 2
    # Black named twice: WordArt text takes its fill from w14:textFill (Word) or the colour.
    return (
        f'<w:rPr><w:rFonts{fonts}/>{weight}<w:color w:val="000000"/>'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        '<w14:textFill><w14:solidFill><w14:srgbClr w14:val="000000"/></w14:solidFill>'
        "</w14:textFill></w:rPr>"
    )


def _box_content(text: str, size: int, bold: bool) -> str:
    return (
        '<w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
        '<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r>{_run_properties(size, bold)}<w:t>{escape(text)}</w:t></w:r></w:p></w:txbxContent>"
    )


def _text_shape(text: str, size: int, bold: bool, box: Box, rotated: bool, shape_id: int) -> str:
    """WordArt (“plain” warp, the text filling its box) in a page-anchored shape; VML fallback."""
    content = _box_content(text, size, bold)
    rot = f' rot="{ROT_180}"' if rotated else ""
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{shape_id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{box.x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{box.y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{box.width}" cy="{box.height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="座签{shape_id}"/><wp:cNvGraphicFramePr/>'
        "<a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        "<wps:cNvSpPr/><wps:spPr>"
        f'<a:xfrm{rot}><a:off x="0" y="0"/><a:ext cx="{box.width}" cy="{box.height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        f"</wps:spPr><wps:txbx>{content}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="ctr" anchorCtr="0" fromWordArt="1">'
        '<a:prstTxWarp prst="textPlain"><a:avLst/></a:prstTxWarp><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    style = (
        f"position:absolute;margin-left:{Emu(box.x).pt:.1f}pt;margin-top:{Emu(box.y).pt:.1f}pt;"
        f"width:{Emu(box.width).pt:.1f}pt;height:{Emu(box.height).pt:.1f}pt;z-index:{shape_id};"
        + ("rotation:180;" if rotated else "")
        + "mso-position-horizontal-relative:page;mso-position-vertical-relative:page;"
        "v-text-anchor:middle"
    )
    pict = (
        f'<w:pict><v:shape id="card{shape_id}" type="#_x0000_t202" style="{style}" '
        f'filled="f" stroked="f"><v:textbox inset="0,0,0,0">{content}</v:textbox>'
        "</v:shape></w:pict>"
    )
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{drawing}</mc:Choice><mc:Fallback>{pict}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _fold_line(shape_id: int) -> str:
    """A light dashed line where the card is folded."""
    middle, length = PAGE_HEIGHT // 2, PAGE_WIDTH - 2 * EDGE
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{shape_id}" behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{EDGE}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{middle}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{length}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="折线{shape_id}"/><wp:cNvGraphicFramePr/>'
        "<a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        "<wps:cNvCnPr/><wps:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{length}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill>'
        '<a:prstDash val="dash"/></a:ln></wps:spPr><wps:bodyPr/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice><mc:Fallback/></mc:AlternateContent></w:r>"
    )
