"""Drive every page of the main window offscreen on big_office's database and print, per
action, the longest stretch the GUI thread was busy (`blocked`) and the time until the
result was on screen (`done`). Run through big_office.py.
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QTabWidget,
)

from app.common.operator import sign_in
from app.common.storage import Database
from app.security.accounts import create_first_admin, has_accounts
from ui.common import jobs
from ui.five_ones import page as five_ones_page
from ui.main_window import MainWindow, import_pages

NOTICED, FROZEN = 0.3, 1.0
results: list[tuple[str, float, float]] = []


def _busy() -> bool:
    return bool(jobs._running)


def measure(name: str, action: Callable[[], object], settle: float = 0.3) -> object:
    """Run action on the GUI thread, then let the event loop run until no job is left:
    the longest single turn of the loop (or the action itself) is what the clerk waited."""
    app = QApplication.instance()
    started = time.perf_counter()
    result = action()
    worst = time.perf_counter() - started
    quiet_since = None
    deadline = started + 300
    while time.perf_counter() < deadline:
        turn = time.perf_counter()
        app.processEvents()
        worst = max(worst, time.perf_counter() - turn)
        if _busy():
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > settle:
            break
        time.sleep(0.002)
    done = (quiet_since or time.perf_counter()) - started
    results.append((name, worst, done))
    mark = "  DEFECT" if worst > FROZEN else ("  noticed" if worst > NOTICED else "")
    print(f"{name:<46} blocked {worst:6.2f} s   done {done:6.2f} s{mark}", flush=True)
    return result


def typed(name: str, box: QLineEdit, text: str) -> None:
    """Typed key by key, as a clerk does: the slowest key is what is felt."""
    box.clear()
    QApplication.processEvents()
    before = len(results)
    for end in range(1, len(text) + 1):
        measure(f"{name} key {end}", lambda t=text[:end]: box.setText(t))
    keys = results[before:]
    del results[before:]
    worst = max(k[1] for k in keys)
    results.append((f"{name} typing {text}", worst, sum(k[2] for k in keys)))
    print(f"{name + ' typing ' + text:<46} slowest key {worst:6.2f} s", flush=True)
    box.clear()
    QApplication.processEvents()


def _close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    QApplication.processEvents()


def measure_screens(database: Database) -> int:
    QApplication.instance() or QApplication([])
    faulthandler.dump_traceback_later(600, exit=True, file=sys.stderr)  # a dialog left open
    out = Path(tempfile.mkdtemp(prefix="big-office-out-"))
    # Exports ask where to save: answered with a fresh file each time; message boxes: OK.
    counter = iter(range(10_000))
    QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
        lambda *a, **k: (str(out / f"out{next(counter)}{_suffix(a, k)}"), "")
    )
    QMessageBox.exec = lambda self: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
    _sign_in(database)
    import_pages()  # as the window's warm-up thread does before the clerk clicks
    window = MainWindow(database)
    window.resize(1366, 768)
    window.show()
    measure("start: 概况", lambda: None)
    for title in ("委员档案", "履职记录", "提案", "协商", "五个一考核", "文件交换", "系统设置"):
        measure(f"open {title}", lambda t=title: window.open_page(t))
    _members(window)
    _records(window)
    _proposals(window)
    _consultation(window)
    _five_ones(window)
    _settings(window)
    measure("back to 概况", lambda: window.open_page("概况"))
    window.close()
    jobs.wait_for_running_jobs()
    worst = max(results, key=lambda r: r[1])
    print(f"\nworst: {worst[0]} blocked {worst[1]:.2f} s; output in {out}")
    return 0


def _suffix(args: tuple, kwargs: dict) -> str:
    text = " ".join(str(a) for a in args) + str(kwargs)
    for suffix in (".xlsx", ".docx", ".pdf"):
        if suffix[1:] in text:
            return suffix
    return ".xlsx"


def _sign_in(database: Database) -> None:
    if not has_accounts(database):
        create_first_admin(database, "测试员", "Bench2025x")
    from app.security.login import log_in

    sign_in(database, log_in(database, "测试员", "Bench2025x").operator)


def _members(window: MainWindow) -> None:
    page = window.open_page("委员档案")
    measure("委员档案 refresh", page.refresh)
    combo = page.filters.term
    for index in range(combo.count()):
        measure(f"委员档案 term {combo.itemText(index)}", lambda i=index: combo.setCurrentIndex(i))
    typed("委员档案 search", page.filters.search, "王伟")
    uuid = page.proxy.member(0).uuid
    measure("委员档案 open a member's file", lambda: page.open_member_file(uuid))
    _close_dialogs()
    measure("委员档案 导出当前列表", page.export_list)


def _records(window: MainWindow) -> None:
    page = window.open_page("履职记录")
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        tab = page.current_tab()
        name = page.tabs.tabText(index)
        measure(f"履职记录 {name} refresh", tab.refresh)
        all_years = tab.year.count() - 1
        measure(f"履职记录 {name} 全部年份", lambda t=tab, i=all_years: t.year.setCurrentIndex(i))
        typed(f"履职记录 {name} 全部年份 search", tab.search, "关于第12")
        measure(f"履职记录 {name} 导出Excel", tab.export_list)
    page.tabs.setCurrentIndex(0)
    tab = page.current_tab()
    tab.year.setCurrentIndex(0)
    measure("履职记录 活动 reload", tab.refresh)
    if tab.model.rowCount():
        tab.table.selectRow(0)
        uuid = tab.selected().uuid
        measure("履职记录 open an activity", lambda: tab.open_edit_dialog(uuid))
        _close_dialogs()


def _proposals(window: MainWindow) -> None:
    page = window.open_page("提案")
    tab = page.proposals
    for index in range(page.tabs.count()):
        name = page.tabs.tabText(index)
        measure(f"提案 tab {name}", lambda i=index: page.tabs.setCurrentIndex(i))
    page.tabs.setCurrentWidget(page.due)
    typed("提案 催办 search", page.due.search, "关于加强第1")
    page.tabs.setCurrentIndex(0)
    for index in (0, tab.year.count() - 1, 1):
        text = tab.year.itemText(index)
        measure(f"提案 year {text}", lambda i=index: tab.year.setCurrentIndex(i))
    measure("提案 stage changed", lambda: tab.stage.setCurrentIndex(1))
    measure("提案 stage back", lambda: tab.stage.setCurrentIndex(0))
    typed("提案 search", tab.search, "关于加强第12")
    tab.table.selectRow(0)
    uuid = tab.selected().uuid
    measure("提案 open a proposal", lambda: page.open_proposal(uuid))
    _close_dialogs()


def _consultation(window: MainWindow) -> None:
    page = window.open_page("协商")
    for index in range(page.tabs.count()):
        _tab(f"协商 tab {page.tabs.tabText(index)}", page.tabs, index)
    combo = page.year
    for index in range(min(combo.count(), 2)):
        measure(f"协商 year {combo.itemText(index)}", lambda i=index: combo.setCurrentIndex(i))


def _five_ones(window: MainWindow) -> None:
    page = window.open_page("五个一考核")
    for index in range(min(page.year.count(), 3)):
        text = page.year.itemText(index)
        measure(f"五个一 year {text}", lambda i=index: page.year.setCurrentIndex(i))
    measure("五个一 只看未达标", lambda: page.only_short.setChecked(True))
    measure("五个一 只看未达标 off", lambda: page.only_short.setChecked(False))
    measure("五个一 导出考核表", page.export_workbook)
    page.ask_notice_options = lambda _parent, _options, defaults: defaults
    five_ones_page.ask_print_scope = lambda *_args: "all"
    measure("五个一 生成通报", page.make_notice)
    _close_dialogs()
    measure("五个一 打印履职档案", page.print_member_files)
    _close_dialogs()


def _settings(window: MainWindow) -> None:
    page = window.open_page("系统设置")
    for index in range(page.tabs.count()):
        _tab(f"系统设置 tab {page.tabs.tabText(index)}", page.tabs, index)


def _tab(name: str, tabs: QTabWidget, index: int) -> None:
    measure(name, lambda: tabs.setCurrentIndex(index))
