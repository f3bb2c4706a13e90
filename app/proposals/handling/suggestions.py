"""Suggested handling units (初拟承办单位): the top few, each with its reason.

Two sources, as seed 002 (Hunan) describes: the units' functions (职能, the
description in the 承办单位 list) found in the proposal's text, and the units
that handled similar earlier proposals (imported history included).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.common.storage import Database
from app.proposals.duplicates.similar import SimilarProposal, similar_proposals
from app.proposals.duplicates.similarity import normalize
from app.proposals.handling.assignment import HandlingUnit, handling_units
from app.proposals.store import get_proposal
from db.proposal_models import Proposal, UnitAssignment

SIMILAR_CONSIDERED = 10
SIMILAR_FLOOR = 0.2  # earlier proposals less alike than this say nothing about the unit
PHRASE_SHARE = 0.6  # share of a function phrase's character pairs the text must have
_PHRASES = re.compile(r"[、，,;；。\s]+")
_UNIT_SEPARATORS = re.compile(r"[、，,;；/\s]+")


@dataclass(frozen=True)
class UnitSuggestion:
    unit_uuid: str
    unit_name: str
    score: float
    reasons: tuple[str, ...]  # 职能含“校舍安全”；相似提案2023-008（相似度0.62）由该单位办理

    @property
    def reason_text(self) -> str:
        return "；".join(self.reasons)


def suggest_units(
    database: Database, title: str, body: str = "", exclude: str | None = None, limit: int = 3
) -> list[UnitSuggestion]:
    """The best `limit` units for a proposal's text, best first."""
    units = handling_units(database)
    if not units or not title.strip():
        return []
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    _by_functions(units, title, body, scores, reasons)
    similar = similar_proposals(database, title, body, exclude=exclude, limit=SIMILAR_CONSIDERED)
    _by_history(database, units, similar, scores, reasons)
    best = sorted(scores, key=lambda uuid: -scores[uuid])[:limit]
    names = {u.uuid: u.name for u in units}
    return [
        UnitSuggestion(uuid, names[uuid], round(scores[uuid], 3), tuple(reasons[uuid]))
        for uuid in best
        if scores[uuid] > 0
    ]


def suggest_units_for(database: Database, uuid: str, limit: int = 3) -> list[UnitSuggestion]:
    with database.read() as session:
        proposal = get_proposal(session, uuid)
        title, body = proposal.title, proposal.body
    return suggest_units(database, title, body, exclude=uuid, limit=limit)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2]}


def _by_functions(units: list[HandlingUnit], title: str, body: str, scores, reasons) -> None:
    text_title, text_body = normalize(title), normalize(body)
    pairs_title, pairs_body = _pairs(text_title), _pairs(text_body)
    for unit in units:
        found = []
        for phrase in _PHRASES.split(unit.functions):
            wanted = _pairs(normalize(phrase))
            if not wanted:
                continue
            in_title = len(wanted & pairs_title) / len(wanted)
            in_body = len(wanted & pairs_body) / len(wanted)
            share = max(in_title * 1.0, in_body * 0.5)
            if max(in_title, in_body) >= PHRASE_SHARE:
                scores[unit.uuid] += share
                found.append(phrase)
        if found:
            reasons[unit.uuid].append("职能含" + "、".join(f"“{p}”" for p in found[:3]))


def _by_history(
    database: Database,
    units: list[HandlingUnit],
    similar: list[SimilarProposal],
    scores,
    reasons,
) -> None:
    alike = [s for s in similar if s.score >= SIMILAR_FLOOR]
    if not alike:
        return
    by_name = {u.name: u.uuid for u in units}
    handled = _units_of(database, [s.uuid for s in alike], by_name)
    for earlier in alike:
        for unit_uuid in handled.get(earlier.uuid, ()):
            scores[unit_uuid] += earlier.score
            if len(reasons[unit_uuid]) < 3:
                reasons[unit_uuid].append(
                    f"相似提案{earlier.number}（{earlier.year}年，相似度{earlier.score:.2f}）"
                    "由该单位办理"
                )


def _units_of(database: Database, uuids: list[str], by_name: dict[str, str]) -> dict[str, set[str]]:
    """proposal uuid -> uuids of the units that handled it (assigned, or named in history)."""
    handled: dict[str, set[str]] = defaultdict(set)
    with database.read() as session:
        for proposal in session.scalars(
            select(Proposal)
            .where(Proposal.uuid.in_(uuids))
            .options(selectinload(Proposal.assignments).selectinload(UnitAssignment.unit))
        ):
            for assignment in proposal.assignments:
                if assignment.deleted_at is None and assignment.returned_on is None:
                    handled[proposal.uuid].add(assignment.unit.uuid)
            for name in _UNIT_SEPARATORS.split(proposal.imported_units):
                if name in by_name:
                    handled[proposal.uuid].add(by_name[name])
    return handled
