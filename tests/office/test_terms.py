"""app/office/terms.py: terms (届) and their annual plenary sessions (次会议)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.storage import Database
from app.office import terms
from db.models import PlenarySession


def current(database: Database) -> terms.TermItem:
    return terms.list_terms(database)[0]


def test_the_setup_term_is_listed(office_db: Database) -> None:
    (term,) = terms.list_terms(office_db)
    assert (term.number, term.first_year, term.last_year, term.sessions) == (10, 2021, 2026, ())
    assert term.label == "第十届（2021—2026）"


def test_terms_are_listed_newest_first(office_db: Database) -> None:
    terms.add_term(office_db, 9, 2016, 2021)
    added = terms.add_term(office_db, 11, 2026, 2031)
    assert added.label == "第十一届（2026—2031）"
    assert [t.number for t in terms.list_terms(office_db)] == [11, 10, 9]


def test_duplicate_term_number_is_refused(office_db: Database) -> None:
    with pytest.raises(KnownError, match="第十届已经存在"):
        terms.add_term(office_db, 10, 2022, 2027)
    assert len(terms.list_terms(office_db)) == 1


@pytest.mark.parametrize(
    ("number", "first", "last", "phrase"),
    [
        (11, 2026, 2026, "起止年份不合理"),
        (11, 2031, 2026, "起止年份不合理"),
        (11, 2026, 2033, "起止年份不合理"),
        (11, 1940, 1945, "1949年到2100年"),
        (0, 2026, 2031, "届次应在"),
        (-1, 2026, 2031, "届次应在"),
        (100, 2026, 2031, "届次应在"),
    ],
)
def test_bad_terms_are_refused(
    office_db: Database, number: int, first: int, last: int, phrase: str
) -> None:
    with pytest.raises(KnownError, match=phrase):
        terms.add_term(office_db, number, first, last)
    assert len(terms.list_terms(office_db)) == 1


def test_terms_before_setup_are_a_known_error(database: Database) -> None:
    with pytest.raises(KnownError, match="尚未设置"):
        terms.list_terms(database)
    with pytest.raises(KnownError, match="尚未设置"):
        terms.add_term(database, 10, 2021, 2026)


def test_save_and_correct_a_session(office_db: Database) -> None:
    term = current(office_db)
    first = terms.save_session(office_db, term.uuid, 1, date(2021, 1, 10), date(2021, 1, 13))
    assert first.label == "第一次会议"
    terms.save_session(office_db, term.uuid, 3, date(2023, 3, 2), date(2023, 3, 4))
    terms.save_session(office_db, term.uuid, 2, date(2022, 2, 24), None)  # end not known yet

    corrected = terms.save_session(office_db, term.uuid, 1, date(2021, 1, 11), date(2021, 1, 14))
    assert corrected.uuid == first.uuid  # corrected in place, not a second first session

    sessions = current(office_db).sessions
    assert [(s.number, s.start_date, s.end_date) for s in sessions] == [
        (1, date(2021, 1, 11), date(2021, 1, 14)),
        (2, date(2022, 2, 24), None),
        (3, date(2023, 3, 2), date(2023, 3, 4)),
    ]
    with office_db.begin() as session:
        revision = session.scalars(
            select(PlenarySession.revision).where(PlenarySession.uuid == first.uuid)
        ).one()
    assert revision == 2


def test_one_day_session_and_last_year_are_fine(office_db: Database) -> None:
    term = current(office_db)
    saved = terms.save_session(office_db, term.uuid, 5, date(2026, 1, 6), date(2026, 1, 6))
    assert saved.start_date == saved.end_date


@pytest.mark.parametrize(
    ("number", "start", "end", "phrase"),
    [
        (1, date(2021, 1, 13), date(2021, 1, 10), "闭幕日期早于开幕日期"),
        (1, date(2020, 12, 30), date(2021, 1, 2), "不在第十届（2021—2026）之内"),
        (5, date(2026, 12, 30), date(2027, 1, 2), "2027-01-02"),
        (2, None, date(2027, 1, 2), "之内"),
        (0, date(2021, 1, 10), None, "第一次到第十次"),
        (11, date(2021, 1, 10), None, "第一次到第十次"),
    ],
)
def test_bad_sessions_are_refused(
    office_db: Database, number: int, start: date | None, end: date | None, phrase: str
) -> None:
    term = current(office_db)
    with pytest.raises(KnownError, match=phrase):
        terms.save_session(office_db, term.uuid, number, start, end)
    assert current(office_db).sessions == ()


def test_refused_correction_keeps_the_old_dates(office_db: Database) -> None:
    term = current(office_db)
    terms.save_session(office_db, term.uuid, 1, date(2021, 1, 10), date(2021, 1, 13))
    with pytest.raises(KnownError):
        terms.save_session(office_db, term.uuid, 1, date(2021, 1, 10), date(2028, 1, 13))
    (session,) = current(office_db).sessions
    assert session.end_date == date(2021, 1, 13)


def test_session_of_an_unknown_term_is_a_known_error(office_db: Database) -> None:
    with pytest.raises(KnownError, match="该届次已不存在"):
        terms.save_session(office_db, "no-such-term", 1, None, None)
