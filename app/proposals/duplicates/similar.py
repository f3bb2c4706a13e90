"""The duplicate check (查重) over the register: similar proposals of every year.

The engine is app.proposals.duplicates.similarity (SimilarityIndex). The index is built
once per database and kept: each call asks the database only what changed
since (one query on updated_at), adds new proposals, and drops edited or
deleted ones by excluding their old entries; it is rebuilt from scratch only
when many entries have gone stale. Imported history is included like any
other proposal.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, selectinload

from app.common.storage import Database
from app.office.office import require_local_office
from app.proposals.duplicates.similarity import SimilarityIndex
from app.proposals.store import get_proposal
from app.proposals.views import proposer_text, result_text, stage_text
from db.proposal_models import Proposal, UnitAssignment

STALE_SHARE = 0.1  # rebuild when this share of the entries is stale …
STALE_FLOOR = 200  # … and at least this many


@dataclass(frozen=True)
class SimilarProposal:
    uuid: str
    year: int
    number: str
    title: str
    proposer: str
    result: str  # handling result: A、B … or the imported 办理结果; "" when none yet
    stage: str  # 已办结 / 办理中 / 不予立案 / 并入… (for the screen)
    score: float  # 0..1
    likely_duplicate: bool


@dataclass
class _Cache:
    owner_uuid: str
    index: SimilarityIndex
    entries: dict[int, tuple[int, str, str]]  # proposal id -> (entry key, title, body)
    stale: set[tuple[int, int]] = field(default_factory=set)
    seen_until: datetime | None = None
    next_key: int = 0


_caches: dict[str, _Cache] = {}
_lock = threading.Lock()


def similar_proposals(
    database: Database,
    title: str,
    body: str = "",
    exclude: str | Iterable[str] | None = None,
    limit: int = 10,
) -> list[SimilarProposal]:
    """Proposals of every year most like the text, best first; `exclude`: uuids to leave out."""
    excluded = {exclude} if isinstance(exclude, str) else set(exclude or ())
    with database.read() as session:
        with _lock:
            cache = _fresh_cache(database, session)
            skip = set(cache.stale)
            if excluded:
                for proposal_id in session.scalars(
                    select(Proposal.id).where(Proposal.uuid.in_(excluded))
                ):
                    entry = cache.entries.get(proposal_id)
                    if entry is not None:
                        skip.add((proposal_id, entry[0]))
            matches = cache.index.similar(title, body, limit=limit, exclude=skip)
        return _described(session, matches)


def similar_to_proposal(database: Database, uuid: str, limit: int = 10) -> list[SimilarProposal]:
    """For review: proposals like this one (itself left out)."""
    with database.read() as session:
        proposal = get_proposal(session, uuid)
        title, body = proposal.title, proposal.body
    return similar_proposals(database, title, body, exclude=uuid, limit=limit)


def prepare_index(database: Database) -> int:
    """Build (or bring up to date) the kept index ahead of the first check; its size.

    The first build reads every proposal (about 0.5 ms each): a screen may run this
    through run_job when it opens, so typing at intake finds the index ready.
    """
    with database.read() as session, _lock:
        return len(_fresh_cache(database, session).entries)


def forget_cached_index(database: Database | None = None) -> None:
    """Drop the kept index (all of them with None): the next call rebuilds it."""
    with _lock:
        if database is None:
            _caches.clear()
        else:
            _caches.pop(str(database.path), None)


# --- the kept index ------------------------------------------------------------------------


def _fresh_cache(database: Database, session: Session) -> _Cache:
    office = require_local_office(session)
    key = str(database.path)
    cache = _caches.get(key)
    if cache is None or cache.owner_uuid != office.uuid or _too_stale(cache):
        cache = _build(session, office.uuid)
        _caches[key] = cache
        return cache
    changed = session.execute(
        select(
            Proposal.id, Proposal.title, Proposal.body, Proposal.deleted_at, Proposal.updated_at
        ).where(
            Proposal.owner_uuid == office.uuid,
            # >=: a row stamped in the same microsecond as the last one seen is read again
            # (a no-op when its text is unchanged).
            Proposal.updated_at >= cache.seen_until if cache.seen_until else true(),
        )
    ).all()
    for proposal_id, title, body, deleted_at, updated_at in changed:
        entry = cache.entries.get(proposal_id)
        if entry is not None and (deleted_at is not None or (entry[1], entry[2]) != (title, body)):
            cache.stale.add((proposal_id, entry[0]))
            del cache.entries[proposal_id]
            entry = None
        if entry is None and deleted_at is None:
            _add(cache, proposal_id, title, body)
        if cache.seen_until is None or updated_at > cache.seen_until:
            cache.seen_until = updated_at
    return cache


def _too_stale(cache: _Cache) -> bool:
    return len(cache.stale) > max(STALE_FLOOR, STALE_SHARE * len(cache.entries))


def _build(session: Session, owner_uuid: str) -> _Cache:
    cache = _Cache(owner_uuid, SimilarityIndex(), {})
    cache.seen_until = session.scalar(
        select(func.max(Proposal.updated_at)).where(Proposal.owner_uuid == owner_uuid)
    )
    rows = session.execute(
        select(Proposal.id, Proposal.title, Proposal.body).where(
            Proposal.owner_uuid == owner_uuid, Proposal.deleted_at.is_(None)
        )
    )
    pause = _Pauses() if threading.current_thread() is not threading.main_thread() else None
    for proposal_id, title, body in rows:
        _add(cache, proposal_id, title, body)
        if pause is not None:
            pause.now_and_then()
    return cache


# Built on a worker while the window works. Python runs one thread at a time, and each Qt
# call of the window's may then wait a whole switch interval (5 ms) for this loop: opening
# 提案 on ten years' register (6,000 proposals) held the window 3.1–3.5 s. A short sleep
# after each half millisecond of building lets the window in (0.3–0.4 s; the index is ready
# 2–3 s later, and the similar panel says 正在准备查重… meanwhile).
WORK_S = 0.0005
PAUSE_S = 0.0005


class _Pauses:
    def __init__(self) -> None:
        self.since = time.perf_counter()

    def now_and_then(self) -> None:
        if time.perf_counter() - self.since >= WORK_S:
            time.sleep(PAUSE_S)
            self.since = time.perf_counter()


def _add(cache: _Cache, proposal_id: int, title: str, body: str) -> None:
    cache.next_key += 1
    cache.index.add((proposal_id, cache.next_key), title, body)
    cache.entries[proposal_id] = (cache.next_key, title, body)


def _described(session: Session, matches) -> list[SimilarProposal]:
    ids = [match.key[0] for match in matches]
    proposals = {
        p.id: p
        for p in session.scalars(
            select(Proposal)
            .where(Proposal.id.in_(ids))
            .options(
                selectinload(Proposal.signers),
                selectinload(Proposal.assignments).selectinload(UnitAssignment.result_class),
                selectinload(Proposal.assignments).selectinload(UnitAssignment.unit),
            )
        )
    }
    found = []
    for match in matches:
        proposal = proposals.get(match.key[0])
        if proposal is None or proposal.deleted_at is not None:
            continue
        found.append(
            SimilarProposal(
                uuid=proposal.uuid,
                year=proposal.year,
                number=proposal.number,
                title=proposal.title,
                proposer=proposer_text(proposal),
                result=result_text(proposal),
                stage=stage_text(proposal),
                score=match.score,
                likely_duplicate=match.likely_duplicate,
            )
        )
    return found
