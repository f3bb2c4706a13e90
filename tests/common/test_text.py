"""app/common/text.py: Chinese numerals for 届 and 次会议, and cleaning what clerks type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.common.text import (
    chinese_number,
    clean_line,
    clean_multiline,
    clean_name,
    clean_text,
    length_problem,
    name_of_cell,
    percent,
    printable,
    session_label,
    share_text,
    split_sex_note,
    term_label,
)

DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")}


def read_chinese_number(text: str) -> int:
    """An independent reader of 1..999 written the way chinese_number should write them."""
    total = 0
    if "百" in text:
        hundreds, text = text.split("百")
        total += DIGIT_VALUES[hundreds] * 100
        text = text.removeprefix("零")
        if text.startswith("十"):
            raise AssertionError("after 百 the tens must carry their digit: 一百一十")
    if "十" in text:
        tens, text = text.split("十")
        total += (DIGIT_VALUES[tens] if tens else 1) * 10
    if text:
        assert len(text) == 1
        total += DIGIT_VALUES[text]
    return total


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (30, "三十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (119, "一百一十九"),
        (120, "一百二十"),
        (200, "二百"),
        (305, "三百零五"),
        (999, "九百九十九"),
    ],
)
def test_chinese_number_known_values(number: int, expected: str) -> None:
    assert chinese_number(number) == expected


def test_chinese_number_reads_back_for_1_to_120() -> None:
    for number in range(1, 121):
        text = chinese_number(number)
        assert read_chinese_number(text) == number, text
        # 十 stands alone only below 20; inside a hundred it is 一十.
        assert text.startswith("十") == (10 <= number < 20)


@given(st.integers(min_value=1, max_value=999))
def test_chinese_number_round_trips(number: int) -> None:
    assert read_chinese_number(chinese_number(number)) == number


def test_chinese_number_is_injective_on_1_to_999() -> None:
    texts = [chinese_number(n) for n in range(1, 1000)]
    assert len(set(texts)) == len(texts)
    assert all(set(t) <= set("零一二三四五六七八九十百") for t in texts)


@pytest.mark.parametrize("number", [-1, 1000, 12345])
def test_chinese_number_out_of_range_is_a_value_error(number: int) -> None:
    with pytest.raises(ValueError):
        chinese_number(number)


def test_term_and_session_labels() -> None:
    assert term_label(10) == "第十届"
    assert term_label(1) == "第一届"
    assert term_label(13) == "第十三届"
    assert session_label(1) == "第一次会议"
    assert session_label(5) == "第五次会议"
    assert session_label(10) == "第十次会议"


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("１５０５２３", "150523"),  # full-width digits
        ("ＡＢＣ ｘｙｚ", "ABC xyz"),  # full-width letters
        ("\u3000示范县政协\u3000", "示范县政协"),  # ideographic spaces trimmed
        ("  第十届 ", "第十届"),
        ("Ｂ类　办理", "B类 办理"),
        ("示范县\u3000政协", "示范县 政协"),  # inner full-width space becomes a plain one
        ("", ""),
    ],
)
def test_clean_text(typed: str, clean: str) -> None:
    assert clean_text(typed) == clean


@pytest.mark.parametrize(
    "typed",
    [
        "“××县政协”、",
        "社会和法制委员会（港澳台侨）",
        "学前教育，义务教育；校舍安全：达标！是否？",
        "①②③",
    ],
)
def test_clean_text_keeps_chinese_punctuation(typed: str) -> None:
    # GB/T 9704 documents are set with full-width punctuation: it must survive.
    assert clean_text(typed) == typed


@given(st.text())
def test_clean_text_is_idempotent(value: str) -> None:
    once = clean_text(value)
    assert clean_text(once) == once
    assert once == once.strip()


FULL_WIDTH_ALNUM = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ" + (
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
)
HALF_WIDTH_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def test_every_full_width_letter_and_digit_becomes_ascii() -> None:
    assert clean_text(FULL_WIDTH_ALNUM) == HALF_WIDTH_ALNUM


@given(st.text(alphabet=FULL_WIDTH_ALNUM + "\u3000汉字，（）"))
def test_clean_text_leaves_no_full_width_letter_digit_or_space(value: str) -> None:
    cleaned = clean_text(value)
    assert not set(cleaned) & set(FULL_WIDTH_ALNUM + "\u3000")
    assert cleaned.count("，") == value.count("，")


# --- control characters (issue 8 item 10) -------------------------------------------------

CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])


@pytest.mark.parametrize(
    "bad", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u200b", "\ufeff", "\u202e"]
)
def test_clean_text_removes_control_and_invisible_characters(bad: str) -> None:
    assert clean_text(f"张{bad}三") == "张三"
    assert clean_line(f"张{bad}三") == "张三"
    assert clean_multiline(f"张{bad}三") == "张三"


def test_line_breaks_become_a_space_on_one_line_and_stay_in_notes() -> None:
    assert clean_line("县医院\r\n院长\t办公室\x0b一") == "县医院 院长 办公室 一"
    assert clean_multiline(" 连任\r\n曾任常委\r三\x0b四 ") == "连任\n曾任常委\n三\n四"
    assert clean_text("a\tb\nc") == "a\tb\nc"  # as the spreadsheet reader keeps them


@given(st.text())
def test_clean_line_leaves_no_control_character_and_is_idempotent(value: str) -> None:
    line = clean_line(value)
    assert not set(line) & set(CONTROLS)
    assert clean_line(line) == line
    note = clean_multiline(value)
    assert not set(note) & (set(CONTROLS) - {"\n", "\t"})
    assert clean_multiline(note) == note


@given(st.text())
def test_printable_text_always_fits_in_xml(value: str) -> None:
    from xml.etree.ElementTree import fromstring
    from xml.sax.saxutils import escape

    text = printable(value)
    fromstring(f"<t>{escape(text)}</t>".encode())  # raises if XML cannot hold it


def test_length_problem_names_the_field_and_both_lengths() -> None:
    assert length_problem("字" * 50, 50, "姓名") is None
    assert length_problem("字" * 51, 50, "姓名") == "姓名过长（51字，不超过50字）"


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(0, 5, "0%"), (5, 5, "100%"), (3, 10, "30%"), (13, 15, "86.7%"), (1, 3, "33.3%"), (0, 0, "—")],
)
def test_a_share_reads_the_same_in_tables_and_charts(part: int, whole: int, shown: str) -> None:
    assert percent(part, whole) == shown
    if whole:
        assert share_text(part / whole) == shown


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("乌力吉•巴雅尔", "乌力吉·巴雅尔"),
        ("那仁・其其格", "那仁·其其格"),
        ("阿不都 ． 热合曼", "阿不都·热合曼"),
        ("乌力吉.巴雅尔", "乌力吉·巴雅尔"),  # the ASCII full stop of an English keyboard
        ("乌力吉‧巴雅尔", "乌力吉·巴雅尔"),
        ("乌力吉∙巴雅尔", "乌力吉·巴雅尔"),
        ("乌力吉⋅巴雅尔", "乌力吉·巴雅尔"),
        ("乌力吉･巴雅尔", "乌力吉·巴雅尔"),
        ("王  磊", "王磊"),
        ("王\u3000磊", "王磊"),
        ("王\xa0磊", "王磊"),  # pasted from a web page
        ("王\u2002磊", "王磊"),
        ("1.李四", "1.李四"),  # a list's number (the Word intake takes it off), not a name's dot
        ("张三.", "张三."),
    ],
)
def test_a_names_dot_is_one_character(typed: str, stored: str) -> None:
    assert clean_name(typed) == stored


@pytest.mark.parametrize(
    ("cell", "name", "sex"),
    [
        ("黄杰娟（女）", "黄杰娟", "女"),
        ("黄杰娟(女)", "黄杰娟", "女"),
        ("李　强 （男）", "李强", "男"),
        ("黄杰娟（女)", "黄杰娟", "女"),  # brackets of two widths, as typed in a hurry
        ("黄杰娟（女性）", "黄杰娟", "女"),
        ("乌力吉•巴雅尔（男）", "乌力吉·巴雅尔", "男"),
        # Other notes tell namesakes apart and stay part of the name.
        ("王磊（大）", "王磊（大）", None),
        ("王磊(小)", "王磊(小)", None),
        ("王磊（女士）", "王磊（女士）", None),
        ("（女）", "（女）", None),  # nothing before it: not a name with a note
        ("黄杰娟（女）（大）", "黄杰娟（女）（大）", None),
    ],
)
def test_a_sex_noted_after_a_name_is_not_part_of_it(cell: str, name: str, sex: str | None) -> None:
    assert split_sex_note(clean_name(cell)) == (name, sex)
    assert name_of_cell(cell) == name
