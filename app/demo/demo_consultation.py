"""Demo consultation: this year's plan (7 linked and 3 own topics, one carried over
from last year), research with a “1+3” report, the year's consultation meetings
filled in (venue, chair, agenda, guests, speeches, minutes, consensus), and
outcomes with leaders' instructions, follow-up and feedback.

The meetings are the duty-record demo's own (会议活动), found by title, so
their attendance stays what the five-ones screen shows; topics whose meeting
has not happened stay 计划中 or 调研中.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from app.consultation.labels import (
    ConsultationForm,
    GuestKind,
    OutcomeKind,
    TopicSource,
    TopicStatus,
)
from app.members.labels import CppccRole
from app.office.office import current_term
from app.records.labels import ActivityKind, AttendanceStatus
from db.consultation_models import (
    ConsultationOutcome,
    ConsultationPlan,
    ConsultationTopic,
    FollowUp,
    LeaderInstruction,
    ResearchGroup,
    ResearchReport,
)
from db.member_models import Member, Membership
from db.models import DictionaryEntry, DictionaryKind, Office
from db.record_models import Activity, MeetingAgendaItem, MeetingGuest, MeetingSpeech

SEED = 20260301
VENUE = "县政协三楼会议室"
FORM = ConsultationForm
SOURCE = TopicSource


@dataclass(frozen=True)
class _Topic:
    title: str
    form: ConsultationForm
    source: TopicSource
    committee: str
    month: int | None
    linked: bool
    meeting: str = ""  # the demo activity's title (app.demo.demo_pools.ACTIVITY_TITLES)
    department: str = ""  # the department that reports and follows up


TOPICS = (
    _Topic("政府工作报告等全会文件", FORM.PLENARY, SOURCE.PARTY_COMMITTEE, "", 3, True,
           meeting="plenary", department="县政府办公室"),
    _Topic("推进乡村振兴", FORM.STANDING_SESSION, SOURCE.PARTY_COMMITTEE, "农业和农村委员会", 5,
           True, "专题议政性常委会会议：推进乡村振兴", "县乡村振兴局"),
    _Topic("优化营商环境", FORM.STANDING_SESSION, SOURCE.GOVERNMENT, "经济委员会", 9, True,
           "专题议政性常委会会议：优化营商环境", "县市场监督管理局"),
    _Topic("农村牧区人居环境整治", FORM.THEMATIC, SOURCE.PARTY_COMMITTEE, "农业和农村委员会", 6,
           True, "专题协商会：农村牧区人居环境整治", "县住房和城乡建设局"),
    _Topic("城区停车难问题", FORM.QUARTERLY, SOURCE.MEMBER, "社会和法制委员会", None, False,
           "季度协商座谈会：城区停车难问题", "县城市管理综合执法局"),
    _Topic("职业教育发展", FORM.COUNTERPART, SOURCE.COMMITTEE, "教科卫体委员会", 7, False,
           "对口协商会：职业教育发展", "县教育和体育局"),
    _Topic("重点提案办理", FORM.PROPOSAL_HANDLING, SOURCE.CPPCC, "提案委员会", 8, True,
           "提案办理协商会", "县政府办公室"),
    _Topic("肉牛产业高质量发展", FORM.THEMATIC, SOURCE.PARTIES, "经济委员会", 11, True,
           department="县农牧和科技局"),
    _Topic("基层医疗卫生服务能力提升", FORM.SECTOR, SOURCE.SECTOR, "教科卫体委员会", None, False,
           department="县卫生健康委员会"),
    _Topic("沙化土地综合治理", FORM.COUNTERPART, SOURCE.GOVERNMENT, "农业和农村委员会", 12, True,
           department="县林业和草原局"),
)  # fmt: skip
LAST_YEAR_TOPICS = (
    ("县域商业体系建设", FORM.THEMATIC, TopicStatus.CLOSED),
    ("义务教育优质均衡发展", FORM.COUNTERPART, TopicStatus.CLOSED),
    ("沙化土地综合治理", FORM.COUNTERPART, TopicStatus.CARRIED),
)
OUTCOME_OF_FORM = {
    FORM.PLENARY: OutcomeKind.PARTY_GROUP_REPORT,
    FORM.STANDING_SESSION: OutcomeKind.RECOMMENDATION,
    FORM.THEMATIC: OutcomeKind.PARTY_GROUP_REPORT,
    FORM.QUARTERLY: OutcomeKind.THEMATIC_REPORT,
    FORM.COUNTERPART: OutcomeKind.THEMATIC_REPORT,
    FORM.PROPOSAL_HANDLING: OutcomeKind.PROPOSAL_DIGEST,
}
LEADERS = (
    ("县委书记", "李明远"),
    ("县长", "王建华"),
    ("县委副书记", "赵志刚"),
    ("副县长", "孙丽娟"),
)
EXPERTS = (("刘振东", "内蒙古农业大学教授"), ("陈晓燕", "县职业技术学校高级讲师"))


def demo_consultation(session: Session, office: Office) -> int:
    """Adds the plans, topics, research, meeting details and outcomes; returns how many topics."""
    term = current_term(session, office)
    if term is None:
        return 0
    rng = random.Random(SEED)
    year = date.today().year
    committees = {
        e.name: e
        for e in session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.kind == DictionaryKind.COMMITTEE,
            )
        )
    }
    carried = _last_year(session, office, year - 1)
    plan = ConsultationPlan(
        owner_uuid=office.uuid,
        year=year,
        title=f"{year}年度协商计划",
        approved_on=date(year, 2, 12),
        approved_by="县委常委会会议",
        linked_target=70,
        preamble="",
    )
    session.add(plan)
    chair = _chair(session, term.id)
    for position, spec in enumerate(TOPICS, start=1):
        topic = ConsultationTopic(
            owner_uuid=office.uuid,
            plan=plan,
            position=position,
            title=spec.title,
            source=spec.source,
            form=spec.form,
            lead_committee=committees.get(spec.committee),
            leader=chair,
            planned_month=spec.month,
            planned_quarter=3 if spec.month is None and spec.form is FORM.QUARTERLY else None,
            linked=spec.linked,
            status=TopicStatus.PLANNED,
            carried_from=carried if spec.title == "沙化土地综合治理" else None,
        )
        session.add(topic)
        meeting = _meeting(session, office, spec, year)
        if meeting is not None and meeting.held_on <= date.today():
            topic.planned_month, topic.planned_quarter = meeting.held_on.month, None
            _fill_meeting(rng, meeting, topic, spec, chair)
            topic.status = TopicStatus.HELD
            _outcome(rng, session, office, topic, meeting, spec)
        if spec.title == "肉牛产业高质量发展":
            _research(rng, session, office, topic, year)
    session.flush()
    return len(TOPICS)


def _last_year(session: Session, office: Office, year: int) -> ConsultationTopic | None:
    plan = ConsultationPlan(
        owner_uuid=office.uuid,
        year=year,
        title=f"{year}年度协商计划",
        approved_on=date(year, 2, 20),
        approved_by="县委常委会会议",
    )
    session.add(plan)
    carried = None
    for position, (title, form, status) in enumerate(LAST_YEAR_TOPICS, start=1):
        topic = ConsultationTopic(
            owner_uuid=office.uuid,
            plan=plan,
            position=position,
            title=title,
            source=TopicSource.PARTY_COMMITTEE,
            form=form,
            linked=True,
            status=status,
        )
        session.add(topic)
        if status is TopicStatus.CARRIED:
            carried = topic
    return carried


def _chair(session: Session, term_id: int) -> str:
    name = session.scalar(
        select(Member.name)
        .join(Membership, Membership.member_id == Member.id)
        .where(Membership.term_id == term_id, Membership.role == CppccRole.CHAIR)
    )
    return name or ""


def _meeting(session: Session, office: Office, spec: _Topic, year: int) -> Activity | None:
    query = select(Activity).where(
        Activity.owner_uuid == office.uuid,
        Activity.deleted_at.is_(None),
        extract("year", Activity.held_on) == year,
    )
    if spec.meeting == "plenary":
        query = query.where(Activity.kind == ActivityKind.PLENARY)
    elif spec.meeting:
        query = query.where(Activity.title == spec.meeting)
    else:
        return None
    return session.scalars(query.order_by(Activity.held_on)).first()


def _fill_meeting(
    rng: random.Random, meeting: Activity, topic: ConsultationTopic, spec: _Topic, chair: str
) -> None:
    owner = meeting.owner_uuid
    meeting.topic = topic
    meeting.consultation_form = spec.form
    meeting.venue = "县会议中心大礼堂" if spec.form is FORM.PLENARY else VENUE
    meeting.time_text = "上午9:00"
    meeting.chair = chair
    agenda = [
        (f"通报{spec.title}有关情况", spec.department),
        (f"{topic.lead_committee.name if topic.lead_committee else '调研组'}汇报调研情况", ""),
        ("委员和特邀代表协商发言", ""),
        ("县政府领导讲话", ""),
    ]
    for position, (content, presenter) in enumerate(agenda, start=1):
        meeting.agenda_items.append(
            MeetingAgendaItem(
                owner_uuid=owner, position=position, content=content, presenter=presenter
            )
        )
    title, name = LEADERS[rng.randrange(1, len(LEADERS))]
    guests = [
        (GuestKind.LEADER, name, title),
        (GuestKind.DEPARTMENT, spec.department, "主要负责同志"),
        (GuestKind.EXPERT, *EXPERTS[rng.randrange(len(EXPERTS))]),
    ]
    for position, (kind, guest, unit) in enumerate(guests, start=1):
        meeting.guests.append(
            MeetingGuest(
                owner_uuid=owner, position=position, kind=kind, name=guest, unit_title=unit
            )
        )
    present = [a.member for a in meeting.attendances if a.status is AttendanceStatus.PRESENT]
    speakers = rng.sample(present, min(len(present), rng.randint(3, 5)))
    aspects = ("完善政策支持", "加强要素保障", "强化部门协同", "发挥示范带动作用", "健全长效机制")
    for position, member in enumerate(speakers, start=1):
        meeting.speeches.append(
            MeetingSpeech(
                owner_uuid=owner,
                position=position,
                member=member,
                speaker=member.name,
                title=f"关于在{spec.title}中{aspects[position % len(aspects)]}的建议",
                text="",
            )
        )
    meeting.minutes = (
        f"会议听取了{spec.department}关于{spec.title}情况的通报和调研组的调研报告，"
        f"{len(speakers)}位委员围绕{spec.title}作了协商发言，有关部门负责同志现场回应。"
    )
    meeting.consensus = "\n".join(
        f"{spec.title}要{aspect}，推动工作落地见效" for aspect in rng.sample(aspects, 3)
    )


def _outcome(
    rng: random.Random,
    session: Session,
    office: Office,
    topic: ConsultationTopic,
    meeting: Activity,
    spec: _Topic,
) -> None:
    kind = OUTCOME_OF_FORM.get(spec.form, OutcomeKind.THEMATIC_REPORT)
    today = date.today()
    sent = meeting.held_on + timedelta(days=rng.randint(10, 20))
    sent_on = sent if sent <= today else None
    outcome = ConsultationOutcome(
        owner_uuid=office.uuid,
        year=meeting.held_on.year,
        kind=kind,
        title=f"关于{spec.title}的协商意见",
        topic=topic,
        meeting=meeting,
        sent_to="县委、县政府",
        sent_on=sent_on,
        summary=f"围绕{spec.title}提出意见建议{rng.randint(5, 12)}条。",
        proposals_made=rng.randint(0, 4),
        social_info_made=rng.randint(0, 3),
        speeches_made=rng.randint(0, 2),
        members=[s.member for s in meeting.speeches if s.member is not None],
    )
    session.add(outcome)
    if sent_on is None:
        return
    topic.status = TopicStatus.OUTCOME_SENT
    instructed = sent_on + timedelta(days=rng.randint(3, 12))
    if instructed > today or rng.random() < 0.2:
        return
    title, name = LEADERS[rng.randrange(len(LEADERS))]
    outcome.instructions.append(
        LeaderInstruction(
            owner_uuid=office.uuid,
            leader=f"{title} {name}",
            instructed_on=instructed,
            text=f"请{spec.department}认真研究吸纳政协意见建议，抓好落实。",
        )
    )
    reported = instructed + timedelta(days=rng.randint(20, 45))
    if reported > today:
        return
    outcome.follow_ups.append(
        FollowUp(
            owner_uuid=office.uuid,
            department=spec.department,
            reported_on=reported,
            text=f"已制定{spec.title}工作方案，相关建议已纳入年度重点工作。",
        )
    )
    fed_back = reported + timedelta(days=rng.randint(5, 15))
    if fed_back <= today and rng.random() < 0.6:
        outcome.feedback_on = fed_back
        outcome.feedback_note = "已向提出建议的委员书面反馈办理情况。"
        topic.status = TopicStatus.CLOSED


def _research(
    rng: random.Random, session: Session, office: Office, topic: ConsultationTopic, year: int
) -> None:
    """“1+3”: three groups, each a sub-report on one township's part, and a general report."""
    topic.status = TopicStatus.RESEARCHING
    topic.research_plan = (
        "成立3个调研组，分赴各苏木镇开展实地调研，每组形成一份分报告，汇总形成总报告。"
    )
    members = session.scalars(
        select(Member).where(Member.owner_uuid == office.uuid, Member.deleted_at.is_(None))
    ).all()
    today = date.today()
    for position, (town, aspect) in enumerate(
        (("东部苏木镇", "养殖基地建设"), ("中部苏木镇", "良种繁育"), ("西部苏木镇", "加工销售")),
        start=1,
    ):
        group = ResearchGroup(
            owner_uuid=office.uuid,
            topic=topic,
            position=position,
            name=f"第{'一二三'[position - 1]}调研组",
            sub_topic=f"{town}{aspect}",
            leader=rng.choice(members).name if members else "",
            staff="县政协经济委员会工作人员",
            members=rng.sample(list(members), min(len(members), 4)),
        )
        session.add(group)
        day = date(year, 9, 10 + position * 5)
        session.add(
            ResearchReport(
                owner_uuid=office.uuid,
                topic=topic,
                group=group,
                is_general=False,
                title=f"关于{town}肉牛产业{aspect}情况的调研报告",
                submitted_on=day if day <= today else None,
            )
        )
    general = date(year, 10, 20)
    session.add(
        ResearchReport(
            owner_uuid=office.uuid,
            topic=topic,
            is_general=True,
            title="关于推动肉牛产业高质量发展的调研报告",
            submitted_on=general if general <= today else None,
        )
    )
