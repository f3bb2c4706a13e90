"""Importing earlier years' proposals from the office's spreadsheets (.xlsx).

To the roster import's standard: the header row is found under titles,
merged cells are filled, every row is checked first and, if any is wrong,
nothing is written and the report names each bad row (sheet, row, column,
reason). A proposal already in the database (same year, number and 案由) is
left alone, so importing the same file twice adds nothing. Proposer names that
match no member (a party branch, a sector, a former member) are kept as text and
reported as warnings.

What each row means is planned from one read of the database (history_plan): a dry
run reports that plan and takes no write lock, so the other windows go on saving
while a big file is checked. The import backs up, then plans again under the lock
(so it writes what the database holds at that moment) and writes the new proposals
in batches, one flush each, instead of asking the database once per row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.common.access import require
from app.common.audit import Action as AuditAction
from app.common.audit import Result as AuditResult
from app.common.audit import audited
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.operator import Permission, current_operator
from app.common.sheets.reader import RowError, read_rows
from app.common.storage import Database
from app.data_safety.backups import backup_before
from app.proposals.intake.history_plan import HistoryPlan, PlannedProposal, plan_history
from app.proposals.intake.import_rows import HISTORY_COLUMNS, HistoryLine, read_history_line
from app.proposals.store import step_values
from db.proposal_models import Proposal, ProposalHistory, ProposalSigner

log = logging.getLogger(__name__)

# New proposals written per batch: few enough that the progress moves, many enough
# that each table's rows go in one INSERT.
BATCH = 500


@dataclass(frozen=True)
class HistoryImportResult:
    """What the import did (or, in a dry run, would do)."""

    path: Path
    dry_run: bool
    rows: int = 0
    new: int = 0
    unchanged: int = 0  # already in the database (same year and number)
    years: tuple[int, ...] = ()
    errors: tuple[RowError, ...] = ()
    warnings: tuple[RowError, ...] = ()  # names kept as text, unknown categories
    skipped_sheets: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = ()  # about the file as a whole: hidden sheets, columns left out
    backup: Path | None = None  # the database as it was before the import

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({(e.sheet, e.row) for e in self.errors})

    def summary_lines(self) -> list[str]:
        years = "、".join(str(y) for y in self.years) or "—"
        return [
            f"读取数据行 {self.rows} 行（年度：{years}）",
            f"新增提案 {self.new} 件，已在库中（年度和提案号相同）{self.unchanged} 件",
            f"提示 {len(self.warnings)} 条（按文字保存的提案人、名录中没有的类别）",
        ]


def import_history(
    database: Database, path: Path, dry_run: bool = False, progress: Progress | None = None
) -> HistoryImportResult:
    """Check every row, then write all of them or none. Bad rows are in result.errors.
    A real import (not a dry run) is in the audit trail."""
    if dry_run:
        return _import_history(database, path, dry_run, progress)
    with audited(database, AuditAction.IMPORT, str(path)) as note:
        result = _import_history(database, path, dry_run, progress)
        if result.errors:
            note.result = AuditResult.FAILED
            note.detail = f"往年提案：{len(result.errors)} 处错误，未导入"
        else:
            note.detail = f"往年提案：新增 {result.new}，未变 {result.unchanged}"
    return result


class _PlanChanged(Exception):
    """Raised inside the write transaction (rolling it back) when the database changed
    since the check so that a row is now a mistake: the import reports it, writing nothing."""

    def __init__(self, plan: HistoryPlan) -> None:
        super().__init__("the history plan found errors under the write lock")
        self.plan = plan


def _import_history(
    database: Database, path: Path, dry_run: bool, progress: Progress | None
) -> HistoryImportResult:
    path = Path(path)
    data = read_rows(path, HISTORY_COLUMNS, progress)
    if not data.rows:
        raise KnownError(
            f"“{path.name}”中有表头，但没有提案数据。",
            "请确认选择的是填好的表格。本次未作任何改动。",
        )
    today = date.today()
    lines: list[HistoryLine] = []
    errors: list[RowError] = []
    for row in data.rows:
        line = read_history_line(row, today)
        if isinstance(line, list):
            errors.extend(line)
        else:
            lines.append(line)
    errors.extend(_repeated(lines))
    with database.read() as session:  # no write lock: other windows go on saving
        plan = plan_history(session, lines)
    errors.extend(plan.errors)
    base = dict(
        path=path,
        dry_run=dry_run,
        rows=len(data.rows),
        years=tuple(sorted({line.year for line in lines})),
        skipped_sheets=data.skipped_sheets,
        notes=data.notes(),
    )
    if errors:
        return HistoryImportResult(**base, errors=tuple(errors))  # type: ignore[arg-type]
    if plan.new:  # a 只读 account is refused as its import would be, the check included
        require(database, Permission.EDIT)
    if dry_run or not plan.new:  # nothing to write (the same file twice): no write lock
        return _result(base, plan)
    operator = current_operator(database)
    base["backup"] = _back_up(database)
    try:
        with database.begin() as session:
            plan = plan_history(session, lines)  # the database as it is under the lock
            if plan.errors:
                raise _PlanChanged(plan)
            _write(session, plan, path.name, operator, progress)
    except _PlanChanged as changed:
        return HistoryImportResult(**base, errors=changed.plan.errors)  # type: ignore[arg-type]
    log.info("history %s imported: %d new, %d unchanged", path.name, len(plan.new), plan.unchanged)
    return _result(base, plan)


def _result(base: dict, plan: HistoryPlan) -> HistoryImportResult:
    return HistoryImportResult(
        **base, new=len(plan.new), unchanged=plan.unchanged, warnings=plan.warnings
    )


def _back_up(database: Database) -> Path:
    return backup_before(database, "导入提案")  # 导入提案前备份-…: checked, audited, thinned


def _repeated(lines: list[HistoryLine]) -> list[RowError]:
    """The same year and number twice in one file is a mistake in the sheet."""
    seen: dict[tuple[int, str], HistoryLine] = {}
    errors = []
    for line in lines:
        first = seen.setdefault(line.key, line)
        if first is not line:
            errors.append(
                line.row.error(
                    "number", f"与{first.where}重复：{line.year}年的提案号“{line.number}”出现两次"
                )
            )
    return errors


def _write(
    session: Session, plan: HistoryPlan, source: str, operator: str, progress: Progress | None
) -> None:
    """The new proposals, their signers and each one's history step (as record_step
    writes it), a batch at a time in three multi-row INSERTs. Core, not the ORM: its
    flush sends SQLite one INSERT per row to learn each id, and the flush hook's
    checks are made here (the rows are the local office's; 只读 is refused before).

    Under the write lock the proposals' ids are given here, after the highest, as
    SQLite would give them: their signers and steps name them in the same batch."""
    connection = session.connection()
    first_id = (session.scalar(select(func.max(Proposal.id))) or 0) + 1
    owner, total = plan.office_uuid, len(plan.new)
    for start in range(0, total, BATCH):
        batch = plan.new[start : start + BATCH]
        ids = range(first_id + start, first_id + start + len(batch))
        rows = [_proposal_row(planned, owner, id_) for planned, id_ in zip(batch, ids, strict=True)]
        signers = [
            {
                "owner_uuid": owner,
                "proposal_id": id_,
                "position": signer.position,
                "member_id": signer.member_id,
                "name": signer.name,
            }
            for planned, id_ in zip(batch, ids, strict=True)
            for signer in planned.signers
        ]
        steps = [
            step_values(
                owner,
                id_,
                "import",
                f"从表格“{source}”{planned.line.where}导入（历年提案）",
                operator,
            )
            for planned, id_ in zip(batch, ids, strict=True)
        ]
        connection.execute(insert(Proposal.__table__), rows)
        if signers:
            connection.execute(insert(ProposalSigner.__table__), signers)
        connection.execute(insert(ProposalHistory.__table__), steps)
        if progress is not None:
            done = start + len(batch)
            progress.report(done, total, f"正在导入第 {done}/{total} 件…")


def _proposal_row(planned: PlannedProposal, owner_uuid: str, id_: int) -> dict[str, object]:
    """Every column a history proposal sets, the same keys for every row (one INSERT for
    the batch); the rest take the column defaults, as a Proposal(...) would."""
    line = planned.line
    return {
        "id": id_,
        "owner_uuid": owner_uuid,
        "year": line.year,
        "number": line.number,
        "serial": None,
        "term_id": planned.term_id,
        "session_id": planned.session_id,
        "submitter_kind": planned.kind,
        "submitter_name": planned.collective,
        "title": line.title,
        "body": line.body,
        "category_id": planned.category_id,
        "category_text": planned.category_text,
        "submitted_on": line.submitted_on,
        "state": planned.state,
        "imported": True,
        "imported_units": line.units,
        "imported_result": line.result,
    }
