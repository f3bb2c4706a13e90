"""One order for people's names everywhere: 姓氏笔画, 拼音 or 名单顺序.

Official name lists are printed 以姓氏笔画为序: by the stroke count of the surname,
equal counts by the strokes' kinds in writing order (横 丨 丿 丶 乛), then the same for
the following characters. As in the printed lists, a two-character name counts as
姓＋空格＋名 (王　毅 before 王沪宁: the single given name first). Pinyin order reads
each character (a surname, and the common 复姓, in its surname reading: 曾 zēng,
单 shàn, 尉迟 yùchí …), and equal readings follow stroke order. Roster order keeps
the order of an imported list by its 序号; people without one come last, in stroke
order.

Every name gets a key, whatever it holds: Latin letters and full-width forms compare
as their plain lower-case letters, spaces and the middle dot of 阿依古丽·买买提 are
ignored, characters the table does not know come after the ones it knows (by code
point), and empty names come last. Equal keys are broken by the name as written,
so sorting is deterministic.

The data: resources/name_order/name_order.txt, made by
scripts/make_name_order_tables.py (run by developers, never at run time) from
  - Unihan 15.0 (Debian's unicode-data package): kTotalStrokes, the mainland
    stroke count, and kMandarin, the usual reading. © Unicode, Inc., Unicode
    License v3.
  - the character ranking of the PyPI package cn-sort 0.14.0 (cn_sort/res/
    all_word.json), which orders 20,897 characters of 4E00–9FA5 by stroke count
    and then stroke sequence (横竖撇点折). © 2019 bmxbmx3, MIT License.
Both licences are permissive; their texts are in resources/name_order/NOTICE.txt,
which must ship with the program. The generator's opening comment says how to
regenerate the table. The table is read once, on first use.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TypeVar

T = TypeVar("T")


class NameOrder(StrEnum):
    """The orders a clerk can choose in the settings (the value is what is stored)."""

    STROKE = "stroke"  # 姓氏笔画: official printouts
    PINYIN = "pinyin"  # 拼音: looking people up on screen
    ROSTER = "roster"  # 名单顺序: the imported roster's own 序号

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    NameOrder.STROKE: "姓氏笔画",
    NameOrder.PINYIN: "拼音",
    NameOrder.ROSTER: "名单顺序",
}

DEFAULT_NAME_ORDER = NameOrder.STROKE
_ORDERS = {order.value: order for order in NameOrder}

# The table resource and its format line (the generator writes the same).
TABLE_PACKAGE = "resources"
TABLE_PATH = ("name_order", "name_order.txt")
TABLE_FORMAT = "cppcc-name-order 1"

# Surname readings where a character's usual reading is not its reading as a surname.
SURNAME_READINGS: dict[str, str] = {
    "单": "shàn",
    "曾": "zēng",
    "解": "xiè",
    "仇": "qiú",
    "朴": "piáo",
    "区": "ōu",
    "查": "zhā",
    "盖": "gě",
    "葛": "gě",
    "覃": "qín",
    "尉": "wèi",
    "种": "chóng",
    "重": "chóng",
    "秘": "bì",
    "繁": "pó",
    "缪": "miào",
    "翟": "zhái",
    "乐": "yuè",
    "员": "yùn",
    "贲": "bēn",
    "黑": "hè",
    "华": "huà",
    "纪": "jǐ",
    "过": "guō",
    "宁": "nìng",
    "折": "shé",
    "冼": "xiǎn",
    "隗": "wěi",
    "那": "nā",
    "召": "shào",
    "牟": "móu",
    "句": "gōu",
    "祭": "zhài",
    "訾": "zī",
    "厍": "shè",
    "长": "cháng",
    "都": "dū",
    "薄": "bó",
    "应": "yīng",
    "任": "rén",
    "便": "pián",
    "能": "nài",
    "佴": "nài",
    "相": "xiàng",
    "蕃": "pí",
    "番": "pān",
    "殷": "yīn",
    "哈": "hǎ",
    "沈": "shěn",
    "肖": "xiāo",
    "燕": "yān",
    "蔚": "yù",
    "柏": "bǎi",
    "贾": "jiǎ",
    "曲": "qū",
    "盛": "shèng",
    "朝": "cháo",
    "角": "jué",
    "颉": "xié",
    "隽": "juàn",
    "乜": "niè",
    "逄": "páng",
    "郇": "xún",
    "莘": "shēn",
    "眭": "suī",
    "阚": "kàn",
    "甯": "nìng",
    "仉": "zhǎng",
}

# 复姓 with their readings; only taken as such in names of three or more characters.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "欧阳": ("ōu", "yáng"),
    "司马": ("sī", "mǎ"),
    "诸葛": ("zhū", "gě"),
    "上官": ("shàng", "guān"),
    "尉迟": ("yù", "chí"),
    "万俟": ("mò", "qí"),
    "单于": ("chán", "yú"),
    "长孙": ("zhǎng", "sūn"),
    "令狐": ("líng", "hú"),
    "皇甫": ("huáng", "fǔ"),
    "东方": ("dōng", "fāng"),
    "夏侯": ("xià", "hóu"),
    "公孙": ("gōng", "sūn"),
    "慕容": ("mù", "róng"),
    "宇文": ("yǔ", "wén"),
    "澹台": ("tán", "tái"),
    "端木": ("duān", "mù"),
    "西门": ("xī", "mén"),
    "南宫": ("nán", "gōng"),
    "独孤": ("dú", "gū"),
    "呼延": ("hū", "yán"),
    "司徒": ("sī", "tú"),
    "司空": ("sī", "kōng"),
    "轩辕": ("xuān", "yuán"),
    "申屠": ("shēn", "tú"),
    "太史": ("tài", "shǐ"),
    "闻人": ("wén", "rén"),
    "赫连": ("hè", "lián"),
    "拓跋": ("tuò", "bá"),
    "钟离": ("zhōng", "lí"),
    "濮阳": ("pú", "yáng"),
    "淳于": ("chún", "yú"),
    "公冶": ("gōng", "yě"),
    "宗政": ("zōng", "zhèng"),
    "仲孙": ("zhòng", "sūn"),
    "亓官": ("qí", "guān"),
    "乐正": ("yuè", "zhèng"),
    "左丘": ("zuǒ", "qiū"),
    "东郭": ("dōng", "guō"),
    "段干": ("duàn", "gān"),
    "梁丘": ("liáng", "qiū"),
    "谷梁": ("gǔ", "liáng"),
    "即墨": ("jí", "mò"),
    "羊舌": ("yáng", "shé"),
    "第五": ("dì", "wǔ"),
    "公羊": ("gōng", "yáng"),
    "百里": ("bǎi", "lǐ"),
    "巫马": ("wū", "mǎ"),
    "漆雕": ("qī", "diāo"),
    "公西": ("gōng", "xī"),
    "太叔": ("tài", "shū"),
    "仉督": ("zhǎng", "dū"),
    "子车": ("zǐ", "jū"),
    "颛孙": ("zhuān", "sūn"),
    "壤驷": ("rǎng", "sì"),
    "公良": ("gōng", "liáng"),
    "微生": ("wēi", "shēng"),
    "宰父": ("zǎi", "fǔ"),
}

# Ignored in names: spaces (NFKC has made most of them " "), and the dots between the
# parts of a transcribed name (阿依古丽·买买提).
_IGNORED = str.maketrans(dict.fromkeys(" \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029.·•‧・∙⋅"))

# Character keys are ints; what the table does not know comes after all it knows.
_READING_SHIFT = 20  # pinyin key = reading index << 20 | stroke rank
_UNKNOWN = 1 << 40  # + code point
_PAD = -1  # the space of 王　毅: before any character
_EMPTY = (1 << 62,)  # an empty name: after every other name …
_NONE = (1 << 62, 1)  # … and no name at all last

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_VOWEL_MARKS = {"\u0308": 1, "\u0302": 2}  # ü, ê


class NameOrderTableError(RuntimeError):
    """The name-order table is missing or damaged: the installation is broken."""


def reading_sort_key(reading: str) -> tuple[str, int, int]:
    """Where a pinyin reading (with tone marks: zēng, lǘ, ḿ) goes: by its letters,
    ü after u and ê after e, then by tone 1-4 and the neutral tone last."""
    letters = []
    vowel = 0
    tone = 5
    for ch in unicodedata.normalize("NFD", reading.casefold()):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        elif ch in _VOWEL_MARKS:
            vowel = _VOWEL_MARKS[ch]
        else:
            letters.append(ch)
    return "".join(letters), vowel, tone


@dataclass(frozen=True)
class _Table:
    stroke: dict[str, int]  # character → rank in stroke order
    pinyin: dict[str, int]  # character → its usual reading's index << 20 | stroke rank
    reading_index: dict[str, int]  # reading → index in pinyin order
    no_reading: int  # the pinyin key of a character without a reading, less its rank
    group_starts: list[int]  # first rank of each stroke count …
    group_counts: list[int]  # … and that count
    sequenced: int  # characters whose stroke sequence is known


def _parse_counts(line: str) -> dict[str, int]:
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    return {name: int(value) for name, value in fields.items()}


def parse_table(text: str) -> _Table:
    """The table from its text; NameOrderTableError if it is not whole."""
    lines = text.splitlines()
    if not lines or "@format " + TABLE_FORMAT not in lines[:10]:
        raise NameOrderTableError("姓名排序表格式不符（缺少格式行）")
    if lines[-1] != "@end":
        raise NameOrderTableError("姓名排序表不完整（缺少结束行）")
    counts_lines = [line for line in lines if line.startswith("@counts ")]
    if len(counts_lines) != 1:
        raise NameOrderTableError("姓名排序表缺少计数行")
    declared = _parse_counts(counts_lines[0])

    stroke: dict[str, int] = {}
    groups: list[tuple[str, str]] = []  # (reading, its characters)
    starts: list[int] = []
    strokes: list[int] = []
    sequenced = 0
    section = ""
    for line in lines:
        if not line or line[0] in "#@":
            continue
        if line in ("[strokes]", "[pinyin]"):
            section = line
            continue
        fields = line.split("\t")
        if section == "[strokes]" and len(fields) == 3:
            known, unknown = fields[1], fields[2]
            starts.append(len(stroke))
            strokes.append(int(fields[0]))
            sequenced += len(known)
            chars = known + unknown
            stroke.update(zip(chars, range(len(stroke), len(stroke) + len(chars)), strict=True))
        elif section == "[pinyin]" and len(fields) == 2:
            groups.append((fields[0], fields[1]))
        else:
            raise NameOrderTableError(f"姓名排序表有无法识别的行：{line[:20]}")

    everything = {r for r, _ in groups} | set(SURNAME_READINGS.values())
    everything.update(r for pair in COMPOUND_SURNAMES.values() for r in pair)
    ordered = sorted(everything, key=reading_sort_key)
    reading_index = {r: i for i, r in enumerate(ordered)}
    pinyin: dict[str, int] = {}
    for reading, chars in groups:
        base = reading_index[reading] << _READING_SHIFT
        try:
            pinyin.update(zip(chars, [base | stroke[ch] for ch in chars], strict=True))
        except KeyError as e:
            raise NameOrderTableError(f"姓名排序表不完整：{e} 有读音而无笔画") from e

    found = {
        "strokes": len(stroke),
        "sequenced": sequenced,
        "pinyin": len(pinyin),
        "readings": len({r for r, _ in groups}),
    }
    if found != declared:
        raise NameOrderTableError(f"姓名排序表不完整：应有 {declared}，实有 {found}")
    return _Table(
        stroke=stroke,
        pinyin=pinyin,
        reading_index=reading_index,
        no_reading=len(ordered) << _READING_SHIFT,  # after all readings, in stroke order
        group_starts=starts,
        group_counts=strokes,
        sequenced=sequenced,
    )


def _table_text() -> str:
    try:
        path = resources.files(TABLE_PACKAGE).joinpath(*TABLE_PATH)
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError) as e:
        raise NameOrderTableError(f"缺少姓名排序表 {'/'.join(TABLE_PATH)}") from e


@cache
def _table() -> _Table:
    return parse_table(_table_text())


def table_info() -> dict[str, int]:
    """How many characters the table knows (for tests and the about box)."""
    table = _table()
    return {
        "characters": len(table.stroke),
        "sequenced": table.sequenced,
        "with_reading": len(table.pinyin),
        "readings": len(table.reading_index),
    }


def stroke_count(char: str) -> int | None:
    """The stroke count of one character (王 → 4), None if the table does not know it."""
    table = _table()
    rank = table.stroke.get(char)
    if rank is None:
        return None
    return table.group_counts[bisect.bisect_right(table.group_starts, rank) - 1]


def _normalized(name: str | None) -> str:
    if not name:
        return ""
    return unicodedata.normalize("NFKC", name).casefold().translate(_IGNORED)


def _stroke_keys(text: str) -> tuple[int, ...]:
    get = _table().stroke.get
    keys = [get(ch, _UNKNOWN + ord(ch)) for ch in text]
    if len(keys) == 2:  # printed 王　毅: the space comes before any character
        keys.insert(1, _PAD)
    return tuple(keys)


def _pinyin_keys(text: str) -> tuple[int, ...]:
    table = _table()
    get = table.pinyin.get
    keys = [get(ch) for ch in text]
    if None in keys:  # no reading: after all readings; not in the table: after those
        for i, ch in enumerate(text):
            if keys[i] is None:
                rank = table.stroke.get(ch)
                keys[i] = _UNKNOWN + ord(ch) if rank is None else table.no_reading | rank
    if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES:
        surname = COMPOUND_SURNAMES[text[:2]]
    elif text[:1] in SURNAME_READINGS:
        surname = (SURNAME_READINGS[text[0]],)
    else:
        return tuple(keys)
    for i, reading in enumerate(surname):  # the surname's reading, where its rank is
        rank = table.stroke.get(text[i])
        if rank is not None:
            keys[i] = table.reading_index[reading] << _READING_SHIFT | rank
    return tuple(keys)


def name_sort_key(
    name: str | None,
    order: NameOrder | str = DEFAULT_NAME_ORDER,
    sequence: int | None = None,
) -> tuple[int, int, tuple[int, ...], str]:
    """The key that puts `name` in its place in `order`.

    `sequence` is the person's 序号 in the roster, used only by roster order (missing:
    after everyone who has one). Keys made for different orders must not be mixed.
    """
    if order.__class__ is not NameOrder:
        order = _ORDERS.get(order) or NameOrder(order)
    text = _normalized(name)
    if text:
        keys = _pinyin_keys(text) if order is NameOrder.PINYIN else _stroke_keys(text)
    else:
        keys = _EMPTY if name is not None else _NONE
    raw = name or ""
    if order is NameOrder.ROSTER:
        if sequence is None:
            return 1, 0, keys, raw
        if isinstance(sequence, bool) or not isinstance(sequence, int):
            raise TypeError(f"序号应为整数：{sequence!r}")
        return 0, sequence, keys, raw
    return 0, 0, keys, raw


def sort_names(
    names: Iterable[str | None], order: NameOrder | str = DEFAULT_NAME_ORDER
) -> list[str | None]:
    """The names in `order` (roster order without 序号 is stroke order)."""
    return sorted(names, key=lambda n: name_sort_key(n, order))


def sorted_by_name(
    items: Iterable[T],
    name: Callable[[T], str | None],
    order: NameOrder | str = DEFAULT_NAME_ORDER,
    sequence: Callable[[T], int | None] | None = None,
) -> list[T]:
    """Records (members, sign-in rows …) in the order of their names.

    `sequence` gives a record's 序号 for roster order; it is not called otherwise.
    """
    order = NameOrder(order)
    if order is NameOrder.ROSTER and sequence is not None:
        return sorted(items, key=lambda item: name_sort_key(name(item), order, sequence(item)))
    return sorted(items, key=lambda item: name_sort_key(name(item), order))
