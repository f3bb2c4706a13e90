"""Type and measures of GB/T 9704-2012 (党政机关公文格式) shared by the Word builder's parts.

Chinese fonts are named in w:rFonts/@w:eastAsia: python-docx's Font.name only
sets the Latin slots, and a theme attribute (w:eastAsiaTheme) would win over a
named font, so both are handled here. Offices' PCs substitute fonts they lack.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from copy import deepcopy
from functools import wraps
from typing import TypeVar

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from app.common.text import document_day as chinese_date  # noqa: F401 - the builder's name
from app.common.text import printable

XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

SIZE_2 = Pt(22)  # 2号: title
SIZE_3 = Pt(16)  # 3号: body
SIZE_4 = Pt(14)  # 4号: page numbers, 抄送, tables
SIZE_SMALL_4 = Pt(12)  # 小4号: dense tables
SIZE_5 = Pt(10.5)  # 5号: forms and long tables

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


def chars(count: float, size: Length = SIZE_3) -> Length:
    """The width of `count` characters of the given size (an indent of 两字 is chars(2))."""
    return Pt(size.pt * count)


def text_width(text: str) -> float:
    """Width in Chinese characters: ASCII (half-width) counts a half."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)


def balanced_title_lines(title: str, max_width: float = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into lines of near-equal width (梯形), never inside a number,
    and where a phrase ends if one is near (GB/T 9704: 回行时要做到词意完整)."""
    if text_width(title) <= max_width:
        return [title]
    count = math.ceil(text_width(title) / max_width)
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        cut = _title_cut(rest, remaining, max_width)
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return lines


_NO_LINE_START = "，。、；：？！”’）》〉」』"
_NO_LINE_END = "“‘（《〈「『"
# A phrase is whole where a line ends after these, or starts with these.
_PHRASE_ENDS = "：，、；）》”"
_PHRASE_STARTS = ("“", "（", "《", "的", "和", "与", "及", "暨", "关于", "第")
# Words of CPPCC documents a title line should not split (no dictionary ships with the
# program; these are the words its own titles are made of).
_WORDS = (
    "常务委员会", "委员会", "全体会议", "主席会议", "协商会", "座谈会", "会议", "通知", "通报",
    "意见", "报告", "决定", "提案", "委员", "政协", "专题", "协商", "调研",
    "视察", "签到表", "名单", "议程", "纪要", "人员", "工作", "情况", "年度",
    "履职", "五个一", "建议", "召开", "开展", "加强", "推进", "农村", "牧区",
    "城乡", "环境", "整治", "建设", "发展", "社会", "经济", "教育", "民生",
    "生态", "保护", "治理", "人居环境", "参会人员", "新时代", "人民政协",
)  # fmt: skip
_PHRASE_REACH = 5  # characters a break may move from the balanced place to end a phrase
_OTHER_BREAK = 2.0  # what a break that is no phrase's end costs, in characters of imbalance
_IN_A_WORD = 6.0  # ... and one inside a known word


def _title_cut(rest: str, remaining: int, max_width: float) -> int:
    """Where the next line ends: near the balanced place, best at a phrase's end."""
    target = text_width(rest) / remaining
    balanced = _break_point(rest, _balanced_cut(rest, target))
    best, best_cost = balanced, math.inf
    for cut in range(balanced - _PHRASE_REACH, balanced + _PHRASE_REACH + 1):
        if not 0 < cut < len(rest) or not _may_break(rest, cut):
            continue
        line, after = text_width(rest[:cut]), text_width(rest[cut:])
        if line > max_width or after > (remaining - 1) * max_width:
            continue
        cost = abs(line - target) + _break_cost(rest, cut)
        if cost < best_cost:
            best, best_cost = cut, cost
    return best


def _break_cost(text: str, cut: int) -> float:
    if text[cut - 1] in _PHRASE_ENDS or text.startswith(_PHRASE_STARTS, cut):
        return 0.0
    for word in _WORDS:
        start = text.find(word, max(0, cut - len(word) + 1))
        if 0 <= start < cut < start + len(word):
            return _IN_A_WORD
    return _OTHER_BREAK


def _balanced_cut(rest: str, target: float) -> int:
    cut, width = 0, 0.0
    while cut < len(rest) and width + text_width(rest[cut]) / 2 < target:
        width += text_width(rest[cut])
        cut += 1
    return cut


def _may_break(text: str, cut: int) -> bool:
    return not (
        (text[cut - 1].isascii() and text[cut].isascii())
        or text[cut] in _NO_LINE_START
        or text[cut - 1] in _NO_LINE_END
    )


def _break_point(text: str, cut: int) -> int:
    """Move a break out of a number or word, and keep punctuation where it belongs."""
    while 0 < cut < len(text) and text[cut - 1].isascii() and text[cut].isascii():
        cut -= 1
    while 0 < cut < len(text) and (text[cut] in _NO_LINE_START or text[cut - 1] in _NO_LINE_END):
        cut += 1 if text[cut] in _NO_LINE_START else -1
    return cut if 0 < cut < len(text) else len(text) // 2


_Made = TypeVar("_Made")


def _per_thread(make: Callable[..., _Made]) -> Callable[..., _Made]:
    """`make`'s results kept per thread and per (positional) arguments: lxml's trees are
    safest used by the thread that made them, and documents are built on worker threads
    that end. A handful of looks per thread."""
    local = threading.local()

    @wraps(make)
    def cached(*args: object) -> _Made:
        made: dict[tuple[object, ...], _Made] = local.__dict__.setdefault("made", {})
        if args not in made:
            made[args] = make(*args)
        return made[args]

    return cached


def add_text(
    paragraph: Paragraph,
    text: str,
    font: str = FANGSONG,
    size: Length | None = SIZE_3,
    bold: bool = False,
    condense: int = 0,
) -> Run:
    """A run of text in the named font. Every run of the builder comes through here:
    characters XML cannot hold are dropped, so one bad value never stops a document."""
    run = paragraph.add_run(printable(text))
    # A copy of the properties made once per look: python-docx's setters look for each
    # child's place in order, a large part of a whole county's 履职档案 (565 members).
    run._r.insert(0, deepcopy(_run_properties(font, size, bold, condense)))
    return run


@_per_thread
def paragraph_properties(
    align: WD_ALIGN_PARAGRAPH | None,
    line_spacing: Length | None = None,
    first_line_indent: Length | None = None,
    keep_with_next: bool | None = None,
    page_break_before: bool | None = None,
) -> BaseOxmlElement | None:
    """The w:pPr python-docx writes for these settings (None: no pPr), made once per look;
    never changed (the builder copies it into each paragraph, as add_text does w:rPr)."""
    paragraph = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if line_spacing is not None:
        fmt.line_spacing = line_spacing
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next
    if page_break_before is not None:
        fmt.page_break_before = page_break_before
    return paragraph._p.pPr


@_per_thread
def _run_properties(name: str, size: Length | None, bold: bool, condense: int) -> BaseOxmlElement:
    """The w:rPr set_run_font gives a run; never changed (add_text copies it)."""
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
    set_run_font(run, name, size, bold, condense)
    return run._r.rPr


def set_run_font(
    run: Run, name: str, size: Length | None = None, bold: bool = False, condense: int = 0
) -> None:
    """Name the font in every slot, the East Asian one included."""
    run.font.bold = bold
    if size is not None:
        run.font.size = size
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, name)
    if condense:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(condense))
        insert_in_order(rpr, spacing)


# Children of w:rPr and w:pPr in the order of the schema (python-docx keeps its own lists private).
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def insert_in_order(parent: OxmlElement, child: OxmlElement) -> None:
    """Add a w:rPr or w:pPr child where the schema wants it: Word refuses a file
    whose properties are out of order."""
    order = _RPR_ORDER if parent.tag == qn("w:rPr") else _PPR_ORDER
    name = child.tag.rsplit("}", 1)[-1]
    later = order[order.index(name) + 1 :] if name in order else []
    parent.insert_element_before(child, *(f"w:{t}" for t in later))


def set_fonts(rpr: OxmlElement, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
