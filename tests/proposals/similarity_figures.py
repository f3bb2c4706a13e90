"""Recall and precision of the duplicate flag on the labelled set.

Run: .venv/bin/python -m tests.proposals.similarity_figures

Each half of every labelled pair (same-subject and near-miss) in
tests/proposals/data/similar_proposals.json is checked against all the other proposals
(both halves of every pair and the ~200 background ones). A flagged partner of a
same-subject pair is a hit; any other flag (a near-miss partner, a background proposal,
another pair's half) is a false alarm. Pairs are checked from both sides. The "strict"
line also checks every background proposal against the rest and counts its flags as
false alarms, though some background proposals are close neighbours by design.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.proposals.similarity import DUPLICATE_THRESHOLD, SimilarityIndex

DATA = Path(__file__).with_name("data") / "similar_proposals.json"
THRESHOLDS = (0.20, 0.24, 0.28, 0.30, 0.32, 0.34, 0.36, 0.38, 0.40, 0.44)


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
        f" {background} background proposals; threshold {DUPLICATE_THRESHOLD}"
    ]
    whole = measure(labelled)
    lines += report(whole, "title + body, all")
    for split in ("dev", "holdout"):
        lines += report(measure(labelled, splits=[split]), f"title + body, {split} only")
    lines += report(measure(labelled, strict=True), "title + body, strict")
    title_only = measure(labelled, with_body=False)
    lines += report(title_only, "title only (intake, as typed)")
    lines.append("threshold sweep, title + body: threshold  recall  precision")
    for threshold in THRESHOLDS:
        recall, precision = whole.at(threshold)
        lines.append(f"  {threshold:.2f}  {recall:.3f}  {precision:.3f}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
