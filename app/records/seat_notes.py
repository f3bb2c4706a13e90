"""Records dated when the member held no seat: worth a look, no reason to refuse the file.

A seat (db.member_models.Membership) runs from its 增补 date, or the first year of its
term, to its leaving date (辞去, 撤销, 调离, 去世), or the last year of its term. The day
of leaving still counts, as the five-ones check counts it. A record outside every seat
of the member is named for the clerk: an old sheet, a wrong date, a namesake. Members
without any seat (kept by an older version) are never named: nothing says when they
served.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.sheets.reader import RowError
from app.common.text import day_text, term_label
from app.members.labels import MEMBERSHIP_STATUS_LABELS
from app.records.records_rows import RecordLine
from db.member_models import Member, Membership, MembershipStatus
from db.models import Term


@dataclass(frozen=True)
class _Seat:
    first: date
    last: date
    joined: str  # how the seat began, for the note: 2023-03-01 增补 / 第十届（2021—2026）
    ended: str  # how it ended: 2023-12-31 辞去 / 第九届（2016—2021）期满


def seat_notes(session: Session, matched: Sequence[tuple[RecordLine, Member]]) -> list[RowError]:
    """One note per line dated before the member's first seat, between seats, or after
    the last one."""
    seats = _seats(session, {member.id for _, member in matched})
    notes = []
    for line, member in matched:
        held = seats.get(member.id)
        if not held or any(s.first <= line.day <= s.last for s in held):
            continue
        before = [s for s in held if s.last < line.day]
        if before:
            ended = max(before, key=lambda s: s.last).ended
            reason = f"{member.name}于 {day_text(line.day)} 已不是委员（{ended}）"
        else:
            joined = min(held, key=lambda s: s.first).joined
            reason = f"{member.name}于 {day_text(line.day)} 还不是委员（{joined}）"
        notes.append(line.row.error("name", reason + "，请核对日期或姓名"))
    return notes


def _seats(session: Session, member_ids: set[int]) -> dict[int, list[_Seat]]:
    found: dict[int, list[_Seat]] = defaultdict(list)
    rows = session.execute(
        select(Membership, Term)
        .join(Term, Term.id == Membership.term_id)
        .where(
            Membership.member_id.in_(member_ids),
            Membership.deleted_at.is_(None),
            Term.deleted_at.is_(None),
        )
    ).all()
    for seat, term in rows:
        found[seat.member_id].append(_seat(seat, term))
    return found


def _seat(seat: Membership, term: Term) -> _Seat:
    label = f"{term_label(term.number)}（{term.first_year}—{term.last_year}）"
    if seat.start_date is not None:
        first, joined = seat.start_date, f"{day_text(seat.start_date)} 增补为{label}委员"
    else:
        first, joined = date(term.first_year, 1, 1), f"自{label}起任委员"
    left = seat.status is not MembershipStatus.ACTIVE and seat.status_date is not None
    if left:
        assert seat.status_date is not None
        status = MEMBERSHIP_STATUS_LABELS[seat.status]
        last, ended = seat.status_date, f"{day_text(seat.status_date)} {status}"
    else:
        last, ended = date(term.last_year, 12, 31), f"任{label}委员至届满"
    return _Seat(first, last, joined, ended)
