"""app/common/people/idcard.py: GB 11643 check digits, birth dates in the number, and masking."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.common.people.idcard import (
    birth_date_in_id,
    check_digit,
    id_number_of_cell,
    id_number_problem,
    mask_id_number,
    mask_phone,
    normalise_id_number,
)

WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # GB 11643: W_i = 2^(i-1) mod 11, i = 18..2


def independent_check(first17: str) -> str:
    """The standard's own formula, written separately from app/common/people/idcard.py."""
    remainder = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11
    return "10X98765432"[remainder]


def test_the_standards_example_number_is_valid():
    assert id_number_problem("11010519491231002X") is None
    assert birth_date_in_id("11010519491231002X") == date(1949, 12, 31)


@given(
    st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
    st.from_regex(r"[0-9]{3}", fullmatch=True),
)
def test_every_number_with_its_check_digit_is_valid(region, birth, sequence):
    first17 = f"{region}{birth:%Y%m%d}{sequence}"
    assert check_digit(first17) == independent_check(first17)
    number = first17 + check_digit(first17)
    assert id_number_problem(number) is None
    assert birth_date_in_id(number) == birth
    for wrong in "0123456789X":
        if wrong != number[-1]:
            problem = id_number_problem(first17 + wrong)
            assert problem is not None and f"最后一位应为 {number[-1]}" in problem


@pytest.mark.parametrize(
    ("number", "phrase"),
    [
        ("150523197502301234", "出生日期 19750230 不存在"),
        ("150523197513011234", "出生日期 19751301 不存在"),
        ("150523000001011234", "出生日期 00000101 不存在"),
        ("150523750312123", "15位旧号码"),
        ("15052319750312123", "实际为17位"),
        ("1505231975031212345", "实际为19位"),
        ("15052319750312123Y", "第18位“Y”不是数字或X"),
        ("1505231975031212X3", "第17位“X”不是数字"),
        ("1505231975O312123X", "第11位“O”不是数字"),
        ("", "实际为0位"),
    ],
)
def test_numbers_that_cannot_be_right(number, phrase):
    problem = id_number_problem(number)
    assert problem is not None and phrase in problem


def test_what_offices_type_is_normalised():
    assert normalise_id_number("11010519491231002x") == "11010519491231002X"
    assert normalise_id_number(" １１０１０５ １９４９１２３１ ００２ｘ ") == "11010519491231002X"
    assert normalise_id_number("110105\u30001949\t1231002X") == "11010519491231002X"
    # The X of a Chinese input method: the multiplication sign, the Roman numeral ten.
    assert normalise_id_number("11010519491231002×") == "11010519491231002X"
    assert normalise_id_number("11010519491231002Ⅹ") == "11010519491231002X"
    # An apostrophe some systems leave in front to keep the number text.
    assert normalise_id_number("'11010519491231002X") == "11010519491231002X"
    assert normalise_id_number("‘110105194912310028") == "110105194912310028"
    # Anywhere but the end, × is not an X: the number stays wrong and is reported.
    assert normalise_id_number("1101051949×231002X") == "1101051949×231002X"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (150523197503121000, "**************1000"),
        (1.50523197503121e17, "**************1000"),
        ("1.50523197503121E+17", "**************1000"),
        ("1.50523197503121e17", "**************1000"),
        (15052319750312, "**********0312"),
    ],
)
def test_a_number_excel_rounded_is_said_masked(cell, shown):
    """The error list (wizard, command line, saved report) stands beside the birth date:
    only the last four show, and their 0s say which digits Excel lost (TRUST.md 25)."""
    with pytest.raises(ValueError) as caught:
        id_number_of_cell(cell)
    message = str(caught.value)
    assert f"后几位已丢失（读到的是 {shown}）" in message
    assert "150523" not in message and "19750312" not in message


def test_id_numbers_are_masked_to_region_and_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("110105491231002") == "110105*****1002"
    assert mask_id_number("12345") == "*****"
    assert mask_id_number("") == "" and mask_id_number(None) == ""


def test_beside_a_birth_date_only_the_last_four_stay_visible():
    assert mask_id_number("11010519491231002X", birth_shown=True) == "**************002X"
    assert mask_id_number("12345", birth_shown=True) == "*****"
    assert mask_id_number(None, birth_shown=True) == ""


@given(
    st.sampled_from(["150523", "110105", "440305"]),
    st.dates(min_value=date(1920, 1, 1), max_value=date(2005, 12, 31)),
    st.integers(0, 999),
)
def test_a_masked_number_and_the_birth_date_beside_it_never_give_the_number_back(
    region, birth, sequence
):
    """What a printout shows beside a birth date leaves the region and the birth date
    hidden: with the birth date printed, region + birth + last four would be all of it."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    number = first17 + check_digit(first17)
    shown = mask_id_number(number, birth_shown=True)
    assert shown.endswith(number[-4:]) and len(shown) == 18
    assert set(shown[:14]) == {"*"}  # no digit of the region or the birth date


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13800138000", "138****8000"),
        ("138 0013 8000", "138****8000"),
        ("0477-8123456", "0477*****56"),
        ("04778123456", "0477*****56"),
        ("8123456", "*****56"),  # no area code: only the last two show
        ("81234567", "******67"),
        # 010 and 02x are three-digit area codes: the fourth digit is the number's own.
        ("010-12345678", "010******78"),
        ("021-1234567", "021*****67"),
        ("0211234567", "021*****67"),
        ("0471-12345", "*******45"),  # too short for an area code and a number
        ("0477-8123456、13900139000", "0477*****56、139****9000"),
        ("13800138000, 13900139000", "138****8000、139****9000"),
        ("110", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_phones_are_masked_mobile_and_landline(phone, masked):
    assert mask_phone(phone) == masked


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_a_masked_mobile_never_shows_its_middle_digits(mobile):
    masked = mask_phone(mobile)
    assert masked[:3] == mobile[:3] and masked[-4:] == mobile[-4:]
    assert masked[3:7] == "****"


@given(st.from_regex(r"0(10|2[0-9]|[3-9][0-9]{2})-?[2-9][0-9]{6,7}", fullmatch=True))
def test_a_masked_landline_shows_its_area_code_and_last_two_only(landline):
    """Two digits of the number itself at the most: the clerk's printout holds no more."""
    digits = landline.replace("-", "")
    area = 3 if digits[1] in "12" else 4
    masked = mask_phone(landline)
    assert masked == digits[:area] + "*" * (len(digits) - area - 2) + digits[-2:]
