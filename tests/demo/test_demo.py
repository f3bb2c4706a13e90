"""app/demo/demo.py: a realistic demo data set, added once, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.storage import Database
from app.demo import demo
from app.exchange.city.demo_city import demo_setup, load_demo_at_level
from app.office import dictionaries, office, terms
from app.office.office import OfficeSetup, office_problems, record_counts, set_up_office
from app.proposals.queries import proposal_years
from db.models import DictionaryKind, Office, OfficeLevel, PlenarySession


def sessions_held_by_now(first_year: int, last_year: int) -> int:
    return sum(1 for year in range(first_year, last_year) if year <= date.today().year)


def test_demo_on_a_county_office(office_db: Database) -> None:
    added = demo.load_demo(office_db)
    current_sessions = sessions_held_by_now(2021, 2026)
    ground_floor = {k: added[k] for k in ("往来单位", "届次与全体会议", "联络组", "承办单位")}
    assert ground_floor == {
        "往来单位": 3,
        "届次与全体会议": 1 + 5 + current_sessions,  # 第九届, its 5 sessions, this term's
        "联络组": 6,
        "承办单位": 24,
    }
    assert added["委员"] == 203
    assert all(added[k] > 0 for k in ("会议活动", "社情民意信息", "大会发言与调研视察报告"))

    with office_db.begin() as session:
        partners = {
            o.division_code: (o.level, o.name, o.is_local)
            for o in session.scalars(select(Office).where(Office.is_local.is_(False)))
        }
    assert partners == {
        "150500": (OfficeLevel.CITY, "示范市政协", False),
        "150502": (OfficeLevel.COUNTY, "示范区政协", False),
        "150525": (OfficeLevel.COUNTY, "邻县政协", False),
    }
    assert office.office_info(office_db).name == "示范县政协"  # still the local office

    previous, now = terms.list_terms(office_db)[1], terms.list_terms(office_db)[0]
    assert (now.number, previous.number) == (10, 9)
    assert (previous.first_year, previous.last_year) == (2016, 2021)
    assert [s.number for s in previous.sessions] == [1, 2, 3, 4, 5]
    assert len(now.sessions) == current_sessions

    groups = dictionaries.list_entries(office_db, DictionaryKind.LIAISON_GROUP)
    assert groups[0].name == "第一联络组"
    assert all(g.description for g in groups)
    units = dictionaries.list_entries(office_db, DictionaryKind.HANDLING_UNIT)
    assert len({u.name for u in units}) == 24
    assert all(u.description for u in units)  # their functions, for suggesting units later
    assert all(u.name.startswith("县") for u in units[:3])  # a county's demo speaks of the county

    counts = record_counts(office_db)
    assert counts["office"] == 4
    assert counts["term"] == 2
    assert counts["plenary_session"] == 5 + current_sessions


def test_demo_data_obeys_the_rules_of_the_screens(office_db: Database) -> None:
    demo.load_demo(office_db)
    with office_db.begin() as session:
        for partner in session.scalars(select(Office)):
            assert office_problems(partner.level, partner.name, partner.division_code) == []
        for plenary in session.scalars(select(PlenarySession)):
            term = plenary.term
            assert plenary.start_date is not None
            assert plenary.end_date is not None
            assert plenary.start_date <= plenary.end_date
            assert term.first_year <= plenary.start_date.year <= term.last_year
            assert plenary.start_date <= date.today()


def test_demo_twice_is_refused_and_adds_nothing(office_db: Database) -> None:
    demo.load_demo(office_db)
    before = record_counts(office_db)
    with pytest.raises(KnownError, match="已经添加过"):
        demo.load_demo(office_db)
    assert record_counts(office_db) == before


def test_demo_before_setup_is_refused(database: Database) -> None:
    with pytest.raises(KnownError, match="尚未设置"):
        demo.load_demo(database)
    assert set(record_counts(database).values()) == {0}


def test_demo_on_a_city_office(database: Database) -> None:
    set_up_office(database, OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 5, 2022, 2027))
    added = demo.load_demo(database)
    assert added["往来单位"] == 2
    with database.begin() as session:
        codes = set(session.scalars(select(Office.division_code).where(Office.is_local.is_(False))))
    assert codes == {"150521", "150522"}


def test_a_city_demo_speaks_of_the_city_and_leaves_what_the_office_entered(
    database: Database,
) -> None:
    from app.members.member_files import add_member
    from app.members.member_form import MemberForm
    from db.member_models import Member
    from db.proposal_models import Proposal

    set_up_office(database, OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 5, 2022, 2027))
    add_member(database, MemberForm(name="王真实", sector="中共", employer="某县人民医院院长"))
    demo.load_demo(database, force=True)
    with database.begin() as session:
        employers = dict(session.execute(select(Member.name, Member.employer)).all())
        bodies = session.scalars(select(Proposal.body)).all()
    assert employers.pop("王真实") == "某县人民医院院长"  # the office's own words stay
    assert "市政协主席" in employers.values()
    assert not any("县" in (e or "") for e in employers.values())
    assert bodies and any("我市" in b for b in bodies) and not any("县" in b for b in bodies)
    units = [u.name for u in dictionaries.list_entries(database, DictionaryKind.HANDLING_UNIT)]
    assert "市教育和体育局" in units and not any("县" in u for u in units)


def test_demo_keeps_what_the_office_entered(office_db: Database) -> None:
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县教育和体育局", "本县的说明")
    added = demo.load_demo(office_db)
    assert added["承办单位"] == 23
    units = dictionaries.list_entries(office_db, DictionaryKind.HANDLING_UNIT)
    assert units[0].name == "县教育和体育局"
    assert units[0].description == "本县的说明"
    assert [u.uuid for u in units].count(units[0].uuid) == 1
    assert len(units) == 24


def test_demo_for_a_first_term_adds_no_earlier_term(database: Database) -> None:
    set_up_office(database, OfficeSetup(OfficeLevel.COUNTY, "新设县政协", "150526", 1, 2023, 2028))
    demo.load_demo(database)
    assert [t.number for t in terms.list_terms(database)] == [1]


def _add_real_member(database: Database) -> None:
    from app.members.member_files import add_member
    from app.members.member_form import MemberForm

    add_member(database, MemberForm(name="王真实", sector="中共"))


def test_demo_on_an_office_with_real_members_is_refused(office_db: Database) -> None:
    _add_real_member(office_db)
    before = record_counts(office_db)
    with pytest.raises(KnownError, match="已有 1 名委员") as refused:
        demo.load_demo(office_db)
    assert "--force" in refused.value.message
    assert record_counts(office_db) == before
    assert not list(office_db.location.backup_dir.glob("*.sqlite3"))


def test_demo_forced_on_real_data_backs_up_first(office_db: Database) -> None:
    _add_real_member(office_db)
    demo.load_demo(office_db, force=True)
    assert list(office_db.location.backup_dir.glob("*.sqlite3"))
    assert record_counts(office_db)["member"] > 1


def test_every_demo_plenary_has_its_session_and_meetings_count_up(office_db: Database) -> None:
    import re

    from db.record_models import Activity, ActivityKind

    demo.load_demo(office_db)
    with office_db.begin() as session:
        session_years = {
            s.start_date.year for s in session.scalars(select(PlenarySession)) if s.start_date
        }
        activities = session.scalars(select(Activity).order_by(Activity.held_on)).all()
    plenary_years = {a.held_on.year for a in activities if a.kind is ActivityKind.PLENARY}
    assert plenary_years <= session_years
    numbers = [
        int(m.group(1)) for a in activities if (m := re.fullmatch(r"常委会第(\d+)次会议", a.title))
    ]
    assert numbers and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_the_demo_office_is_in_a_term_that_began_two_years_ago() -> None:
    """`demo --level` sets its office up relative to today: its newest plenary (and that
    year's proposals) is never missing because the term's last year has come."""
    county = demo_setup(OfficeLevel.COUNTY, date(2026, 12, 2))
    city = demo_setup(OfficeLevel.CITY, date(2026, 12, 2))
    assert (county.term_first_year, county.term_last_year) == (2024, 2029)
    assert (city.level, city.term_first_year, city.term_last_year) == (OfficeLevel.CITY, 2024, 2029)


def test_a_demo_county_has_this_years_plenary_and_proposals(database: Database) -> None:
    load_demo_at_level(database, "county")
    today = date.today()
    held_this_year = today >= date(today.year, 3, 5)  # the plenary sits late Feb / early March
    newest = today.year if held_this_year else today.year - 1
    assert proposal_years(database)[:2] == [newest, newest - 1]
    with database.begin() as session:
        plenary_years = {s.start_date.year for s in session.scalars(select(PlenarySession))}
    assert newest in plenary_years
