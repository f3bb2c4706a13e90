"""A record is edited only by its owner: per feature, the other office's copy is read-only.

The refusal is central (db.events refuses any flush that touches a record owned by
another office), so every service is covered; these tests walk one edit per feature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.consultation.labels import TopicStatus
from app.consultation.meetings import meetings
from app.consultation.plan import topics
from app.office import dictionaries
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal, delete_proposal
from app.proposals.labels import SubmitterKind
from app.records import activities, record_items
from app.records.labels import ActivityKind, AttendanceStatus
from db.models import DictionaryEntry, DictionaryKind
from tests.consultation.conftest import topic_form
from tests.exchange.conftest import Offices, add_members, database_digest


def refused_at(office, edit: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    before = database_digest(office.database)
    with pytest.raises(KnownError, match="只能查看，不能修改"):
        edit()
    assert database_digest(office.database) == before


@pytest.fixture
def county_records(offices: Offices) -> dict[str, str]:
    county = offices.county
    zhang, li = add_members(county, "张建国", "李秀英")
    activity = activities.add_activity(
        county.database,
        activities.ActivityForm(
            kind=ActivityKind.RESEARCH,
            title="农村饮水安全调研",
            held_on=date(2026, 3, 5),
            attendance={zhang: AttendanceStatus.PRESENT},
        ),
    )
    info = record_items.add_social_info(
        county.database,
        record_items.SocialInfoForm(
            title="关于校园周边交通的建议", submitted_on=date(2026, 3, 1), submitters=(zhang,)
        ),
    )
    proposal = add_proposal(
        county.database,
        ProposalForm(
            title="关于加强农村养老服务的建议",
            submitter_kind=SubmitterKind.INDIVIDUAL,
            signers=(SignerInput("张建国", zhang),),
            number="2026-001",
            submitted_on=date(2026, 1, 8),
        ),
    )
    with county.database.begin() as session:
        entry = session.scalars(
            select(DictionaryEntry.uuid).where(
                DictionaryEntry.kind == DictionaryKind.SECTOR,
                DictionaryEntry.owner_uuid == county.uuid,
            )
        ).first()
    offices.send(county, offices.city)
    return {
        "zhang": zhang,
        "li": li,
        "activity": activity,
        "info": info,
        "proposal": proposal,
        "entry": entry or "",
    }


def test_the_city_cannot_change_a_countys_duty_records(
    offices: Offices, county_records: dict[str, str]
) -> None:
    city = offices.city.database
    changed = activities.ActivityForm(
        kind=ActivityKind.RESEARCH,
        title="农村饮水安全调研",
        held_on=date(2026, 3, 5),
        attendance={county_records["li"]: AttendanceStatus.LEAVE},  # a new attendance row
    )
    refused_at(
        offices.city, lambda: activities.update_activity(city, county_records["activity"], changed)
    )
    refused_at(offices.city, lambda: activities.delete_activity(city, county_records["activity"]))
    refused_at(offices.city, lambda: record_items.delete_social_info(city, county_records["info"]))


def test_the_city_cannot_change_a_countys_meeting_through_the_meeting_editor(
    offices: Offices, county_records: dict[str, str]
) -> None:
    """The 协商 meeting editor's services (not only the duty-record ones) are refused."""
    city = offices.city.database
    detail = meetings.get_meeting(city, county_records["activity"])
    changed = replace(detail.form, title="市里改的标题")
    refused_at(
        offices.city, lambda: meetings.update_meeting(city, county_records["activity"], changed)
    )
    refused_at(
        offices.city,
        lambda: meetings.update_meeting(
            city,
            county_records["activity"],
            detail.form,
            {county_records["li"]: AttendanceStatus.PRESENT},
        ),
    )
    refused_at(offices.city, lambda: meetings.delete_meeting(city, county_records["activity"]))


def test_the_city_cannot_change_a_countys_proposal(
    offices: Offices, county_records: dict[str, str]
) -> None:
    refused_at(
        offices.city, lambda: delete_proposal(offices.city.database, county_records["proposal"])
    )


def test_the_city_cannot_change_a_countys_dictionary(
    offices: Offices, county_records: dict[str, str]
) -> None:
    city = offices.city.database
    refused_at(offices.city, lambda: dictionaries.set_retired(city, county_records["entry"], True))
    refused_at(offices.city, lambda: dictionaries.rename_entry(city, county_records["entry"], "改"))


def test_a_county_cannot_change_the_citys_linked_topic(offices: Offices) -> None:
    topic = topics.add_topic(offices.city.database, 2026, topic_form(title="联接：人居环境"))
    offices.send(offices.city, offices.county)
    county = offices.county.database
    refused_at(offices.county, lambda: topics.set_topic_status(county, topic, TopicStatus.HELD))
    refused_at(offices.county, lambda: topics.update_topic(county, topic, topic_form(title="改")))
