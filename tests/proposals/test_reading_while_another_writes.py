"""提案 screens read without waiting for another program's write (a long import in another
window): the intake dialog, a proposal's window and the due list froze 5 s, then said
数据库正被其他程序占用."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.proposals import attachments, settings
from app.proposals.duplicates import similar
from app.proposals.handling import assignment, handling, suggestions
from app.proposals.intake import intake, numbering
from app.proposals.outputs import letters
from tests.common.database_states.write_lock import write_lock_held
from tests.proposals.helpers import Office, assigned


def test_proposal_screens_read_while_another_program_writes(office: Office, tmp_path: Path) -> None:
    database = office.database
    uuid = assigned(office)
    source = tmp_path / "原件.pdf"
    source.write_bytes(b"%PDF-1.4 original")
    attachments.attach_file(database, uuid, source)
    with write_lock_held(database):  # a read that waits for it fails: DatabaseLocked
        assert settings.load_proposal_settings(database).due_soon_days > 0
        assert assignment.handling_units(database)[0].name == "县教育和体育局"
        assert intake.intake_choices(database).categories
        assert numbering.offer_number(database, office.session_2025).serial == 2
        assert [i.proposal_uuid for i in handling.due_lists(database, date(2025, 7, 1)).overdue]
        assert suggestions.suggest_units_for(database, uuid) is not None
        assert similar.prepare_index(database) == 1
        assert similar.similar_to_proposal(database, uuid) == []
        assert letters.units_with_assignments(database, 2025) == [
            (office.units["县教育和体育局"], "县教育和体育局")
        ]
        (shown,) = attachments.list_attachments(database, uuid)
        assert attachments.attachment_path(database, shown.uuid).read_bytes() == source.read_bytes()
