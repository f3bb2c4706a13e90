"""Recall and precision of the duplicate flag on the labelled set.

Run: .venv/bin/python -m tests.proposals.duplicates.similarity_figures

The issue's measure is per labelled pair ("pairwise"): every proposal of
tests/proposals/data/similar_proposals.json is indexed (so weights are as in use), and
each same-subject pair and each near-miss pair gets the score that the screen shows for
one half against the other (SimilarityIndex.score; it is symmetric). A pair is flagged
when that score reaches DUPLICATE_THRESHOLD. Recall: flagged same-subject pairs / all
same-subject pairs; precision: flagged same-subject pairs / all flagged pairs. The
"small office" line scores each pair in an index of just that pair and 28 background
proposals, to show that the same threshold holds there.

The stricter "pool" lines are secondary: each half of every pair is checked against all
the other proposals (both halves of every pair and the 200 background ones); a flagged
partner is a hit, any other flag among the ten shown (a near-miss partner, a background
proposal, another pair's half) counts as a false alarm, though some background
proposals are close neighbours by design. "strict" also checks every background
proposal against the rest.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.proposals.duplicates.similarity import DUPLICATE_THRESHOLD, SimilarityIndex

DATA = Path(__file__).parents[1] / "data" / "similar_proposals.json"
PAIR_THRESHOLDS = (0.14, 0.16, 0.17, 0.18, 0.19, 0.20, 0.22, 0.24)
THRESHOLDS = (0.18, 0.20, 0.24, 0.28, 0.32, 0.36, 0.40, 0.44)


@dataclass(frozen=True)
class Proposal:
    key: str
    title: str
    body: str
    split: str  # "dev", "holdout" or "" for the background


@dataclass
class LabelledSet:
    proposals: list[Proposal]
    partners: dict[str, str]  # both halves of each same-subject pair, either way round
    near_misses: dict[str, str]  # likewise for the near-miss pairs


@dataclass
class PairFigures:
    """The issue's measure: one flag decision per labelled pair."""

    duplicates: list[float] = field(default_factory=list)  # scores of same-subject pairs
    near_misses: list[float] = field(default_factory=list)  # scores of near-miss pairs

    def at(self, threshold: float) -> tuple[float, float]:
        """Recall and precision of the flag at this threshold."""
        hits = sum(score >= threshold for score in self.duplicates)
        alarms = sum(score >= threshold for score in self.near_misses)
        recall = hits / len(self.duplicates) if self.duplicates else 0.0
        return recall, hits / (hits + alarms) if hits + alarms else 1.0

    @property
    def recall(self) -> float:
        return self.at(DUPLICATE_THRESHOLD)[0]

    @property
    def precision(self) -> float:
        return self.at(DUPLICATE_THRESHOLD)[1]


@dataclass
class Figures:
    pairs: int = 0
    found: int = 0  # partner flagged
    first: int = 0  # partner ranked first
    top3: int = 0  # partner among the first three
    false_alarms: int = 0
    near_miss_flags: int = 0
    scores: list[tuple[float, bool]] = field(default_factory=list)  # every candidate seen

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_alarms
        return self.found / flagged if flagged else 1.0

    def at(self, threshold: float) -> tuple[float, float]:
        """Recall and precision had the flag used this threshold instead."""
        hits = sum(1 for score, right in self.scores if right and score >= threshold)
        alarms = sum(1 for score, right in self.scores if not right and score >= threshold)
        recall = hits / self.pairs if self.pairs else 0.0
        return recall, hits / (hits + alarms) if hits + alarms else 1.0


def load(path: Path = DATA) -> LabelledSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    proposals: list[Proposal] = []
    partners: dict[str, str] = {}
    near: dict[str, str] = {}
    for kind, links in (("duplicates", partners), ("near_misses", near)):
        for i, pair in enumerate(data[kind]):
            a, b = f"{kind}-{i}-a", f"{kind}-{i}-b"
            links[a], links[b] = b, a
            for key, text in ((a, pair["a"]), (b, pair["b"])):
                proposals.append(Proposal(key, text["title"], text["body"], pair["split"]))
    for i, text in enumerate(data["background"]):
        proposals.append(Proposal(f"background-{i}", text["title"], text["body"], ""))
    return LabelledSet(proposals, partners, near)


def pairs_of(links: dict[str, str], split_of: dict[str, str], wanted: set[str] | None):
    for a, b in links.items():
        if a < b and (wanted is None or split_of[a] in wanted):
            yield a, b


def measure_pairs(labelled: LabelledSet, *, splits: Iterable[str] | None = None) -> PairFigures:
    index = SimilarityIndex((p.key, p.title, p.body) for p in labelled.proposals)
    wanted = set(splits) if splits is not None else None
    split_of = {p.key: p.split for p in labelled.proposals}
    figures = PairFigures()
    for a, b in pairs_of(labelled.partners, split_of, wanted):
        figures.duplicates.append(index.score(a, b))
    for a, b in pairs_of(labelled.near_misses, split_of, wanted):
        figures.near_misses.append(index.score(a, b))
    return figures


def measure_pairs_in_small_indexes(labelled: LabelledSet, *, others: int = 28) -> PairFigures:
    """Each pair scored in an index of the pair and a few background proposals, as in a
    new office: the same threshold should give about the same figures."""
    by_key = {p.key: p for p in labelled.proposals}
    background = [p for p in labelled.proposals if not p.split]
    rng = random.Random(10)
    split_of = {p.key: p.split for p in labelled.proposals}
    figures = PairFigures()
    for links, scores in (
        (labelled.partners, figures.duplicates),
        (labelled.near_misses, figures.near_misses),
    ):
        for a, b in pairs_of(links, split_of, None):
            texts = [by_key[a], by_key[b], *rng.sample(background, others)]
            index = SimilarityIndex((p.key, p.title, p.body) for p in texts)
            scores.append(index.score(a, b))
    return figures


def measure(
    labelled: LabelledSet,
    *,
    with_body: bool = True,
    splits: Iterable[str] | None = None,
    strict: bool = False,
) -> Figures:
    index = SimilarityIndex((p.key, p.title, p.body) for p in labelled.proposals)
    wanted = set(splits) if splits is not None else None
    figures = Figures()
    for proposal in labelled.proposals:
        if wanted is not None and proposal.split not in wanted:
            continue
        if not proposal.split and not strict:
            continue  # a background proposal: there to be seen past, not checked
        partner = labelled.partners.get(proposal.key)
        figures.pairs += partner is not None
        if with_body:
            matches = index.similar_to(proposal.key)
        else:  # as typed at intake: the title alone
            matches = index.similar(proposal.title, exclude=[proposal.key])
        for rank, match in enumerate(matches):
            right = match.key == partner
            figures.scores.append((match.score, right))
            figures.first += right and rank == 0
            figures.top3 += right and rank < 3
            if match.likely_duplicate:
                figures.found += right
                figures.false_alarms += not right
                figures.near_miss_flags += match.key == labelled.near_misses.get(proposal.key)
    return figures


def report_pairs(figures: PairFigures, label: str) -> str:
    flagged = sum(score >= DUPLICATE_THRESHOLD for score in figures.duplicates)
    alarms = sum(score >= DUPLICATE_THRESHOLD for score in figures.near_misses)
    return (
        f"{label}: recall {figures.recall:.3f} ({flagged}/{len(figures.duplicates)}"
        f" same-subject pairs flagged), precision {figures.precision:.3f}"
        f" ({alarms}/{len(figures.near_misses)} near-miss pairs flagged)"
    )


def report(figures: Figures, label: str) -> list[str]:
    return [
        f"{label}: recall {figures.recall:.3f} ({figures.found}/{figures.pairs} partners flagged),"
        f" precision {figures.precision:.3f} ({figures.false_alarms} false alarms,"
        f" {figures.near_miss_flags} of them near misses), partner ranked first"
        f" {figures.first}/{figures.pairs}, in the top 3 {figures.top3}/{figures.pairs}",
    ]


def main() -> None:
    labelled = load()
    pairs, near = len(labelled.partners) // 2, len(labelled.near_misses) // 2
    background = len(labelled.proposals) - 2 * (pairs + near)
    lines = [
        f"labelled set: {pairs} same-subject pairs, {near} near-miss pairs,"
        f" {background} background proposals; threshold {DUPLICATE_THRESHOLD}",
        "pairwise (the issue's measure, goal recall >= 0.90 at precision >= 0.80):",
    ]
    whole = measure_pairs(labelled)
    lines.append(report_pairs(whole, "  all pairs"))
    for split in ("dev", "holdout"):
        lines.append(report_pairs(measure_pairs(labelled, splits=[split]), f"  {split} pairs"))
    small = measure_pairs_in_small_indexes(labelled)
    lines.append(report_pairs(small, "  all pairs, small office (index of 30)"))
    lines.append("  threshold sweep, all pairs: threshold  recall  precision")
    for threshold in PAIR_THRESHOLDS:
        recall, precision = whole.at(threshold)
        lines.append(f"    {threshold:.2f}  {recall:.3f}  {precision:.3f}")
    lines.append("pool (stricter, secondary: every flag among the ten shown counts):")
    pool = measure(labelled)
    lines += report(pool, "  title + body, all")
    for split in ("dev", "holdout"):
        lines += report(measure(labelled, splits=[split]), f"  title + body, {split} only")
    lines += report(measure(labelled, strict=True), "  title + body, strict")
    lines += report(measure(labelled, with_body=False), "  title only (intake, as typed)")
    lines.append("  threshold sweep, pool, title + body: threshold  recall  precision")
    for threshold in THRESHOLDS:
        recall, precision = pool.at(threshold)
        lines.append(f"    {threshold:.2f}  {recall:.3f}  {precision:.3f}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
