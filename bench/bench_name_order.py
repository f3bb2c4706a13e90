"""Speed of the name order: reading the table once, then sorting 5,000 names.

Run: .venv/bin/python bench/bench_name_order.py

A list, picker or roster export sorts at most a few thousand people; 50 ms is the
budget for 5,000 names in any order. The table is read on first use only, and is
reported on its own (best of several fresh reads).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.people import name_order
from app.common.people.name_order import NameOrder, name_sort_key, sort_names

NAMES = 5000
BUDGET_MS = 50.0
ROUNDS = 15
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
)
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "尉迟")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红文斌玉梅辉鑫波宇浩凯健俊"


def names(rng: random.Random) -> list[str]:
    out = []
    for i in range(NAMES):
        surname = rng.choice(COMPOUND) if i % 50 == 0 else rng.choice(SURNAMES)
        out.append(surname + "".join(rng.sample(GIVEN, rng.choice((1, 2, 2, 2)))))
    out[::97] = ["阿依古丽·买买提"] * len(out[::97])
    return out


def best_ms(run, rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best * 1000


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main() -> None:
    text = name_order._table_text()
    load = best_ms(lambda: name_order.parse_table(text), 5)
    read = best_ms(name_order._table_text, 5)
    info = name_order.table_info()
    say(f"table: {info['characters']:,} characters, {info['sequenced']:,} with stroke sequence,")
    say(f"       {info['with_reading']:,} with a reading; read {read:.1f} ms, parsed {load:.1f} ms")

    people = names(random.Random(2026))
    sequence = {name: i for i, name in enumerate(people) if i % 3}
    roster = NameOrder.ROSTER
    for order in NameOrder:
        if order is roster:
            ms = best_ms(
                lambda: sorted(people, key=lambda n: name_sort_key(n, roster, sequence.get(n)))
            )
        else:
            ms = best_ms(lambda o=order: sort_names(people, o))
        verdict = "ok" if ms < BUDGET_MS else "OVER BUDGET"
        say(f"{order.label:6} {NAMES:,} names: {ms:5.1f} ms (budget {BUDGET_MS:.0f} ms) {verdict}")


if __name__ == "__main__":
    main()
