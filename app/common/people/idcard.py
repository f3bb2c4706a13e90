"""Citizen ID numbers (公民身份号码, GB 11643) and masking of personal numbers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from app.common.text import clean_text

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"\d{17}[\dX]")


_APOSTROPHES = "'‘’`"  # left in front by systems that keep the number as text
_OTHER_XS = ("×", "Ⅹ")  # the X a Chinese input method gives: multiplication sign, Roman ten


def normalise_id_number(text: str) -> str:
    """Full-width digits, spaces and a lowercase x are what offices type; so are a last
    × for X and a leading apostrophe."""
    number = re.sub(r"\s+", "", clean_text(text)).upper().lstrip(_APOSTROPHES)
    if number.endswith(_OTHER_XS):
        number = number[:-1] + "X"
    return number


_EXPONENT = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)


def id_number_of_cell(value: str | int | float) -> str:
    """The ID number a spreadsheet cell holds, normalised; ValueError (Chinese) for one
    Excel stored as a number, unless an old 15-digit one.

    An 18-digit number cannot be trusted even when its check digit fits: spreadsheet
    numbers are doubles, exact to 15-16 digits (Excel keeps 15), so the last digits
    were rounded on the way (150523197503120247 reads as ...300, check digit and all).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(value) if isinstance(value, int) else repr(value)
        if isinstance(value, int) and len(digits) == 15:
            return digits  # an old 15-digit number fits in a float; reported as such
        raise ValueError(_lost_digits(digits))
    text = normalise_id_number(value)
    if _EXPONENT.fullmatch(text):
        raise ValueError(_lost_digits(text))
    return text


def _lost_digits(shown: str) -> str:
    """Masked like the preview's ID column, which stands beside the birth date (TRUST.md
    25): only the last four, whose 0s show the digits Excel lost; the sheet, row and
    column find the cell."""
    try:  # 1.50523197503121E+17 as the digits it stands for
        digits = str(int(Decimal(shown)))
    except (InvalidOperation, ValueError):
        digits = shown
    masked = mask_id_number(digits, birth_shown=True)
    return (
        f"身份证号码被 Excel 存成了数字，后几位已丢失（读到的是 {masked}）；"
        "请把该列设为“文本”格式后重新输入完整的18位号码"
    )


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def id_number_problem(number: str) -> str | None:
    """None for a valid 18-digit number, else the reason in Chinese."""
    if not _SHAPE.fullmatch(number):
        if re.fullmatch(r"\d{15}", number):
            return "是15位旧号码，请改为18位公民身份号码"
        if len(number) == 18:  # the right length: name the character that is wrong
            place, char = next(
                (i, c)
                for i, c in enumerate(number)
                if not (c in "0123456789" or (i == 17 and c == "X"))
            )
            return f"第{place + 1}位“{char}”不是数字" + ("或X" if place == 17 else "")
        return f"应为18位（17位数字加一位数字或X），实际为{len(number)}位"
    if birth_date_in_id(number) is None:
        return f"其中的出生日期 {number[6:14]} 不存在"
    expected = check_digit(number[:17])
    if number[17] != expected:
        return f"校验位错误（最后一位应为 {expected}），请核对号码"
    return None


def birth_date_in_id(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_says_male(number: str) -> bool | None:
    """The sex a valid number records (its 17th digit: odd for men); None if not valid."""
    if id_number_problem(number) is not None:
        return None
    return int(number[16]) % 2 == 1


def mask_id_number(number: str | None, birth_shown: bool = False) -> str:
    """A personal number as lists, reports and printouts show it.

    150523********123X: region and the last four, where no birth date is shown.
    **************123X: only the last four, wherever a birth date is shown too (the
    birth date is digits 7-14, so region + birth date + last four is the whole number).
    """
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    if birth_shown:
        return "*" * (len(number) - 4) + number[-4:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """138****5678 for mobiles; landlines keep only their area code and last two digits.

    A field with several numbers (0477-8123456、13900139000) is masked number by number.
    Masking a masked number changes nothing.
    """
    if not phone:
        return ""
    if "*" in phone:  # masked already (a member file handed on to a printout)
        return phone
    numbers = [p for p in re.split(r"[、，,;；/]+", phone) if p.strip()]
    if len(numbers) > 1:
        return "、".join(mask_phone(number) for number in numbers)
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    # 010 and 020-029 are the three-digit area codes (0 counted); all others have four, so
    # 021-1234567 shows 021, not 0211: one digit of the number itself.
    area = 3 if digits[1] in "12" else 4
    if not digits.startswith("0") or len(digits) - area < 6:
        # No area code (8123456 would show six of seven digits), or too short to be one
        # and a number: only the last two.
        return "*" * (len(digits) - 2) + digits[-2:]
    return digits[:area] + "*" * (len(digits) - area - 2) + digits[-2:]
