"""The register as a spreadsheet (`proposals export`): the history import's columns, so
an exported file imports again elsewhere, plus the state and the not-public flag.

This is the office's own list, not a publication: proposals marked not public are
included and flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.common.storage import Database
from app.office.office import require_local_office
from app.proposals.intake.import_rows import HISTORY_COLUMNS
from app.proposals.outputs.xlsx_out import SheetTable, write_tables
from app.proposals.queries import load_proposals
from app.proposals.views import proposal_row, proposer_text

EXTRA_HEADERS = ("状态", "重点提案", "是否公开")


@dataclass(frozen=True)
class RegisterExport:
    path: Path
    proposals: int


def export_register(database: Database, path: Path, year: int | None = None) -> RegisterExport:
    rows = []
    with database.read() as session:
        office = require_local_office(session)
        for proposal in sorted(
            load_proposals(session, year),
            key=lambda p: (p.year, p.serial if p.serial is not None else 10**9, p.number),
        ):
            row = proposal_row(proposal)
            collective = proposer_text(proposal) != (
                proposal.signers[0].name if proposal.signers else ""
            )
            co_signers = [s.name for s in proposal.signers][0 if collective else 1 :]
            rows.append(
                (
                    proposal.year,
                    proposal.number,
                    proposal.title,
                    row.proposer,
                    "、".join(co_signers),
                    row.category,
                    f"{proposal.submitted_on:%Y-%m-%d}" if proposal.submitted_on else "",
                    proposal.body,
                    "、".join(u.split("（")[0] for u in row.units),
                    row.result,
                    row.stage,
                    "是" if proposal.is_key else "",
                    "不公开" if proposal.not_public else "公开",
                )
            )
        office_name = office.name
    headers = tuple(spec.label for spec in HISTORY_COLUMNS) + EXTRA_HEADERS
    title = f"{office_name}{f'{year}年' if year else '历年'}提案"
    table = SheetTable(
        "提案", title, headers, tuple(rows), (7, 22, 40, 14, 16, 9, 12, 40, 22, 9, 10, 8, 8)
    )
    written = write_tables(path, [table], creator=office_name)
    return RegisterExport(written, len(rows))
