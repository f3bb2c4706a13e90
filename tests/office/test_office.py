"""app/office/office.py: first-run setup, what the office says about itself, record counts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.storage import Database
from app.office import office
from app.office.office import OfficeSetup, record_counts, set_up_office, setup_problems
from db.base import new_uuid
from db.models import DictionaryEntry, Office, OfficeLevel, Term

COUNTY = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
CITY = OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 5, 2022, 2027)


def changed(setup: OfficeSetup, **values: object) -> OfficeSetup:
    return dataclasses.replace(setup, **values)


@pytest.mark.parametrize(
    "setup",
    [
        COUNTY,
        CITY,
        changed(COUNTY, division_code="110101"),  # 北京市东城区
        changed(COUNTY, division_code="820001"),  # highest province code
        changed(COUNTY, term_number=1),
        changed(COUNTY, term_number=99),
        changed(COUNTY, term_first_year=1949, term_last_year=1954),
        changed(COUNTY, term_first_year=2094, term_last_year=2100),
        changed(COUNTY, term_first_year=2021, term_last_year=2027),  # 6 years: the most
        changed(COUNTY, name="Ｘ" * 100),
    ],
)
def test_valid_setups(setup: OfficeSetup) -> None:
    assert setup_problems(setup) == []


@pytest.mark.parametrize(
    ("setup", "phrase"),
    [
        (changed(COUNTY, name=""), "请填写单位名称"),
        (changed(COUNTY, name=" \u3000 "), "请填写单位名称"),
        (changed(COUNTY, name="县" * 101), "单位名称过长"),
        (changed(COUNTY, division_code=""), "6位数字"),
        (changed(COUNTY, division_code="15052"), "6位数字"),
        (changed(COUNTY, division_code="1505230"), "6位数字"),
        (changed(COUNTY, division_code="15O523"), "6位数字"),  # a letter O
        (changed(COUNTY, division_code="150 523"), "6位数字"),
        (changed(COUNTY, division_code="١٥٠٥٢٣"), "6位数字"),  # Arabic-Indic digits
        (changed(COUNTY, division_code="100523"), "省级代码"),
        (changed(COUNTY, division_code="990523"), "省级代码"),
        (changed(CITY, division_code="150523"), "应以“00”结尾"),
        (changed(CITY, division_code="150000"), "是省级行政区划代码"),
        (changed(COUNTY, division_code="150500"), "不以“00”结尾"),
        (changed(COUNTY, term_number=0), "届次应在"),
        (changed(COUNTY, term_number=100), "届次应在"),
        (changed(COUNTY, term_first_year=1948, term_last_year=1953), "1949年到2100年"),
        (changed(COUNTY, term_first_year=2098, term_last_year=2101), "1949年到2100年"),
        (changed(COUNTY, term_last_year=2021), "起止年份不合理"),
        (changed(COUNTY, term_last_year=2020), "起止年份不合理"),
        (changed(COUNTY, term_last_year=2028), "起止年份不合理"),
    ],
)
def test_invalid_setups(setup: OfficeSetup, phrase: str) -> None:
    problems = setup_problems(setup)
    assert len(problems) == 1, problems
    assert phrase in problems[0]


def test_every_problem_is_listed_at_once() -> None:
    setup = OfficeSetup(OfficeLevel.COUNTY, "", "abc", 0, 2026, 2021)
    assert len(setup_problems(setup)) == 4


def test_full_width_input_is_accepted_and_stored_half_width(database: Database) -> None:
    setup = changed(COUNTY, name="\u3000示范县政协 ", division_code="１５０５２３")
    assert setup_problems(setup) == []
    info = set_up_office(database, setup)
    assert (info.name, info.division_code) == ("示范县政协", "150523")


@given(
    name=st.text(max_size=120),
    code=st.text(max_size=8),
    level=st.sampled_from(OfficeLevel),
    number=st.integers(-5, 120),
    first=st.integers(1900, 2150),
    length=st.integers(-2, 9),
)
def test_accepted_codes_are_six_ascii_digits(
    name: str, code: str, level: OfficeLevel, number: int, first: int, length: int
) -> None:
    setup = OfficeSetup(level, name, code, number, first, first + length)
    problems = setup_problems(setup)  # never raises, whatever was typed
    if not problems:
        clean = office.clean_text(code)
        assert len(clean) == 6
        assert clean.isascii()
        assert clean.isdigit()
        assert clean.endswith("00") == (level is OfficeLevel.CITY)


def test_set_up_county_office(database: Database) -> None:
    assert not office.is_set_up(database)
    info = set_up_office(database, COUNTY)
    assert office.is_set_up(database)
    assert (info.name, info.level, info.division_code) == (
        "示范县政协",
        OfficeLevel.COUNTY,
        "150523",
    )
    assert (info.term_number, info.term_first_year, info.term_last_year) == (10, 2021, 2026)
    assert info.level_label == "县（市、区）政协"
    assert info.term_text == "第十届（2021—2026）"
    with database.begin() as session:
        local = session.scalars(select(Office)).one()
        assert local.is_local
        assert local.uuid == local.owner_uuid == info.uuid
        term = session.scalars(select(Term)).one()
        assert term.owner_uuid == info.uuid


def test_set_up_city_office(database: Database) -> None:
    info = set_up_office(database, CITY)
    assert info.level_label == "市政协"
    assert info.term_text == "第五届（2022—2027）"


def test_invalid_setup_saves_nothing(database: Database) -> None:
    with pytest.raises(KnownError, match="设置未保存") as caught:
        set_up_office(database, changed(COUNTY, division_code="150500", term_number=0))
    assert "不以“00”结尾" in caught.value.what
    assert "届次应在" in caught.value.what
    assert not office.is_set_up(database)
    assert set(record_counts(database).values()) == {0}


def test_second_setup_is_refused_and_changes_nothing(office_db: Database) -> None:
    before = record_counts(office_db)
    with pytest.raises(KnownError, match="已经设置过"):
        set_up_office(office_db, changed(CITY))
    assert record_counts(office_db) == before
    assert office.office_info(office_db).name == "示范县政协"


def test_code_of_a_partner_office_is_refused(database: Database) -> None:
    uuid = new_uuid()
    with database.begin() as session:
        session.add(
            Office(
                uuid=uuid,
                owner_uuid=uuid,
                level=OfficeLevel.COUNTY,
                name="邻县政协",
                division_code="150523",
            )
        )
    with pytest.raises(KnownError, match="已被另一个单位使用"):
        set_up_office(database, COUNTY)
    assert not office.is_set_up(database)


def test_office_info_before_setup_is_a_known_error(database: Database) -> None:
    with pytest.raises(KnownError, match="尚未设置"):
        office.office_info(database)


def test_current_term_is_the_newest_live_one(office_db: Database) -> None:
    owner = office.office_info(office_db).uuid
    with office_db.begin() as session:
        session.add(Term(owner_uuid=owner, number=9, first_year=2016, last_year=2021))
        session.add(
            Term(
                owner_uuid=owner,
                number=11,
                first_year=2026,
                last_year=2031,
                deleted_at=datetime.now(UTC),  # entered by mistake and deleted
            )
        )
    assert office.office_info(office_db).term_number == 10


def test_office_without_a_term(office_db: Database) -> None:
    with office_db.begin() as session:
        for term in session.scalars(select(Term)):
            term.deleted_at = datetime.now(UTC)
    info = office.office_info(office_db)
    assert info.term_number is None
    assert info.term_text == "（未设届次）"


def test_record_counts_after_setup(office_db: Database) -> None:
    counts = record_counts(office_db)
    assert {k: v for k, v in counts.items() if v} == {
        "dictionary_entry": 22 + 13 + 56 + 7 + 5 + 3,
        "office": 1,
        "term": 1,
    }
    assert {"plenary_session", "member", "activity"} <= counts.keys()


def test_record_counts_leave_out_tombstones(office_db: Database) -> None:
    with office_db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).limit(1)).one()
        entry.deleted_at = datetime.now(UTC)
    assert record_counts(office_db)["dictionary_entry"] == 22 + 13 + 56 + 7 + 5 + 3 - 1


def test_every_exchangeable_table_has_a_chinese_name() -> None:
    import db.schema  # noqa: F401 - every table
    from app.common.table_labels import TABLE_LABELS
    from db.base import Base, SyncedMixin

    tables = {
        m.local_table.name for m in Base.registry.mappers if issubclass(m.class_, SyncedMixin)
    }
    assert tables <= set(TABLE_LABELS), sorted(tables - set(TABLE_LABELS))
