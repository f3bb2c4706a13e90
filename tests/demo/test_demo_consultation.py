"""app/demo/demo_consultation.py: a year's plan, its meetings filled in, outcomes."""

from __future__ import annotations

from datetime import date

from app.common.storage import Database
from app.consultation import figures
from app.consultation.meetings import meetings
from app.consultation.outcomes import outcomes
from app.consultation.plan import carry_over, plans, research
from app.demo import demo


def test_demo_consultation(office_db: Database) -> None:
    added = demo.load_demo(office_db)
    assert added["协商议题"] == 10
    year = date.today().year
    plan = plans.get_plan(office_db, year)
    assert plan is not None
    assert plan.form.approved_on == date(year, 2, 12)
    assert (plan.share.linked, plan.share.own, plan.share.on_target) == (7, 3, True)
    carried = [t for t in plan.topics if t.carried_from]
    assert [(t.title, t.carried_from) for t in carried] == [
        ("沙化土地综合治理", f"{year - 1}年转入")
    ]

    held = [t for t in plan.topics if t.meetings]
    for topic in held:
        [meeting] = [
            m
            for m in meetings.list_meetings(office_db, year)
            if meetings.get_meeting(office_db, m.uuid).topic_title == topic.title
        ]
        detail = meetings.get_meeting(office_db, meeting.uuid)
        assert detail.form.venue and detail.form.chair and detail.form.agenda
        assert detail.form.guests and detail.form.consensus
        assert detail.attendees  # the duty-record demo's own attendance
        assert all(s.member_uuid for s in detail.speeches)
    listed = outcomes.list_outcomes(office_db, year)
    assert len(listed) == len(held) == figures.year_figures(office_db, year).outcomes
    assert {o.topic_title for o in listed} == {t.title for t in held}

    beef = next(t for t in plan.topics if t.title == "肉牛产业高质量发展")
    assert research.get_research(office_db, beef.uuid).pattern == "1+3"
    assert {t.uuid for t in plan.topics if not t.meetings} <= {
        t.uuid for t in carry_over.open_topics(office_db, year)
    }
