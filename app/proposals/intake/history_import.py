"""Importing earlier years' proposals from the office's spreadsheets (.xlsx).

To the roster import's standard: the header row is found under titles,
merged cells are filled, every row is checked first and, if any is wrong,
nothing is written and the report names each bad row (sheet, row, column,
reason). A dry run does the same work in a transaction it rolls back. A
proposal already in the database (same year, number and 案由) is left alone, so
importing the same file twice adds nothing. Proposer names that match no
member (a party branch, a sector, a former member) are kept as text and
reported as warnings.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.audit import Action as AuditAction
from app.common.audit import Result as AuditResult
from app.common.audit import audited
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.operator import current_operator
from app.common.sheets.reader import RowError, read_rows
from app.common.storage import Database
from app.common.text import clean_name
from app.data_safety.backups import backup_before
from app.office.dictionaries import load_lookup
from app.office.dictionary_names import NameLookup
from app.office.office import require_local_office
from app.proposals.intake.import_rows import HISTORY_COLUMNS, HistoryLine, read_history_line
from app.proposals.intake.numbering import session_for_year
from app.proposals.labels import ProposalState, SubmitterKind
from app.proposals.store import record_step
from db.member_models import Member
from db.models import DictionaryEntry, DictionaryKind, Term
from db.proposal_models import Proposal, ProposalSigner

log = logging.getLogger(__name__)

# Collective proposers, told apart by how their names end or what they contain.
_PARTY_WORDS = (
    "民革", "民盟", "民建", "民进", "农工", "致公", "九三", "台盟", "工商联",
    "共青团", "团县委", "妇联", "总工会", "工会", "科协", "侨联", "台联", "党派", "党组",
)  # fmt: skip
_REJECTED = re.compile(r"不予立案|不立案|未立案")


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


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


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
    errors.extend(_numbers_of_others(database, lines))
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
    operator = current_operator(database)
    if not dry_run and _any_new(database, lines):
        base["backup"] = _back_up(database)
    result: HistoryImportResult | None = None
    try:
        with database.begin() as session:
            result = _write(session, lines, base, operator, progress)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    assert result is not None
    if not dry_run:
        log.info(
            "history %s imported: %d new, %d unchanged", path.name, result.new, result.unchanged
        )
    return result


def _any_new(database: Database, lines: list[HistoryLine]) -> bool:
    with database.read() as session:
        office = require_local_office(session)
        known = set(
            session.execute(
                select(Proposal.year, Proposal.number).where(
                    Proposal.owner_uuid == office.uuid, Proposal.deleted_at.is_(None)
                )
            ).all()
        )
    return any(line.key not in known for line in lines)


def _numbers_of_others(database: Database, lines: list[HistoryLine]) -> list[RowError]:
    """A row whose year and number the office already gave another proposal (another
    案由) would be passed over as "already there" and lost: it is a mistake to correct."""
    with database.read() as session:
        office = require_local_office(session)
        stored = {
            (year, number): title
            for year, number, title in session.execute(
                select(Proposal.year, Proposal.number, Proposal.title).where(
                    Proposal.owner_uuid == office.uuid, Proposal.deleted_at.is_(None)
                )
            )
        }
    errors = []
    for line in lines:
        title = stored.get(line.key)
        if title is None or _same_title(title, line.title):
            continue
        shown = title if len(title) <= 30 else title[:30] + "…"
        errors.append(
            line.row.error(
                "number",
                f"{line.year}年的提案号“{line.number}”已是另一件提案（案由“{shown}”）："
                "如是另一件，请改正提案号；如是同一件，请把案由改成与已有的一致",
            )
        )
    return errors


def _same_title(stored: str, typed: str) -> bool:
    """One 案由 however spaced and punctuated (a 。 added, 《》 for “”, a title corrected
    on screen in its punctuation only): only another wording is another proposal."""
    return _title_words(stored) == _title_words(typed)


def _title_words(title: str) -> str:
    return "".join(c for c in title if not c.isspace() and unicodedata.category(c)[0] not in "PS")


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


def _write(session: Session, lines, base, operator, progress) -> HistoryImportResult:
    office = require_local_office(session)
    known = set(
        session.execute(
            select(Proposal.year, Proposal.number).where(
                Proposal.owner_uuid == office.uuid, Proposal.deleted_at.is_(None)
            )
        ).all()
    )
    members = _members_by_name(session, office.uuid)
    categories = _entries(session, office.uuid, DictionaryKind.PROPOSAL_CATEGORY)
    lookup = load_lookup(session)  # 经济类 for 经济, 提案委 for 提案委员会 …
    # A sector by its own name only: 中国民主同盟 (民盟's full name) is a party's proposal.
    sectors = set(_entries(session, office.uuid, DictionaryKind.SECTOR))
    committees = _Known(lookup, DictionaryKind.COMMITTEE)
    terms = list(session.scalars(select(Term).where(Term.owner_uuid == office.uuid)))
    warnings: list[RowError] = []
    new = unchanged = 0
    for done, line in enumerate(lines, start=1):
        if progress is not None and done % 50 == 0:
            progress.report(done, len(lines), f"正在导入第 {done}/{len(lines)} 件…")
        if line.key in known:
            unchanged += 1
            continue
        known.add(line.key)
        kind, collective = _kind(line, sectors, committees, lookup)
        proposal = Proposal(
            owner_uuid=office.uuid,
            year=line.year,
            number=line.number,
            serial=None,
            term_id=next((t.id for t in terms if t.first_year <= line.year <= t.last_year), None),
            submitter_kind=kind,
            submitter_name=collective,
            title=line.title,
            body=line.body,
            submitted_on=line.submitted_on,
            state=ProposalState.REJECTED
            if _REJECTED.search(line.result)
            else ProposalState.ACCEPTED,
            imported=True,
            imported_units=line.units,
            imported_result=line.result,
        )
        plenary = session_for_year(session, office.uuid, line.year)
        proposal.session_id = plenary.id if plenary is not None else None
        _category(proposal, line, categories, lookup, warnings)
        names = line.names[1:] if collective else line.names
        for position, name in enumerate(names, start=1 if collective else 0):
            member = _member(line, name, members, warnings)
            proposal.signers.append(
                ProposalSigner(owner_uuid=office.uuid, position=position, member=member, name=name)
            )
        if collective:
            warnings.append(
                line.row.error("proposer", f"“{collective}”不是委员，按党派团体、界别或专委会保存")
            )
        session.add(proposal)
        session.flush()
        record_step(
            session,
            proposal,
            "import",
            f"从表格“{base['path'].name}”{line.where}导入（历年提案）",
            operator,
        )
        new += 1
    return HistoryImportResult(**base, new=new, unchanged=unchanged, warnings=tuple(warnings))


def _members_by_name(session: Session, owner_uuid: str) -> dict[str, list[Member]]:
    found: dict[str, list[Member]] = defaultdict(list)
    for member in session.scalars(
        select(Member).where(Member.owner_uuid == owner_uuid, Member.deleted_at.is_(None))
    ):
        found[clean_name(member.name)].append(member)
    return found


def _entries(session: Session, owner_uuid: str, kind: DictionaryKind) -> dict[str, DictionaryEntry]:
    return {
        e.name: e
        for e in session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.owner_uuid == owner_uuid,
                DictionaryEntry.kind == kind,
                DictionaryEntry.deleted_at.is_(None),
            )
        )
    }


@dataclass(frozen=True)
class _Known:
    """`name in known`: the name, or an alias of it, is in the office's list."""

    lookup: NameLookup
    kind: DictionaryKind

    def __contains__(self, name: object) -> bool:
        # Not by a name's beginning: a proposer's own name must not look like a committee.
        found = (
            self.lookup.find(self.kind, name, beginnings=False) if isinstance(name, str) else None
        )
        return found is not None


def _kind(
    line: HistoryLine, sectors: set[str], committees: _Known, lookup: NameLookup
) -> tuple[SubmitterKind, str]:
    """(kind, the collective name or "")."""
    first = line.names[0]
    if (
        first in committees
        or first.endswith("专委会")
        or (first.endswith("委员会") and "政协" in first)
    ):
        return SubmitterKind.COMMITTEE, first
    if first in sectors or first.endswith("界") or first.endswith("界别"):
        return SubmitterKind.SECTOR, first
    if first.endswith(("小组", "联络组", "活动组")):
        return SubmitterKind.MEMBER_GROUP, first
    # A party or organisation by its full name: 中国民主同盟 is 民盟.
    known = lookup.find(DictionaryKind.SECTOR, first, beginnings=False) or first
    if any(word in known for word in _PARTY_WORDS) or first.endswith(("支部", "委员会", "总支")):
        return SubmitterKind.PARTY_GROUP, first
    return (SubmitterKind.JOINT if len(line.names) > 1 else SubmitterKind.INDIVIDUAL), ""


def _member(
    line: HistoryLine, name: str, members: dict[str, list[Member]], warnings: list[RowError]
) -> Member | None:
    found = members.get(name, [])
    if len(found) == 1:
        return found[0]
    column = "proposer" if name == line.names[0] else "co_signers"
    if not found:
        warnings.append(line.row.error(column, f"“{name}”不在委员名册中，按文字保存"))
    else:
        warnings.append(
            line.row.error(column, f"有 {len(found)} 位委员名叫“{name}”，无法区分，按文字保存")
        )
    return None


def _category(
    proposal: Proposal,
    line: HistoryLine,
    categories: dict[str, DictionaryEntry],
    lookup: NameLookup,
    warnings: list[RowError],
) -> None:
    if not line.category:
        return
    canonical = lookup.find(DictionaryKind.PROPOSAL_CATEGORY, line.category)
    entry = categories.get(canonical or line.category)
    if entry is not None:
        proposal.category_id = entry.id
        return
    proposal.category_text = line.category
    warnings.append(line.row.error("category", f"类别“{line.category}”不在基础名录中，按文字保存"))
