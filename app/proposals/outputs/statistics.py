"""Statistics of a year's proposals: counts by submitter kind, category, unit and result
class; the acceptance, on-time reply and satisfaction rates. Plain data the screens
chart (QtCharts), and an Excel export.

Rates, as offices report them:
- acceptance: accepted (merged ones included: they are handled with their main
  proposal) over the reviewed proposals;
- on-time reply: replies on or before the deadline (extension included) over replies,
  each unit's reply counted;
- satisfaction: 满意 and 基本满意 over the ratings, every round counted.
Imported history counts by its written 办理结果 (A…, B…, C… or 已解决…).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.common.storage import Database
from app.common.text import percent
from app.office.office import chosen_office
from app.office.scope import owner_uuids
from app.proposals.labels import (
    ROLE_LABELS,
    SATISFACTION_LABELS,
    SUBMITTER_LABELS,
    ProposalState,
    Satisfaction,
    UnitRole,
)
from app.proposals.listing import ListedProposal, listed_proposals
from app.proposals.outputs.xlsx_out import SheetTable, write_tables

_CLASS_WORDS = (("A", ("已解决", "采纳")), ("B", ("正在解决", "列入计划")), ("C", ("留作参考",)))


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class UnitCount:
    unit: str
    lead: int  # 主办 (or 会办 / 分办)
    assist: int  # 协办
    replied: int
    on_time: int


@dataclass(frozen=True)
class ProposalStatistics:
    office_name: str
    year: int
    received: int
    pending: int  # not yet reviewed
    accepted: int  # 立案 (merged ones not included)
    merged: int
    rejected: int
    converted: int
    key: int
    by_kind: tuple[Count, ...]
    by_category: tuple[Count, ...]
    by_unit: tuple[UnitCount, ...]
    by_result: tuple[Count, ...]  # A / B / C …, per reply (and per imported proposal)
    by_satisfaction: tuple[Count, ...]
    replies: int
    on_time: int
    ratings: int
    satisfied: int  # 满意 + 基本满意

    @property
    def reviewed(self) -> int:
        return self.received - self.pending

    @property
    def acceptance_rate(self) -> str:
        return percent(self.accepted + self.merged, self.reviewed)

    @property
    def on_time_rate(self) -> str:
        return percent(self.on_time, self.replies)

    @property
    def satisfaction_rate(self) -> str:
        return percent(self.satisfied, self.ratings)

    @property
    def summary(self) -> str:
        return (
            f"{self.year}年共收到提案{self.received}件，立案{self.accepted + self.merged}件"
            f"（其中并案{self.merged}件），立案率{self.acceptance_rate}；不予立案{self.rejected}件，"
            f"转办{self.converted}件，待审查{self.pending}件。按时答复率{self.on_time_rate}，"
            f"满意率（含基本满意）{self.satisfaction_rate}。"
        )


def result_class_of(text: str) -> str:
    """A, B, C … from what a spreadsheet wrote: A、A类、已解决或采纳 …; "" when unknown."""
    text = text.strip()
    if re.match(r"^[A-Za-z](?:类|$|\W)", text):
        return text[0].upper()
    for letter, words in _CLASS_WORDS:
        if any(word in text for word in words):
            return letter
    return ""


def proposal_statistics(
    database: Database, year: int, office_code: str | None = None
) -> ProposalStatistics:
    """`office_code`: at the city, a county whose proposals came by exchange file."""
    with database.read() as session:
        office = chosen_office(session, office_code)
        proposals = _proposals(session, year, office_code)
        states = Counter(p.state for p in proposals)
        kinds = Counter(SUBMITTER_LABELS[p.submitter_kind] for p in proposals)
        categories = Counter(
            (p.category.name if p.category is not None else p.category_text) or "未分类"
            for p in proposals
        )
        units: dict[str, list[int]] = {}
        results: Counter[str] = Counter()
        ratings: Counter[Satisfaction] = Counter()
        replies = on_time = 0
        for p in proposals:
            if p.imported and (letter := result_class_of(p.imported_result)):
                results[letter] += 1
            for a in p.assignments:
                if a.deleted_at is not None:
                    continue
                if a.satisfaction is not None:
                    ratings[a.satisfaction] += 1
                if not a.active:
                    continue
                tally = units.setdefault(a.unit.name, [0, 0, 0, 0])
                tally[1 if a.role is UnitRole.ASSIST else 0] += 1
                if a.replied_on is not None:
                    replies += 1
                    tally[2] += 1
                    if a.replied_on <= a.due:
                        on_time += 1
                        tally[3] += 1
                    if a.result_class is not None:
                        results[a.result_class.name] += 1
        return ProposalStatistics(
            office_name=office.name,
            year=year,
            received=len(proposals),
            pending=states[ProposalState.SUBMITTED],
            accepted=states[ProposalState.ACCEPTED],
            merged=states[ProposalState.MERGED],
            rejected=states[ProposalState.REJECTED],
            converted=states[ProposalState.CONVERTED],
            key=sum(1 for p in proposals if p.is_key),
            by_kind=_counts(kinds),
            by_category=_counts(categories),
            by_unit=tuple(
                UnitCount(name, *tally)
                for name, tally in sorted(
                    units.items(), key=lambda item: (-sum(item[1][:2]), item[0])
                )
            ),
            by_result=tuple(Count(k, results[k]) for k in sorted(results)),
            by_satisfaction=tuple(
                Count(SATISFACTION_LABELS[s], ratings[s]) for s in Satisfaction if ratings[s]
            ),
            replies=replies,
            on_time=on_time,
            ratings=sum(ratings.values()),
            satisfied=ratings[Satisfaction.SATISFIED] + ratings[Satisfaction.BASIC],
        )


def _counts(counter: Counter[str]) -> tuple[Count, ...]:
    return tuple(
        Count(label, n) for label, n in sorted(counter.items(), key=lambda i: (-i[1], i[0]))
    )


def write_statistics_xlsx(stats: ProposalStatistics, path: Path) -> Path:
    title = f"{stats.office_name}{stats.year}年提案统计"
    overview = (
        ("收到提案", stats.received),
        ("立案（含并案）", stats.accepted + stats.merged),
        ("其中并案", stats.merged),
        ("不予立案", stats.rejected),
        ("转办", stats.converted),
        ("待审查", stats.pending),
        ("重点提案", stats.key),
        ("立案率", stats.acceptance_rate),
        ("答复件次", stats.replies),
        ("按时答复", stats.on_time),
        ("按时答复率", stats.on_time_rate),
        ("评价件次", stats.ratings),
        ("满意率（含基本满意）", stats.satisfaction_rate),
    )

    def counts(name: str, header: str, items: tuple[Count, ...]) -> SheetTable:
        return SheetTable(
            name,
            f"{title}（{name}）",
            (header, "件数"),
            tuple((c.label, c.count) for c in items),
            (24, 10),
        )

    return write_tables(
        path,
        [
            SheetTable("总体情况", title, ("项目", "数值"), overview, (24, 14), stats.summary),
            counts("按提出方式", "提出方式", stats.by_kind),
            counts("按类别", "类别", stats.by_category),
            SheetTable(
                "按承办单位",
                f"{title}（按承办单位）",
                (
                    "承办单位",
                    ROLE_LABELS[UnitRole.LEAD],
                    ROLE_LABELS[UnitRole.ASSIST],
                    "已答复",
                    "按时答复",
                ),
                tuple((u.unit, u.lead, u.assist, u.replied, u.on_time) for u in stats.by_unit),
                (26, 8, 8, 8, 10),
            ),
            counts("按办理结果", "办理结果类别", stats.by_result),
            counts("按满意度", "评价", stats.by_satisfaction),
        ],
        creator=stats.office_name,
    )


def _proposals(session: Session, year: int, office_code: str | None) -> list[ListedProposal]:
    """The year's live proposals as the list reads them (plain queries: a city sums ten
    counties up at once)."""
    return listed_proposals(session, owner_uuids(session, office_code), year)
