"""参会人员名单 drawn for the printer: the title, date and place, then each group
(出席领导, 政协领导, 政协委员 以姓氏笔画为序, 列席单位 …) with its count; leaders
and guests one a line with their unit and title, members' names in columns.

A heading never stays alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.common.text import chinese_number
from app.consultation.printouts.materials import AttendeeList, NameGroup, padded_name
from ui.consultation.printing.canvas import (
    A4_PORTRAIT,
    CENTRE,
    FANG,
    HEI,
    LEFT,
    SONG,
    WRAP,
    Canvas,
    font,
)

PAGE = A4_PORTRAIT
LEFT_MARGIN = 28.0
WIDTH = 156.0  # the type area of an official document
TOP = 30.0
BOTTOM = PAGE.height - 25.0
NAMES_PER_LINE = 5
LINE = 9.5  # a line of 15 pt names, with air
BODY_PT = 15


@dataclass(frozen=True)
class Block:
    """Something drawn as a whole at some height; a heading is kept with what follows."""

    height: float
    draw: Callable[[float], None]
    keep_with_next: bool = False


def draw_attendee_list(canvas: Canvas, names: AttendeeList) -> int:
    """Draw the list; returns the number of pages."""
    blocks = _title_blocks(canvas, names)
    if not names.groups:
        blocks.append(_paragraph(canvas, names.empty_note))
    for number, group in enumerate(names.groups, start=1):
        blocks += _group_blocks(canvas, number, group)
    pages = _paginate(blocks)
    for number, page in enumerate(pages, start=1):
        if number > 1:
            canvas.next_page()
        y = TOP
        for block in page:
            block.draw(y)
            y += block.height
        canvas.text((LEFT_MARGIN, PAGE.height - 18, WIDTH, 6), f"— {number} —", font(SONG, 12))
    return len(pages)


def _paginate(blocks: list[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    y = TOP
    for index, block in enumerate(blocks):
        needed = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            needed += blocks[index + 1].height
        if y + needed > BOTTOM and pages[-1]:
            pages.append([])
            y = TOP
        pages[-1].append(block)
        y += block.height
    return pages


def _title_blocks(canvas: Canvas, names: AttendeeList) -> list[Block]:
    title, subtitle = font(SONG, 20, bold=True), font(FANG, 14)
    title_height = canvas.text_height(names.title, title, WIDTH) + 3
    subtitle_height = canvas.text_height(names.subtitle, subtitle, WIDTH) + 8

    def draw_title(y: float) -> None:
        canvas.text((LEFT_MARGIN, y, WIDTH, title_height - 3), names.title, title, CENTRE | WRAP)

    def draw_subtitle(y: float) -> None:
        box = (LEFT_MARGIN, y, WIDTH, subtitle_height - 8)
        canvas.text(box, names.subtitle, subtitle, CENTRE | WRAP)

    return [
        Block(title_height, draw_title, keep_with_next=True),
        Block(subtitle_height, draw_subtitle, keep_with_next=True),
    ]


def _group_blocks(canvas: Canvas, number: int, group: NameGroup) -> list[Block]:
    heading = f"{chinese_number(number)}、{group.full_heading}"

    def draw_heading(y: float) -> None:
        canvas.text((LEFT_MARGIN, y, WIDTH, LINE), heading, font(HEI, BODY_PT), LEFT)

    blocks = [Block(LINE + 1, draw_heading, keep_with_next=True)]
    if group.with_details:
        for entry in group.entries:
            detail = f"　{entry.detail}" if entry.detail else ""
            blocks.append(_paragraph(canvas, f"{padded_name(entry.name)}{detail}", indent=True))
    else:
        names = [padded_name(e.name) for e in group.entries]
        for start in range(0, len(names), NAMES_PER_LINE):
            blocks.append(_name_line(canvas, names[start : start + NAMES_PER_LINE]))
    blocks.append(Block(3.0, lambda _y: None))
    return blocks


def _paragraph(canvas: Canvas, text: str, indent: bool = False) -> Block:
    body = font(FANG, BODY_PT)
    left = LEFT_MARGIN + (10.0 if indent else 0.0)
    width = WIDTH - (left - LEFT_MARGIN)
    height = max(LINE, canvas.text_height(text, body, width) + 3)

    def draw(y: float) -> None:
        canvas.text((left, y, width, height), text, body, LEFT | WRAP)

    return Block(height, draw)


def _name_line(canvas: Canvas, names: list[str]) -> Block:
    column = WIDTH / NAMES_PER_LINE

    def draw(y: float) -> None:
        for index, name in enumerate(names):
            box = (LEFT_MARGIN + index * column, y, column, LINE)
            canvas.text(box, name, canvas.fitting(name, font(FANG, BODY_PT), column - 1))

    return Block(LINE, draw)
