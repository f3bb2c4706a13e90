"""Text helpers for what clerks type and what the screens show."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_DIGITS = "零一二三四五六七八九"


# Full-width letters and digits and the ideographic space become their ASCII twins.
# Chinese punctuation （），：；！？ stays as typed: NFKC would flatten it to ASCII.
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()} | {0x3000: 0x20}


# Characters no field may hold: C0 and C1 controls (tab and line feed aside), DEL, the
# XML-illegal U+FFFE/U+FFFF, lone surrogates (from a broken file: they cannot even be
# saved as UTF-8), and invisible marks (zero-width spaces, BOM, bidi overrides) that
# make "张三" and "张\u200b三" two names.
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)]
_INVISIBLE = [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x206A), 0xFEFF]
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"  # become a line feed
_REMOVE = (
    {c: None for c in _CONTROLS + _INVISIBLE}
    | {ord(c): "\n" for c in _LINE_BREAKS}
    | {ord("\t"): "\t", ord("\n"): "\n"}
)
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2069\ufeff\u2028\u2029]"
)
_LINE_SPACE = re.compile(r"[ \t]*\n[ \t\n]*|\t+")
# What an XML file (docx, xlsx) cannot hold at all: the last line of defence on output.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _without_controls(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_REMOVE) if _UNWANTED.search(value) else value


def clean_text(value: str) -> str:
    """Text as typed or read from a file: control and invisible characters removed
    (tabs and line breaks kept), full-width letters, digits and spaces to half-width,
    trimmed."""
    return unicodedata.normalize("NFC", _without_controls(value)).translate(_HALF_WIDTH).strip()


def clean_line(value: str) -> str:
    """clean_text for a one-line field (姓名, 工作单位, 名称): tabs and line breaks
    become one space."""
    text = clean_text(value)
    return _LINE_SPACE.sub(" ", text) if "\n" in text or "\t" in text else text


# The dot of names such as 乌力吉·巴雅尔 is typed many ways (• ・ . ． ‧ ∙ ⋅ ･): one is kept,
# so a record or a proposal that writes the name another way still finds the member. Only
# a dot between two letters: 1.李四 is a list's number, not a name.
_NAME_DOT = re.compile(r"(?<=[^\W\d_])[•・.．‧∙⋅･](?=[^\W\d_])")
_SPACES = re.compile(r"\s+")  # also the no-break space a name pasted from a web page has


def clean_name(value: str) -> str:
    """A person's name as stored and matched: clean_line, spaces out, one middle dot."""
    return _NAME_DOT.sub("·", _SPACES.sub("", clean_line(value)))


# 黄杰娟（女）: a roster's note of the sex after the name, not part of it. Other notes stay:
# 王磊（大） tells two namesakes apart.
_SEX_NOTE = re.compile(r"[（(]([男女])性?[）)]$")


def split_sex_note(name: str) -> tuple[str, str | None]:
    """A clean name and the sex a trailing （女） / (男) notes: 黄杰娟（女） →
    ("黄杰娟", "女"); any other name → (name, None)."""
    note = _SEX_NOTE.search(name)
    if note is None or note.start() == 0:
        return name, None
    return name[: note.start()], note.group(1)


def name_of_cell(value: str) -> str:
    """A person's name as a spreadsheet cell writes it, to store or to match: clean_name,
    and a trailing （女） / (男) left out (every import of names uses this)."""
    return split_sex_note(clean_name(value))[0]


def clean_multiline(value: str) -> str:
    """Free text (备注): line breaks and tabs kept, control characters removed, trimmed.

    Full-width characters stay as typed: a note is prose, not a value to match.
    """
    return unicodedata.normalize("NFC", _without_controls(value)).strip()


def has_unwanted_characters(value: str) -> bool:
    """Control, invisible or line-break characters: clean_line would change the text."""
    return _UNWANTED.search(value) is not None or "\n" in value or "\t" in value or "\r" in value


def printable(value: object) -> str:
    """Text for a file the program writes (docx, xlsx): what XML cannot hold is dropped.

    Entry points clean text already; this keeps one bad value already stored (from an
    older version, or written by another program) from stopping a whole output.
    """
    text = "" if value is None else str(value)
    return _NOT_IN_XML.sub("", text) if _NOT_IN_XML.search(text) else text


def length_problem(value: str, limit: int, label: str = "内容") -> str | None:
    """姓名过长（51字，不超过50字）, or None when it fits."""
    if len(value) > limit:
        return f"{label}过长（{len(value)}字，不超过{limit}字）"
    return None


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for 第十届, 第三次会议).

    Covers 0..999; anything else is a ValueError.
    """
    if not 0 <= n <= 999:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _DIGITS[hundreds] + "百"
    if rest < 10:
        return _DIGITS[hundreds] + "百零" + _DIGITS[rest]
    tail = chinese_number(rest)
    return _DIGITS[hundreds] + "百" + ("一" + tail if rest < 20 else tail)


def term_label(number: int) -> str:
    return f"第{chinese_number(number)}届"


def session_label(number: int) -> str:
    return f"第{chinese_number(number)}次会议"


def percent(part: int, whole: int) -> str:
    """86.7%, 100%, 0%; a share of nobody is shown as —."""
    if whole == 0:
        return "—"
    return _percent_text(part * 100 / whole)


def share_text(share: float) -> str:
    """A share (0.867) as the tables show percent(): 86.7%, 100%, 0% (charts use it)."""
    return _percent_text(round(share * 100, 9))  # 0.3 * 100 is 30.000000000000004


def _percent_text(value: float) -> str:
    return f"{value:.0f}%" if value == round(value) else f"{value:.1f}%"


def day_text(day: date | None, day_known: bool = True) -> str:
    """The one way screens and messages show a date: 2025-03-01 (1975-03 without a day)."""
    if day is None:
        return ""
    return f"{day:%Y-%m-%d}" if day_known else f"{day:%Y-%m}"


def document_day(day: date, day_known: bool = True) -> str:
    """The one way printed documents show a date: 2025年1月15日 (1975年3月 without a
    day); Arabic numerals, no leading zeros (GB/T 9704 7.3.5)."""
    if not day_known:
        return f"{day.year}年{day.month}月"
    return f"{day.year}年{day.month}月{day.day}日"
