"""The consultation screens on a real database: the small roster and plan topic of
tests/consultation, a meeting with attendance, and helpers that read back what the
program drew or wrote (PDF pages and text)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from app.common.storage import Database
from app.consultation.labels import GuestKind
from app.consultation.meetings import meetings
from app.consultation.meetings.meetings import AgendaItem, Guest
from app.records.labels import AttendanceStatus
from tests.consultation.conftest import MEETING_DAY, PLAN_YEAR, Roster, roster, topic
from tests.exchange.conftest import offices, offices_template
from ui.common.jobs import wait_for_running_jobs

__all__ = ["MEETING_DAY", "PLAN_YEAR", "Roster", "offices", "offices_template", "roster", "topic"]

# CJK Radicals Supplement → the ideograph each stands for (Unicode
# EquivalentUnifiedIdeograph.txt), for fonts that share one glyph between them.
RADICALS = (
    "⺁⺂⺃⺄⺅⺆⺇⺈⺉⺊⺋⺌⺍⺎⺏⺐⺑⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩"
    "⺪⺫⺬⺭⺮⺯⺰⺱⺲⺳⺴⺵⺶⺷⺸⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑"
    "⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳"
)
IDEOGRAPHS = (
    "厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑𫜹忄心扌攵旡日月歺母民氵氺灬爫爫丬牛犭王"
    "𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長"
    "镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟"
)
UNIFIED = str.maketrans(RADICALS, IDEOGRAPHS)
PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT


@pytest.fixture(autouse=True)
def _reads_ended(qtbot):  # type: ignore[no-untyped-def]
    """A list's read still running when the test ends: waited for before qtbot deletes the
    widgets (a QThread deleted while it runs stops the whole test run)."""
    yield
    wait_for_running_jobs()


@pytest.fixture
def meeting(office_db: Database, roster: Roster, topic: str) -> str:
    """A 专题协商会 on the topic, held on MEETING_DAY, with guests and a list of members."""
    form = replace(
        meetings.meeting_from_topic(office_db, topic),
        held_on=MEETING_DAY,
        time_text="上午9:00",
        venue="县政协三楼会议室",
        agenda=(AgendaItem("通报人居环境整治情况", "县住房和城乡建设局"),),
        guests=(
            Guest("孙丽娟", "副县长"),
            Guest("县住房和城乡建设局", "主要负责同志", GuestKind.DEPARTMENT),
        ),
    )
    return meetings.add_meeting(
        office_db,
        form,
        {
            roster["赵庆丰"]: PRESENT,
            roster["钱文华"]: PRESENT,
            roster["张建国"]: PRESENT,
            roster["李秀英"]: LEAVE,
            roster["阿布都热合曼·艾买提"]: PRESENT,
        },
    )


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    """Click a check box or radio button on its box (its row may be wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click_index(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def shown(view: QAbstractItemView, column: int = 0) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


# --- PDF read back ------------------------------------------------------------------


def pdf_pages(path: Path) -> int:
    """Pages in a PDF the program wrote (Qt writes each page object in plain text)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def pdf_landscape(path: Path) -> bool:
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", path.read_bytes())
    assert box is not None
    return float(box.group(1)) > float(box.group(2))


def pdf_text(path: Path) -> list[str] | None:
    """The text of each page (poppler's pdftotext), or None where it is not installed.

    Fonts that share a glyph between a CJK radical and its ideograph map it to the
    radical (⽉ for 月, ⻓ for 长); NFKC and the table above fold it back, as a
    reader's search does.
    """
    if shutil.which("pdftotext") is None:
        return None
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = out.split("\f")[:-1]
    return [unicodedata.normalize("NFKC", page).translate(UNIFIED) for page in pages]
