"""How much a shared term says about two proposals: IDF from a fixed background table.

Weights come from resources/proposals/term_frequencies.json (document frequencies of
terms over a set of typical county proposals, see tests/proposals/duplicates/term_table.py), not
from the office's own proposals. So a score, and the duplicate flag on it, means the
same in a new office with 30 proposals as in a city with 50,000: counted over a small
index, every shared term looks rare and every pair looks alike.

A term the table does not know is either a subject word it never met or a bigram that
straddles two words (车位严重 → 位严). Only the index can tell: it weighs nothing unless
another text has it too, and is weighed as rare unless the index has it often (say the
county's own name).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

UNIGRAM_WEIGHT = 1.5  # relative weight of single characters against bigrams
TABLE = ("proposals", "term_frequencies.json")  # under the resources package


@dataclass(frozen=True)
class TermWeights:
    documents: int  # texts the table was counted over
    frequencies: dict[str, int]  # known term -> texts that have it
    idf: dict[str, float] = field(init=False)  # single characters times UNIGRAM_WEIGHT

    def __post_init__(self) -> None:
        idf = {}
        for term, df in self.frequencies.items():
            weight = math.log((self.documents + 1) / (df + 0.5))
            idf[term] = weight * UNIGRAM_WEIGHT if len(term) == 1 else weight
        object.__setattr__(self, "idf", idf)

    def unknown(self, others: int, indexed: int, *, single: bool = False) -> float:
        """IDF of a term the table lacks, had by this many other texts of an index of
        this size: the table counts as that many more texts without the term."""
        if others <= 0:
            return 0.0
        total = self.documents + indexed + 1
        weight = min(math.log(total / (others + 1.5)), self.rarest)
        return weight * UNIGRAM_WEIGHT if single else weight

    @property
    def rarest(self) -> float:
        """The IDF of a term met once: the most a bigram can weigh."""
        return math.log((self.documents + 1) / 1.5)

    def common(self, max_share: float) -> frozenset[str]:
        """Known terms in more than this share of the table's texts."""
        most = max_share * self.documents
        return frozenset(term for term, df in self.frequencies.items() if df > most)


@cache
def background_weights() -> TermWeights:
    """The shipped table, read once."""
    folder, name = TABLE
    path = resources.files("resources").joinpath(folder, name)
    data = json.loads(path.read_text(encoding="utf-8"))
    return TermWeights(data["documents"], data["frequencies"])
