"""履职档案 read back: masking that cannot be undone, the compact layout, page numbers
per member, the photo, and records that would not fit."""

from __future__ import annotations

import struct
import zipfile
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import _Cell

from app.common.documents.word_tables import estimate_height, text_lines
from app.common.jobs import ProgressTracker
from app.common.storage import Database
from app.five_ones.check import FiveOnesReport, check_five_ones
from app.five_ones.member_file_doc import (
    PAGE_HEIGHT_PT,
    RECORD_WIDTHS,
    record_rows,
    write_member_files,
)
from app.records.member_records import DutyRecordItem
from db.member_models import MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.conftest import ID_NUMBER, PHONE
from tests.five_ones.helpers import (
    PRESENT,
    add_activity,
    add_member,
    add_social_info,
    add_work,
    store_member_fields,
)


def png(width: int = 3, height: int = 4) -> bytes:
    """A small grey PNG, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def member_files(
    office_db: Database, report: FiveOnesReport, tmp_path: Path, uuids: list[str] | None
) -> tuple[Document, Path]:
    path = write_member_files(
        office_db, tmp_path / "档案.docx", 2025, uuids, report=report, printed_on=date(2026, 1, 15)
    )
    return Document(str(path)), path


def table_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each cell once (python-docx repeats a cell spanning several columns)."""
    return [[_Cell(tc, table).text for tc in row._tr.tc_lst] for row in table.rows]


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_member_file_masks_numbers_so_they_cannot_be_rebuilt(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    store_member_fields(
        office_db, people["张三"], birth_date=date(1975, 3, 12), birth_day_known=True
    )
    document, path = member_files(office_db, report, tmp_path, [people["张三"]])
    personal = table_rows(document.tables[0])
    phone_row = next(r for r in personal if r[0] == "联系电话")
    # The birth date is printed: only the last four of the ID (no region code), and
    # the birth date to the month (出生年月), so no printed pair rebuilds the number.
    assert phone_row == ["联系电话", "138****5678", "身份证号码", "**************001X"]
    birth_row = next(r for r in personal if r[0] == "出生年月")
    assert birth_row[1] == "1975年3月"
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert ID_NUMBER not in xml and PHONE not in xml
    assert ID_NUMBER[:6] not in xml  # the region code is not printed either
    assert "1975.03.12" not in xml and "19750312" not in xml


def test_member_file_content(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    document, _ = member_files(office_db, report, tmp_path, [people["张三"]])
    lines = texts(document)
    assert lines[0] == "张三委员履职档案"
    assert "示范县政协　打印日期：2026年1月15日" in lines
    assert [line for line in lines if line[:2] in ("一、", "二、", "三、", "四、")] == [
        "一、基本情况",
        "二、2025年度“五个一”履职情况",
        "三、履职记录（共5项）",
    ]
    personal, five, records = document.tables
    rows = table_rows(personal)
    assert rows[0] == ["姓名", "张三", "性别", "男", "民族", ""]
    assert next(r for r in rows if r[0] == "工作单位及职务")[1] == "县发展和改革局局长"
    assert next(r for r in rows if r[0] == "任职情况")[1] == "第十届（2021—2026）常委，届初起，在任"
    assert next(r for r in rows if r[0] == "专委会")[1] == "经济委员会"
    assert table_rows(five) == [
        [
            "参加全体会议",
            "提交提案",
            "报送社情民意",
            "参加政协活动",
            "大会发言或调研视察报告",
            "是否全部达到",
        ],
        ["达到（1）", "达到（1）", "达到（1）", "达到（1）", "达到（1）", "是"],
    ]
    assert "2025年度五项要求全部达到。" in lines
    # Every record, newest first, with its year.
    assert table_rows(records)[0] == ["日期", "类别", "名称", "情况"]
    assert [r[0] for r in table_rows(records)[1:]] == [
        "2025.05.06",
        "2025.04.01",
        "2025.01.10",
        "2024.06.01",
        "2023.01.12",
    ]
    assert table_rows(records)[4] == ["2024.06.01", "培训", "委员培训", "出席"]
    # No row is split across two pages; the header row repeats.
    for table in (personal, five, records):
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert records.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_each_member_has_a_section_with_page_numbers_from_one(
    office_db: Database, report: FiveOnesReport, tmp_path: Path
) -> None:
    document, _ = member_files(office_db, report, tmp_path, None)
    titles = [p.text for p in document.paragraphs if p.text.endswith("委员履职档案")]
    assert titles == [f"{m.name}委员履职档案" for m in report.members]
    sections = document.sections
    assert len(sections) == len(report.members)
    for section in sections[1:]:
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is not None and numbering.get(qn("w:start")) == "1"
        assert section.start_type == 2  # a new page
    assert "2025年度未全部达到“五个一”要求。（2025年3月1日增补，自该日起考核）" in texts(document)


def test_member_file_of_someone_not_checked_this_year(
    office_db: Database, report: FiveOnesReport, tmp_path: Path
) -> None:
    gone = add_member(
        office_db, "孙八", status=MembershipStatus.REVOKED, status_date=date(2024, 1, 1)
    )
    document, _ = member_files(office_db, report, tmp_path, [gone])
    assert "2025年度不在考核范围内（已于该年之前离任）。" in texts(document)
    assert "暂无履职记录。" in texts(document)
    assert len(document.tables) == 1  # no five-ones table for a year not checked


def test_the_photo_sits_in_the_table(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    store_member_fields(office_db, people["张三"], photo=png())
    document, path = member_files(office_db, report, tmp_path, [people["张三"]])
    personal = document.tables[0]
    assert len(personal.columns) == 7
    photo_cell = personal.rows[0].cells[6]
    assert photo_cell._tc.find(".//" + qn("w:drawing")) is not None
    assert personal.rows[1].cells[6]._tc.tcPr.find(qn("w:vMerge")) is not None
    with zipfile.ZipFile(path) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
    # Within the box (22 × 30 mm), proportions kept.
    extent = photo_cell._tc.find(".//{*}extent")
    width, height = int(extent.get("cx")), int(extent.get("cy"))
    assert abs(width / height - 3 / 4) < 0.01 and height <= 30 * 36000 + 1


def test_a_damaged_photo_is_left_out_and_the_file_is_still_made(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    store_member_fields(office_db, people["张三"], photo=b"\xff\xd8 not really a jpeg")
    document, _ = member_files(office_db, report, tmp_path, [people["张三"]])
    assert document.tables[0].rows[0].cells[1].text == "张三"
    assert document.tables[0]._tbl.find(".//" + qn("w:drawing")) is None


def test_control_characters_already_stored_do_not_stop_the_member_files(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    store_member_fields(
        office_db,
        people["张三"],
        name="张\x00三",
        employer="县\x0b发改局\x1b",
        note="备注\x07一",
        address="\ufffe县城\x85",
    )
    document, _ = member_files(office_db, report, tmp_path, [people["张三"]])
    rows = table_rows(document.tables[0])
    assert rows[0][1] == "张三"
    assert next(r for r in rows if r[0] == "工作单位及职务")[1] == "县发改局"
    assert next(r for r in rows if r[0] == "备注")[1] == "备注一"
    assert next(r for r in rows if r[0] == "通讯地址")[1] == "县城"


# --- fitting the pages -------------------------------------------------------------------


def records(count: int, first_year: int = 2021) -> list[DutyRecordItem]:
    """`count` records spread over the years since `first_year`, newest first."""
    day = date(first_year, 1, 5)
    items = [
        DutyRecordItem(
            uuid=str(i),
            year=(day + timedelta(days=13 * i)).year,
            day=day + timedelta(days=13 * i),
            kind_label="视察" if i % 2 else "社情民意",
            title=f"关于第{i}项工作的视察",
            detail="出席",
        )
        for i in range(count)
    ]
    return sorted(items, key=lambda item: item.day, reverse=True)


def test_records_that_fit_are_all_listed() -> None:
    rows, listed = record_rows(records(12), PAGE_HEIGHT_PT)
    assert listed == 12 and len(rows) == 12


def test_records_that_do_not_fit_leave_the_earliest_years_counted() -> None:
    items = records(140)
    room = PAGE_HEIGHT_PT
    rows, listed = record_rows(items, room)
    years = sorted({item.year for item in items})
    summaries = [r for r in rows if len(r) == 2]
    assert summaries and listed < len(items)
    assert summaries[-1][0] == f"{years[0]}年"  # the earliest year is counted, not listed
    counted = sum(int(r[1].split("共")[1].split("项")[0]) for r in summaries)
    assert listed + counted == len(items)  # nothing is lost
    assert rows[0][0].startswith(str(years[-1]))  # the latest year is listed
    header = ["日期", "类别", "名称", "情况"]
    assert estimate_height([header, *rows], RECORD_WIDTHS, 10.5) <= room


def test_a_long_file_stays_within_two_pages_by_the_estimate(
    office_db: Database, people: dict[str, str], tmp_path: Path
) -> None:
    start = date(2021, 3, 1)
    for i in range(150):
        add_activity(
            office_db,
            ActivityKind.INSPECTION,
            start + timedelta(days=11 * i),
            {people["张三"]: PRESENT},
            f"第{i}次视察",
        )
    report = check_five_ones(office_db, 2025)
    document, _ = member_files(office_db, report, tmp_path, [people["张三"]])
    assert "三、履职记录（共155项）" in texts(document)
    note = next(line for line in texts(document) if line.startswith("注：限于篇幅"))
    assert "较早年份按类别计数" in note
    record_table = document.tables[-1]
    assert any(row.cells[0].text == "2021年" for row in record_table.rows)


@pytest.mark.parametrize("count", [0, 1, 5])
def test_few_records_are_listed_in_full(count: int) -> None:
    rows, listed = record_rows(records(count), PAGE_HEIGHT_PT)
    assert listed == count == len(rows)


def test_each_record_kind_and_date_on_one_line(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    """常委会会议 printed as 常委会会 / 议 in a column too narrow for five characters."""
    uuid = people["张三"]
    add_activity(office_db, ActivityKind.STANDING_MEETING, date(2025, 6, 1), {uuid: PRESENT})
    add_work(office_db, WorkKind.RESEARCH_REPORT, date(2025, 7, 1), [uuid])
    add_social_info(office_db, date(2025, 8, 1), [uuid])
    document, _ = member_files(office_db, report, tmp_path, [uuid])
    records = document.tables[-1]
    grid = [int(c.get(qn("w:w"))) for c in records._tbl.tblGrid.iter(qn("w:gridCol"))]
    date_mm, kind_mm = (twips * 25.4 / 1440 for twips in grid[:2])
    rows = table_rows(records)[1:]
    assert {"常委会会议", "调研视察报告", "社情民意"} <= {r[1] for r in rows}
    for day, kind, *_rest in rows:
        assert text_lines(kind, kind_mm, 10.5) == 1, kind
        assert text_lines(day, date_mm, 10.5) == 1, day


def test_progress_runs_through_gathering_and_laying_out_to_the_end(
    office_db: Database, report: FiveOnesReport, tmp_path: Path
) -> None:
    """One read for everyone, then a step per member laid out (most of the time):
    the bar must not sit full meanwhile."""
    seen: list[tuple[int, int, str]] = []
    write_member_files(
        office_db,
        tmp_path / "档案.docx",
        2025,
        progress=ProgressTracker(lambda done, total, text: seen.append((done, total, text))),
        report=report,
    )
    count = len(report.members)
    assert count >= 2
    assert [done for done, _, _ in seen] == list(range(count + 2))
    assert {total for _, total, _ in seen} == {count + 1}
    assert seen[0][2] == f"正在读取 {count} 位委员的档案和履职记录…"
    assert seen[1][2] == f"正在排版履职档案（1/{count}）…"
    assert seen[-1][2] == "正在保存…"
