"""The city's combined view, its workbook, the `--office` listings and the city demo."""

from __future__ import annotations

import errno
import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.text import percent
from app.consultation.plan import topics
from app.exchange.city.city_view import (
    CityView,
    CountyFigures,
    city_view,
    county_data_years,
    opening_year,
)
from app.exchange.city.city_workbook import columns, totals, write_city_workbook
from app.exchange.city.demo_city import load_demo_at_level
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal
from app.proposals.labels import SubmitterKind
from app.proposals.queries import ProposalFilter, list_proposals
from app.records import activities
from app.records.labels import ActivityKind, AttendanceStatus
from db.exchange_models import ExchangePartner
from tests.consultation.conftest import topic_form
from tests.exchange.conftest import Offices, add_members
from ui.entry import main


def county_year(offices: Offices, office, titles: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    members = add_members(office, "张建国", "李秀英")
    for n, title in enumerate(titles, start=1):
        add_proposal(
            office.database,
            ProposalForm(
                title=title,
                submitter_kind=SubmitterKind.INDIVIDUAL,
                signers=(SignerInput("张建国", members[0]),),
                number=f"2025-{n:03d}",
                submitted_on=date(2025, 1, 10),
            ),
        )
    activities.add_activity(
        office.database,
        activities.ActivityForm(
            kind=ActivityKind.PLENARY,
            title="全体会议",
            held_on=date(2025, 1, 9),
            attendance={m: AttendanceStatus.PRESENT for m in members},
        ),
    )
    topics.add_topic(office.database, 2025, topic_form(title="联接议题", linked=True))
    topics.add_topic(office.database, 2025, topic_form(title="自选议题", linked=False))
    offices.send(office, offices.city)


def test_each_county_side_by_side(offices: Offices, tmp_path: Path) -> None:
    county_year(offices, offices.county, ("关于甲的建议", "关于乙的建议"))
    county_year(offices, offices.second, ("关于丙的建议",))
    view = city_view(offices.city.database, 2025)
    assert [c.name for c in view.counties] == ["示范县政协", "邻旗政协"]
    first, second = view.counties
    assert (first.proposals, second.proposals) == (2, 1)
    assert (first.topics_linked, first.topics_own) == (1, 1)
    assert (first.checked, first.all_met) == (2, 0)  # the rest of the five ones is missing
    assert first.latest_file is not None and not first.is_behind(datetime.now(UTC))
    assert first.is_behind(datetime.now(UTC) + timedelta(days=40))

    written = write_city_workbook(view, tmp_path / "汇总.xlsx")
    sheet = load_workbook(written).active
    assert sheet is not None
    assert sheet.cell(1, 1).value == "示范市政协2025年度各县（市、区）履职情况汇总"
    headers = [c.value for c in sheet[3]]
    rows = {sheet.cell(r, 1).value: [c.value for c in sheet[r]] for r in (4, 5, 6)}
    assert rows["示范县政协"][headers.index("提案件数")] == 2
    assert rows["全市合计"][headers.index("提案件数")] == 3
    assert rows["全市合计"][headers.index("联接议题")] == 2


def test_the_city_view_reads_while_another_window_imports(offices: Offices) -> None:
    """Reading takes no write lock: 全市汇总 opens while another window holds it (importing)."""
    county_year(offices, offices.county, ("关于甲的建议",))
    other = sqlite3.connect(offices.city.database.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        view = city_view(offices.city.database, 2025)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [(c.name, c.proposals, c.checked) for c in view.counties] == [
        ("示范县政协", 1, 2),
        ("邻旗政协", 0, 0),
    ]


def test_a_county_has_no_city_view(offices: Offices) -> None:
    with pytest.raises(KnownError, match="只在市政协使用"):
        city_view(offices.county.database, 2025)


def test_the_listings_take_office_at_the_city(
    offices: Offices, capsys: pytest.CaptureFixture[str], tmp_path: Path, clean_logging: None
) -> None:
    county_year(offices, offices.county, ("关于甲的建议", "关于乙的建议"))
    assert list_proposals(offices.city.database, ProposalFilter(year=2025)) == []  # its own
    rows = list_proposals(offices.city.database, ProposalFilter(year=2025, office_code="150523"))
    assert [r.title for r in rows] == ["关于甲的建议", "关于乙的建议"]

    city_dir = str(offices.city.location.data_dir)
    offices.city.database.close()
    try:
        assert (
            main(["--data-dir", city_dir, "proposals", "list", "--office", "150523", "--json"]) == 0
        )
        listed = json.loads(capsys.readouterr().out)
        assert [p["number"] for p in listed] == ["2025-001", "2025-002"]
        code = main(
            ["--data-dir", city_dir, "five-ones", "--year", "2025", "--office", "150523", "--json"]
        )
        judged = json.loads(capsys.readouterr().out)
        assert code == 0 and sorted(m["member"] for m in judged) == ["张建国", "李秀英"]
        target = tmp_path / "名单.xlsx"
        assert (
            main(["--data-dir", city_dir, "members", "export", "--office", "150523", str(target)])
            == 0
        )
        sheet = load_workbook(target).active
        names = [value for row in sheet.iter_rows(values_only=True) for value in row]  # type: ignore[union-attr]
        assert "张建国" in names and "李秀英" in names
        # The county's roster: for checking at the city, not for importing there.
        assert sheet["A2"].value.startswith(  # type: ignore[index]
            "个人信息，请妥善保管：本表是示范县政协报送的委员名单"
        )
        assert "仅供本单位重新导入" not in sheet["A2"].value  # type: ignore[index]
        assert main(["--data-dir", city_dir, "proposals", "list", "--office", "999999"]) == 1
        assert "没有代码为 999999 的单位" in capsys.readouterr().err
        assert (
            main(["--data-dir", city_dir, "exchange", "summary", "--year", "2025", "--json"]) == 0
        )
        [summary, _] = json.loads(capsys.readouterr().out)
        assert summary["code"] == "150523" and summary["proposals"]["received"] == 2
    finally:
        from app.common.storage import open_database

        offices.city.database = open_database(offices.city.location)


def test_the_summary_on_a_full_disk_prints_no_figures_only_the_message(
    offices: Offices,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    clean_logging: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    county_year(offices, offices.county, ("关于甲的建议",))

    def disk_full(*args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.exchange.cli.write_city_workbook", disk_full)
    city_dir = str(offices.city.location.data_dir)
    target = tmp_path / "汇总.xlsx"
    offices.city.database.close()
    try:
        for extra in ([], ["--json"]):
            argv = ["exchange", "summary", "--year", "2025", "--out", str(target), *extra]
            assert main(["--data-dir", city_dir, *argv]) == 1
            out, err = capsys.readouterr()
            assert out == "" and "磁盘" in err and not target.exists()
    finally:
        from app.common.storage import open_database

        offices.city.database = open_database(offices.city.location)


@pytest.mark.slow
def test_the_city_demo_brings_three_counties(tmp_path: Path) -> None:
    from app.common.paths import DataLocation
    from app.common.storage import open_database

    database = open_database(DataLocation(tmp_path / "city", tmp_path / "logs"))
    try:
        added = load_demo_at_level(database, "city")
        assert [k for k in added if k.endswith("记录")] == [
            "河西县政协记录",
            "河东县政协记录",
            "山南旗政协记录",
        ]
        view = city_view(database, date.today().year - 1)
        assert [c.code for c in view.counties] == ["150521", "150522", "150524"]
        assert all(c.proposals and c.checked for c in view.counties)
        assert len({c.all_met for c in view.counties}) > 1  # the counties differ
        with database.begin() as session:
            states = session.scalars(select(ExchangePartner)).all()
            assert all(s.applied_max == 1 and s.acked_sequence == 1 for s in states)
        with pytest.raises(KnownError, match="演示数据已经添加过了"):
            load_demo_at_level(database, "city")
        with pytest.raises(KnownError, match="不能加入县级演示数据"):
            load_demo_at_level(database, "county")
    finally:
        database.close()


@pytest.mark.slow
def test_a_county_demo_and_a_city_demo_exchange_files(tmp_path: Path) -> None:
    """What a newcomer tries: `demo --level city` in one folder, `demo --level county`
    in another, cards traded, the county's file imported at the city."""
    from app.common.paths import DataLocation
    from app.common.storage import open_database
    from app.exchange import cards
    from app.exchange.export import export_file
    from app.exchange.receiving.importing import import_file

    city = open_database(DataLocation(tmp_path / "city", tmp_path / "logs"))
    county = open_database(DataLocation(tmp_path / "county", tmp_path / "logs"))
    try:
        load_demo_at_level(city, "city")
        load_demo_at_level(county, "county")
        cards.write_card(city, tmp_path / f"city{cards.CARD_SUFFIX}")
        cards.write_card(county, tmp_path / f"county{cards.CARD_SUFFIX}")
        cards.trust_card(county, tmp_path / f"city{cards.CARD_SUFFIX}")
        cards.trust_card(city, tmp_path / f"county{cards.CARD_SUFFIX}")
        sent = export_file(county, "150500", tmp_path)
        result = import_file(city, sent.path, receipt_dir=tmp_path)
        assert result.result == "applied" and result.totals()["new"] > 1000
        view = city_view(city, date.today().year - 1)
        assert [c.code for c in view.counties] == ["150521", "150522", "150523", "150524"]
    finally:
        city.close()
        county.close()


def test_a_countys_five_ones_check_at_the_city_reads_only_that_countys_records(
    offices: Offices,
) -> None:
    """The city holds every county's records: one county's meetings and proposals must
    not count for another (whose check then says it has none), nor for the city."""
    from app.five_ones.check import check_five_ones

    county_year(offices, offices.county, ("关于甲的建议",))
    add_members(offices.second, "王淑芬")
    offices.send(offices.second, offices.city)
    busy = check_five_ones(offices.city.database, 2025, office_code="150523")
    quiet = check_five_ones(offices.city.database, 2025, office_code="150524")
    assert not busy.warnings
    assert [m.name for m in quiet.members] == ["王淑芬"]
    assert quiet.warnings == (
        "尚未录入2025年的全体会议（类别为“全体会议”的活动），“参加全体会议”一项无人达到。",
        "2025年没有提案记录，“提交提案”一项无人达到。",
    )
    add_members(offices.city, "市委员甲")
    own = check_five_ones(offices.city.database, 2025)
    assert [m.name for m in own.members] == ["市委员甲"] and len(own.warnings) == 2


def test_the_citys_overview_counts_its_own_records_not_the_counties(offices: Offices) -> None:
    """概况 is this office at a glance: at the city, the counties' meetings do not swell it."""
    from app.overview.overview import load_overview

    members = add_members(offices.county, "张建国")
    activities.add_activity(
        offices.county.database,
        activities.ActivityForm(
            kind=ActivityKind.PLENARY,
            title="全体会议",
            held_on=date.today(),
            attendance={members[0]: AttendanceStatus.PRESENT},
        ),
    )
    offices.send(offices.county, offices.city)
    label = f"{date.today().year}年会议活动"
    assert load_overview(offices.county.database).duty_figures[label] == 1
    assert load_overview(offices.city.database).duty_figures[label] == 0


def test_the_years_with_county_data_leave_the_citys_own_out(offices: Offices) -> None:
    """全市汇总 opens on the newest of these years (an empty year showed noughts)."""
    city = offices.city.database
    assert county_data_years(city) == []
    for office, year in ((offices.city, 2023), (offices.second, 2024)):
        activities.add_activity(
            office.database,
            activities.ActivityForm(
                kind=ActivityKind.PLENARY, title="全体会议", held_on=date(year, 3, 1)
            ),
        )
    assert county_data_years(city) == []  # the city's own meeting is not a county's
    offices.send(offices.second, offices.city)
    assert county_data_years(city) == [2024]  # a meeting alone counts (the five ones)
    assert opening_year(city) == 2024  # no county's proposals: the newest year with data
    county_year(offices, offices.county, ("关于甲的建议",))
    assert county_data_years(city) == [2025, 2024]
    assert opening_year(city) == 2025


def test_the_summary_opens_on_the_newest_year_with_proposals(offices: Offices) -> None:
    """A newer year with only meetings (the plenary not yet held) is not opened on."""
    county_year(offices, offices.county, ("关于甲的建议",))
    activities.add_activity(
        offices.county.database,
        activities.ActivityForm(
            kind=ActivityKind.PLENARY, title="常委会", held_on=date(2026, 1, 5)
        ),
    )
    offices.send(offices.county, offices.city)
    assert county_data_years(offices.city.database) == [2026, 2025]
    assert opening_year(offices.city.database) == 2025


def _rated(name: str, satisfied: int, ratings: int) -> CountyFigures:
    return CountyFigures(
        name=name, code="", latest_file=None, checked=0, all_met=0, five_ones_note="",
        proposals=0, accepted=0, rejected=0, pending=0, replies=ratings, results={},
        satisfaction_rate=percent(satisfied, ratings), satisfied=satisfied, ratings=ratings,
        topics_linked=0, topics_own=0, topics_held=0, outcomes=0, instructed=0, follow_ups=0,
    )  # fmt: skip


def test_the_city_total_has_its_satisfaction_rate(tmp_path: Path) -> None:
    """全市合计 left 满意率 blank (screen and Excel): now the city's ratings over its
    counties' ratings, not the average of their rates (9/10 and 1/2: 83.3%, not 70%)."""
    view = CityView(
        2025, "示范市政协", (_rated("甲县政协", 9, 10), _rated("乙县政协", 1, 2)), datetime.now(UTC)
    )
    spec = columns(view)
    total = dict(zip([h for h, _, _ in spec], totals(view, spec), strict=True))
    assert total["满意率"] == "83.3%"
    assert (
        totals(CityView(2025, "示范市政协", (_rated("甲县政协", 0, 0),), view.made_at), spec)[
            [h for h, _, _ in spec].index("满意率")
        ]
        == "—"
    )  # nobody rated: no rate, as for a county
    sheet = load_workbook(write_city_workbook(view, tmp_path / "汇总.xlsx")).active
    assert sheet is not None
    headers = [c.value for c in sheet[3]]
    assert sheet.cell(6, 1).value == "全市合计"
    assert sheet.cell(6, headers.index("满意率") + 1).value == "83.3%"
