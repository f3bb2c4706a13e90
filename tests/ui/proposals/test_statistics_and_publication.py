"""统计与公开: the charts say the year's figures; the workbook, the publication (not-public
proposals left out) and the 交办通知 are written through the output bar and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from PySide6.QtWidgets import QPushButton

from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.handling.review import accept_proposal, reject_proposal, set_not_public
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import RejectionGround, Satisfaction, SubmitterKind, UnitRole
from tests.proposals.helpers import Office, accepted, form, joint_form
from tests.ui.conftest import settled
from tests.ui.proposals.conftest import click, save_into
from ui.proposals.outputs.charts import chart_texts, nice_scale

EDUCATION, ROADS = "县教育和体育局", "县交通运输局"


def a_year(office: Office) -> dict[str, str]:
    """2025: three accepted (one replied late, one on time and rated), one rejected."""
    db, units = office.database, office.units
    school = accepted(office)
    roads = add_proposal(db, joint_form(office))
    accept_proposal(db, roads, date(2025, 3, 10))
    hidden = accepted(office, "关于调整县城公交线路的建议")
    set_not_public(db, hidden, True)
    rejected = add_proposal(
        db, form(office, "关于解决本人子女就业的建议", submitter_kind=SubmitterKind.INDIVIDUAL)
    )
    reject_proposal(db, rejected, RejectionGround.PERSONAL_REQUEST, on_date=date(2025, 3, 10))
    on = date(2025, 3, 15)
    assign_proposal(db, school, [UnitChoice(units[EDUCATION], UnitRole.LEAD)], on)
    assign_proposal(
        db,
        roads,
        [UnitChoice(units[ROADS], UnitRole.LEAD), UnitChoice(units[EDUCATION], UnitRole.ASSIST)],
        on,
    )
    assign_proposal(db, hidden, [UnitChoice(units[ROADS], UnitRole.LEAD)], on)
    record_reply(db, school, units[EDUCATION], date(2025, 5, 1), "A")
    record_reply(db, roads, units[ROADS], date(2025, 7, 1), "B")  # after 2025-06-15: late
    rate_reply(db, school, units[EDUCATION], Satisfaction.SATISFIED, "", date(2025, 5, 10))
    return {"school": school, "roads": roads, "hidden": hidden}


def show_statistics(page):
    page.tabs.setCurrentWidget(page.statistics)
    return page.statistics


def test_the_charts_say_the_years_figures(qtbot, page, office):
    a_year(office)
    tab = show_statistics(page)
    assert tab.year.currentData() == 2025
    assert tab.summary.text().startswith("2025年共收到提案4件，立案3件")
    kind = chart_texts(tab.charts["kind"])
    assert kind["title"] == "按提出方式"
    assert dict(zip(kind["categories"], kind["sets"]["提案件数"], strict=True)) == {
        "个人": 3,  # 委员个人 and 委员联名 in the chart's narrow columns
        "联名": 1,
    }
    assert kind["labels_visible"] and kind["legend"]
    result = chart_texts(tab.charts["result"])
    assert result["categories"] == ["A类", "B类"]
    assert result["sets"] == {"答复件次": [1, 1]}
    rates = chart_texts(tab.charts["rates"])
    assert rates["categories"] == ["立案率", "按时答复率", "满意率"]
    [values] = rates["sets"].values()
    assert values == [75.0, 50.0, 100.0]  # 3 of 4 reviewed, 1 of 2 replies on time, 1 of 1
    units = chart_texts(tab.charts["unit"])
    # Rows run upwards: the busiest unit is drawn on top, last in the axis.
    assert units["categories"][-1] in (EDUCATION, ROADS)
    counts = {
        unit: (lead, assist)
        for unit, lead, assist in zip(
            units["categories"],
            units["sets"]["主办（会办、分办）"],
            units["sets"]["协办"],
            strict=True,
        )
    }
    assert counts == {EDUCATION: (1, 1), ROADS: (2, 0)}
    assert set(tab.charts) == {
        "kind",
        "category",
        "result",
        "review",
        "rates",
        "satisfaction",
        "unit",
    }


def test_the_value_axis_ends_on_a_round_number_above_the_bars():
    assert nice_scale([88]) == (120.0, 7)
    assert nice_scale([9]) == (12.0, 7)
    assert nice_scale([0]) == (1.0, 2)
    top, _ticks = nice_scale([43])
    assert top >= 43 * 1.25


def test_statistics_workbook_and_publication(qtbot, page, office, tmp_path: Path):
    a_year(office)
    tab = show_statistics(page)
    asked: list[str] = []
    save_into(page, tmp_path, asked)

    click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: tab.output.path is not None)
    book = load_workbook(tab.output.path)
    overview = {r[0].value: r[1].value for r in book["总体情况"].iter_rows(min_row=3) if r[0].value}
    assert overview["收到提案"] == 4 and overview["立案率"] == "75%"

    click(qtbot, tab.catalogue_button)
    qtbot.waitUntil(lambda: tab.output.path is not None and tab.output.path.suffix == ".docx")
    assert tab.output.text().endswith("（1件不公开的提案未列入）")
    catalogue = Document(str(tab.output.path))
    titles = [row.cells[2].text for row in catalogue.tables[0].rows[1:]]
    assert "关于调整县城公交线路的建议" not in titles
    assert titles == ["关于加强农村学校校舍安全的建议", "关于改善农村公路养护的建议"]
    assert asked == ["2025年提案统计.xlsx", "2025年立案提案目录.docx"]


def test_the_assignment_notice_to_a_chosen_unit(qtbot, page, office, tmp_path: Path, modal):
    a_year(office)
    tab = show_statistics(page)
    save_into(page, tmp_path)

    def choose_roads(box) -> None:
        box.setTextValue(ROADS)
        box.accept()

    modal.then(choose_roads)
    click(qtbot, tab.notice_button)
    qtbot.waitUntil(lambda: tab.output.path is not None)
    assert tab.output.path.name == f"交办通知（{ROADS}，2025年）.docx"
    document = Document(str(tab.output.path))
    assert any(p.text == f"{ROADS}：" for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    assert [row[2] for row in rows] == ["关于改善农村公路养护的建议", "关于调整县城公交线路的建议"]


def test_an_empty_year_says_so_and_offers_no_outputs(page):
    tab = show_statistics(page)
    assert tab.stack.currentWidget() is tab.empty
    assert "尚无提案，没有可统计和公开的内容" in tab.empty.text()
    assert not tab.export_button.isEnabled() and not tab.catalogue_button.isEnabled()


def test_a_rate_of_nothing_yet_is_not_shown_as_zero(page, office):
    accepted(office)
    tab = show_statistics(page)
    assert tab.stack.currentWidget() is tab.scroll
    rates = chart_texts(tab.charts["rates"])
    assert rates["categories"] == ["立案率", "按时答复率（暂无）", "满意率（暂无）"]


def test_every_output_button_reads_whole_in_the_window_a_small_screen_opens(
    qtbot, office_look, page, office
):
    """The main window opens 1200 wide on a large screen (more on a small one), which
    leaves the page 1030 pixels: the page needs no more, or the row above the charts
    squeezes its buttons' text (“公开表格（Excel）…” was cut to “:开表格（Excel）·”)."""
    a_year(office)
    page.tabs.setCurrentWidget(page.statistics)
    page.statistics.load()
    settled(qtbot, page)
    assert page.minimumSizeHint().width() <= 1030
    page.resize(1030, 640)
    settled(qtbot, page)
    buttons = [b for b in page.statistics.findChildren(QPushButton) if b.isVisible()]
    assert "公开表格（Excel）…" in [b.text() for b in buttons]
    squeezed = [b.text() for b in buttons if b.width() < b.sizeHint().width()]
    assert squeezed == []
