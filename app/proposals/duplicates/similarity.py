"""Similar earlier proposals for the duplicate check at intake and review (查重).

Pure Python and offline: no model, no Qt, no database. A proposal is a TF-IDF vector of
the character terms of its normalised title and body (app.proposals.duplicates.text; title terms
count twice: the 案由 names the subject), weighted by a fixed background table
(app.proposals.duplicates.term_weights), and proposals are compared by cosine.

A query runs in two stages so that it stays fast on tens of thousands of proposals:
an inverted index of the rarer terms gathers candidates, rarest terms first and up to
a reading budget, by a rough score; then the best few dozen are scored exactly.
"""

from __future__ import annotations

import hashlib
import heapq
import marshal
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import filterfalse, repeat
from operator import mul
from pathlib import Path

from app.proposals.duplicates.term_weights import TermWeights, background_weights
from app.proposals.duplicates.text import normalize, text_terms

__all__ = ["DUPLICATE_THRESHOLD", "Match", "SimilarityIndex", "normalize", "text_terms"]

# A score at or above this is flagged as a likely duplicate. Chosen on the "dev" pairs
# of the labelled set in tests/proposals/data (python -m
# tests.proposals.duplicates.similarity_figures prints the figures and the trade-off at
# other thresholds). The background table keeps it valid for small and large indexes alike.
DUPLICATE_THRESHOLD = 0.18

TITLE_BOOST = 2  # a title term counts as two body terms: the 案由 names the subject
CANDIDATES = 20  # stage-one candidates that are scored exactly
POSTED_SHARE = 0.05  # terms in more than this share of the table's texts are not posted
POSTING_BUDGET = 5_000  # postings read per query in stage one, rarest terms first
COMMON_SHARE = 0.05  # a term in more than this share of the index is not looked up...
COMMON_FLOOR = 200  # ... unless in at most this many (small indexes look everything up)
_CACHE_FORMAT = 1  # raise when save() writes something else


@dataclass(frozen=True, slots=True)
class Match:
    key: Hashable
    score: float  # cosine, 0..1; 1 for the same text
    likely_duplicate: bool  # score >= DUPLICATE_THRESHOLD


class SimilarityIndex:
    """Earlier proposals, each an opaque key (unique) with its title (案由) and body."""

    def __init__(
        self,
        proposals: Iterable[tuple[Hashable, str, str]] = (),
        *,
        weights: TermWeights | None = None,
    ) -> None:
        self._weights = weights or background_weights()
        self._known = self._weights.idf
        self._known_squares = {term: w * w for term, w in self._known.items()}
        self._unposted = self._weights.common(POSTED_SHARE)
        self._keys: list[Hashable] = []
        self._doc_of: dict[Hashable, int] = {}
        self._texts: list[tuple[str, str]] = []  # normalised title and body
        # Rarer and unknown terms -> the documents that have them. Only add() (and load())
        # create entries; everything else checks first or reads with .get.
        self._postings: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
        self._scale = array("d")  # 1 / rough vector length, for the stage-one score
        self._unknown_idf_table = _UnknownIdf(self._weights, 0)
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
        texts = normalize(title), normalize(body)
        terms = set(text_terms(texts[0]))
        terms.update(text_terms(texts[1]))
        self._keys.append(key)
        self._doc_of[key] = doc
        self._texts.append(texts)
        postings = self._postings
        for term in terms.difference(self._unposted):
            postings[term].append(doc)
        # Rough length: each term once, an unknown one as a rare one.
        square = sum(map(self._known_squares.get, terms, repeat(self._weights.rarest**2)))
        self._scale.append(1 / math.sqrt(square) if square else 0.0)

    def save(self, path: Path) -> None:
        """Write the index to a cache file that load() reads back in a fraction of the time
        that building takes. Keys must be plain values (str, int, tuples of them)."""
        data = (
            _CACHE_FORMAT,
            self._fingerprint(),
            self._keys,
            self._texts,
            {term: docs.tobytes() for term, docs in self._postings.items()},
            self._scale.tobytes(),
        )
        partial = path.with_name(path.name + ".partial")  # never a half-written cache
        partial.write_bytes(marshal.dumps(data))
        partial.replace(path)

    @classmethod
    def load(cls, path: Path, *, weights: TermWeights | None = None) -> SimilarityIndex:
        """An index saved by save(). A file that is not one, or that was written with other
        term weights or settings, is a ValueError: build the index anew then."""
        try:
            form, fingerprint, keys, texts, postings, scale = marshal.loads(path.read_bytes())
        except (EOFError, TypeError, ValueError) as error:
            raise ValueError(f"not a similarity index cache: {path}") from error
        index = cls(weights=weights)
        if form != _CACHE_FORMAT or fingerprint != index._fingerprint():
            raise ValueError(f"similarity index cache out of date: {path}")
        index._keys, index._texts = keys, texts
        index._doc_of = {key: doc for doc, key in enumerate(keys)}
        for term, raw in postings.items():
            index._postings[term].frombytes(raw)
        index._scale.frombytes(scale)
        return index

    def _fingerprint(self) -> str:
        """What the stored postings and lengths depend on besides the texts."""
        table = sorted(self._weights.frequencies.items())
        settings = (self._weights.documents, table, POSTED_SHARE, array("i").itemsize)
        return hashlib.sha256(repr(settings).encode()).hexdigest()

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

    def score(self, key: Hashable, other: Hashable) -> float:
        """The score that similar_to(key) shows for other, had it been listed."""
        doc, other_doc = self._doc_of[key], self._doc_of[other]
        query = self._query(self._texts[doc], own=True)
        return round(self._exact(query, other_doc, own=True), 4)

    def _search(
        self, texts: tuple[str, str], own: int | None, limit: int, exclude: set[Hashable]
    ) -> list[Match]:
        if limit <= 0 or not self._keys:
            return []
        query = self._query(texts, own=own is not None)
        if not query:
            return []
        scored = []
        for doc in self._candidates(query):
            if doc != own and self._keys[doc] not in exclude:
                scored.append((-self._exact(query, doc, own=own is not None), doc))
        best = [(round(-score, 4), doc) for score, doc in heapq.nsmallest(limit, scored)]
        # Flagged on the score as shown, so 0.38 shown is 0.38 flagged.
        return [
            Match(self._keys[doc], score, score >= DUPLICATE_THRESHOLD)
            for score, doc in best
            if score > 0
        ]

    def _idf(self, term: str, others: int) -> float:
        """IDF of a term that this many other texts have (index and query)."""
        known = self._known.get(term)
        return known if known is not None else self._unknown_idf[others, len(term) == 1]

    @property
    def _unknown_idf(self) -> _UnknownIdf:
        if self._unknown_idf_table.indexed != len(self._keys):  # add() changed the index
            self._unknown_idf_table = _UnknownIdf(self._weights, len(self._keys))
        return self._unknown_idf_table

    def _query(self, texts: tuple[str, str], *, own: bool) -> dict[str, float]:
        """Unit TF-IDF vector of the query. An indexed query is among its own postings."""
        weights = {}
        postings = self._postings
        for term, count in _counts(*texts).items():
            others = len(postings.get(term, ())) - own
            if weight := _tf(count) * self._idf(term, others):
                weights[term] = weight
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {term: w / norm for term, w in weights.items()} if norm else {}

    def _exact(self, query: dict[str, float], doc: int, *, own: bool) -> float:
        """Cosine of the unit query vector and this document's TF-IDF vector."""
        counts = _counts(*self._texts[doc])
        # Known terms summed in C: most of a text, and each needs only a table look-up.
        tf_squares = map(_TF_SQUARES.__getitem__, counts.values())
        square = sum(map(mul, map(self._known_squares.get, counts, repeat(0.0)), tf_squares))
        unknown = {}
        postings, unknown_idf = self._postings, self._unknown_idf
        for term in filterfalse(self._known.__contains__, counts):
            # others: the index less this document, plus a new query
            others = len(postings[term]) - 1 + (not own and term in query)
            weight = unknown[term] = unknown_idf[others, len(term) == 1]
            square += weight * weight * _TF_SQUARES[counts[term]]
        if not square:
            return 0.0
        dot = 0.0
        for term in counts.keys() & query.keys():
            weight = self._known.get(term) or unknown[term]
            count = counts[term]
            dot += query[term] * (weight if count == 1 else weight * _tf(count))
        return dot / math.sqrt(square)

    def _candidates(self, query: dict[str, float]) -> list[int]:
        """Stage one: a rough score (terms once, rough lengths) from the rarer terms."""
        postings = self._postings
        common = max(COMMON_FLOOR, COMMON_SHARE * len(self._keys))
        looked_up = sorted((len(postings[t]), t) for t in query if t in postings)
        rough: dict[int, float] = {}
        budget = POSTING_BUDGET
        for length, term in looked_up:
            if length > common or length > budget:
                break  # sorted by length: every later term is as common or more
            budget -= length
            weight, get = query[term] * self._idf(term, length), rough.get
            for doc in postings[term]:
                rough[doc] = get(doc, 0.0) + weight
        scaled = map(mul, rough.values(), map(self._scale.__getitem__, rough))
        return [doc for _, doc in heapq.nlargest(CANDIDATES, zip(scaled, rough, strict=True))]


def _counts(title: str, body: str) -> Counter[str]:
    return Counter(text_terms(body) + text_terms(title) * TITLE_BOOST)


def _tf(count: int) -> float:
    """Sublinear term frequency: a word said five times is not five times the subject."""
    return 1 + math.log(count)


class _Squares(dict[int, float]):
    """_tf(count) squared, computed once per count."""

    def __missing__(self, count: int) -> float:
        square = self[count] = _tf(count) ** 2
        return square


_TF_SQUARES = _Squares()


class _UnknownIdf(dict[tuple[int, bool], float]):
    """IDF of unknown terms by (other texts that have it, single character), for an index
    of one size: computed once per value, as a query meets hundreds of such terms."""

    def __init__(self, weights: TermWeights, indexed: int) -> None:
        super().__init__()
        self.weights, self.indexed = weights, indexed

    def __missing__(self, key: tuple[int, bool]) -> float:
        others, single = key
        weight = self[key] = self.weights.unknown(others, self.indexed, single=single)
        return weight
