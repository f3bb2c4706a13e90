"""协商 dialogs read their drafts and lists without waiting for another program's write
(a long import in another window): they froze 5 s, then said 数据库正被其他程序占用."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.common.storage import Database
from app.consultation import attachments
from app.consultation.meetings import meetings, speeches
from app.consultation.outcomes import outcomes
from app.consultation.plan import carry_over, topics
from tests.common.database_states.write_lock import write_lock_held
from tests.consultation.conftest import MEETING_DAY, PLAN_YEAR, Roster


def test_drafts_and_lists_are_read_while_another_program_writes(
    office_db: Database, roster: Roster, topic: str, tmp_path: Path
) -> None:
    draft = meetings.meeting_from_topic(office_db, topic)
    meeting = meetings.add_meeting(office_db, replace(draft, held_on=MEETING_DAY))
    speech = speeches.add_speech(
        office_db, meeting, speeches.SpeechForm(title="发言", member_uuid=roster["王伟"])
    )
    source = tmp_path / "调研工作方案.docx"
    source.write_bytes(b"PK\x03\x04 a work plan")
    attached = attachments.add_attachment(office_db, topic, source)
    (tmp_path / "out").mkdir()
    with write_lock_held(office_db):  # a read that waits for it fails: DatabaseLocked
        assert topics.get_topic_form(office_db, topic)[0] == PLAN_YEAR
        assert "农业和农村委员会" in topics.committee_names(office_db)
        assert [t.uuid for t in carry_over.open_topics(office_db, PLAN_YEAR)] == [topic]
        assert meetings.meeting_from_topic(office_db, topic).topic_uuid == topic
        assert meetings.find_meeting_uuid(office_db, meeting[:8]) == meeting
        assert speeches.get_speech_form(office_db, speech).member_uuid == roster["王伟"]
        assert outcomes.outcome_from_meeting(office_db, meeting).member_uuids == (roster["王伟"],)
        assert [a.uuid for a in attachments.list_attachments(office_db, topic)] == [attached.uuid]
        copy = attachments.save_copy(office_db, attached.uuid, tmp_path / "out")
    assert copy.read_bytes() == b"PK\x03\x04 a work plan"
