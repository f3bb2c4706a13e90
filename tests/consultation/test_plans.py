"""app/consultation/plan/plans.py and carry_over.py: the plan, its topics, the linked share."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.labels import ConsultationForm, TopicSource, TopicStatus
from app.consultation.plan import carry_over, plans, topics
from db.consultation_models import ConsultationPlan, ConsultationTopic
from tests.consultation.conftest import PLAN_YEAR, topic_form


def count(database: Database, cls: type) -> int:
    with database.begin() as session:
        return session.scalar(select(func.count()).select_from(cls)) or 0


def test_the_first_topic_makes_the_years_plan(office_db: Database) -> None:
    assert plans.get_plan(office_db, PLAN_YEAR) is None
    uuid = topics.add_topic(office_db, PLAN_YEAR, topic_form(title="  农村牧区人居环境整治 "))

    plan = plans.get_plan(office_db, PLAN_YEAR)
    assert plan is not None
    assert plan.title == f"{PLAN_YEAR}年度协商计划"
    [row] = plan.topics
    assert (row.uuid, row.number, row.title) == (uuid, 1, "农村牧区人居环境整治")
    assert (row.source_label, row.form_text, row.lead_committee) == (
        "党委点题",
        "专题协商会",
        "农业和农村委员会",
    )
    assert (row.when, row.linked_label, row.status_label) == ("5月", "联接议题", "计划中")
    assert PLAN_YEAR in plans.plan_years(office_db)
    assert "农业和农村委员会" in topics.committee_names(office_db)


def test_linked_share_against_the_plans_target(office_db: Database) -> None:
    for i in range(7):
        topics.add_topic(office_db, PLAN_YEAR, topic_form(title=f"联接议题{i}", linked=True))
    for i in range(3):
        topics.add_topic(office_db, PLAN_YEAR, topic_form(title=f"自选议题{i}", linked=False))
    share = plans.get_plan(office_db, PLAN_YEAR).share  # type: ignore[union-attr]
    assert (share.linked, share.own, share.target, share.on_target) == (7, 3, 70, True)
    assert share.text == "联接议题 7 个（70%）、自选议题 3 个（30%）；目标 70%"

    topics.add_topic(office_db, PLAN_YEAR, topic_form(title="又一个自选议题", linked=False))
    share = plans.get_plan(office_db, PLAN_YEAR).share  # type: ignore[union-attr]
    assert (share.linked, share.own, share.on_target) == (7, 4, False)  # 63.6% < 70%

    plans.save_plan(office_db, PLAN_YEAR, plans.PlanForm(linked_target=60))
    assert plans.get_plan(office_db, PLAN_YEAR).share.on_target  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"title": ""}, "议题：不能为空"),
        ({"source": None}, "议题来源：请选择"),
        ({"form": None}, "协商形式：请选择"),
        ({"planned_month": 13}, "月份应在 1 到 12 之间"),
        ({"planned_quarter": 5}, "季度应在 1 到 4 之间"),
        ({"planned_month": 3, "planned_quarter": 1}, "只填月份或季度中的一项"),
        ({"lead_committee": "不存在委员会"}, "不在专委会名单中"),
    ],
)
def test_a_bad_topic_is_refused_and_nothing_saved(
    office_db: Database, changes: dict[str, object], phrase: str
) -> None:
    with pytest.raises(KnownError, match=phrase):
        topics.add_topic(office_db, PLAN_YEAR, topic_form(**changes))
    assert count(office_db, ConsultationTopic) == 0
    assert count(office_db, ConsultationPlan) == 0  # not even the plan


def test_approval_date_outside_the_plan_years_is_refused(office_db: Database) -> None:
    plans.save_plan(office_db, PLAN_YEAR, plans.PlanForm(approved_on=date(PLAN_YEAR - 1, 12, 28)))
    for day in (date(PLAN_YEAR - 2, 12, 30), date(PLAN_YEAR + 1, 1, 5)):
        with pytest.raises(KnownError, match="批准日期"):
            plans.save_plan(office_db, PLAN_YEAR, plans.PlanForm(approved_on=day))
    plan = plans.get_plan(office_db, PLAN_YEAR)
    assert plan is not None
    assert plan.form.approved_on == date(PLAN_YEAR - 1, 12, 28)


def test_other_form_keeps_its_own_name(office_db: Database) -> None:
    uuid = topics.add_topic(
        office_db, PLAN_YEAR, topic_form(form=ConsultationForm.OTHER, form_other="网络议政")
    )
    assert plans.get_plan(office_db, PLAN_YEAR).topics[0].form_text == "网络议政"  # type: ignore[union-attr]
    topics.update_topic(
        office_db, uuid, topic_form(form=ConsultationForm.COUNTERPART, form_other="x")
    )
    year, form = topics.get_topic_form(office_db, uuid)
    assert (year, form.form, form.form_other) == (PLAN_YEAR, ConsultationForm.COUNTERPART, "")


def test_topics_move_delete_and_come_back(office_db: Database) -> None:
    a, b, c = (topics.add_topic(office_db, PLAN_YEAR, topic_form(title=t)) for t in "甲乙丙")

    def titles() -> list[str]:
        return [t.title for t in plans.get_plan(office_db, PLAN_YEAR).topics]  # type: ignore[union-attr]

    topics.move_topic(office_db, c, -1)
    assert titles() == ["甲", "丙", "乙"]
    topics.move_topic(office_db, a, -1)  # already first
    assert titles() == ["甲", "丙", "乙"]
    topics.delete_topic(office_db, c)
    assert titles() == ["甲", "乙"]
    with pytest.raises(KnownError, match="还有议题"):
        plans.delete_plan(office_db, PLAN_YEAR)
    topics.undelete_topic(office_db, c)
    assert titles() == ["甲", "丙", "乙"]
    assert [t.number for t in plans.get_plan(office_db, PLAN_YEAR).topics] == [1, 2, 3]  # type: ignore[union-attr]
    del b


def test_open_topics_are_carried_into_next_year_once(office_db: Database) -> None:
    done = topics.add_topic(office_db, PLAN_YEAR, topic_form(title="已办结议题"))
    topics.set_topic_status(office_db, done, TopicStatus.CLOSED)
    still = topics.add_topic(
        office_db, PLAN_YEAR, topic_form(title="沙化土地综合治理", source=TopicSource.GOVERNMENT)
    )

    [open_topic] = carry_over.open_topics(office_db, PLAN_YEAR)
    assert (open_topic.uuid, open_topic.reason) == (still, "尚未召开协商会议")

    [new] = carry_over.carry_into_next_year(office_db, PLAN_YEAR, [still])
    next_plan = plans.get_plan(office_db, PLAN_YEAR + 1)
    assert next_plan is not None
    [row] = next_plan.topics
    assert (row.uuid, row.title, row.source_label, row.status_label, row.carried_from) == (
        new,
        "沙化土地综合治理",
        "政府点题",
        "计划中",
        f"{PLAN_YEAR}年转入",
    )
    assert plans.get_plan(office_db, PLAN_YEAR).topics[1].status_label == "转入下年"  # type: ignore[union-attr]
    assert carry_over.open_topics(office_db, PLAN_YEAR) == []

    with pytest.raises(KnownError, match="不能转入下年"):
        carry_over.carry_into_next_year(office_db, PLAN_YEAR, [done])
    assert len(next_plan.topics) == len(plans.get_plan(office_db, PLAN_YEAR + 1).topics)  # type: ignore[union-attr]
