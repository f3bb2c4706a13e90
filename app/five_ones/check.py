"""The five ones (五个一): who met each duty in a year, with the records behind it.

DOMAIN.md, "The five ones". Who is checked: members with a seat in the term
covering the year. A seat that began during the year (增补) is judged from its
start date; a seat that ended (辞去/撤销/调离/去世) before the year is not
checked; one that ended during the year is judged up to the leaving date.
Records outside a member's window are kept as "not counted", with the reason,
so the screen can explain a ✗.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import term_label
from app.five_ones.inputs import (
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
from app.five_ones.results import (
    CRITERION_LABELS,
    PROPOSAL_KIND,
    SHORTFALL_LABELS,
    SOCIAL_INFO_KIND,
    Criterion,
    CriterionResult,
    Evidence,
    FiveOnesReport,
    FiveOnesRules,
    FiveOnesSummary,
    MemberResult,
    cn_date,
    load_rules,
    rules_from_settings,
    save_rules,
)
from app.members.labels import (
    MEMBERSHIP_STATUS_LABELS,
    ROLE_LABELS,
    STANDING_ROLES,
    MembershipStatus,
)
from app.members.member_order import order_in
from app.office.office import chosen_office
from app.office.terms import list_terms
from app.records.labels import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    WORK_KIND_LABELS,
    ActivityKind,
    AttendanceStatus,
)

__all__ = [
    "CRITERION_LABELS",
    "SHORTFALL_LABELS",
    "Criterion",
    "CriterionResult",
    "Evidence",
    "FiveOnesReport",
    "FiveOnesRules",
    "FiveOnesSummary",
    "MemberResult",
    "NoProposals",
    "ProposalCredit",
    "ProposalSource",
    "check_five_ones",
    "cn_date",
    "default_proposal_source",
    "five_ones_years",
    "load_rules",
    "rules_from_settings",
    "save_rules",
    "summarise",
]


# --- the check ----------------------------------------------------------------


def five_ones_years(database: Database, office_code: str | None = None) -> list[int]:
    """Years the local terms (at the city: a county's) cover, up to this year, newest first."""
    this_year = date.today().year
    years = {
        y
        for term in list_terms(database, office_code)
        for y in range(term.first_year, min(term.last_year, this_year) + 1)
    }
    return sorted(years, reverse=True)


def check_five_ones(
    database: Database,
    year: int,
    rules: FiveOnesRules | None = None,
    proposals: ProposalSource | None = None,
    office_code: str | None = None,
) -> FiveOnesReport:
    """`office_code`: at the city, a county whose records came by exchange file (judged
    by this office's rules)."""
    rules = rules or load_rules(database)
    source = proposals or default_proposal_source()
    with _cyclic_gc_paused():
        return _check(database, year, rules, source, office_code)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The check makes ~100k short-lived objects without reference cycles.

    Reference counting frees them; the cyclic collector would only walk the
    whole heap several times meanwhile (3,000 members: median 209 → 117 ms).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(
    database: Database,
    year: int,
    rules: FiveOnesRules,
    source: ProposalSource,
    office_code: str | None = None,
) -> FiveOnesReport:
    with database.read() as session:
        office = chosen_office(session, office_code)
        term = term_for_year(session, office.uuid, year)
        if term is None:
            raise KnownError(
                f"{year}年不在已设置的任何届次之内。",
                "请选择届次起止年份之内的年度，或先在“系统设置 → 届次与会议”中新增届次。",
            )
        # Every list the check feeds (screen, 考核表, 通报, 履职档案) in the chosen order.
        seats = order_in(session).sorted(
            seat_rows(session, term), lambda s: s.name, lambda s: s.roster_number
        )
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
        summary=summarise(members, left_before),
        warnings=_warnings(records, year, source),
        unrecorded=_unrecorded(records, source),
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
            _plenary(attendance, window, rules, records.plenary_days),
            _proposals(records.proposals.get(seat.uuid, ()), window, rules),
            _social_info(records.social_info.get(seat.member_id, ()), window),
            _attended(Criterion.ACTIVITY, attendance, window, rules),
            _works(records.works.get(seat.member_id, ()), window),
        ),
        left_status=(
            "" if seat.status is MembershipStatus.ACTIVE else MEMBERSHIP_STATUS_LABELS[seat.status]
        ),
        left_on=None if seat.status is MembershipStatus.ACTIVE else seat.status_date,
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


def _plenary(
    rows: Iterable[tuple[date, ActivityKind, str, AttendanceStatus]],
    window: _Window,
    rules: FiveOnesRules,
    held: tuple[date, ...],
) -> CriterionResult:
    """Attendance at the year's plenary; not applicable to a seat that began after (增补)
    or ended before every plenary of the year: there was none to attend."""
    result = _attended(Criterion.PLENARY, rows, window, rules)
    if result.met or not held or any(window.first <= day <= window.last for day in held):
        return result
    return replace(result, met=True, applicable=False)


def _proposals(
    credits: Iterable[ProposalCredit], window: _Window, rules: FiveOnesRules
) -> CriterionResult:
    counted, ignored = [], []
    for credit in sorted(credits, key=lambda c: c.submitted_on):
        parts = ["联名" if credit.co_signed else "第一提案人"]
        parts.append({True: "已立案", False: "未立案", None: "待审查"}[credit.accepted])
        # Known only by its year, which the seat was judged in: the doubt goes to the member.
        why = _outside(credit.submitted_on, window.first, window.last) if credit.dated else ""
        if not why and credit.co_signed and not rules.cosigned_counts:
            why = "联名提案按规则不计"
        if not why and credit.accepted is False and not rules.unaccepted_counts:
            why = "未立案提案按规则不计"
        detail = "，".join(parts) + (f"（{why}）" if why else "")
        evidence = Evidence(
            credit.submitted_on, PROPOSAL_KIND, credit.title, detail, dated=credit.dated
        )
        (ignored if why else counted).append(evidence)
    return _result(Criterion.PROPOSAL, counted, ignored)


def _social_info(rows: Iterable[tuple[date, str, bool, bool]], window: _Window) -> CriterionResult:
    counted, ignored = [], []
    for day, title, adopted, instructed in rows:
        detail = (
            "、".join(t for t, on in (("采用", adopted), ("批示", instructed)) if on) or "未采用"
        )
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


def summarise(members: Iterable[MemberResult], left_before: int = 0) -> FiveOnesSummary:
    """Counts for any selection of results (the screen summarises what its filters show)."""
    members = list(members)
    met = tuple(
        (criterion, sum(1 for m in members if m.results[i].counted_as_met))
        for i, criterion in enumerate(Criterion)
    )
    return FiveOnesSummary(
        checked=len(members),
        all_met=sum(1 for m in members if m.all_met),
        met=met,
        left_before_year=left_before,
    )


def _unrecorded(records: OfficeRecords, source: ProposalSource) -> tuple[Criterion, ...]:
    missing = []
    if records.plenaries == 0:
        missing.append(Criterion.PLENARY)
    if isinstance(source, NoProposals):
        missing.append(Criterion.PROPOSAL)
    return tuple(missing)


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
