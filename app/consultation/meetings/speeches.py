"""Speeches (发言) at a meeting: speaker, title, the text or an attachment.

A speaker is a member (picked from the meeting's list or the roster) or
anyone else typed in (a department head, an expert). Attachments go through
app.consultation.attachments with the speech's UUID. Read them back with
meetings.get_meeting(...).speeches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text
from app.consultation.meetings.meeting_rows import get_activity_row
from app.consultation.rules import length_problem
from app.records.record_rules import live_members, refuse_problems, title_problem
from db.base import utc_now
from db.record_models import Activity, MeetingSpeech


@dataclass(frozen=True)
class SpeechForm:
    title: str = ""
    member_uuid: str | None = None  # a member speaking …
    speaker: str = ""  # … or anyone else; for a member, empty means the member's name
    text: str = ""


def speech_problems(form: SpeechForm) -> list[str]:
    problems = [
        title_problem(form.title, "发言题目"),
        None if form.member_uuid or form.speaker else "发言人：请选择委员或填写姓名",
        length_problem(form.speaker, "发言人"),
    ]
    return [p for p in problems if p]


def add_speech(database: Database, meeting_uuid: str, form: SpeechForm) -> str:
    form = _checked(form)
    with database.begin() as session:
        activity = get_activity_row(session, meeting_uuid)
        position = session.scalar(
            select(func.coalesce(func.max(MeetingSpeech.position), 0)).where(
                MeetingSpeech.activity_id == activity.id
            )
        )
        speech = MeetingSpeech(owner_uuid=activity.owner_uuid, position=(position or 0) + 1)
        _apply(session, speech, form)
        activity.speeches.append(speech)
        session.flush()
        return speech.uuid


def update_speech(database: Database, uuid: str, form: SpeechForm) -> None:
    form = _checked(form)
    with database.begin() as session:
        _apply(session, _get(session, uuid), form)


def get_speech_form(database: Database, uuid: str) -> SpeechForm:
    with database.read() as session:
        speech = _get(session, uuid)
        member = speech.member
        return SpeechForm(
            title=speech.title,
            member_uuid=member.uuid if member is not None else None,
            speaker=speech.speaker,
            text=speech.text,
        )


def move_speech(database: Database, uuid: str, offset: int) -> None:
    with database.begin() as session:
        speech = _get(session, uuid)
        activity = session.get_one(Activity, speech.activity_id)
        live = sorted((s for s in activity.speeches if s.deleted_at is None), key=_position)
        index, other = live.index(speech), live.index(speech) + offset
        if 0 <= other < len(live):
            live[index], live[other] = live[other], live[index]
            for position, item in enumerate(live, start=1):
                if item.position != position:
                    item.position = position


def delete_speech(database: Database, uuid: str) -> None:
    with database.begin() as session:
        _get(session, uuid).deleted_at = utc_now()


def undelete_speech(database: Database, uuid: str) -> None:
    with database.begin() as session:
        session.scalars(
            select(MeetingSpeech).where(MeetingSpeech.uuid == uuid)
        ).one().deleted_at = None


def _position(speech: MeetingSpeech) -> int:
    return speech.position


def _checked(form: SpeechForm) -> SpeechForm:
    form = replace(
        form, title=clean_text(form.title), speaker=clean_text(form.speaker), text=form.text.strip()
    )
    refuse_problems("发言", speech_problems(form))
    return form


def _apply(session: Session, speech: MeetingSpeech, form: SpeechForm) -> None:
    member = (
        live_members(session, [form.member_uuid])[form.member_uuid] if form.member_uuid else None
    )
    speech.member = member
    speech.speaker = form.speaker or (member.name if member is not None else "")
    speech.title = form.title
    speech.text = form.text


def _get(session: Session, uuid: str) -> MeetingSpeech:
    speech = session.scalars(
        select(MeetingSpeech).where(MeetingSpeech.uuid == uuid, MeetingSpeech.deleted_at.is_(None))
    ).one_or_none()
    if speech is None:
        raise KnownError("该发言记录已不存在（可能已被删除）。", "请刷新后再试。")
    return speech
