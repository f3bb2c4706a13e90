"""Cell values from office spreadsheets: cleaned text, numbers, and the dates offices type.

Used by app.common.sheets.reader (which re-exports these names) and by the importers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal

from app.common.text import clean_text

CellValue = str | int | float | bool | datetime | date | time | None

# Anything clean_text would change: full-width forms, odd spaces, edges, and control or
# invisible characters (a value from any reader must come out as clean_text makes it).
_NEEDS_CLEANING = re.compile(
    r"[\uff10-\uff5a\u3000\xa0\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]|^\s|\s$"
).search


def clean_cell(value: object) -> CellValue:
    """Text trimmed and half-width; whole numbers Excel keeps as floats become ints."""
    if value is None:
        return None
    if isinstance(value, str):
        if _NEEDS_CLEANING(value) is None and unicodedata.is_normalized("NFC", value):
            return value or None  # what clean_text would return, without its work
        return clean_text(value.replace("\xa0", " ")) or None
    if isinstance(value, float) and value.is_integer():
        # repr keeps what Excel stored: 1.50523197503121e+17 -> 150523197503121000
        return int(Decimal(repr(value)))
    if isinstance(value, bool | int | float | datetime | date | time):
        return value
    return clean_text(str(value)) or None


def cell_text(value: CellValue) -> str:
    """A cell as the text a clerk would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}" if value.time() == time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, float):
        return repr(value)
    return str(value)


class DateProblem(ValueError):
    """A date cell that cannot be read; the message is Chinese."""


class AmbiguousDate(DateProblem):
    """1975.1 stored as a number: typed 1975.1 (January) or 1975.10 (October)?"""

    def __init__(self, text: str, choices: tuple[date, ...]) -> None:
        super().__init__(
            f"“{text}”被 Excel 存成了数字，无法确定是{choices[0].month}月还是{choices[1].month}月"
            "（请把该列设为文本格式，写成 1975.01 或 1975.10）"
        )
        self.choices = choices


_DATE_PUNCTUATION = str.maketrans({"．": ".", "。": ".", "－": "-", "—": "-", "–": "-", "／": "/"})
_DATE_FORMS = (
    re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?"),
    re.compile(  # 1975-03-12, 1975.3, and with a time: 1975-03-12 00:00, 1975-03-12T00:00Z
        r"(\d{4})([./-])(\d{1,2})(?:\2(\d{1,2}))?\.?"
        r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    ),
    re.compile(r"(\d{4})(\d{2})(\d{2})?"),
)
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIALS = range(10_000, 73_051)  # 1927..2099 as Excel day numbers
# 19753 is 1975.3 typed without its point far more often than a day number of 1952-1957.
_YEAR_AND_MONTH = range(19_000, 21_000)


def parse_date(value: CellValue) -> tuple[date, bool] | None:
    """(date, day_known) from what offices type; None for an empty cell.

    Accepts 1975.03, 1975.3, 1975年3月, 1975-03-12, 1975/3/12, 197503, real date
    cells and day numbers. A date cell on the 1st counts as month-only: offices
    that type 1975-3 get 1975-03-01 from Excel. Raises DateProblem.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value, value.day != 1
    if isinstance(value, bool | time):
        raise DateProblem(f"“{cell_text(value)}”不是日期")
    if isinstance(value, int):
        return _date_from_int(value)
    if isinstance(value, float):
        return _date_from_float(value)
    return _date_from_text(str(value))


def _date_from_int(value: int) -> tuple[date, bool]:
    text = str(value)
    if len(text) > 12:  # a date cell whose number is out of range: Excel shows ####
        raise DateProblem(f"数字“{text[:8]}…”超出了日期的范围，不是日期")
    if len(text) == 4:
        raise DateProblem(f"“{text}”只有年份，请写到月份，例如 {text}.03")
    if len(text) in (6, 8):
        return _date_from_text(text)
    if value in _YEAR_AND_MONTH:
        month = (
            f"：如是{text[:4]}年{text[4]}月，请写成 {text[:4]}.0{text[4]}" if text[4] != "0" else ""
        )
        raise DateProblem(f"“{text}”是个数字，不像日期{month}")
    if value in _SERIALS:  # a date cell that lost its date format: the date cell rule
        day = date.fromordinal(_EXCEL_EPOCH.toordinal() + value)
        return day, day.day != 1
    raise DateProblem(f"“{text}”不是日期")


def _date_from_float(value: float) -> tuple[date, bool]:
    if not 1000 <= value < 10000:
        if math.isfinite(value) and int(value) in _SERIALS:  # date and time, unformatted
            return _date_from_int(int(value))
        raise DateProblem(f"“{cell_text(value)[:12]}”不是日期")
    text = f"{value:.2f}"  # 1975.03, 1975.12; 1975.1 and 1975.3 come out as .10 and .30
    if abs(value - float(text)) > 1e-6:
        raise DateProblem(f"“{value}”不是日期")
    year, fraction = text.split(".")
    if fraction.endswith("0"):
        month = int(fraction[0])
        if month == 1:  # typed 1975.1 (January) or 1975.10 (October): Excel keeps 1975.1
            raise AmbiguousDate(f"{year}.1", (_month(year, 1, text), _month(year, 10, text)))
        return _month(year, month, text), False
    return _month(year, int(fraction), text), False


def _month(year: str, month: int, text: str) -> date:
    try:
        return date(int(year), month, 1)
    except ValueError:
        raise DateProblem(f"“{text}”中的月份 {month} 不存在") from None


def match_date_text(text: str) -> tuple[date, bool] | None:
    """(date, day_known) for text in one of the office date forms; None for no form.

    The one rule for typed dates: spreadsheets and the member form both use it.
    Raises DateProblem for a date in a known form that does not exist (1975.13).
    """
    compact = clean_text(text).translate(_DATE_PUNCTUATION).replace(" ", "")
    spaced = clean_text(text).translate(_DATE_PUNCTUATION)
    for candidate in (compact, spaced):
        for form in _DATE_FORMS:
            match = form.fullmatch(candidate)
            if match:
                parts = [g for g in match.groups() if g is not None and g not in "./-"]
                return _checked_date(text, *parts)
    return None


def _date_from_text(text: str) -> tuple[date, bool]:
    found = match_date_text(text)
    if found is not None:
        return found
    spaced = clean_text(text).translate(_DATE_PUNCTUATION).strip()
    compact = spaced.replace(" ", "")
    if is_day_number_text(compact):  # a date cell turned text (a column set to 文本, a CSV)
        return _date_from_int(int(compact))
    for read in (_without_time_of_day, _from_chinese_numerals):
        found = read(spaced)
        if found is not None:
            return found
    if re.fullmatch(r"\d{4}年?", compact):
        raise UnreadableDate(text, "只有年份", f"，请写到月份，例如 {compact[:4]}.03")
    if re.fullmatch(r"\d{1,2}月\d{1,2}日?|\d{1,2}[./-]\d{1,2}", compact):
        raise UnreadableDate(text, "没有写年份")
    first = _range_start(spaced)
    if first is not None:
        raise DateProblem(f"“{text}”是一段时间，请只写开始的那一天（{first:%Y-%m-%d}）")
    raise UnreadableDate(text, "不是可识别的日期")


class UnreadableDate(DateProblem):
    """Text that is no date: `what` says why; the hint (by default the forms a month-level
    date may take) is the caller's to change, as the duty records need the day."""

    HINT = "（可写成 1975.03、1975年3月 或 1975-03-12）"

    def __init__(self, text: str, what: str, hint: str = HINT) -> None:
        super().__init__(f"“{text}”{what}{hint}")
        self.text, self.what = text, what


# 上午, 下午9:30, 14:30-17:00, 9时 after a date: when it happened, not which day.
_TIME_OF_DAY = re.compile(
    r"\s*(?:上午|下午|中午|晚上|傍晚|全天|全日)?\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\d{1,2}[时点](?:半|\d{1,2}分?)?)?"
    r"(?:\s*[-—–~～至到]\s*(?:\d{1,2}[:：]\d{2}|\d{1,2}[时点](?:半|\d{1,2}分?)?))?$"
)


def _without_time_of_day(text: str) -> tuple[date, bool] | None:
    """2025年5月6日上午9:00 and 2025-05-06 下午 are the day; a time alone is not."""
    match = _TIME_OF_DAY.search(text)
    if match is None or match.start() == len(text) or match.start() == 0:
        return None
    try:
        found = match_date_text(text[: match.start()])
    except DateProblem:
        return None
    return found if found is not None and found[1] else None


_CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_CHINESE_DATE = re.compile(
    r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日?)?"
)


def _from_chinese_numerals(text: str) -> tuple[date, bool] | None:
    """二〇二五年五月十二日, as dates are written in documents."""
    match = _CHINESE_DATE.fullmatch(text.replace(" ", ""))
    if match is None:
        return None
    year = "".join(str(_CHINESE_DIGITS[c]) for c in match.group(1))
    day = match.group(3)
    return _checked_date(
        text, year, str(_chinese_number(match.group(2))), str(_chinese_number(day)) if day else None
    )


def _chinese_number(text: str) -> int:
    """一 … 三十一."""
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _CHINESE_DIGITS[text]
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def _range_start(text: str) -> date | None:
    """The first day of 2025.5.10-2025.5.12 or 2025年5月10日至12日; None if no range."""
    for i, char in enumerate(text):
        if char not in "-—–~～至到" or i == 0 or not text[i + 1 :].strip():
            continue
        try:
            found = match_date_text(text[:i])
        except DateProblem:
            continue
        if found is not None and found[1]:
            return found[0]
    return None


def is_day_number_text(text: str) -> bool:
    """Five digits: Excel's number for a day (45413 is 2024-05-01), as text."""
    return len(text) == 5 and text.isascii() and text.isdigit()


def _checked_date(text: str, year: str, month: str, day: str | None = None) -> tuple[date, bool]:
    try:
        return date(int(year), int(month), int(day or 1)), day is not None
    except ValueError:
        raise DateProblem(f"日期“{text}”不存在") from None
