"""Publication (阳光提案): for a session's year, the accepted list (立案目录), each
proposal's handling units (承办单位), and the handling results (办理结果), as Word in
official layout and as Excel. A proposal marked not public (不公开) is left out of
every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.shared import Length, Pt

from app.common.documents.official import (
    SIZE_SMALL_4,
    OfficialDocument,
    chinese_date,
    text_width,
)
from app.common.storage import Database
from app.office.office import require_local_office
from app.proposals.labels import ROLE_LABELS, SATISFACTION_LABELS, ProposalState, UnitRole
from app.proposals.outputs.xlsx_out import SheetTable, write_tables
from app.proposals.queries import load_proposals
from app.proposals.views import current_units, proposer_text
from db.proposal_models import Proposal


@dataclass(frozen=True)
class CatalogueRow:
    number: str
    title: str
    proposer: str  # 提案人（联名人）
    category: str


@dataclass(frozen=True)
class UnitsRow:
    number: str
    title: str
    proposer: str
    lead: str  # 主办 (or 会办 / 分办 units)
    others: str  # 协办 units


@dataclass(frozen=True)
class ResultRow:
    number: str
    title: str
    unit: str
    role: str
    replied_on: date | None
    result: str  # A（已解决或采纳）
    satisfaction: str


@dataclass(frozen=True)
class Publication:
    office_name: str
    year: int
    catalogue: tuple[CatalogueRow, ...]
    units: tuple[UnitsRow, ...]
    results: tuple[ResultRow, ...]
    left_out: int  # accepted proposals not published (不公开)


def publication(database: Database, year: int) -> Publication:
    with database.read() as session:
        office = require_local_office(session)
        accepted = [p for p in load_proposals(session, year) if p.state is ProposalState.ACCEPTED]
        public = sorted((p for p in accepted if not p.not_public), key=_order)
        return Publication(
            office_name=office.name,
            year=year,
            catalogue=tuple(_catalogue_row(p) for p in public),
            units=tuple(_units_row(p) for p in public if current_units(p)),
            results=tuple(row for p in public for row in _result_rows(p)),
            left_out=len(accepted) - len(public),
        )


def _order(proposal: Proposal) -> tuple[int, str]:
    return (proposal.serial if proposal.serial is not None else 10**9, proposal.number)


def _signers(proposal: Proposal) -> str:
    names = [proposer_text(proposal)] + [
        s.name for s in proposal.signers if s.name != proposer_text(proposal)
    ]
    return "、".join(names)


def _catalogue_row(proposal: Proposal) -> CatalogueRow:
    category = proposal.category.name if proposal.category is not None else proposal.category_text
    return CatalogueRow(proposal.number, proposal.title, _signers(proposal), category)


def _units_row(proposal: Proposal) -> UnitsRow:
    units = current_units(proposal)
    main = [a for a in units if a.role is not UnitRole.ASSIST]
    assist = [a for a in units if a.role is UnitRole.ASSIST]

    def names(items) -> str:
        return "、".join(
            a.unit.name
            + (f"（{ROLE_LABELS[a.role]}）" if a.role in (UnitRole.JOINT, UnitRole.SPLIT) else "")
            for a in items
        )

    return UnitsRow(proposal.number, proposal.title, _signers(proposal), names(main), names(assist))


def _result_rows(proposal: Proposal) -> list[ResultRow]:
    rows = []
    for a in current_units(proposal):
        if a.replied_on is None:
            continue
        result = ""
        if a.result_class is not None:
            result = a.result_class.name + (
                f"（{a.result_class.description}）" if a.result_class.description else ""
            )
        rows.append(
            ResultRow(
                proposal.number,
                proposal.title,
                a.unit.name,
                ROLE_LABELS[a.role],
                a.replied_on,
                result,
                SATISFACTION_LABELS[a.satisfaction] if a.satisfaction else "",
            )
        )
    return rows


# --- Word -----------------------------------------------------------------------------

# Substituted fonts (WPS, LibreOffice) set digits a little wider than half a character.
_WIDTH_FACTOR = 1.2
_CELL_MARGINS_MM = 4
SIZE_5 = Pt(10.5)  # 五号: tables with many columns


def fitting_mm(texts, size: Length = SIZE_SMALL_4) -> float:
    """A column wide enough for the longest text on one line (numbers, dates, names)."""
    widest = max((text_width(t) for t in texts), default=2)
    return widest * size.mm * _WIDTH_FACTOR + _CELL_MARGINS_MM


def widths(total_fixed: list[float], flexible_share: list[float]) -> tuple[float, ...]:
    """Fixed columns as given; the rest of the 156 mm split by the shares (0 = fixed)."""
    rest = max(40.0, 156 - sum(total_fixed))
    share = sum(flexible_share) or 1
    return tuple(
        fixed if fixed else rest * part / share
        for fixed, part in zip(total_fixed, flexible_share, strict=True)
    )


def _document(title: str, office_name: str) -> OfficialDocument:
    document = OfficialDocument(title=title, author=office_name)
    document.title(title)
    return document


def write_catalogue_docx(pub: Publication, path: Path, issued_on: date | None = None) -> Path:
    title = f"{pub.office_name}{pub.year}年立案提案目录"
    document = _document(title, pub.office_name)
    document.paragraph(f"共立案提案{len(pub.catalogue)}件（按提案号排列）。")
    document.table(
        [(str(i), r.number, r.title, r.proposer) for i, r in enumerate(pub.catalogue, 1)],
        widths_mm=widths(
            [
                fitting_mm(["序号"]),
                fitting_mm(["提案号", *(r.number for r in pub.catalogue)]),
                0,
                0,
            ],
            [0, 0, 2, 1],
        ),
        header=("序号", "提案号", "案由", "提案人"),
        size=SIZE_SMALL_4,
        centred_columns=(0,),
        cant_split=True,  # a 案由 of several lines never parts from its number
    )
    document.signature(f"{pub.office_name}提案委员会", issued_on or date.today())
    return document.save(path)


def write_units_docx(pub: Publication, path: Path, issued_on: date | None = None) -> Path:
    title = f"{pub.office_name}{pub.year}年提案承办单位一览表"
    document = _document(title, pub.office_name)
    document.paragraph(f"共交办提案{len(pub.units)}件。")
    document.table(
        [(r.number, r.title, r.lead, r.others) for r in pub.units],
        widths_mm=widths(
            [fitting_mm(["提案号", *(r.number for r in pub.units)]), 0, 0, 0], [0, 3, 2, 1.5]
        ),
        header=("提案号", "案由", "主办单位", "协办单位"),
        size=SIZE_SMALL_4,
        cant_split=True,
    )
    document.signature(f"{pub.office_name}提案委员会", issued_on or date.today())
    return document.save(path)


def write_results_docx(pub: Publication, path: Path, issued_on: date | None = None) -> Path:
    title = f"{pub.office_name}{pub.year}年提案办理结果"
    document = _document(title, pub.office_name)
    document.paragraph(
        f"截至{chinese_date(issued_on or date.today())}，已答复{len(pub.results)}件次。"
        "办理结果分类：A类为已解决或采纳，B类为正在解决或列入计划，C类为留作参考。"
    )
    document.table(
        [
            (r.number, r.title, f"{r.unit}（{r.role}）", _short(r.replied_on), r.result[:1])
            for r in pub.results
        ],
        widths_mm=widths(
            [
                fitting_mm(["提案号", *(r.number for r in pub.results)], SIZE_5),
                0,
                0,
                fitting_mm(["2025.12.31"], SIZE_5),
                fitting_mm(["类别"], SIZE_5),
            ],
            [0, 3, 2, 0, 0],
        ),
        header=("提案号", "案由", "承办单位", "答复日期", "类别"),
        size=SIZE_5,
        centred_columns=(3, 4),
        cant_split=True,
    )
    document.signature(f"{pub.office_name}提案委员会", issued_on or date.today())
    return document.save(path)


def _short(day: date | None) -> str:
    """2025.5.6: dates in table cells."""
    return f"{day.year}.{day.month}.{day.day}" if day else ""


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


# --- Excel -----------------------------------------------------------------------------


def write_publication_xlsx(pub: Publication, path: Path) -> Path:
    """One workbook, three sheets: 立案目录, 承办单位, 办理结果."""
    return write_tables(
        path,
        [
            SheetTable(
                "立案目录",
                f"{pub.office_name}{pub.year}年立案提案目录",
                ("序号", "提案号", "案由", "提案人", "类别"),
                tuple(
                    (i, r.number, r.title, r.proposer, r.category)
                    for i, r in enumerate(pub.catalogue, 1)
                ),
                (6, 24, 50, 24, 10),
            ),
            SheetTable(
                "承办单位",
                f"{pub.office_name}{pub.year}年提案承办单位一览表",
                ("提案号", "案由", "提案人", "主办单位", "协办单位"),
                tuple((r.number, r.title, r.proposer, r.lead, r.others) for r in pub.units),
                (24, 50, 20, 24, 24),
            ),
            SheetTable(
                "办理结果",
                f"{pub.office_name}{pub.year}年提案办理结果",
                ("提案号", "案由", "承办单位", "办理方式", "答复日期", "办理结果", "提案人评价"),
                tuple(
                    (
                        r.number,
                        r.title,
                        r.unit,
                        r.role,
                        _day(r.replied_on),
                        r.result,
                        r.satisfaction,
                    )
                    for r in pub.results
                ),
                (24, 44, 22, 10, 12, 22, 12),
            ),
        ],
        creator=pub.office_name,
    )
