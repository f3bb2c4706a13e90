"""系统设置 → 名单排序 shows a sample of names in the chosen order: it reads the names,
not every member's whole file (600 members' files held the window half a second, twice,
each time 系统设置 opened)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPoint, Qt
from sqlalchemy import event

from app.common.jobs import ProgressTracker
from app.common.people.name_order import NameOrder
from app.members.roster_import import apply_roster_import, plan_roster_import
from db.member_models import Member
from tests.xlsx_files import write_sheet
from ui.main_window import MainWindow

ROSTER = ["赵小军", "王建国", "李秀英", "陈志强", "刘芳"]  # 序号 1…5


@contextmanager
def members_read() -> Iterator[list[str]]:
    read: list[str] = []

    def loaded(member: Member, _context: object) -> None:
        read.append(member.name)

    event.listen(Member, "load", loaded)
    try:
        yield read
    finally:
        event.remove(Member, "load", loaded)


def test_the_sample_reads_names_only_and_follows_the_order(qtbot, office_db, tmp_path) -> None:
    rows = [["序号", "姓名", "性别"]] + [[i, n, "男"] for i, n in enumerate(ROSTER, start=1)]
    plan = plan_roster_import(office_db, write_sheet(tmp_path / "名单.xlsx", rows))
    apply_roster_import(office_db, plan, ProgressTracker())
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    with members_read() as read:
        settings = window.open_page("系统设置")
        settings.tabs.setCurrentWidget(settings.name_order)
    panel = settings.name_order
    assert panel.sample.text() == "本届委员按此顺序排列：王建国、刘芳、李秀英、陈志强、赵小军"
    assert read == []
    button = panel.buttons[NameOrder.ROSTER]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert panel.sample.text() == "本届委员按此顺序排列：" + "、".join(ROSTER)
