"""The five ones (五个一): who met each duty in a year, with the records behind it.

DOMAIN.md, "The five ones". Who is checked: members with a seat in the term
covering the year. A seat that began during the year (增补) is judged from its
start date; a seat that ended (辞去/撤销/调离/去世) before the year is not
checked; one that ended during the year is judged up to the leaving date.
Records outside a member's window are kept as "not counted", with the reason,
so the screen can explain a ✗.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from app.domain import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    ROLE_LABELS,
    STANDING_ROLES,
    WORK_KIND_LABELS,
    ActivityKind,
    AttendanceStatus,
    MembershipStatus,
)
from app.errors import KnownError
from app.services.five_ones_records import (
    NoProposals,
    OfficeRecords,
    ProposalCredit,
    ProposalSource,
    SeatRow,
    default_proposal_source,
    load_records,
    seat_rows,
    term_for_year,
)
from app.services.office import require_local_office
from app.services.terms import list_terms
from app.settings import Settings, load_settings, save_settings
from app.storage import Database
from app.text import term_label

__all__ = [
    "NoProposals",
    "ProposalCredit",
    "ProposalSource",
    "check_five_ones",
    "default_proposal_source",
]


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


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    count: int
    met: bool
    evidence: tuple[Evidence, ...]  # the records counted
    not_counted: tuple[Evidence, ...] = ()


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

    def member(self, uuid: str) -> MemberResult:
        return next(m for m in self.members if m.uuid == uuid)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- the check ----------------------------------------------------------------


def five_ones_years(database: Database) -> list[int]:
    """Years the local terms cover, up to this year, newest first."""
    this_year = date.today().year
    years = {
        y
        for term in list_terms(database)
        for y in range(term.first_year, min(term.last_year, this_year) + 1)
    }
    return sorted(years, reverse=True)


def check_five_ones(
    database: Database,
    year: int,
    rules: FiveOnesRules | None = None,
    proposals: ProposalSource | None = None,
) -> FiveOnesReport:
    rules = rules or load_rules(database)
    source = proposals or default_proposal_source()
    with database.begin() as session:
        office = require_local_office(session)
        term = term_for_year(session, office.uuid, year)
        if term is None:
            raise KnownError(
                f"{year}年不在已设置的任何届次之内。",
                "请选择届次起止年份之内的年度，或先在“系统设置 → 届次与会议”中新增届次。",
            )
        seats = seat_rows(session, term)
        records = load_records(session, term, year, source)
        term_text = f"{term_label(term.number)}（{term.first_year}—{term.last_year}）"
        term_number, term_start, office_name = term.number, date(term.first_year, 1, 1), office.name
    year_first, year_last = date(year, 1, 1), date(year, 12, 31)
    members = []
    left_before = 0
    for seat in seats:
        window = _window(seat, year_first, year_last, term_start)
        if window is None:
            left_before += seat.status is not MembershipStatus.ACTIVE
            continue
        members.append(_judge(seat, window, records, rules))
    return FiveOnesReport(
        year=year,
        term_number=term_number,
        term_text=term_text,
        office_name=office_name,
        rules=rules,
        members=tuple(members),
        summary=_summary(members, left_before),
        warnings=_warnings(records, year, source),
    )


@dataclass(frozen=True, slots=True)
class _Window:
    first: date  # judged from, within the year
    last: date  # judged to
    term_first: date  # the once-a-term duty counts from here


def _window(seat: SeatRow, first: date, last: date, term_start: date) -> _Window | None:
    """The days a seat is judged on, or None when it is not checked this year."""
    start, left = seat.start_date, seat.status is not MembershipStatus.ACTIVE
    if start is not None and start > last:
        return None
    if left and seat.status_date is not None and seat.status_date < first:
        return None
    ends = seat.status_date if left and seat.status_date is not None else last
    return _Window(
        first=max(first, start) if start else first,
        last=min(last, ends),
        term_first=max(term_start, start) if start else term_start,
    )


def _judge(
    seat: SeatRow, window: _Window, records: OfficeRecords, rules: FiveOnesRules
) -> MemberResult:
    attendance = records.attendance.get(seat.member_id, ())
    return MemberResult(
        uuid=seat.uuid,
        name=seat.name,
        sector=seat.sector,
        committees=seat.committees,
        liaison_group=seat.liaison_group,
        role_label=ROLE_LABELS[seat.role],
        is_standing=seat.role in STANDING_ROLES,
        judged_from=window.first,
        judged_to=window.last,
        joined_note=_joined_note(seat.start_date, window),
        left_note=_left_note(seat, window),
        results=(
            _attended(Criterion.PLENARY, attendance, window, rules),
            _proposals(records.proposals.get(seat.uuid, ()), window, rules),
            _social_info(records.social_info.get(seat.member_id, ()), window),
            _attended(Criterion.ACTIVITY, attendance, window, rules),
            _works(records.works.get(seat.member_id, ()), window),
        ),
    )


def _outside(day: date, first: date, last: date) -> str:
    """Why a record outside the judged days does not count; '' inside."""
    if day < first:
        return "任职前，不计"
    if day > last:
        return "离任后，不计"
    return ""


def _result(
    criterion: Criterion, counted: list[Evidence], ignored: list[Evidence]
) -> CriterionResult:
    return CriterionResult(criterion, len(counted), bool(counted), tuple(counted), tuple(ignored))


def _attended(
    criterion: Criterion,
    rows: Iterable[tuple[date, ActivityKind, str, AttendanceStatus]],
    window: _Window,
    rules: FiveOnesRules,
) -> CriterionResult:
    plenary = criterion is Criterion.PLENARY
    counted, ignored = [], []
    for day, kind, title, status in rows:
        if (kind is ActivityKind.PLENARY) != plenary:
            continue
        label = ATTENDANCE_LABELS[status]
        why = _outside(day, window.first, window.last)
        if not why and status is AttendanceStatus.ABSENT:
            why = "不计"
        elif not why and status is AttendanceStatus.LEAVE and not rules.leave_counts:
            why = "按规则不计"
        if why:
            ignored.append(Evidence(day, ACTIVITY_KIND_LABELS[kind], title, f"{label}（{why}）"))
        else:
            if status is AttendanceStatus.LEAVE:
                label = "请假（按规则视为出席）"
            counted.append(Evidence(day, ACTIVITY_KIND_LABELS[kind], title, label))
    return _result(criterion, counted, ignored)


def _proposals(
    credits: Iterable[ProposalCredit], window: _Window, rules: FiveOnesRules
) -> CriterionResult:
    counted, ignored = [], []
    for credit in sorted(credits, key=lambda c: c.submitted_on):
        parts = ["联名" if credit.co_signed else "第一提案人"]
        parts.append({True: "已立案", False: "未立案", None: "待审查"}[credit.accepted])
        why = _outside(credit.submitted_on, window.first, window.last)
        if not why and credit.co_signed and not rules.cosigned_counts:
            why = "联名提案按规则不计"
        if not why and credit.accepted is False and not rules.unaccepted_counts:
            why = "未立案提案按规则不计"
        detail = "，".join(parts) + (f"（{why}）" if why else "")
        evidence = Evidence(credit.submitted_on, PROPOSAL_KIND, credit.title, detail)
        (ignored if why else counted).append(evidence)
    return _result(Criterion.PROPOSAL, counted, ignored)


def _social_info(rows: Iterable[tuple[date, str, bool, bool]], window: _Window) -> CriterionResult:
    counted, ignored = [], []
    for day, title, adopted, instructed in rows:
        detail = "、".join(t for t, on in (("采用", adopted), ("批示", instructed)) if on)
        why = _outside(day, window.first, window.last)
        if why:
            ignored.append(Evidence(day, SOCIAL_INFO_KIND, title, why))
        else:
            counted.append(Evidence(day, SOCIAL_INFO_KIND, title, detail))
    return _result(Criterion.SOCIAL_INFO, counted, ignored)


def _works(rows: Iterable[tuple[date, object, str]], window: _Window) -> CriterionResult:
    counted, ignored = [], []
    for day, kind, title in rows:
        label = WORK_KIND_LABELS[kind]  # type: ignore[index]
        why = _outside(day, window.term_first, window.last)
        evidence = Evidence(day, label, title, why or f"{day.year}年")
        (ignored if why else counted).append(evidence)
    return _result(Criterion.SPEECH_OR_REPORT, counted, ignored)


def _joined_note(start: date | None, window: _Window) -> str:
    if start is None:
        return ""
    if start.year == window.first.year and start > date(start.year, 1, 1):
        return f"{cn_date(start)}增补，自该日起考核"
    return f"{cn_date(start)}增补"


def _left_note(seat: SeatRow, window: _Window) -> str:
    if seat.status is MembershipStatus.ACTIVE:
        return ""
    label = MEMBERSHIP_STATUS_LABELS[seat.status]
    if seat.status_date is None:
        return f"已{label}（未填日期），按全年考核"
    if seat.status_date <= date(window.last.year, 12, 31):
        return f"{cn_date(seat.status_date)}{label}，考核至该日"
    return f"{cn_date(seat.status_date)}{label}"


def _summary(members: list[MemberResult], left_before: int) -> FiveOnesSummary:
    met = tuple(
        (criterion, sum(1 for m in members if m.results[i].met))
        for i, criterion in enumerate(Criterion)
    )
    return FiveOnesSummary(
        checked=len(members),
        all_met=sum(1 for m in members if m.all_met),
        met=met,
        left_before_year=left_before,
    )


def _warnings(records: OfficeRecords, year: int, source: ProposalSource) -> tuple[str, ...]:
    warnings = []
    if records.plenaries == 0:
        warnings.append(
            f"尚未录入{year}年的全体会议（类别为“全体会议”的活动），“参加全体会议”一项无人达到。"
        )
    if isinstance(source, NoProposals):
        warnings.append("提案管理尚未启用，“提交提案”一项暂无数据，无人达到。")
    elif records.proposal_credits == 0:
        warnings.append(f"{year}年没有提案记录，“提交提案”一项无人达到。")
    return tuple(warnings)
