"""Similar earlier proposals for the duplicate check at intake and review (查重).

Pure Python and offline: no model, no Qt, no database. Chinese has no spaces, so a
text becomes character terms over a normalised text (see text_terms): bigrams, which
carry most words, and single characters, which catch variants such as 教师/老师 that
share no bigram. Terms are weighted by TF-IDF (title terms count twice) and proposals
compared by cosine.

A query runs in two stages so that it stays fast on tens of thousands of proposals:
an inverted index gathers candidates from the postings of the query's rarer terms
only (very common terms are skipped and reading stops at a posting budget), then the
best few dozen are scored exactly, with all their terms and the current IDF.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from app.proposals.synonyms import canonical_words

# A score at or above this is flagged as a likely duplicate. Chosen on the labelled set
# in tests/proposals/data for precision >= 0.8 (python -m tests.proposals.similarity_figures
# prints the figures and the trade-off at other thresholds).
DUPLICATE_THRESHOLD = 0.38

TITLE_BOOST = 2  # a title term counts as two body terms: the 案由 names the subject
UNIGRAM_WEIGHT = 1.5  # relative weight of single characters against bigrams
CANDIDATES = 30  # stage-one candidates that are scored exactly
QUERY_TERMS = 60  # at most this many of the query's heaviest terms are looked up
POSTING_BUDGET = 5_000  # postings read per query in stage one, rarest terms first
COMMON_SHARE = 0.05  # a term in more than this share of proposals is not looked up...
COMMON_FLOOR = 200  # ... unless in at most this many (small indexes look everything up)

# Boilerplate of proposals: it says nothing about the subject, and left in it makes
# any two "关于加强……的建议" alike. Replaced by a gap, so no bigram spans it. Single
# characters only where they are (almost) never part of a word.
_STOP_LIST = """
关于 建议 提案 意见 进一步 加强 加快 加大 推进 推动 促进 完善 提升 提高 做好 切实 着力
有关 相关 问题 工作 对策 思考 几点 措施 力度 亟待 亟需 亟须 应当 应该 引起 重视 关注
解决 我县 全县 本县 我们 目前 当前 近年来 近几年 随着 存在 一些 部分 不少 很多 多措并举
的 了 和 与 及
"""
STOP_WORDS = tuple(_STOP_LIST.split())
_STOP_RE = re.compile("|".join(sorted(map(re.escape, STOP_WORDS), key=len, reverse=True)))
_NON_WORD_RE = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9]+")  # all else separates
_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]*[a-z][a-z0-9]*")


@dataclass(frozen=True, slots=True)
class Match:
    key: Hashable
    score: float  # cosine, 0..1; 1 for the same text
    likely_duplicate: bool  # score >= DUPLICATE_THRESHOLD


def normalize(text: str) -> str:
    """Half-width, lower case, synonyms unified (app.proposals.synonyms), punctuation
    and boilerplate turned into single spaces."""
    text = canonical_words(unicodedata.normalize("NFKC", text).lower())
    text = _NON_WORD_RE.sub(" ", text)
    return " ".join(_STOP_RE.sub(" ", text).split())


def text_terms(normalized: str) -> list[str]:
    """Bigrams and single characters of each run of Chinese characters, and ASCII words
    such as "app" or "5g" whole; bare numbers (years, amounts) are dropped."""
    terms: list[str] = []
    for run in _RUN_RE.findall(normalized):
        if run.isascii():
            terms.append(run)
        else:
            terms.extend(run)
            terms.extend(map(str.__add__, run, run[1:]))  # bigrams, built in C
    return terms


class SimilarityIndex:
    """Earlier proposals, each an opaque key (unique) with its title (案由) and body."""

    def __init__(self, proposals: Iterable[tuple[Hashable, str, str]] = ()) -> None:
        self._keys: list[Hashable] = []
        self._doc_of: dict[Hashable, int] = {}
        self._texts: list[tuple[str, str]] = []  # normalised title and body
        self._postings: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
        self._scale: list[float] = []  # 1 / sqrt(distinct terms), for the rough score
        self._idf_table: _IdfTable | None = None
        for key, title, body in proposals:
            self.add(key, title, body)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._doc_of

    def add(self, key: Hashable, title: str, body: str = "") -> None:
        """Index one more proposal; a key already indexed is a ValueError."""
        if key in self._doc_of:
            raise ValueError(f"already indexed: {key!r}")
        doc = len(self._keys)
        self._keys.append(key)
        self._doc_of[key] = doc
        texts = normalize(title), normalize(body)
        self._texts.append(texts)
        terms = set(text_terms(texts[0]))
        terms.update(text_terms(texts[1]))
        postings = self._postings  # read with .get elsewhere: only add() creates entries
        for term in terms:
            postings[term].append(doc)
        self._scale.append(1 / math.sqrt(len(terms) or 1))
        self._idf_table = None

    def similar(
        self, title: str, body: str = "", *, limit: int = 10, exclude: Iterable[Hashable] = ()
    ) -> list[Match]:
        """Indexed proposals most like a new text (not itself indexed), best first.

        An empty title finds nothing: the check needs at least the 案由.
        """
        if not title.strip():
            return []
        return self._search((normalize(title), normalize(body)), None, limit, set(exclude))

    def similar_to(self, key: Hashable, *, limit: int = 10) -> list[Match]:
        """Other indexed proposals most like the indexed one with this key, best first."""
        doc = self._doc_of[key]
        return self._search(self._texts[doc], doc, limit, set())

    def _search(
        self, texts: tuple[str, str], own: int | None, limit: int, exclude: set[Hashable]
    ) -> list[Match]:
        if limit <= 0 or not self._keys:
            return []
        counts = _counts(*texts)
        idf = self._idf()
        # A new text counts among the texts that have its terms (see _IdfTable).
        query_idf = {
            term: idf[term] if own is not None else idf.with_query(term) for term in counts
        }
        query = _unit_weights(counts, query_idf)
        if not query:
            return []
        scored = []
        for doc in self._candidates(query):
            if doc != own and self._keys[doc] not in exclude:
                score = _cosine_to(query, _counts(*self._texts[doc]), query_idf, idf)
                scored.append((-score, doc))
        best = [(round(-score, 4), doc) for score, doc in heapq.nsmallest(limit, scored)]
        # Flagged on the score as shown, so 0.38 shown is 0.38 flagged.
        return [
            Match(self._keys[doc], score, score >= DUPLICATE_THRESHOLD)
            for score, doc in best
            if score > 0
        ]

    def _idf(self) -> _IdfTable:
        if self._idf_table is None:  # add() drops it: document frequencies changed
            self._idf_table = _IdfTable(self._postings, len(self._keys) + 1)
        return self._idf_table

    def _candidates(self, query: dict[str, float]) -> list[int]:
        """Stage one: a rough score (binary terms, length-scaled) from the rarer terms."""
        common = max(COMMON_FLOOR, COMMON_SHARE * len(self._keys))
        heaviest = heapq.nlargest(QUERY_TERMS, query, key=query.__getitem__)
        heaviest.sort(key=lambda term: len(self._postings.get(term, ())))
        rough: dict[int, float] = {}
        budget = POSTING_BUDGET
        for term in heaviest:
            docs = self._postings.get(term, ())
            if len(docs) > common or len(docs) > budget:
                break  # sorted by length: every later term is as common or more
            budget -= len(docs)
            weight, get, scale = query[term], rough.get, self._scale
            for doc in docs:
                rough[doc] = get(doc, 0.0) + weight * scale[doc]
        return heapq.nlargest(CANDIDATES, rough, key=rough.__getitem__)


def _counts(title: str, body: str) -> Counter[str]:
    counts = Counter(text_terms(body))
    for term in text_terms(title):
        counts[term] += TITLE_BOOST
    return counts


class _IdfTable(dict[str, float]):
    """IDF of each term, filled in as terms are met, times UNIGRAM_WEIGHT for characters.

    Counted over the index plus the query. A term that no other text has cannot show a
    duplicate, and most such bigrams straddle two words (车位严重 → 位严): rare, they
    would outweigh the shared words, so they weigh nothing.
    """

    def __init__(self, postings: dict[str, array[int]], total: int) -> None:
        super().__init__()
        self._postings = postings
        self._total = total

    def __missing__(self, term: str) -> float:
        weight = self[term] = self._weight(term, len(self._postings.get(term, ())))
        return weight

    def with_query(self, term: str) -> float:
        """For a term of a query that is not indexed: one more text has it."""
        return self._weight(term, len(self._postings.get(term, ())) + 1)

    def _weight(self, term: str, df: int) -> float:
        if df < 2:
            return 0.0
        idf = math.log(self._total / (df + 0.5))
        return idf * UNIGRAM_WEIGHT if len(term) == 1 else idf


def _unit_weights(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear TF times IDF, to unit length; terms of no weight dropped."""
    weights = {}
    for term, count in counts.items():
        if weight := (1 + math.log(count)) * idf[term]:
            weights[term] = weight
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / norm for term, w in weights.items()} if norm else {}


def _cosine_to(
    query: dict[str, float], counts: Counter[str], query_idf: dict[str, float], idf: _IdfTable
) -> float:
    """Cosine of a unit query vector and the TF-IDF vector of these counts, in one pass."""
    dot = square = 0.0
    get = query.get
    for term, count in counts.items():
        weight = query_idf[term] if term in query_idf else idf[term]
        if count > 1:
            weight *= 1 + math.log(count)
        square += weight * weight
        dot += weight * get(term, 0.0)
    return dot / math.sqrt(square) if square else 0.0
