"""What a history file's good rows mean against the database, computed without writing.

Each row is already there (same year, number and 案由), a mistake (the year and number
of another proposal), or a new proposal: its kind of proposer, its signers matched to
members (or kept as text, with a warning), its category, term and plenary session. The
database is read once per table, not once per row, so the dry run needs no write lock
and the import (which plans again under the lock) only writes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.sheets.reader import RowError
from app.common.text import name_of_cell
from app.office.dictionaries import load_lookup
from app.office.dictionary_names import NameLookup
from app.office.office import require_local_office
from app.proposals.intake.import_rows import HistoryLine
from app.proposals.intake.numbering import sessions_by_year
from app.proposals.labels import ProposalState, SubmitterKind
from db.member_models import Member
from db.models import DictionaryEntry, DictionaryKind, Term
from db.proposal_models import Proposal

# Collective proposers, told apart by how their names end or what they contain.
_PARTY_WORDS = (
    "民革", "民盟", "民建", "民进", "农工", "致公", "九三", "台盟", "工商联",
    "共青团", "团县委", "妇联", "总工会", "工会", "科协", "侨联", "台联", "党派", "党组",
)  # fmt: skip
_REJECTED = re.compile(r"不予立案|不立案|未立案")


@dataclass(frozen=True)
class PlannedSigner:
    position: int  # 0 the first proposer; a collective proposer's co-signers from 1
    name: str
    member_id: int | None  # None: kept as text


@dataclass(frozen=True)
class PlannedProposal:
    """One new proposal, every value it will be stored with."""

    line: HistoryLine
    kind: SubmitterKind
    collective: str  # the party, sector or committee; "" for members
    state: ProposalState
    term_id: int | None
    session_id: int | None
    category_id: int | None
    category_text: str  # a category not in the list, kept as written
    signers: tuple[PlannedSigner, ...]


@dataclass(frozen=True)
class HistoryPlan:
    office_uuid: str
    new: tuple[PlannedProposal, ...]
    unchanged: int  # already in the database
    warnings: tuple[RowError, ...]  # names kept as text, unknown categories
    errors: tuple[RowError, ...]  # a year and number the office gave another proposal


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


@dataclass(frozen=True)
class _Database:
    """What the plan needs of the database, each table read once."""

    office_uuid: str
    stored: dict[tuple[int, str], str]  # (year, number) → 案由 of the office's proposals
    members: dict[str, list[int]]  # a member's name → the ids of members so named
    categories: dict[str, int]  # category → its entry's id
    sectors: set[str]
    lookup: NameLookup
    committees: _Known
    terms: list[tuple[int, int, int]]  # (id, first year, last year)
    sessions: dict[int, int]  # year → the id of its plenary session
    # What a name or category was found to be, asked once: a file names the same
    # members, parties and categories on thousands of rows.
    kinds: dict[tuple[str, bool], tuple[SubmitterKind, str]] = field(default_factory=dict)
    found_categories: dict[str, int | None] = field(default_factory=dict)

    def kind(self, line: HistoryLine) -> tuple[SubmitterKind, str]:
        key = (line.names[0], len(line.names) > 1)
        if key not in self.kinds:
            self.kinds[key] = _kind(*key, self)
        return self.kinds[key]

    def category(self, text: str) -> int | None:
        if text not in self.found_categories:
            canonical = self.lookup.find(DictionaryKind.PROPOSAL_CATEGORY, text)
            self.found_categories[text] = self.categories.get(canonical or text)
        return self.found_categories[text]


def plan_history(session: Session, lines: Sequence[HistoryLine]) -> HistoryPlan:
    """Every line against the database as `session` sees it; nothing is written."""
    known = _read(session)
    new: list[PlannedProposal] = []
    warnings: list[RowError] = []
    errors: list[RowError] = []
    unchanged = 0
    for line in lines:
        title = known.stored.get(line.key)
        if title is None:
            new.append(_planned(line, known, warnings))
        elif _same_title(title, line.title):
            unchanged += 1
        else:
            errors.append(_taken(line, title))
    return HistoryPlan(known.office_uuid, tuple(new), unchanged, tuple(warnings), tuple(errors))


def _read(session: Session) -> _Database:
    office = require_local_office(session)
    owner = office.uuid
    stored = {
        (year, number): title
        for year, number, title in session.execute(
            select(Proposal.year, Proposal.number, Proposal.title).where(
                Proposal.owner_uuid == owner, Proposal.deleted_at.is_(None)
            )
        )
    }
    members: dict[str, list[int]] = defaultdict(list)
    for member_id, name in session.execute(
        select(Member.id, Member.name)
        .where(Member.owner_uuid == owner, Member.deleted_at.is_(None))
        .order_by(Member.id)
    ):
        members[name_of_cell(name)].append(member_id)  # also one stored as 黄杰娟（女）
    lookup = load_lookup(session)  # 经济类 for 经济, 提案委 for 提案委员会 …
    # The handover year (2026 in 第十届 2021-2026 and 第十一届 2026-2031) is the newer
    # term's, whose session sessions_by_year gives that year; a deleted term is no term.
    terms = session.execute(
        select(Term.id, Term.first_year, Term.last_year)
        .where(Term.owner_uuid == owner, Term.deleted_at.is_(None))
        .order_by(Term.number.desc())
    )
    return _Database(
        office_uuid=owner,
        stored=stored,
        members=dict(members),
        categories=_entries(session, owner, DictionaryKind.PROPOSAL_CATEGORY),
        # Sectors by their own names; _kind looks for parties and organisations first.
        sectors=set(_entries(session, owner, DictionaryKind.SECTOR)),
        lookup=lookup,
        committees=_Known(lookup, DictionaryKind.COMMITTEE),
        terms=[(t.id, t.first_year, t.last_year) for t in terms],
        sessions={year: s.id for year, s in sessions_by_year(session, owner).items()},
    )


def _entries(session: Session, owner_uuid: str, kind: DictionaryKind) -> dict[str, int]:
    return {
        name: entry_id
        for entry_id, name in session.execute(
            select(DictionaryEntry.id, DictionaryEntry.name).where(
                DictionaryEntry.owner_uuid == owner_uuid,
                DictionaryEntry.kind == kind,
                DictionaryEntry.deleted_at.is_(None),
            )
        )
    }


def _taken(line: HistoryLine, title: str) -> RowError:
    """A row whose year and number the office already gave another proposal (another
    案由) would be passed over as "already there" and lost: it is a mistake to correct."""
    shown = title if len(title) <= 30 else title[:30] + "…"
    return line.row.error(
        "number",
        f"{line.year}年的提案号“{line.number}”已是另一件提案（案由“{shown}”）："
        "如是另一件，请改正提案号；如是同一件，请把案由改成与已有的一致",
    )


def _same_title(stored: str, typed: str) -> bool:
    """One 案由 however spaced and punctuated (a 。 added, 《》 for “”, a title corrected
    on screen in its punctuation only): only another wording is another proposal."""
    return _title_words(stored) == _title_words(typed)


def _title_words(title: str) -> str:
    return "".join(c for c in title if not c.isspace() and unicodedata.category(c)[0] not in "PS")


def _planned(line: HistoryLine, known: _Database, warnings: list[RowError]) -> PlannedProposal:
    """The warnings in the order the row's cells come: category, names, the collective."""
    kind, collective = known.kind(line)
    category_id, category_text = _category(line, known, warnings)
    names = line.names[1:] if collective else line.names
    signers = tuple(
        PlannedSigner(position, name, _member(line, position, name, known.members, warnings))
        for position, name in enumerate(names, start=1 if collective else 0)
    )
    if collective:
        warnings.append(
            line.row.error("proposer", f"“{collective}”不是委员，按党派团体、界别或专委会保存")
        )
    return PlannedProposal(
        line=line,
        kind=kind,
        collective=collective,
        state=ProposalState.REJECTED if _REJECTED.search(line.result) else ProposalState.ACCEPTED,
        term_id=next((t for t, first, last in known.terms if first <= line.year <= last), None),
        session_id=known.sessions.get(line.year),
        category_id=category_id,
        category_text=category_text,
        signers=signers,
    )


def _kind(first: str, several: bool, known: _Database) -> tuple[SubmitterKind, str]:
    """(kind, the collective name or "") of a proposal whose first proposer is `first`,
    with co-signers if `several`."""
    if (
        first in known.committees
        or first.endswith("专委会")
        or (first.endswith("委员会") and "政协" in first)
    ):
        return SubmitterKind.COMMITTEE, first
    if first.endswith(("界", "界别")):
        return SubmitterKind.SECTOR, first
    if first.endswith(("小组", "联络组", "活动组")):
        return SubmitterKind.MEMBER_GROUP, first
    # A party or organisation, by its short or full name, before the sector list: 民盟 and
    # 中国民主同盟 (one body, both in the list of sectors) propose as a party; a sector
    # proposes as 民盟界 or 民盟界别. 无党派人士 is a sector, not a party.
    full = known.lookup.find(DictionaryKind.SECTOR, first, beginnings=False) or first
    if not first.startswith("无党派") and (
        any(word in full for word in _PARTY_WORDS) or first.endswith(("支部", "委员会", "总支"))
    ):
        return SubmitterKind.PARTY_GROUP, first
    if first in known.sectors:
        return SubmitterKind.SECTOR, first
    return (SubmitterKind.JOINT if several else SubmitterKind.INDIVIDUAL), ""


def _member(
    line: HistoryLine,
    position: int,
    name: str,
    members: dict[str, list[int]],
    warnings: list[RowError],
) -> int | None:
    found = members.get(name, [])
    if len(found) == 1:
        return found[0]
    column = "proposer" if position == 0 else "co_signers"  # a co-signer may share the name
    if not found:
        warnings.append(line.row.error(column, f"“{name}”不在委员名册中，按文字保存"))
    else:
        warnings.append(
            line.row.error(column, f"有 {len(found)} 位委员名叫“{name}”，无法区分，按文字保存")
        )
    return None


def _category(
    line: HistoryLine, known: _Database, warnings: list[RowError]
) -> tuple[int | None, str]:
    """(the category's entry id, or None and the category kept as text)."""
    if not line.category:
        return None, ""
    entry_id = known.category(line.category)
    if entry_id is not None:
        return entry_id, ""
    warnings.append(line.row.error("category", f"类别“{line.category}”不在基础名录中，按文字保存"))
    return None, line.category
