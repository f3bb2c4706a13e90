"""座签 drawn for the printer: one A4 landscape page per card, folded along the
middle into a tent. The name is printed on both halves, the upper copy turned
180° so that it reads the right way up from both sides of the table.

Sizes follow app.consultation.printouts.table_cards (the Word file): two- and three-
character names 120 pt, four 100 pt, longer ones smaller, bold 黑体; a
leader's card may carry the title, nearer the fold. Here the size is also
checked against the font actually printed with, so a name never runs off the
page.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.consultation.printouts.materials import NOBODY, TableCard
from app.consultation.printouts.table_cards import card_text, name_size, title_size
from ui.consultation.printing.canvas import A4_LANDSCAPE, CENTRE, HEI, WRAP, Canvas, font

PAGE = A4_LANDSCAPE
FOLD = PAGE.height / 2
SIDE = 12.0  # the name keeps this far from the paper's edges
EDGE = 8.0  # where the fold line starts and ends
TITLE_GAP = 6.0
SMALLEST_NAME = 36.0  # pt: a very long name still reads across the room


def draw_table_cards(canvas: Canvas, cards: Sequence[TableCard], nobody: str = NOBODY) -> int:
    """Draw every card, one per page (with none, why: `nobody`); returns the number of pages."""
    if not cards:
        canvas.text((SIDE, 0, PAGE.width - 2 * SIDE, PAGE.height), nobody, font(HEI, 28), CENTRE)
        return 1
    for number, card in enumerate(cards):
        if number:
            canvas.next_page()
        canvas.line((EDGE, FOLD), (PAGE.width - EDGE, FOLD), 0.2, "#bfbfbf", dashed=True)
        _face(canvas, card)
        with canvas.turned(PAGE):
            _face(canvas, card)
    return len(cards)


def name_font_size(canvas: Canvas, name: str) -> float:
    """The card's point size for a name: the Word file's, smaller if this font needs it."""
    text = card_text(name)
    chosen = font(HEI, name_size(text), bold=True)
    return canvas.fitting(text, chosen, PAGE.width - 2 * SIDE, SMALLEST_NAME).pointSizeF()


def _face(canvas: Canvas, card: TableCard) -> None:
    """The lower half: the title (if any) next to the fold, the name centred below it."""
    text = card_text(card.name)
    name = font(HEI, name_font_size(canvas, card.name), bold=True)
    above, below = canvas.glyph_height(text, name)
    width = PAGE.width - 2 * SIDE
    title_height = 0.0
    if card.title:
        title = font(HEI, title_size(card.title))  # as the Word file: shrunk to fit
        title_height = canvas.text_height(card.title, title, width) + TITLE_GAP
    total = title_height + above + below
    top = FOLD + (FOLD - total) / 2
    if card.title:
        canvas.text((SIDE, top, width, title_height - TITLE_GAP), card.title, title, CENTRE | WRAP)
    x = (PAGE.width - canvas.text_width(text, name)) / 2
    canvas.text_on_baseline(x, top + title_height + above, text, name)
