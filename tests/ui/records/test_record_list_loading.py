"""The record lists read their rows off the GUI thread (a city's county under 全部年份 is
thousands of records): "正在读取…" meanwhile with the rows before kept, only the newest
read shown, and a failed read said in Chinese with the list left as it was."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from app.records import record_items
from app.records.record_items import SocialInfoForm, add_social_info
from tests.records.test_records_import import YEAR
from tests.ui.conftest import loaded, type_text
from tests.ui.records.helpers import shown
from ui.records.record_tabs import SocialInfoTab

TITLE = 1
THIS_YEAR = date.today().year


@pytest.fixture
def tab(qtbot, page, office_db, members) -> SocialInfoTab:
    """社情民意: one item last year, one this year; shown: this year."""
    for title, day in (
        ("关于农村饮水安全的建议", date(YEAR, 3, 1)),
        ("关于城区停车难的建议", date(THIS_YEAR, 1, 2)),
    ):
        add_social_info(office_db, SocialInfoForm(title, day, (members["李秀英"],)))
    page.tabs.setCurrentWidget(page.social_info)
    return loaded(qtbot, page.social_info)  # fmt: skip


def test_a_year_is_read_off_the_gui_thread_and_the_rows_before_stay_meanwhile(
    qtbot, tab, monkeypatch
):
    readers: list[threading.Thread] = []
    real = record_items.list_social_info

    def reading(*args):  # type: ignore[no-untyped-def]
        readers.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(record_items, "list_social_info", reading)
    assert shown(tab.table, TITLE) == ["关于城区停车难的建议"]
    tab.table.selectRow(0)
    tab.year.setCurrentIndex(tab.year.findText("全部年份"))
    assert tab.loading() and tab.count_label.text() == "正在读取…"
    assert shown(tab.table, TITLE) == ["关于城区停车难的建议"]  # kept until the new rows come
    assert not tab.export_button.isEnabled()  # they are not 全部年份's rows
    type_text(qtbot, tab.search, "停车")  # the search works on meanwhile
    assert tab.count_label.text() == "正在读取…"
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        pass
    assert readers and threading.main_thread() not in readers
    assert shown(tab.table, TITLE) == ["关于城区停车难的建议"]
    assert tab.count_label.text() == "找到 1 条（共 2 条）"
    tab.search.clear()
    assert shown(tab.table, TITLE) == ["关于城区停车难的建议", "关于农村饮水安全的建议"]
    assert tab.count_label.text() == "共 2 条"
    assert tab.selected().title == "关于城区停车难的建议"  # the selection kept
    assert tab.edit_button.isEnabled() and tab.export_button.isEnabled()


def test_an_older_read_ending_after_a_newer_one_is_not_shown(qtbot, tab, monkeypatch):
    entered, release = threading.Event(), threading.Event()
    real = record_items.list_social_info

    def slow(database, year, office):  # type: ignore[no-untyped-def]
        rows = real(database, year, office)
        if year == YEAR:
            entered.set()
            release.wait(10)
        return rows

    monkeypatch.setattr(record_items, "list_social_info", slow)
    tab.show_year(YEAR)
    older = tab._runner
    assert older is not None
    qtbot.waitUntil(entered.is_set)
    tab.show_year(None)  # 全部年份, asked while last year is still being read
    loaded(qtbot, tab)
    assert len(shown(tab.table, TITLE)) == 2
    with qtbot.waitSignal(older.finished, timeout=10_000):
        release.set()
    assert shown(tab.table, TITLE) == ["关于城区停车难的建议", "关于农村饮水安全的建议"]
    assert tab.year.currentText() == "全部年份" and tab.count_label.text() == "共 2 条"
    assert not tab.loading()


def test_a_damaged_database_is_said_in_chinese_and_the_list_is_kept(qtbot, tab, monkeypatch, modal):
    def damaged(*_args):  # type: ignore[no-untyped-def]
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(record_items, "list_social_info", damaged)
    said: list[str] = []
    modal.then(lambda box: (said.append(box.text()), box.accept()))
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.show_year(YEAR)
    assert said == ["数据库文件已损坏，无法读取。"]
    assert shown(tab.table, TITLE) == ["关于城区停车难的建议"]  # the rows read before
    assert tab.count_label.text() == "共 1 条"
    assert "未能读取" in tab.status.text()
    assert not tab.loading()


def test_the_rows_shown_while_a_read_runs_cannot_be_edited_or_deleted(qtbot, tab, monkeypatch):
    """At the city the rows kept on screen may be the county chosen before: 修改, 删除,
    a double-click and the Delete key wait until the newest rows have come."""
    release = threading.Event()
    real = record_items.list_social_info

    def slow(*args):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args)

    tab.table.selectRow(0)
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()
    monkeypatch.setattr(record_items, "list_social_info", slow)
    tab.show_year(None)
    assert tab.loading()
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    assert tab.add_button.isEnabled()  # a new record is the office's own either way
    tab._row_double_clicked(tab.table.model().index(0, TITLE))
    tab.edit_selected()
    tab.delete_selected()  # would ask first: a question left open would hang here
    assert tab.dialog is None or not tab.dialog.isVisible()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        release.set()
    assert tab.selected() is not None and tab.edit_button.isEnabled()
