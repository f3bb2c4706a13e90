"""Proposal numbers (提案号) in the office's own pattern, unique within a year's session.

The pattern (ProposalSettings.number_pattern) has placeholders {届} (十), {次}
(三), {年} (2025) and {号} (the serial, zero-padded): 十届三次会议第0012号,
or year-based 2025年第012号. The next free number is the highest serial of
the year plus one, so a deleted proposal's number is not offered again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import chinese_number
from app.office.office import require_local_office
from app.proposals.settings import ProposalSettings, load_proposal_settings
from db.models import PlenarySession, Term
from db.proposal_models import Proposal


@dataclass(frozen=True)
class NumberOffer:
    number: str
    serial: int
    year: int


def session_year(plenary: PlenarySession) -> int:
    if plenary.start_date is not None:
        return plenary.start_date.year
    return plenary.term.first_year + plenary.number - 1


def format_number(
    settings: ProposalSettings,
    serial: int,
    year: int,
    plenary: PlenarySession | None,
) -> str:
    pattern = settings.number_pattern
    if plenary is None and ("{届}" in pattern or "{次}" in pattern):
        raise KnownError(
            f"编号格式“{pattern}”含届次和会议，请先选择提案所属的会议。",
            "或在提案设置中改用按年度编号的格式，例如“{年}年第{号}号”。",
        )
    text = pattern.replace("{号}", f"{serial:0{settings.number_digits}d}")
    text = text.replace("{年}", str(year))
    if plenary is not None:
        text = text.replace("{届}", chinese_number(plenary.term.number))
        text = text.replace("{次}", chinese_number(plenary.number))
    return text


def serial_of(settings: ProposalSettings, number: str) -> int | None:
    """The serial inside a number written in the office's pattern; None for another form."""
    parts = re.split(r"(\{号\}|\{年\}|\{届\}|\{次\})", settings.number_pattern)
    regex = ""
    for part in parts:
        if part == "{号}":
            regex += r"(?P<serial>\d+)"
        elif part == "{年}":
            regex += r"\d{4}"
        elif part in ("{届}", "{次}"):
            regex += r"[零一二三四五六七八九十百]+"
        else:
            regex += re.escape(part)
    match = re.fullmatch(regex, number)
    return int(match.group("serial")) if match else None


def next_serial(session: Session, owner_uuid: str, year: int) -> int:
    highest = session.scalar(
        select(func.max(Proposal.serial)).where(
            Proposal.owner_uuid == owner_uuid,
            Proposal.year == year,
            Proposal.deleted_at.is_(None),
        )
    )
    return (highest or 0) + 1


def number_taken(
    session: Session, owner_uuid: str, year: int, number: str, except_id: int | None = None
) -> bool:
    query = select(Proposal.id).where(
        Proposal.owner_uuid == owner_uuid,
        Proposal.year == year,
        Proposal.number == number,
        Proposal.deleted_at.is_(None),
    )
    if except_id is not None:
        query = query.where(Proposal.id != except_id)
    return session.scalars(query).first() is not None


def find_session(session: Session, uuid: str | None) -> PlenarySession | None:
    if not uuid:
        return None
    plenary = session.scalars(
        select(PlenarySession).where(PlenarySession.uuid == uuid)
    ).one_or_none()
    if plenary is None or plenary.deleted_at is not None:
        raise KnownError("找不到所选的会议。", "请在“系统设置 → 届次与会议”中核对。")
    return plenary


def session_for_year(session: Session, owner_uuid: str, year: int) -> PlenarySession | None:
    """The plenary session held in the year (平时提案 belong to that year's session)."""
    return sessions_by_year(session, owner_uuid).get(year)


def sessions_by_year(session: Session, owner_uuid: str) -> dict[int, PlenarySession]:
    """Every year's plenary session (as session_for_year finds it) in one query, for an
    import of many years that must not ask the database once per row."""
    found: dict[int, PlenarySession] = {}
    for plenary in session.scalars(
        select(PlenarySession)
        .join(Term, Term.id == PlenarySession.term_id)
        .where(
            Term.owner_uuid == owner_uuid,
            Term.deleted_at.is_(None),  # a deleted term's sessions went with it
            PlenarySession.deleted_at.is_(None),
        )
        .order_by(Term.number.desc(), PlenarySession.number.desc())
    ):
        found.setdefault(session_year(plenary), plenary)  # the latest term's wins
    return found


def offer_number(
    database: Database, session_uuid: str | None = None, year: int | None = None
) -> NumberOffer:
    """The next free number of the session's year (or of `year`, or of this year)."""
    settings = load_proposal_settings(database)
    with database.read() as session:
        office = require_local_office(session)
        plenary = find_session(session, session_uuid)
        if plenary is None:
            year = year or date.today().year
            plenary = session_for_year(session, office.uuid, year)
        else:
            year = session_year(plenary)
        serial = next_serial(session, office.uuid, year)
        return NumberOffer(format_number(settings, serial, year, plenary), serial, year)
