"""The background table of term frequencies that the duplicate check weighs terms by.

Run: .venv/bin/python -m tests.proposals.duplicates.term_table   (rewrites the resource file)

Counted over the typical proposals of the labelled set
(tests/proposals/data/similar_proposals.json): the background proposals and both halves
of the "dev" pairs. The "holdout" pairs are left out, so that their figures show how the
check does on texts whose words the table never saw, as in a real office. Only terms in
at least two texts are kept: a term met once is mostly a bigram across two words.
A test checks that the shipped file is what this script writes.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

from app.proposals.duplicates.term_weights import TABLE
from app.proposals.duplicates.text import normalize, text_terms

DATA = Path(__file__).parents[1] / "data" / "similar_proposals.json"
MIN_TEXTS = 2


def table_texts(path: Path = DATA) -> list[tuple[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = [(t["title"], t["body"]) for t in data["background"]]
    for kind in ("duplicates", "near_misses"):
        for pair in data[kind]:
            if pair["split"] == "dev":
                texts += [(pair[side]["title"], pair[side]["body"]) for side in ("a", "b")]
    return texts


def table(texts: list[tuple[str, str]]) -> dict[str, object]:
    counts: Counter[str] = Counter()
    for title, body in texts:
        counts.update(set(text_terms(normalize(title))) | set(text_terms(normalize(body))))
    frequencies = {term: n for term, n in sorted(counts.items()) if n >= MIN_TEXTS}
    return {
        "about": "Document frequencies of duplicate-check terms"
        " (app/proposals/duplicates/term_weights.py),"
        " written by tests/proposals/duplicates/term_table.py.",
        "documents": len(texts),
        "frequencies": frequencies,
    }


def serialized(texts: list[tuple[str, str]]) -> str:
    return json.dumps(table(texts), ensure_ascii=False, indent=0) + "\n"


def shipped_path() -> Path:
    folder, name = TABLE
    return Path(str(resources.files("resources").joinpath(folder, name)))


def main() -> None:
    path = shipped_path()
    path.write_text(serialized(table_texts()), encoding="utf-8")
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
