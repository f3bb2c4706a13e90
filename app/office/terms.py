"""Terms (届) and their annual plenary sessions (次会议)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text, session_label, term_label
from app.office.office import chosen_office, require_local_office, term_problems
from db.models import PlenarySession, Term


@dataclass(frozen=True)
class SessionItem:
    uuid: str
    number: int
    start_date: date | None
    end_date: date | None

    @property
    def label(self) -> str:
        return session_label(self.number)


@dataclass(frozen=True)
class TermItem:
    uuid: str
    number: int
    first_year: int
    last_year: int
    sessions: tuple[SessionItem, ...]

    @property
    def label(self) -> str:
        return f"{term_label(self.number)}（{self.first_year}—{self.last_year}）"


def list_terms(database: Database, office_code: str | None = None) -> list[TermItem]:
    """The local office's terms (at the city: a county's, by code), newest first."""
    with database.read() as session:
        office = chosen_office(session, office_code)
        terms = session.scalars(
            select(Term)
            .where(Term.owner_uuid == office.uuid, Term.deleted_at.is_(None))
            .order_by(Term.number.desc())
        )
        return [_term_item(term) for term in terms]


def add_term(database: Database, number: int, first_year: int, last_year: int) -> TermItem:
    problems = term_problems(number, first_year, last_year)
    if problems:
        raise KnownError("\n".join(problems), "请修改后再试。")
    with database.begin() as session:
        office = require_local_office(session)
        clash = session.scalars(
            select(Term).where(Term.owner_uuid == office.uuid, Term.number == number)
        ).first()
        if clash is not None:
            raise KnownError(f"{term_label(number)}已经存在。", "请检查届次。")
        term = Term(
            owner_uuid=office.uuid, number=number, first_year=first_year, last_year=last_year
        )
        session.add(term)
        session.flush()
        return _term_item(term)


def save_session(
    database: Database,
    term_uuid: str,
    number: int,
    start_date: date | None,
    end_date: date | None,
) -> SessionItem:
    """Record (or correct) the dates of a term's Nth plenary session."""
    if start_date and end_date and end_date < start_date:
        raise KnownError("闭幕日期早于开幕日期。", "请检查会议日期。")
    if not 1 <= number <= 10:
        raise KnownError("会议次数应在第一次到第十次之间。", "请检查会议次数。")
    with database.begin() as session:
        term = _get_term(session, term_uuid)
        for day in (start_date, end_date):
            if day and not term.first_year <= day.year <= term.last_year:
                raise KnownError(
                    f"会议日期 {day_text(day)} 不在{term_label(term.number)}"
                    f"（{term.first_year}—{term.last_year}）之内。",
                    "请检查会议日期。",
                )
        plenary = next((s for s in term.sessions if s.number == number), None)
        if plenary is None:
            plenary = PlenarySession(owner_uuid=term.owner_uuid, term=term, number=number)
            session.add(plenary)
        plenary.start_date = start_date
        plenary.end_date = end_date
        session.flush()
        return _session_item(plenary)


def _get_term(session: Session, uuid: str) -> Term:
    term = session.scalars(
        select(Term).where(Term.uuid == uuid, Term.deleted_at.is_(None))
    ).one_or_none()
    if term is None:
        raise KnownError("该届次已不存在。", "请刷新后再试。")
    return term


def _session_item(plenary: PlenarySession) -> SessionItem:
    return SessionItem(plenary.uuid, plenary.number, plenary.start_date, plenary.end_date)


def _term_item(term: Term) -> TermItem:
    sessions = tuple(_session_item(s) for s in term.sessions if s.deleted_at is None)
    return TermItem(term.uuid, term.number, term.first_year, term.last_year, sessions)
