"""A small roster and a plan topic for the consultation tests (on a real database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from app.common.storage import Database
from app.consultation.labels import ConsultationForm, TopicSource
from app.consultation.plan import topics
from app.members.labels import CppccRole
from app.members.member_files import MemberForm, add_member
from tests.exchange.conftest import offices, offices_template  # noqa: F401 - the city's filter

PLAN_YEAR = 2026  # inside the fixture term (2021-2026) and already past
MEETING_DAY = date(PLAN_YEAR, 5, 20)

# name, sector, role, committees
ROSTER = (
    ("赵庆丰", "中共", CppccRole.CHAIR, ()),
    ("钱文华", "民盟", CppccRole.VICE_CHAIR, ()),
    ("张建国", "经济界", CppccRole.STANDING, ("经济委员会",)),
    ("李秀英", "教育界", CppccRole.MEMBER, ("教科卫体委员会",)),
    ("王伟", "经济界", CppccRole.MEMBER, ("经济委员会",)),
    ("阿布都热合曼·艾买提", "少数民族界", CppccRole.MEMBER, ()),
)


@dataclass(frozen=True)
class Roster:
    uuids: dict[str, str]  # name → UUID (the first of that name)

    def __getitem__(self, name: str) -> str:
        return self.uuids[name]


@pytest.fixture
def roster(office_db: Database) -> Roster:
    return Roster(
        {
            name: add_member(
                office_db,
                MemberForm(name=name, sector=sector, role=role, committees=committees),
            )
            for name, sector, role, committees in ROSTER
        }
    )


def topic_form(**changes: object) -> topics.TopicForm:
    form = topics.TopicForm(
        title="农村牧区人居环境整治",
        source=TopicSource.PARTY_COMMITTEE,
        form=ConsultationForm.THEMATIC,
        lead_committee="农业和农村委员会",
        leader="钱文华",
        planned_month=5,
        linked=True,
    )
    return topics.TopicForm(**{**form.__dict__, **changes})


@pytest.fixture
def topic(office_db: Database) -> str:
    return topics.add_topic(office_db, PLAN_YEAR, topic_form())
