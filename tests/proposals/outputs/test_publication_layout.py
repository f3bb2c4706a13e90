"""How the public lists (立案目录, 承办单位, 办理结果) print: a proposal's row never
split across two pages, and the 提案号 heading on one line even in a year with none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.proposals.outputs.publication import (
    SIZE_5 as RESULTS_SIZE,
)
from app.proposals.outputs.publication import (
    CatalogueRow,
    Publication,
    ResultRow,
    UnitsRow,
    write_catalogue_docx,
    write_results_docx,
    write_units_docx,
)

LONG_TITLE = ("关于" + "进一步加强和改进新时代农村牧区人居环境整治" * 9)[:197] + "的建议"
NUMBER = "十届五次会议第{:04d}号"


def _publication(count: int) -> Publication:
    numbers = [NUMBER.format(i) for i in range(1, count + 1)]
    return Publication(
        office_name="示范县政协",
        year=2025,
        catalogue=tuple(
            CatalogueRow(n, LONG_TITLE, "阿不都热合曼·买买提", "社会") for n in numbers
        ),
        units=tuple(UnitsRow(n, LONG_TITLE, "王🌸芳", "县教育和体育局", "") for n in numbers),
        results=tuple(
            ResultRow(n, LONG_TITLE, "县教育和体育局", "主办", date(2025, 5, 6), "A（已解决）", "")
            for n in numbers
        ),
        left_out=0,
    )


WRITERS = {
    "立案目录": write_catalogue_docx,
    "承办单位": write_units_docx,
    "办理结果": write_results_docx,
}


@pytest.mark.parametrize("name", WRITERS)
def test_a_long_title_never_splits_its_row_across_pages(name: str, tmp_path: Path) -> None:
    path = WRITERS[name](_publication(12), tmp_path / f"{name}.docx", date(2025, 6, 1))
    (table,) = Document(str(path)).tables
    assert len(table.rows) == 13
    for row in table.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert LONG_TITLE in {c.text for c in table.rows[1].cells}  # nothing cut off


@pytest.mark.parametrize("name", WRITERS)
def test_the_number_heading_fits_its_column_in_a_year_without_proposals(
    name: str, tmp_path: Path
) -> None:
    path = WRITERS[name](_publication(0), tmp_path / f"{name}.docx", date(2025, 6, 1))
    (table,) = Document(str(path)).tables
    header = [c.text for c in table.rows[0].cells]
    column = header.index("提案号")
    grid = list(table._tbl.tblGrid.iter(qn("w:gridCol")))
    width_mm = int(grid[column].get(qn("w:w"))) * 25.4 / 1440
    size_pt = RESULTS_SIZE.pt if name == "办理结果" else 12
    # three characters and Word's cell margins (1.9 mm each side)
    assert width_mm >= 3 * size_pt * 25.4 / 72 + 3.8
