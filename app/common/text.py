"""Text helpers for what clerks type and what the screens show."""

from __future__ import annotations

import unicodedata
from datetime import date

_DIGITS = "零一二三四五六七八九"


# Full-width letters and digits and the ideographic space become their ASCII twins.
# Chinese punctuation （），：；！？ stays as typed: NFKC would flatten it to ASCII.
_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()} | {0x3000: 0x20}


def clean_text(value: str) -> str:
    """Full-width letters, digits and spaces to half-width, and trimmed."""
    return unicodedata.normalize("NFC", value).translate(_HALF_WIDTH).strip()


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
    share = part * 100 / whole
    return f"{share:.0f}%" if share == round(share) else f"{share:.1f}%"


def day_text(day: date | None, day_known: bool = True) -> str:
    """The one way screens and messages show a date: 2025-03-01 (1975-03 without a day)."""
    if day is None:
        return ""
    return f"{day:%Y-%m-%d}" if day_known else f"{day:%Y-%m}"
