"""The table generator on a small made-up Unihan and cn-sort ranking."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from app.common.people.name_order import parse_table

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_name_order_tables.py"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_name_order_tables", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unihan(folder: Path, strokes: dict[str, str], readings: dict[str, str]) -> Path:
    def lines(field: str, values: dict[str, str]) -> str:
        rows = [f"U+{ord(ch):04X}\t{field}\t{value}" for ch, value in values.items()]
        return "# made up\n" + "\n".join(rows) + "\n"

    folder.mkdir()
    (folder / "ReadMe.txt").write_text("for Version 15.0.0 of the Unicode Standard.\n")
    (folder / "Unihan_IRGSources.txt").write_text(lines("kTotalStrokes", strokes))
    (folder / "Unihan_Readings.txt").write_text(lines("kMandarin", readings))
    return folder


def ranking(chars: str) -> bytes:
    words = [{"chinese": ch, "stroke_increment_level": i} for i, ch in enumerate(chars, 1)]
    entries = [*words, {"chinese": "王五", "stroke_increment_level": 0}]  # words are skipped
    return json.dumps({"all_word": entries}).encode()


def test_the_table_joins_unihan_counts_and_the_ranking(generator, tmp_path: Path) -> None:
    strokes = {"王": "4", "毛": "4", "井": "4", "石": "5", "田": "5", "刁": "2", "丁": "2"}
    strokes |= {"𠀀": "1", "曾": "12 13"}  # not ranked; two counts: the first is the mainland's
    readings = {"王": "wáng", "毛": "máo", "石": "shí dàn", "曾": "céng zēng", "丁": "dīng"}
    folder = unihan(tmp_path / "unihan", strokes, readings)
    text, notes = generator.build(folder, ranking("丁王井刁毛田石曾"))  # 刁 among the 4s
    table = parse_table(text)
    # in the ranking's order within each count; 刁 disagrees, so after the ranked 2s
    assert list(table.stroke) == ["𠀀", "丁", "刁", "王", "井", "毛", "田", "石", "曾"]
    assert table.group_counts == [1, 2, 4, 5, 12]
    assert "disagree with Unihan's count: 刁;" in notes[1]
    assert table.sequenced == 7
    pinyin = text[text.index("[pinyin]\n") + 9 : text.index("@end")].splitlines()
    assert pinyin == ["céng\t曾", "dīng\t丁", "máo\t毛", "shí\t石", "wáng\t王"]  # first readings
    assert "Unihan 15.0.0" in text


def test_the_longest_agreeing_run(generator) -> None:
    counts = {"a": 1, "b": 2, "c": 1, "d": 3, "e": 2, "f": 3}
    assert generator.agreeing(list("abcdef"), counts) in (
        {"a", "b", "e", "f"},
        {"a", "c", "e", "f"},
    )
