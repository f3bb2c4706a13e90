"""What the five-ones check gives back: criteria, rules, and results with their evidence.

Plain frozen dataclasses: the screens, reports and the CLI read these.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date

from app.common.settings import Settings, load_settings, save_settings
from app.common.storage import Database
from app.common.text import day_text, document_day


class Criterion(enum.StrEnum):
    PLENARY = "plenary"
    PROPOSAL = "proposal"
    SOCIAL_INFO = "social_info"
    ACTIVITY = "activity"
    SPEECH_OR_REPORT = "speech_or_report"

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self]


CRITERION_LABELS = {
    Criterion.PLENARY: "参加全体会议",
    Criterion.PROPOSAL: "提交提案",
    Criterion.SOCIAL_INFO: "报送社情民意",
    Criterion.ACTIVITY: "参加政协活动",
    Criterion.SPEECH_OR_REPORT: "大会发言或调研视察报告",
}
# How the 通报 names those who fell short of each duty.
SHORTFALL_LABELS = {
    Criterion.PLENARY: "未参加全体会议",
    Criterion.PROPOSAL: "未提交提案",
    Criterion.SOCIAL_INFO: "未报送社情民意信息",
    Criterion.ACTIVITY: "未参加政协组织的活动",
    Criterion.SPEECH_OR_REPORT: "本届以来未提交大会发言材料或调研视察报告",
}
PROPOSAL_KIND = "提案"
NOT_APPLICABLE = "不适用"
SOCIAL_INFO_KIND = "社情民意"


# --- rules --------------------------------------------------------------------


@dataclass(frozen=True)
class FiveOnesRules:
    cosigned_counts: bool = True
    unaccepted_counts: bool = True
    leave_counts: bool = False

    @property
    def sentences(self) -> tuple[str, ...]:
        return (
            "联名提案计入每位联名委员" if self.cosigned_counts else "联名提案只计入第一提案人",
            "未立案的提案也计入" if self.unaccepted_counts else "只计入已立案的提案",
            "请假视为出席" if self.leave_counts else "请假不视为出席",
            "缺席不计",
        )

    @property
    def text(self) -> str:
        return "；".join(self.sentences) + "。"


def rules_from_settings(settings: Settings) -> FiveOnesRules:
    return FiveOnesRules(
        cosigned_counts=settings.five_ones_cosigned_counts,
        unaccepted_counts=settings.five_ones_unaccepted_counts,
        leave_counts=settings.five_ones_leave_counts,
    )


def load_rules(database: Database) -> FiveOnesRules:
    return rules_from_settings(load_settings(database))


def save_rules(database: Database, rules: FiveOnesRules) -> None:
    save_settings(
        database,
        replace(
            load_settings(database),
            five_ones_cosigned_counts=rules.cosigned_counts,
            five_ones_unaccepted_counts=rules.unaccepted_counts,
            five_ones_leave_counts=rules.leave_counts,
        ),
    )


# --- results ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """A record behind a count, or one seen but not counted (detail says why)."""

    day: date
    kind: str  # 全体会议 / 视察 / 提案 / 社情民意 / 大会发言 …
    title: str
    detail: str  # 出席；请假（按规则计入）；联名；采用 …
    dated: bool = True  # False: a proposal registered without 提交日期 (day is 1 January)

    @property
    def day_text(self) -> str:
        return day_text(self.day) if self.dated else f"{self.day.year}年（未填日期）"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    count: int
    met: bool  # also True where the duty does not apply: it is not a shortfall
    evidence: tuple[Evidence, ...]  # the records counted
    not_counted: tuple[Evidence, ...] = ()
    # False when the member could not do it: the year's plenary was held before the
    # seat began (增补) or after it ended (DOMAIN: judged only from the start date).
    applicable: bool = True

    @property
    def verdict(self) -> str:
        if not self.applicable:
            return NOT_APPLICABLE
        return "达到" if self.met else "未达到"

    @property
    def counted_as_met(self) -> bool:
        """Met by a record: what a per-duty count (参加全体会议 N 人) counts."""
        return self.met and self.applicable


@dataclass(frozen=True, slots=True)
class MemberResult:
    uuid: str
    name: str
    sector: str
    committees: tuple[str, ...]
    liaison_group: str
    role_label: str
    is_standing: bool
    judged_from: date
    judged_to: date
    joined_note: str  # 2025年3月1日增补，自该日起考核
    left_note: str  # 2025年8月31日辞去，考核至该日
    results: tuple[CriterionResult, ...]  # in Criterion order
    left_status: str = ""  # 辞去 / 撤销 / 调离 / 去世, or "" while in office
    left_on: date | None = None

    @property
    def left_during_year(self) -> bool:
        return self.left_on is not None and self.left_on == self.judged_to

    @property
    def all_met(self) -> bool:
        return all(r.met for r in self.results)

    def result(self, criterion: Criterion) -> CriterionResult:
        return self.results[_ORDER[criterion]]

    @property
    def notes(self) -> str:
        return "；".join(n for n in (self.joined_note, self.left_note) if n)

    @property
    def shortfalls(self) -> tuple[Criterion, ...]:
        return tuple(r.criterion for r in self.results if not r.met)


_ORDER = {criterion: i for i, criterion in enumerate(Criterion)}


@dataclass(frozen=True)
class FiveOnesSummary:
    checked: int
    all_met: int
    met: tuple[tuple[Criterion, int], ...]  # in Criterion order
    left_before_year: int  # seats of the term that ended before the year: not checked

    def met_count(self, criterion: Criterion) -> int:
        return dict(self.met)[criterion]

    @property
    def line(self) -> str:
        parts = "，".join(f"{c.label} {n} 人" for c, n in self.met)
        return f"共 {self.checked} 人，五项全部达到 {self.all_met} 人；{parts}"


@dataclass(frozen=True)
class FiveOnesReport:
    year: int
    term_number: int
    term_text: str  # 第十届（2021—2026）
    office_name: str
    rules: FiveOnesRules
    members: tuple[MemberResult, ...]
    summary: FiveOnesSummary
    warnings: tuple[str, ...]  # gaps in the data that explain many ✗
    # Duties with no data at all for the year (no plenary entered, no proposal
    # register yet): nobody can meet them, and a 通报 should not name everyone.
    unrecorded: tuple[Criterion, ...] = ()

    def member(self, uuid: str) -> MemberResult:
        return next(m for m in self.members if m.uuid == uuid)


cn_date = document_day
