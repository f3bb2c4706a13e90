"""What a row under a table's header is: data, or a note, a heading, a total, a blank row
or the header repeated on a printed page. Used by app.common.sheets.reader."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.common.sheets.reader import SheetTable

# Rows under (or in) a table that are not data: 注：以姓氏笔画为序。制表人：… 一、中共界别
_NOTE = re.compile(
    r"^(?:(?:注|说明|备注|附注|填表说明)\s*\d*\s*[：:]|(?:制表|填表|填报|审核)"
    r"|[*※]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
# A section heading is not a footnote: rows under it (a name alone) are still data.
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
# A total row: 合计 (under 序号) beside counts only (30人 under 姓名, 28 under 出席).
_TOTAL = re.compile(r"^(?:合计|总计|共计|小计)\s*[：:]?$")
_TOTAL_TEXT = re.compile(r"^(?:合计|总计|共计|小计)")  # 小计：2人, 合计30人，其中女12人
# The table's title again on a later page: 示范县政协委员名单（续）, 履职登记表（第2页）.
_TITLE = re.compile(
    r"(?:名单|名册|一览表|登记表|统计表|汇总表|情况表|明细表|续表|[（(]续[)）]"
    r"|[（(]第?[一二三四五六七八九十\d]+页[)）])\s*$"
)
_COUNT = re.compile(r"^[共计]?\s*\d+\s*[人名个项次条件]{0,2}$")


def row_kind(table: SheetTable, values: tuple, in_notes: bool) -> str:
    """data, blank, note (footnotes, signatures), heading (一、中共界别), total (小计, 合计),
    title or header (both repeated on a printed page).

    A note starts the notes: a single cell under it is the note's next line. A heading
    does not: a name alone under 一、中共界别 is a member. Nor does a total: a 小计 closes
    one section of a roster, and the names under the next heading are members.

    Runs once per row of big files: list.count and plain loops, no generators.
    """
    width = len(values)
    mapped = [values[c.index] for c in table.columns if c.index < width]
    if mapped.count(None) == len(mapped):
        return "blank"
    filled = width - values.count(None)
    first = next(v for v in values if v is not None)
    required = [
        values[c.index] for c in table.columns if c.field in table.required and c.index < width
    ]
    # The note itself may stand in a required column (合计 under 姓名, a count under 情况).
    required_empty = required.count(None) >= len(required) - (first in required)
    if isinstance(first, str) and (filled == 1 or required_empty):
        if _TOTAL_TEXT.match(first):
            return "total"
        if filled == 1 and _TITLE.search(first) and _leftmost(table, values):
            return "title"
        if _NOTE.match(first):
            return "heading" if _HEADING.match(first) else "note"
    if in_notes and filled == 1:
        return "note"  # the second line of a footnote
    if isinstance(first, str) and _TOTAL.match(first.strip()) and _counts_only(values, first):
        return "total"
    if any(
        values[c.index] == c.header
        for c in table.columns
        if c.field in table.required and c.index < width
    ):
        headers = sum(1 for c in table.columns if c.index < width and values[c.index] == c.header)
        if headers >= 2:
            return "header"  # repeated on every printed page
    return "data"


def _counts_only(values: tuple, label: str) -> bool:
    """Every filled cell but the 合计 label is a count (30, 30人, 共30人)."""
    for value in values:
        if value is None or value == label:
            continue
        if isinstance(value, bool) or not (
            isinstance(value, int | float) or _COUNT.match(str(value).strip())
        ):
            return False
    return True


def _leftmost(table: SheetTable, values: tuple) -> bool:
    """The row's one value stands left of the table or in its first column, as a title."""
    position = next(i for i, value in enumerate(values) if value is not None)
    return position <= min(column.index for column in table.columns)
