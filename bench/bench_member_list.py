"""Speed of the member list's instant search: 5,000 members, filtered as the clerk types.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_member_list.py

Per typed character the page re-filters the proxy and the table repaints; a
pause of 100 ms is where typing starts to feel sluggish, so each keystroke is
compared with that budget. Loading the term (one query) happens on refresh,
never per keystroke, and is reported on its own.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject, Qt
from sqlalchemy import insert, select

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.office.office import OfficeSetup, set_up_office
from db.base import new_uuid
from db.member_models import CppccRole, Member, Membership, MembershipStatus, member_committee
from db.models import DictionaryEntry, DictionaryKind, Office, OfficeLevel, Term

MEMBERS = 5000
BUDGET_MS = 100.0  # a visible pause
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅海燕文斌宇浩凯晨欣怡子涵博文"
)
UNITS = (
    "县人民医院",
    "县第一中学",
    "县中医院",
    "县工商联",
    "县农牧业科学研究所",
    "示范县通达物流有限公司",
    "县财政局",
    "县实验小学",
    "县疾病预防控制中心",
    "城关镇人民政府",
    "县妇联",
    "县文化馆",
)
POSTS = ("院长", "副校长", "主任医师", "副主席", "研究员", "总经理", "局长", "教师", "主任", "镇长")
# What a clerk types, one character at a time, then deletes again.
TYPED = ("李", "李秀", "县", "县人", "县人民", "县人民医", "县人民医院", "医院 主任")
REPEATS = 5


def fill(database: Database, rng: random.Random) -> None:
    """5,000 members of the current term by bulk insert (the screens' rules do not matter here)."""
    with database.begin() as session:
        owner = session.scalars(select(Office.uuid).where(Office.is_local.is_(True))).one()
        term = session.scalars(select(Term)).one()

        def ids(kind: DictionaryKind) -> list[int]:
            return list(
                session.scalars(select(DictionaryEntry.id).where(DictionaryEntry.kind == kind))
            )

        sectors, parties, ethnic = (
            ids(DictionaryKind.SECTOR),
            ids(DictionaryKind.PARTY),
            ids(DictionaryKind.ETHNIC_GROUP)[:8],
        )
        committees = ids(DictionaryKind.COMMITTEE)
        uuids = [new_uuid() for _ in range(MEMBERS)]
        session.execute(
            insert(Member),
            [
                {
                    "uuid": uuid,
                    "owner_uuid": owner,
                    "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                    "sector_id": rng.choice(sectors),
                    "party_id": rng.choice(parties),
                    "ethnic_group_id": rng.choice(ethnic),
                    "employer": rng.choice(UNITS) + rng.choice(POSTS),
                    "phone": f"139{rng.randrange(10**8):08d}",
                    "birth_date": date(1960 + rng.randrange(30), 1 + rng.randrange(12), 1),
                }
                for uuid in uuids
            ],
        )
        member_ids = list(session.scalars(select(Member.id)))
        roles = [CppccRole.STANDING] * 1 + [CppccRole.MEMBER] * 9
        session.execute(
            insert(Membership),
            [
                {
                    "owner_uuid": owner,
                    "member_id": member_id,
                    "term_id": term.id,
                    "role": rng.choice(roles),
                    "status": MembershipStatus.RESIGNED if i % 40 == 0 else MembershipStatus.ACTIVE,
                    "status_date": date(2024, 6, 30) if i % 40 == 0 else None,
                }
                for i, member_id in enumerate(member_ids)
            ],
        )
        session.execute(
            insert(member_committee),
            [{"member_id": m, "committee_id": rng.choice(committees)} for m in member_ids],
        )


class PaintCounter(QObject):
    """Counts the table's repaints, to be sure each timed keystroke included one."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def keystrokes(app, page, sort_column: int | None) -> tuple[list[float], int]:  # type: ignore[no-untyped-def]
    """Milliseconds from a typed character to the repainted table, for each keystroke."""
    search = page.filters.search
    if sort_column is not None:
        page.table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
        app.processEvents()
    counter = PaintCounter()
    page.table.viewport().installEventFilter(counter)
    timings = []
    for _ in range(REPEATS):
        for text in (*TYPED, *reversed(TYPED[:-1]), ""):
            start = time.perf_counter()
            search.setText(text)  # textChanged → proxy re-filter, as typing does
            app.processEvents()  # layout and the repaint the clerk waits for
            timings.append((time.perf_counter() - start) * 1000)
    page.table.viewport().removeEventFilter(counter)
    return timings, counter.paints


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def report(label: str, measured: tuple[list[float], int]) -> None:
    timings, paints = measured
    median = statistics.median(timings)
    worst = max(timings)
    say(
        f"{label}: median {median:.1f} ms, worst {worst:.1f} ms per keystroke "
        f"({len(timings)} keystrokes, {paints} repaints); ratio to the {BUDGET_MS:.0f} ms "
        f"budget {median / BUDGET_MS:.2f} (worst {worst / BUDGET_MS:.2f})"
    )


def main() -> None:
    from app.members.member_files import list_members
    from ui.application import make_application
    from ui.members.member_list_page import MemberListPage
    from ui.members.member_table_model import MemberTableModel

    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        try:
            set_up_office(
                database,
                OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026),
            )
            fill(database, random.Random(5000))
            page = MemberListPage(database)
            page.resize(1100, 700)
            page.show()
            start = time.perf_counter()
            rows = list_members(database)
            query_ms = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            MemberTableModel().set_rows(rows)
            model_ms = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            page.refresh()
            app.processEvents()
            load_ms = (time.perf_counter() - start) * 1000
            say(f"{MEMBERS} members; {page.count.text()}")
            say(
                f"loading the term (on refresh and after a save, never per keystroke): "
                f"{load_ms:.0f} ms — list_members {query_ms:.0f} ms, "
                f"model (pinyin order, search texts) {model_ms:.0f} ms"
            )
            report("search, list order", keystrokes(app, page, None))
            report("search, sorted by 界别", keystrokes(app, page, MemberTableModel.SECTOR))
            page.filters.committee.setCurrentIndex(2)
            page.filters.standing_only.setChecked(True)
            report("search with 专委会 + 常委 filters", keystrokes(app, page, None))
            page.close()
        finally:
            database.close()


if __name__ == "__main__":
    main()
