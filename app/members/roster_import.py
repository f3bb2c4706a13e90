"""Roster import (委员名单导入) from the office's own spreadsheet (.xlsx, .xls, .ods).

Plan, then apply.

plan_roster_import reads and checks every row and writes nothing (a dry run
is simply stopping there). apply_roster_import checks again inside one
transaction and writes all rows or none. Update mode matches members by ID
number; an empty cell never erases what the office already has.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.common.audit import Action as AuditAction
from app.common.audit import audited
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.people.idcard import mask_id_number, mask_phone
from app.common.sheets.reader import RowError, read_rows
from app.common.storage import Database
from app.data_safety.backups import BEFORE_ROSTER_IMPORT, make_backup
from app.members.labels import ROLE_LABELS, SEX_LABELS
from app.members.member_files import birth_text
from app.members.roster_check import Action, Outcome, classify
from app.members.roster_rows import ROSTER_COLUMNS, RosterRow, read_roster_row
from app.members.roster_store import (
    Snapshot,
    Write,
    fingerprint,
    load_snapshot,
    write_members,
)
from app.office.dictionary_defaults import KIND_LABELS
from app.office.labels import DictionaryKind

log = logging.getLogger(__name__)


ACTION_LABELS = {
    Action.NEW: "新增",
    Action.UPDATE: "更新",
    Action.UNCHANGED: "无变化",
    Action.ERROR: "有错误",
}


@dataclass(frozen=True)
class PreviewRow:
    """One row of the preview; personal numbers masked (the ID to its last four: the
    row shows the birth date)."""

    sheet: str
    row: int
    action: Action
    roster_number: str  # 序号 in the term's roster once imported
    name: str
    sex: str
    birth: str
    party: str
    sector: str
    employer: str
    role: str
    committees: str
    phone_masked: str
    id_masked: str
    problems: tuple[str, ...]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class UnknownValue:
    """A value the office's list (界别, 民族 …) does not have yet."""

    kind: DictionaryKind
    value: str
    rows: int  # how many rows use it
    near: tuple[str, ...] = ()  # entries that look alike (中共 for 中国共产党党委), best first

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class RosterImportPlan:
    path: Path
    update: bool
    term_text: str
    rows: tuple[RosterRow, ...]
    preview: tuple[PreviewRow, ...]
    errors: tuple[RowError, ...]
    unknown: tuple[UnknownValue, ...]
    new: int
    updated: int
    unchanged: int
    skipped_sheets: tuple[str, ...]
    # What the clerk must know before importing (members on hidden sheets left out).
    warnings: tuple[str, ...] = ()
    # What the check found, reused by the import if the database has not changed since.
    checked_against: tuple[object, ...] = field(default=(), repr=False, compare=False)
    snapshot: Snapshot | None = field(default=None, repr=False, compare=False)
    writes: tuple[Write, ...] = field(default=(), repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({(e.sheet, e.row) for e in self.errors})

    @property
    def counts_text(self) -> str:
        text = f"新增 {self.new} 人，更新 {self.updated} 人，无变化 {self.unchanged} 人"
        if self.errors:
            text += f"；{self.error_rows} 行有错误（共 {len(self.errors)} 处）"
        return text


@dataclass(frozen=True)
class RosterImportSummary:
    new: int
    updated: int
    unchanged: int
    backup: Path | None  # the database as it was before the import

    @property
    def text(self) -> str:
        return f"已导入：新增 {self.new} 人，更新 {self.updated} 人，无变化 {self.unchanged} 人。"


def plan_roster_import(
    database: Database,
    path: Path,
    update: bool = False,
    progress: Progress | None = None,
    include_hidden_sheets: bool = False,
) -> RosterImportPlan:
    """Read and check every row; nothing is written.

    Members on hidden sheets are left out (and named in plan.warnings) unless
    include_hidden_sheets.
    """
    path = Path(path)
    data = read_rows(path, ROSTER_COLUMNS, progress, include_hidden_sheets)
    if not data.rows:
        raise KnownError(
            f"“{path.name}”的表头下面没有委员数据。",
            "请确认选择的是填好的名单文件。本次未作任何改动。",
        )
    parsed = [read_roster_row(row) for row in data.rows]
    if progress is not None:
        progress.report(len(parsed), len(parsed), "正在核对委员信息…")
    with database.read() as session:
        snapshot = load_snapshot(session)
        checked_against = fingerprint(session)
    checked = classify(parsed, snapshot, update)
    errors = [e for outcome in checked.outcomes for e in outcome.errors]
    return RosterImportPlan(
        path=path,
        update=update,
        term_text=snapshot.term_text,
        rows=tuple(row for row, _ in parsed),
        preview=tuple(_preview(o) for o in checked.outcomes),
        errors=tuple(errors),
        unknown=tuple(
            UnknownValue(kind, value, count, tuple(snapshot.lookup.near(kind, value)))
            for (kind, value), count in sorted(checked.unknown.items(), key=_unknown_order)
        ),
        new=checked.count(Action.NEW),
        updated=checked.count(Action.UPDATE),
        unchanged=checked.count(Action.UNCHANGED),
        skipped_sheets=data.skipped_sheets,
        warnings=data.notes(),
        checked_against=checked_against,
        snapshot=snapshot,
        writes=tuple(o.write for o in checked.outcomes if o.write is not None),
    )


def apply_roster_import(
    database: Database, plan: RosterImportPlan, progress: Progress
) -> RosterImportSummary:
    """Write the planned rows in one transaction: all of them or none (audited)."""
    with (
        audited(database, AuditAction.IMPORT, str(plan.path)) as note,
        database.announcing("正在导入委员名单"),
    ):
        if not plan.ok:
            raise KnownError(
                f"名单中有 {plan.error_rows} 行有错误，未导入任何委员。",
                "请按错误清单修改表格后重新导入。",
            )
        backup = make_backup(database, BEFORE_ROSTER_IMPORT) if plan.new or plan.updated else None
        with database.begin() as session:
            if plan.snapshot is not None and fingerprint(session) == plan.checked_against:
                snapshot, writes = plan.snapshot, list(plan.writes)
            else:
                snapshot, writes = _check_again(session, plan)
            progress.check_cancelled()
            write_members(session, snapshot, writes, progress)
            progress.check_cancelled()  # the last chance to roll everything back
        note.detail = f"委员名单：新增 {plan.new}，更新 {plan.updated}，未变 {plan.unchanged}"
    log.info("roster %s imported: %d new, %d updated", plan.path.name, plan.new, plan.updated)
    return RosterImportSummary(plan.new, plan.updated, plan.unchanged, backup)


def _check_again(session: Session, plan: RosterImportPlan) -> tuple[Snapshot, list[Write]]:
    """Members or lists changed since the plan: the plan must still hold exactly."""
    snapshot = load_snapshot(session)
    checked = classify([(row, []) for row in plan.rows], snapshot, plan.update)
    counts = (checked.count(Action.NEW), checked.count(Action.UPDATE))
    if checked.has_errors or counts != (plan.new, plan.updated):
        raise KnownError(
            "检查名单之后，委员档案或基础名录已有变化，为安全起见本次未导入。",
            "请重新检查名单后再导入。本次未作任何改动。",
        )
    return snapshot, [o.write for o in checked.outcomes if o.write is not None]


def _unknown_order(item: tuple[tuple[DictionaryKind, str], int]) -> tuple[int, str]:
    (kind, value), _count = item
    return list(KIND_LABELS).index(kind), value


def _preview(outcome: Outcome) -> PreviewRow:
    form = outcome.form
    given: dict[str, Any] = outcome.row.given
    if form is None:  # the row could not become a form: show what it said
        return PreviewRow(
            sheet=outcome.row.sheet,
            row=outcome.row.row,
            action=Action.ERROR,
            roster_number=str(given.get("roster_number", "")),
            name=str(given.get("name", "")),
            sex=SEX_LABELS.get(given.get("sex"), ""),  # type: ignore[arg-type]
            birth="",
            party=str(given.get("party", "")),
            sector=str(given.get("sector", "")),
            employer=str(given.get("employer", "")),
            role="",
            committees="、".join(given.get("committees", ())),
            phone_masked=mask_phone(str(given.get("phone", ""))),
            id_masked=mask_id_number(str(given.get("id_number", "")), birth_shown=True),
            problems=tuple(e.reason for e in outcome.errors),
        )
    return PreviewRow(
        sheet=outcome.row.sheet,
        row=outcome.row.row,
        action=outcome.action,
        roster_number=_number_text(outcome),
        name=form.name,
        sex=SEX_LABELS.get(form.sex, "") if form.sex else "",
        birth=birth_text(form.birth_date, form.birth_day_known),
        party=form.party,
        sector=form.sector,
        employer=form.employer,
        role=ROLE_LABELS[form.role],
        committees="、".join(form.committees),
        phone_masked=mask_phone(form.phone),
        id_masked=mask_id_number(form.id_number, birth_shown=True),
        problems=tuple(e.reason for e in outcome.errors),
    )


def _number_text(outcome: Outcome) -> str:
    if outcome.write is not None and outcome.write.roster_number is not None:
        return str(outcome.write.roster_number)
    return str(outcome.row.given.get("roster_number", ""))
