"""One name order: 姓氏笔画, 拼音 and 名单顺序, and the table behind them."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.common.people import name_order
from app.common.people.name_order import (
    DEFAULT_NAME_ORDER,
    NameOrder,
    NameOrderTableError,
    name_sort_key,
    parse_table,
    reading_sort_key,
    sort_names,
    sorted_by_name,
    stroke_count,
    table_info,
)


def words(text: str) -> list[str]:
    return text.split()


STROKE = NameOrder.STROKE
PINYIN = NameOrder.PINYIN
ROSTER = NameOrder.ROSTER

# Published lists printed 以姓氏笔画为序 (Xinhua's announcements of the Political
# Bureau of the 19th and 20th CPC Central Committees, 2017 and 2022). Their 单名 come
# before the 双名 of the same surname (王　晨 王沪宁), as typeset with a space.
POLITBURO_19 = words(
    "丁薛祥 习近平 王晨 王沪宁 刘鹤 许其亮 孙春兰 李希 李强 李克强 李鸿忠 杨洁篪 杨晓渡"
    " 汪洋 张又侠 陈希 陈全国 陈敏尔 赵乐际 胡春华 栗战书 郭声琨 黄坤明 韩正 蔡奇"
)
POLITBURO_20 = words(
    "丁薛祥 习近平 马兴瑞 王毅 王沪宁 尹力 石泰峰 刘国中 李希 李强 李干杰 李书磊 李鸿忠"
    " 何卫东 何立峰 张又侠 张国清 陈文清 陈吉宁 陈敏尔 赵乐际 袁家军 黄坤明 蔡奇"
)


def shuffled(names: list[str], seed: int = 7) -> list[str]:
    names = list(names)
    random.Random(seed).shuffle(names)
    return names


# --- the orders --------------------------------------------------------------


def test_the_orders_are_stored_by_value_and_shown_in_chinese() -> None:
    assert [o.value for o in NameOrder] == ["stroke", "pinyin", "roster"]
    assert [o.label for o in NameOrder] == ["姓氏笔画", "拼音", "名单顺序"]
    assert DEFAULT_NAME_ORDER is STROKE
    assert NameOrder("pinyin") is PINYIN
    assert name_sort_key("王五", "pinyin") == name_sort_key("王五", PINYIN)
    with pytest.raises(ValueError):
        name_sort_key("王五", "alphabet")


# --- the table -----------------------------------------------------------------


def test_the_table_covers_gb18030s_common_ideographs() -> None:
    info = table_info()
    assert info["characters"] >= 98_000  # every ideograph with a Unihan stroke count
    assert info["sequenced"] >= 20_800  # stroke sequence known: nearly all of 4E00–9FA5
    assert info["with_reading"] >= 41_000
    assert info["readings"] >= 1_400
    blocks = [*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0)]  # URO and Extension A
    assert all(stroke_count(chr(c)) for c in blocks)


def test_every_gb2312_character_has_its_stroke_sequence() -> None:
    sequenced, section = set(), ""
    for line in committed_text().splitlines():
        section = line if line.startswith("[") else section
        fields = line.split("\t")
        if section == "[strokes]" and len(fields) == 3:
            sequenced.update(fields[1])
    gb2312 = {
        bytes([high, low]).decode("gb2312", errors="ignore")
        for high in range(0xB0, 0xF8)
        for low in range(0xA1, 0xFF)
    } - {""}
    assert len(gb2312) == 6763
    assert gb2312 <= sequenced


def test_stroke_counts_are_the_mainland_ones() -> None:
    counts = {"一": 1, "丁": 2, "马": 3, "与": 3, "王": 4, "长": 4, "石": 5, "刘": 6}
    counts |= {"李": 7, "草": 9, "黄": 11, "蔡": 14, "龘": 48}
    assert {ch: stroke_count(ch) for ch in counts} == counts
    assert stroke_count("A") is None
    assert stroke_count("〇") is None


def committed_text() -> str:
    return name_order._table_text()


def test_a_truncated_table_is_refused() -> None:
    text = committed_text()
    lines = text.splitlines()
    with pytest.raises(NameOrderTableError, match="结束行"):
        parse_table("\n".join(lines[: len(lines) // 2]))
    with pytest.raises(NameOrderTableError, match="不完整"):  # a line lost, the end kept
        parse_table("\n".join(lines[:20] + lines[21:]))
    with pytest.raises(NameOrderTableError, match="不完整"):  # one character lost
        parse_table(text.replace("\t一丨", "\t丨", 1))
    with pytest.raises(NameOrderTableError, match="格式"):
        parse_table("")


def test_a_missing_table_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_order, "TABLE_PATH", ("name_order", "missing.txt"))
    with pytest.raises(NameOrderTableError, match="缺少姓名排序表"):
        name_order._table_text()


def test_the_table_is_read_once() -> None:
    sort_names(POLITBURO_19)
    loads = name_order._table.cache_info().misses
    for order in NameOrder:
        sort_names(POLITBURO_20, order)
    assert name_order._table.cache_info().misses == loads == 1


# --- 姓氏笔画 ------------------------------------------------------------------


def test_fewer_strokes_first() -> None:
    assert sort_names(["李", "刘", "石", "王"]) == ["王", "石", "刘", "李"]  # 4 5 6 7
    assert sort_names(["李四", "王五", "石六", "刘七"]) == ["王五", "石六", "刘七", "李四"]


def test_equal_counts_go_by_the_first_stroke_横竖撇点折() -> None:
    assert sort_names(list("刁卜丁")) == list("丁卜刁")  # 2: 横 竖 折
    assert sort_names(list("孔方毛王")) == list("王毛方孔")  # 4: 横 撇 点 折
    assert sort_names(list("冯白田石")) == list("石田白冯")  # 5: 横 竖 撇 点
    assert sort_names(list("孙许朱吕")) == list("吕朱许孙")  # 6: 竖 撇 点 折
    assert sort_names(list("陈宋何吴李")) == list("李吴何宋陈")  # 7


def test_then_by_the_following_strokes() -> None:
    assert sort_names(list("井王")) == list("王井")  # 一一丨一 before 一一丿丨
    assert sort_names(list("石左古甘")) == list("甘古左石")  # 一丨丨一 一丨丨乛 一丿一 一丿丨
    assert sort_names(list("江汪沈")) == list("江汪沈")  # equal counts and start: 丶丶一…
    assert sort_names(list("刘庄")) == list("庄刘")


def test_a_character_the_ranking_misplaces_is_placed_by_hand() -> None:
    # 达 横撇点点折点: after 亚 横竖竖点撇横, before 阳 折竖…; cn-sort ranks it with 5 strokes
    assert sort_names(["李阳", "李达", "李亚"]) == ["李亚", "李达", "李阳"]


def test_the_second_character_breaks_ties() -> None:
    assert sort_names(["李鸿忠", "李书磊", "李干杰"]) == ["李干杰", "李书磊", "李鸿忠"]
    assert sort_names(["陈敏尔", "陈文清", "陈吉宁"]) == ["陈文清", "陈吉宁", "陈敏尔"]


def test_a_single_given_name_comes_first_as_printed_with_a_space() -> None:
    assert sort_names(["王沪宁", "王毅"]) == ["王毅", "王沪宁"]  # 毅 has 15 strokes
    assert sort_names(["李克强", "李强", "李希"]) == ["李希", "李强", "李克强"]
    assert sort_names(["王　毅", "王沪宁"]) == ["王　毅", "王沪宁"]  # typed with the space


@pytest.mark.parametrize("published", [POLITBURO_19, POLITBURO_20], ids=["19th", "20th"])
def test_a_published_list_comes_out_in_its_printed_order(published: list[str]) -> None:
    for seed in range(5):
        assert sort_names(shuffled(published, seed)) == published


# --- 拼音 ---------------------------------------------------------------------


def test_pinyin_order() -> None:
    assert sort_names(["张伟", "陈红", "白云", "安娜"], PINYIN) == ["安娜", "白云", "陈红", "张伟"]
    assert sort_names(["罗一", "吕二", "卢三"], PINYIN) == ["卢三", "吕二", "罗一"]  # lu lü luo


def test_readings_sort_by_letters_then_tone() -> None:
    readings = ["ma", "mà", "mǎ", "má", "mā", "luó", "lún", "lüè", "luàn", "lǚ", "lú"]
    expected = ["lú", "lǚ", "luàn", "lüè", "lún", "luó", "mā", "má", "mǎ", "mà", "ma"]
    assert sorted(readings, key=reading_sort_key) == expected


def test_equal_readings_go_by_strokes() -> None:
    assert sort_names(["谢二", "解一"], PINYIN) == ["谢二", "解一"]  # both xiè: 12 < 13 strokes


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("孙三 张四 曾国藩 赵五", "孙三 曾国藩 张四 赵五"),  # 曾 zēng, not céng
        ("陈一 单田芳 沈二 孙三", "陈一 单田芳 沈二 孙三"),  # 单 shàn, not dān
        ("贾一 金二 解放 夏三 徐四", "贾一 金二 夏三 解放 徐四"),  # 解 xiè
        ("秦一 仇英 曲二", "秦一 仇英 曲二"),  # 仇 qiú
        ("蒲四 皮三 朴槿 潘一", "潘一 皮三 朴槿 蒲四"),  # 朴 piáo, not pǔ
        ("牛一 区寄 潘二", "牛一 区寄 潘二"),  # 区 ōu
        ("曾一 查良 赵二", "曾一 查良 赵二"),  # 查 zhā
        ("高一 盖聂 耿二", "高一 盖聂 耿二"),  # 盖 gě
        ("钱一 覃二 邱三", "钱一 覃二 邱三"),  # 覃 qín
        ("肖一 谢二", "肖一 谢二"),  # 肖 xiāo
    ],
)
def test_polyphonic_surnames_in_their_surname_reading(names: str, expected: str) -> None:
    assert sort_names(shuffled(names.split()), PINYIN) == expected.split()


def test_compound_surnames_in_their_surname_reading() -> None:
    names = words("马七 万俟卨 欧八 王五 尉明 吴六 杨洋 尉迟恭 张三")
    assert sort_names(shuffled(names), PINYIN) == names  # mò qí, wèi, yù chí
    names = words("白一 单于丹 陈二 单于")  # chán yú, but 单于 alone is 单 shàn 于
    assert sort_names(shuffled(names), PINYIN) == names


def test_compound_surnames_need_no_rule_in_stroke_order() -> None:
    names = ["欧阳修", "欧阳", "诸葛亮", "欧文", "司马光", "上官婉儿"]
    assert sort_names(names) == ["上官婉儿", "司马光", "欧文", "欧阳", "欧阳修", "诸葛亮"]


# --- odd names ----------------------------------------------------------------


def test_latin_digits_and_full_width_forms() -> None:
    assert name_sort_key("李Ａ")[:3] == name_sort_key("李a")[:3] == name_sort_key("李A")[:3]
    assert name_sort_key("王１２")[:3] == name_sort_key("王12")[:3]
    names = ["Zoe", "anna", "李3", "李A", "王", "ANNA", "李李"]
    assert sort_names(names) == ["王", "李李", "李3", "李A", "ANNA", "anna", "Zoe"]
    assert sort_names(names, PINYIN)[:3] == ["李李", "李3", "李A"]


def test_the_dot_and_spaces_in_a_name_are_ignored() -> None:
    plain = name_sort_key("阿依古丽买买提")[:3]
    spaced = " 阿依古丽 · 买买提 "
    for written in [*words("阿依古丽·买买提 阿依古丽•买买提 阿依古丽．买买提"), spaced]:
        assert name_sort_key(written)[:3] == plain
        assert name_sort_key(written, PINYIN)[:3] == name_sort_key("阿依古丽买买提", PINYIN)[:3]
    assert sort_names(["阿依古丽·买买提", "阿一"]) == ["阿一", "阿依古丽·买买提"]


def test_empty_names_come_last() -> None:
    for order in NameOrder:
        assert sort_names([None, "", "王五", "  ", "Zoe"], order) == ["王五", "Zoe", "", "  ", None]


def test_unknown_characters_after_known_ones_by_code_point() -> None:
    names = ["王\U0002ebf0", "王😀", "王〇", "王龘", "王A", "王\ue000"]
    assert sort_names(names) == ["王龘", "王A", "王〇", "王\ue000", "王😀", "王\U0002ebf0"]
    assert sort_names(["\U00020000", "王"]) == ["\U00020000", "王"]  # 𠀀 has 1 stroke


NAME_CHARS = "王李张欧阳单曾解区尉迟万俟龘阿依古丽·• .Aa１Ｂ3〇😀\ue000\U00020000\U0002ebf0"


@given(st.lists(st.one_of(st.none(), st.text(alphabet=NAME_CHARS, max_size=6)), max_size=12))
def test_any_names_sort_without_error_whatever_their_first_order(names: list) -> None:
    for order in NameOrder:
        once = sort_names(names, order)
        assert sort_names(list(reversed(names)), order) == once
        assert sort_names(once, order) == once


@given(st.text(max_size=8), st.text(max_size=8))
def test_any_text_gets_comparable_keys(a: str, b: str) -> None:
    for order in NameOrder:
        assert (name_sort_key(a, order) < name_sort_key(b, order)) or (
            name_sort_key(b, order) <= name_sort_key(a, order)
        )


# --- 名单顺序 ------------------------------------------------------------------


@dataclass
class Row:
    name: str
    seq: int | None


def test_roster_order_follows_the_sequence_then_stroke_order_for_the_rest() -> None:
    rows = [Row("王五", 3), Row("李四", None), Row("张三", 1), Row("丁一", None), Row("赵六", 2)]
    listed = sorted_by_name(rows, name=lambda r: r.name, order=ROSTER, sequence=lambda r: r.seq)
    assert [r.name for r in listed] == ["张三", "赵六", "王五", "丁一", "李四"]
    keys = [name_sort_key(r.name, ROSTER, r.seq) for r in rows]
    assert sorted(keys) == [name_sort_key(r.name, ROSTER, r.seq) for r in listed]


def test_roster_order_without_numbers_is_stroke_order() -> None:
    assert sort_names(shuffled(POLITBURO_20), ROSTER) == POLITBURO_20


def test_roster_numbers_tie_by_name_and_must_be_whole_numbers() -> None:
    assert name_sort_key("李四", ROSTER, 5) > name_sort_key("王五", ROSTER, 5)
    assert name_sort_key("王五", ROSTER, -1) < name_sort_key("王五", ROSTER, 0)
    for bad in [1.5, "3", True]:
        with pytest.raises(TypeError):
            name_sort_key("王五", ROSTER, bad)  # type: ignore[arg-type]
    assert name_sort_key("王五", STROKE, 7) == name_sort_key("王五", STROKE)  # not used


def test_sorted_by_name_in_the_other_orders_ignores_the_sequence() -> None:
    rows = [Row("张三", 1), Row("安娜", 2)]
    listed = sorted_by_name(rows, name=lambda r: r.name, order=PINYIN, sequence=lambda r: r.seq)
    assert [r.name for r in listed] == ["安娜", "张三"]


# --- speed ----------------------------------------------------------------------


def test_sorting_5000_names_is_quick() -> None:
    """Far under 50 ms on a quiet machine (bench/bench_name_order.py); the bound here
    only catches a key that has become slow, on a busy CI machine."""
    rng = random.Random(5)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭欧阳曾单"
    given_chars = "伟芳娜秀英敏静丽强磊军洋勇艳杰"
    names = [rng.choice(surnames) + "".join(rng.sample(given_chars, 2)) for _ in range(5000)]
    sort_names(names[:10])  # the table is loaded once, before
    for order in NameOrder:
        best = min(timing(lambda o=order: sort_names(names, o)) for _ in range(3))
        assert best < 0.5, f"{order}: {best * 1000:.0f} ms"


def timing(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start
