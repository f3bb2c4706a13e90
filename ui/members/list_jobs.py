"""The jobs the member list runs on a worker thread (ui/common/jobs.run_job): plain calls
of app/ services that open their own sessions, never a widget."""

from __future__ import annotations

from pathlib import Path

from app.common.jobs import Progress
from app.common.storage import Database
from app.members.member_files import FormChoices, MemberRow, form_choices, list_members
from app.members.roster_export import ExportResult, export_roster


def read_members(
    database: Database, term_uuid: str | None, progress: Progress
) -> tuple[list[MemberRow], FormChoices]:
    """On the worker thread: the term's members and the choices the filters offer."""
    rows = list_members(database, term_uuid)
    progress.check_cancelled()  # a newer read was asked for
    return rows, form_choices(database)


def export_job(
    database: Database, path: Path, office_code: str | None, progress: Progress
) -> ExportResult:
    """Runs on the job thread."""
    progress.report(0, 0, "正在写入名册…")
    return export_roster(database, path, office_code)
