"""Date cells whose number format shows only the year and month (2023年5月).

A clerk in Chinese Excel types 2023年5月 into a cell: Excel keeps the day number of
2023-05-01 and the format yyyy"年"m"月", and calamine hands over the date. Read so,
the imports would store the 1st of the month, while the same text typed as text is
known to be month-only (values.parse_date) and refused or settled by their rules.
So the scans note which cells carry such a format (xlsx and xls: the style's number
format; ods: a date style without a day), and workbook reads those cells as the text
2023年5月. Anything the scans cannot make sense of (no styles part, a damaged one,
more styles or cells than the caps below) falls back to reading the date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from app.common.sheets.guards import (
    MAX_MONTH_CELLS,
    MAX_STYLES,
    SheetFileProblem,
    expat_parser,
    parse_xml,
)

log = logging.getLogger(__name__)

# Built-in number formats, implied by their id (ECMA-376 18.8.30; ids 27-36 and 50-58 as
# Chinese (zh-cn) Excel reads them): 17 mmm-yy; 27, 36, 50, 52 and 57 yyyy"年"m"月".
# 28/29/51/53/54/58 are m"月"d"日", 31 yyyy"年"m"月"d"日", 32-35 and 55-56 times of day.
BUILT_IN_MONTH_IDS = frozenset({17, 27, 36, 50, 52, 57})

_TIME_MARKERS = ("am/pm", "a/p", "上午/下午")


def first_section(code: str) -> str:
    """The part of a format for positive numbers: up to the first ; outside quotes."""
    quoted = escaped = False
    for i, char in enumerate(code):
        if escaped:
            escaped = False
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "\\_*!":  # the next character is a literal, a padding or a fill
            escaped = True
        elif char == ";":
            return code[:i]
    return code


def _tokens(section: str) -> str:
    """The format's letters, lower-case, without literals, escapes and [..] sections.

    [h], [mm] and [ss] (elapsed time) come out as h: they are times, whatever the letter.
    """
    out: list[str] = []
    i, size = 0, len(section)
    while i < size:
        char = section[i]
        if char == '"':
            end = section.find('"', i + 1)
            i = size if end < 0 else end + 1
            continue
        if char in "\\_*!":
            i += 2
            continue
        if char == "[":
            end = section.find("]", i + 1)
            inner = section[i + 1 : size if end < 0 else end].lower()
            if inner and set(inner) <= set("hms"):
                out.append("h")
            i = size if end < 0 else end + 1
            continue
        out.append(char.lower())
        i += 1
    return "".join(out)


def shows_year_and_month(code: str) -> bool:
    """True for formats that show a year and a month and nothing finer (yyyy"年"m"月",
    yyyy-mm, mmm-yy, [$-804]yyyy"年"m"月";@); False for days, times, numbers, text."""
    tokens = _tokens(first_section(code))
    if any(marker in tokens for marker in _TIME_MARKERS):
        return False
    if any(letter in tokens for letter in "dhsa"):  # a: aaa/aaaa, the day of the week
        return False
    # m next to h or s would be minutes, but h and s are out already: every m is a month.
    return "m" in tokens and ("y" in tokens or "e" in tokens.replace("e+", "").replace("e-", ""))


class MonthShown(str):
    """A month-formatted date cell's text (2023年5月), with the date the cell holds:
    a whole day (2023-05-12) typed into a column formatted by month is there, unseen."""

    held: date


def month_text(day: date) -> MonthShown:
    """The cell as the clerk typed it, in the form values.parse_date reads as month-only."""
    shown = MonthShown(f"{day.year}年{day.month}月")
    shown.held = day.date() if isinstance(day, datetime) else day
    return shown


_SHOW_DAYS = "请选中这一列，把单元格格式改为显示年月日的日期（如 2025/3/12）后再导入"


def hidden_day(value: object) -> date | None:
    """The day other than the 1st that a month-formatted cell holds unseen."""
    if isinstance(value, MonthShown) and value.held.day != 1:
        return value.held
    return None


def hidden_day_problem(value: object, what: str = "") -> str | None:
    """For an import that needs the day: the message for a month-formatted cell that
    holds a day other than the 1st (the clerk sees 2025年3月 and typed 2025-03-12)."""
    held = hidden_day(value)
    if held is None:
        return None
    shown = f"{what}单元格显示“{value}”，里面存的是 {held:%Y-%m-%d}"
    return f"{shown}：单元格格式只显示年月，{_SHOW_DAYS}"


def month_format_note(value: object) -> str:
    """A month-formatted cell holding the 1st: typed 2025年3月, or 2025-03-01 hidden by
    the format; the month-only message then says how to show a day that was typed."""
    if not isinstance(value, MonthShown):
        return ""
    return (
        "（这一格的格式只显示年月；如果写的是具体日期，"
        "请把这一列的单元格格式改为显示年月日后再导入）"
    )


class MonthCells:
    """Cells (row as Excel numbers it, column from 0) with a month-only format, by row.

    Stops noting past MAX_MONTH_CELLS: the sheet is then read as before (dates).
    """

    def __init__(self, sheet: str = "") -> None:
        self.sheet = sheet
        self.by_row: dict[int, set[int]] = {}
        self.count = 0
        self.overflow = False

    def add(self, row: int, column: int, rows: int = 1, columns: int = 1) -> None:
        if self.overflow:
            return
        self.count += rows * columns
        if self.count > MAX_MONTH_CELLS:
            log.warning("sheet %r: too many month-formatted cells, read as dates", self.sheet)
            self.overflow, self.by_row = True, {}
            return
        if rows == columns == 1:
            self.by_row.setdefault(row, set()).add(column)
            return
        for number in range(row, row + rows):
            self.by_row.setdefault(number, set()).update(range(column, column + columns))

    def result(self) -> dict[int, frozenset[int]]:
        return {row: frozenset(columns) for row, columns in self.by_row.items()}


# --- .xlsx: xl/styles.xml -------------------------------------------------------------------


class _Styles:
    def __init__(self) -> None:
        self.codes: dict[int, str] = {}  # custom formats by id
        self.cell_formats: list[int] = []  # numFmtId of each cellXfs/xf, in order
        self._in_cell_xfs = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag.rpartition(":")[2]
        if name == "numFmt":
            number = _int(attrs.get("numFmtId"))
            if number is not None:
                self.codes[number] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            self._in_cell_xfs = True
        elif name == "xf" and self._in_cell_xfs:
            if len(self.cell_formats) >= MAX_STYLES:
                raise _TooManyStyles()
            self.cell_formats.append(_int(attrs.get("numFmtId")) or 0)

    def end(self, tag: str) -> None:
        if tag.rpartition(":")[2] == "cellXfs":
            self._in_cell_xfs = False


class _TooManyStyles(Exception):
    pass


def month_styles(xml: bytes | None) -> frozenset[int]:
    """Indexes of the cell formats (a cell's s) that show only year and month.

    No styles part, a damaged one or too many styles: none (the dates read as before).
    """
    if not xml or b"cellXfs" not in xml:
        return frozenset()
    styles = _Styles()
    try:
        parse_xml(expat_parser(styles.start, styles.end), xml)
    except (SheetFileProblem, _TooManyStyles) as exc:
        log.warning("styles not read (%s): month-formatted dates read as dates", type(exc).__name__)
        return frozenset()
    return frozenset(
        index
        for index, number in enumerate(styles.cell_formats)
        if is_month_format(number, styles.codes.get(number))
    )


def is_month_format(number: int, code: str | None) -> bool:
    """A format id with its code (if the file gives one): the code decides, else the id."""
    if code is not None:
        return shows_year_and_month(code)
    return number in BUILT_IN_MONTH_IDS


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


# --- .ods: number:date-style without number:day --------------------------------------------

_DATA_STYLES = frozenset(
    f"number:{kind}-style"
    for kind in ("date", "time", "number", "text", "percentage", "currency", "boolean")
)
_FINER = frozenset(
    ("day", "day-of-week", "hours", "minutes", "seconds", "am-pm", "week-of-year", "quarter")
)
_CONDITION = re.compile(
    r"\s*value\(\)\s*(<=|>=|!=|<|>|=)\s*(-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?)\s*"
)
_A_DATE = 45_047.0  # 2023-05-01 as a day number: which style:map a date takes


@dataclass
class _DataStyle:
    is_date: bool
    parts: set[str] = field(default_factory=set)  # year, month, day, text …
    maps: list[tuple[str, str]] = field(default_factory=list)  # (condition, style applied)


class OdsStyles:
    """The data styles and cell styles of an .ods part (styles.xml, then content.xml's
    automatic styles): which cell styles show a date with only year and month.

    Fed by an expat pass; never raises: past MAX_STYLES it stops and finds none.
    """

    def __init__(self) -> None:
        self.data: dict[str, _DataStyle] = {}
        self.cells: dict[str, tuple[str | None, str | None]] = {}  # (data style, parent)
        self.overflow = False
        self._current: _DataStyle | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in _DATA_STYLES:
            self._current = _DataStyle(tag == "number:date-style")
            self._keep(self.data, attrs.get("style:name", ""), self._current)
        elif self._current is not None:
            if tag == "style:map":
                target = attrs.get("style:apply-style-name", "")
                self._current.maps.append((attrs.get("style:condition", ""), target))
            elif tag.startswith("number:"):
                self._current.parts.add(tag[7:])
        elif tag == "style:style" and attrs.get("style:family") == "table-cell":
            cell = (attrs.get("style:data-style-name"), attrs.get("style:parent-style-name"))
            self._keep(self.cells, attrs.get("style:name", ""), cell)

    def end(self, tag: str) -> None:
        if tag in _DATA_STYLES:
            self._current = None

    def _keep(self, table: dict, name: str, value: object) -> None:
        if len(self.data) + len(self.cells) >= MAX_STYLES:
            self.overflow = True
        elif not self.overflow:
            table[name] = value

    def month_styles(self) -> frozenset[str]:
        """Names of the cell styles whose dates show only year and month."""
        if self.overflow:
            log.warning("too many styles: month-formatted dates read as dates")
            return frozenset()
        return frozenset(name for name in self.cells if self._cell_shows_month(name))

    def _cell_shows_month(self, name: str) -> bool:
        for _ in range(8):  # a parent's data style, when the cell style has none
            data, parent = self.cells.get(name, (None, None))
            if data is not None:
                return self._data_shows_month(data)
            if parent is None:
                return False
            name = parent
        return False

    def _data_shows_month(self, name: str) -> bool:
        for _ in range(4):  # a style:map for positive numbers: the first section
            style = self.data.get(name)
            if style is None:
                return False
            target = next((t for c, t in style.maps if _holds(c, _A_DATE)), None)
            if target is None:
                parts = style.parts
                return style.is_date and {"year", "month"} <= parts and not parts & _FINER
            name = target
        return False


def _holds(condition: str, value: float) -> bool:
    match = _CONDITION.fullmatch(condition)
    if match is None:
        return False
    operator, number = match.group(1), float(match.group(2))
    return {
        "<": value < number,
        "<=": value <= number,
        ">": value > number,
        ">=": value >= number,
        "=": value == number,
        "!=": value != number,
    }[operator]
