"""领导批示 on an outcome and the departments' 落实情况 (follow-up), each dated no
earlier than the outcome was sent. Read them back with outcomes.get_outcome."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.common.storage import Database
from app.common.text import clean_text
from app.consultation.rules import length_problem, live_row, not_before_problem, past_problem
from app.records.record_rules import refuse_problems
from db.base import utc_now
from db.consultation_models import ConsultationOutcome, FollowUp, LeaderInstruction


@dataclass(frozen=True)
class InstructionForm:
    leader: str = ""  # 县委书记 王某某
    instructed_on: date | None = None
    text: str = ""


@dataclass(frozen=True)
class FollowUpForm:
    department: str = ""
    reported_on: date | None = None
    text: str = ""  # 落实情况


@dataclass(frozen=True)
class InstructionLine:
    uuid: str
    leader: str
    instructed_on: date
    text: str


@dataclass(frozen=True)
class FollowUpLine:
    uuid: str
    department: str
    reported_on: date | None
    text: str


def instruction_problems(form: InstructionForm, sent_on: date | None = None) -> list[str]:
    problems = [
        None if form.leader else "批示领导：请填写",
        length_problem(form.leader, "批示领导"),
        None if form.instructed_on is not None else "批示日期：请填写",
        past_problem(form.instructed_on, "批示日期"),
        not_before_problem(form.instructed_on, sent_on, "批示日期", "成果报送日期"),
        # Even a 圈阅 is what the leader did: an instruction without it says nothing.
        None if form.text.strip() else "批示内容：请填写批示的内容（只圈阅的，填写“圈阅”）",
    ]
    return [p for p in problems if p]


def add_instruction(database: Database, outcome_uuid: str, form: InstructionForm) -> str:
    form = replace(form, leader=clean_text(form.leader), text=form.text.strip())
    with database.begin() as session:
        outcome = live_row(session, ConsultationOutcome, outcome_uuid, "该协商成果")
        refuse_problems("领导批示", instruction_problems(form, outcome.sent_on))
        assert form.instructed_on is not None
        line = LeaderInstruction(
            owner_uuid=outcome.owner_uuid,
            leader=form.leader,
            instructed_on=form.instructed_on,
            text=form.text,
        )
        outcome.instructions.append(line)
        session.flush()
        return line.uuid


def update_instruction(database: Database, uuid: str, form: InstructionForm) -> None:
    form = replace(form, leader=clean_text(form.leader), text=form.text.strip())
    with database.begin() as session:
        line = live_row(session, LeaderInstruction, uuid, "该批示")
        refuse_problems("领导批示", instruction_problems(form, line.outcome.sent_on))
        assert form.instructed_on is not None
        line.leader, line.instructed_on, line.text = form.leader, form.instructed_on, form.text


def delete_instruction(database: Database, uuid: str) -> None:
    with database.begin() as session:
        live_row(session, LeaderInstruction, uuid, "该批示").deleted_at = utc_now()


def follow_up_problems(form: FollowUpForm, sent_on: date | None = None) -> list[str]:
    problems = [
        None if form.department else "落实单位：请填写",
        length_problem(form.department, "落实单位", 200),
        past_problem(form.reported_on, "反馈日期"),
        not_before_problem(form.reported_on, sent_on, "反馈日期", "成果报送日期"),
    ]
    return [p for p in problems if p]


def add_follow_up(database: Database, outcome_uuid: str, form: FollowUpForm) -> str:
    form = replace(form, department=clean_text(form.department), text=form.text.strip())
    with database.begin() as session:
        outcome = live_row(session, ConsultationOutcome, outcome_uuid, "该协商成果")
        refuse_problems("落实情况", follow_up_problems(form, outcome.sent_on))
        line = FollowUp(
            owner_uuid=outcome.owner_uuid,
            department=form.department,
            reported_on=form.reported_on,
            text=form.text,
        )
        outcome.follow_ups.append(line)
        session.flush()
        return line.uuid


def update_follow_up(database: Database, uuid: str, form: FollowUpForm) -> None:
    form = replace(form, department=clean_text(form.department), text=form.text.strip())
    with database.begin() as session:
        line = live_row(session, FollowUp, uuid, "该落实情况")
        refuse_problems("落实情况", follow_up_problems(form, line.outcome.sent_on))
        line.department, line.reported_on, line.text = form.department, form.reported_on, form.text


def delete_follow_up(database: Database, uuid: str) -> None:
    with database.begin() as session:
        live_row(session, FollowUp, uuid, "该落实情况").deleted_at = utc_now()
