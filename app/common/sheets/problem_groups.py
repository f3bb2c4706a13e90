"""The same problem on many rows, said once: one line per sheet, column and problem.

300 rows with an unreadable 日期 would list the same message 300 times; the clerk
reads one line, with the first rows and the count: 第5、6、7…行等共 300 行. Every row
stays named (rows_text gives them all, as ranges) and nothing about the all-or-nothing
rule changes: the groups only present the RowErrors the import already found.

Problems are the same when their reasons differ only in the values they quote
(“上午”不是可识别的日期, “下午”不是可识别的日期) or in numbers taken from the cell
(案由过长（312字…）); row numbers (与第7行重复) always tell problems apart. Only
what the cells hold, quoted values and dates, is listed in the shared line: a bare
number is worked out for each row (校验位错误（最后一位应为 2）, 312字), and “应为 2、6”
would read as one number with two right endings; such a group says the first row's
reason for all, and each row's own stays in the breakdown (the tooltip, the copy).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the reader names hidden rows with rows_text
    from app.common.sheets.reader import RowError

SHOWN_ROWS = 3  # row numbers written out before 等共 N 行
SHOWN_VALUES = 3  # values quoted before 等
MAX_RANGES = 200  # rows_text of a group of scattered rows stops there
TABLE_HEADING = "错误清单（工作表 / 行 / 列 / 原因；相同的问题合并为一行）："
# What a reason takes from the cell: a quoted value (“上午”) or a number (312字,
# 2026-06-01), but not a row number (第7行), which tells problems apart.
_SLOT = re.compile(r"“[^“”]*”|(?<![第\d.\-/:])\d+(?:[-./:]\d+)*(?![\d行]|[-./:]\d)")


@dataclass(frozen=True)
class ProblemGroup:
    """One problem on one column of one sheet, and every row that has it."""

    sheet: str
    column: str  # the header as written in the file; "" for the whole row
    letter: str
    rows: tuple[int, ...]  # ascending, each once
    reason: str  # the shared reason, the values that differ listed
    errors: tuple[RowError, ...]
    # When the rows differ in what they say: each value (or reason) with its rows.
    parts: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def column_text(self) -> str:
        """“日期”列（D列）, or "" for the whole row."""
        if not self.column:
            return ""
        return f"“{self.column}”列" + (f"（{self.letter}列）" if self.letter else "")

    def rows_brief(self, shown: int = SHOWN_ROWS) -> str:
        """第5行 · 第5、6行 · 第5、6、7…行等共 300 行."""
        first = "、".join(str(n) for n in self.rows[:shown])
        if self.count <= shown:
            return f"第{first}行"
        return f"第{first}…行等共 {self.count} 行"

    @property
    def truncated(self) -> bool:
        return self.count > SHOWN_ROWS

    def rows_text(self) -> str:
        """Every row, consecutive ones as ranges: 第5至304、310行."""
        return rows_text(self.rows)

    def __str__(self) -> str:
        return f"工作表“{self.sheet}”{self.rows_brief()}{self.column_text}：{self.reason}"

    def full_text(self) -> str:
        """As str(), with every row named (第5至304行): for the clipboard."""
        return f"工作表“{self.sheet}”{self.rows_text()}{self.column_text}：{self.reason}"

    def exact(self) -> list[tuple[str, tuple[int, ...]]]:
        """Each reason as the rows give it, with its rows: nothing summarised."""
        rows: dict[str, set[int]] = {}
        for error in self.errors:
            rows.setdefault(error.reason, set()).add(error.row)
        return [(reason, tuple(sorted(found))) for reason, found in rows.items()]

    def breakdown(self, limit: int) -> list[str]:
        """“钱老”：第6、12行 — which rows say what, when they differ; at most `limit`
        lines and one saying how many more."""
        lines = [f"{label}：{rows_text(rows)}" for label, rows in self.parts[:limit]]
        if len(self.parts) > limit:
            lines.append(f"……另有 {len(self.parts) - limit} 种")
        return lines


def group_problems(errors: Iterable[RowError]) -> tuple[ProblemGroup, ...]:
    """The errors (or warnings) grouped, as the clerk reads the file: sheet by sheet in
    the order they first appear, then by first row, left to right."""
    found: dict[tuple[str, str, str, str], list[RowError]] = {}
    sheets: dict[str, int] = {}
    for error in errors:
        sheets.setdefault(error.sheet, len(sheets))
        key = (error.sheet, error.column, error.letter, _problem_key(error.reason))
        found.setdefault(key, []).append(error)
    groups = [_group(members) for members in found.values()]
    groups.sort(key=lambda g: (sheets[g.sheet], g.rows[0], len(g.letter), g.letter, g.column))
    return tuple(groups)


def rows_text(rows: Sequence[int], limit: int = MAX_RANGES) -> str:
    """第5至304、310行; past `limit` ranges: …等共 N 行."""
    ranges: list[str] = []
    start = previous = None
    for number in rows:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            ranges.append(_range(start, previous))
        start = previous = number
    if start is not None:
        ranges.append(_range(start, previous))
    if len(ranges) > limit:
        return f"第{'、'.join(ranges[:limit])}…行等共 {len(rows)} 行"
    return f"第{'、'.join(ranges)}行"


def table_lines(groups: Sequence[ProblemGroup], breakdown: int = 5) -> list[str]:
    """Tab-separated lines (sheet, rows, column, reason) for the command line; under a
    truncated group its every row, and which rows say what when they differ."""
    lines = []
    for group in groups:
        column = f"{group.column}（{group.letter}列）" if group.column else "整行"
        lines.append(f"  {group.sheet}\t{group.rows_brief()}\t{column}\t{group.reason}")
        if group.truncated:
            lines.append(f"    全部 {group.count} 行：{group.rows_text()}")
        lines += [f"    {line}" for line in group.breakdown(breakdown)]
    return lines


def _range(start: int, end: int | None) -> str:
    if end is None or end == start:
        return str(start)
    if end == start + 1:
        return f"{start}、{end}"
    return f"{start}至{end}"


def _problem_key(reason: str) -> str:
    return _SLOT.sub("#", reason)


def _from_cell(value: str) -> bool:
    """A quoted value or a date (2026-03-15, 9:30): read from a cell, not worked out."""
    return value.startswith("“") or not value.isdigit()


def _group(errors: list[RowError]) -> ProblemGroup:
    first = errors[0]
    rows = tuple(sorted({e.row for e in errors}))
    reason, parts = _shared_reason(errors)
    return ProblemGroup(first.sheet, first.column, first.letter, rows, reason, tuple(errors), parts)


def _shared_reason(errors: list[RowError]) -> tuple[str, tuple[tuple[str, tuple[int, ...]], ...]]:
    """The reason once, and which rows say what when they differ: as it is when all
    agree; with the values listed when one value the cells hold differs (“上午”“下午”
    等不是可识别的日期, 于 2026-03-15、2026-03-30 已不是委员); else the first row's
    reason, said to stand for the others."""
    by_reason: dict[str, list[int]] = {}
    for error in errors:
        by_reason.setdefault(error.reason, []).append(error.row)
    reasons = list(by_reason)
    first = reasons[0]
    if len(reasons) == 1:
        return first, ()
    slots = [_SLOT.findall(r) for r in reasons]
    varying = [i for i in range(len(slots[0])) if len({s[i] for s in slots}) > 1]
    if len(varying) != 1 or not all(_from_cell(s[varying[0]]) for s in slots):
        parts = tuple((r, tuple(sorted(set(by_reason[r])))) for r in reasons)
        return f"{first}（第{min(by_reason[first])}行；其余各行类似）", parts
    position = varying[0]
    by_value: dict[str, set[int]] = {}
    for reason, found in zip(reasons, slots, strict=True):
        by_value.setdefault(found[position], set()).update(by_reason[reason])
    values = list(by_value)
    joiner = "" if values[0].startswith("“") else "、"
    listed = joiner.join(values[:SHOWN_VALUES]) + ("等" if len(values) > SHOWN_VALUES else "")
    texts = _SLOT.split(first)
    out = [texts[0]]
    for i, text in enumerate(texts[1:]):
        out.append((listed if i == position else slots[0][i]) + text)
    return "".join(out), tuple((v, tuple(sorted(by_value[v]))) for v in values)
