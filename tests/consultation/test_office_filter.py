"""The city looks at a county's plan, topics and outcomes (came by exchange file): read,
printed and counted with the county's code; changed only by the county."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from app.common.errors import KnownError
from app.consultation import figures
from app.consultation.labels import OutcomeKind
from app.consultation.outcomes import outcomes
from app.consultation.plan import plans, topics
from app.consultation.printouts.plan_doc import write_plan_document
from app.office.scope import ALL_OFFICES
from tests.consultation.conftest import topic_form
from tests.exchange.conftest import Offices, database_digest

YEAR = 2025  # a past year: neither this year nor the next, always offered
COUNTY, SECOND = "150523", "150524"
COUNTY_TOPIC, COUNTY_OUTCOME = "农村牧区人居环境整治", "关于农村牧区人居环境整治的建议案"
CITY_TOPIC, CITY_OUTCOME = "城市更新与老旧小区改造", "关于城市更新的协商报告"


@dataclass(frozen=True)
class CityData:
    county_topic: str
    county_outcome: str
    city_outcome: str


def outcome_form(title: str, topic: str | None) -> outcomes.OutcomeForm:
    return outcomes.OutcomeForm(
        kind=OutcomeKind.RECOMMENDATION,
        title=title,
        year=YEAR,
        topic_uuid=topic,
        sent_to="县委、县政府",
        sent_on=date(YEAR, 6, 5),
    )


def city_with_a_county(offices: Offices) -> CityData:
    """The county's plan (one topic) and an outcome, sent to the city; the city's own
    plan and outcome beside them."""
    county = offices.county.database
    topic = topics.add_topic(county, YEAR, topic_form(title=COUNTY_TOPIC))
    outcome = outcomes.add_outcome(county, outcome_form(COUNTY_OUTCOME, topic))
    offices.send(offices.county, offices.city)
    city = offices.city.database
    own = topics.add_topic(city, YEAR, topic_form(title=CITY_TOPIC, lead_committee=""))
    city_outcome = outcomes.add_outcome(city, outcome_form(CITY_OUTCOME, own))
    return CityData(topic, outcome, city_outcome)


def test_the_city_reads_a_countys_plan_by_its_code(offices: Offices) -> None:
    city_with_a_county(offices)
    city = offices.city.database
    [own] = plans.get_plan(city, YEAR).topics  # type: ignore[union-attr]
    assert own.title == CITY_TOPIC
    plan = plans.get_plan(city, YEAR, COUNTY)
    assert plan is not None
    assert [t.title for t in plan.topics] == [COUNTY_TOPIC]
    assert plan.topics[0].lead_committee == "农业和农村委员会"  # the county's committee
    assert plan.topics[0].outcomes == 1
    assert plans.get_plan(city, YEAR, SECOND) is None
    assert YEAR in plans.plan_years(city, COUNTY)
    assert YEAR not in plans.plan_years(city, SECOND)
    # The county itself (no filter there) sees only its own.
    assert [t.title for t in plans.get_plan(offices.county.database, YEAR).topics] == [  # type: ignore[union-attr]
        COUNTY_TOPIC
    ]


def test_the_city_lists_a_countys_outcomes_and_all_of_them(offices: Offices) -> None:
    city_with_a_county(offices)
    city = offices.city.database
    assert [r.title for r in outcomes.list_outcomes(city, YEAR)] == [CITY_OUTCOME]
    [row] = outcomes.list_outcomes(city, YEAR, COUNTY)
    assert (row.title, row.topic_title, row.office_name) == (
        COUNTY_OUTCOME,
        COUNTY_TOPIC,
        "示范县政协",
    )
    assert row.owner_uuid == offices.county.uuid
    assert outcomes.list_outcomes(city, YEAR, SECOND) == []
    assert outcomes.list_outcomes(city, YEAR - 1, COUNTY) == []
    every = {r.title: r.office_name for r in outcomes.list_outcomes(city, YEAR, ALL_OFFICES)}
    assert every == {CITY_OUTCOME: "示范市政协", COUNTY_OUTCOME: "示范县政协"}
    detail = outcomes.get_outcome(city, row.uuid)  # opened read-only
    assert detail.form.title == COUNTY_OUTCOME


def test_the_city_counts_and_prints_a_countys_plan(offices: Offices, tmp_path: Path) -> None:
    city_with_a_county(offices)
    city = offices.city.database
    county_figures = figures.year_figures(city, YEAR, COUNTY)
    assert (county_figures.topics, county_figures.outcomes) == (1, 1)
    assert figures.year_figures(city, YEAR, SECOND).outcomes == 0
    before = database_digest(city)
    path = write_plan_document(city, YEAR, tmp_path / "县计划.docx", COUNTY)
    assert database_digest(city) == before  # printing only reads
    text = "".join(t.text or "" for t in Document(str(path)).element.body.iter() if t.text)
    assert f"示范县政协{YEAR}年度协商计划" in text
    assert COUNTY_TOPIC in text and CITY_TOPIC not in text


def test_a_countys_records_stay_unchanged_at_the_city(offices: Offices) -> None:
    data = city_with_a_county(offices)
    city = offices.city.database
    before = database_digest(city)
    for edit in (
        lambda: topics.update_topic(city, data.county_topic, topic_form(title="改")),
        lambda: topics.delete_topic(city, data.county_topic),
        lambda: outcomes.delete_outcome(city, data.county_outcome),
    ):
        with pytest.raises(KnownError, match="只能查看，不能修改"):
            edit()
    assert database_digest(city) == before
    outcomes.delete_outcome(city, data.city_outcome)  # its own: as ever
    assert outcomes.list_outcomes(city, YEAR) == []
