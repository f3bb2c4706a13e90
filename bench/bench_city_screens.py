"""The city's screens with data sets we never see: ten counties' files imported.

Builds the city once under /tmp/big-city (bench/big_city_data.py: ten counties, each
200 members, 2,000 proposals and 10,000 duty records, exported and imported), then
opens the real main window offscreen at 1366×768, signed in, and for every page a
city clerk uses measures: opening it, typing in its search box, choosing a county and
全部 in its 单位 filter, sorting a column, scrolling to the end, opening a record and
exporting to Excel. Per step: the time until the screen is settled (workers ended)
and the longest the GUI thread was held (a 10 ms timer's longest gap). A step
holding the GUI thread over 0.3 s or taking over 2 s is marked "!!". Screens are saved
to /tmp/big-city/*.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_city_screens.py [--only 提案]

Measured on the shared 2-core machine (busy; figures vary by 2x between runs), 履职记录
with a county's 400 activities / 500 社情民意 under 全部年份, GUI held, before → after
fitting the record lists' columns once per load (ui/records/record_tab.py):
header click 1.0–2.1 s → 0.1–0.3 s; search cleared 0.8–1.5 s → 0.03–0.07 s;
全部年份 chosen 2.0–3.0 s → 0.5–1.2 s (the rest: the read itself, on the GUI thread).
"""

# ruff: noqa: T201  (a benchmark prints its figures)

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_city_data import build_city, open_city
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

BLOCK_LIMIT = 0.3  # the GUI thread held longer: the window stops answering
SETTLE_LIMIT = 2.0  # a step longer than this is a finding too
SHOTS = Path("/tmp/big-city")


class Stalls:
    """The longest gap between ticks of a 10 ms timer: how long the GUI thread was held."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.longest = 0

    def start(self) -> None:
        self.clock.start()
        self.last, self.longest = 0, 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest / 1000


STALLS: Stalls
FINDINGS: list[str] = []


def jobs_running() -> bool:
    from ui.common import jobs

    return bool(jobs._running)


def settle(timeout: float = 120) -> None:
    """Events processed until no worker runs (and twice more for what their results queue)."""
    app = QApplication.instance()
    ends = time.perf_counter() + timeout
    while time.perf_counter() < ends:
        app.processEvents()
        if not jobs_running():
            break
        time.sleep(0.005)
    for _ in range(3):
        app.processEvents()


def close_dialogs() -> list[str]:
    titles = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            if isinstance(widget, QProgressDialog):
                continue
            titles.append(widget.windowTitle())
            widget.reject()
    return titles


def step(label: str, action: Callable[[], object]) -> float:
    """Run action like a click: the GUI thread's longest hold and the time until settled."""
    seen: list[str] = []
    closer = QTimer()  # a dialog opened with exec() is closed once it shows
    closer.setInterval(20)
    closer.timeout.connect(lambda: seen.extend(close_dialogs()))
    closer.start()
    STALLS.start()
    started = time.perf_counter()
    action()
    settle()
    total = time.perf_counter() - started
    held = STALLS.stop()
    closer.stop()
    seen.extend(close_dialogs())
    flag = "!!" if held > BLOCK_LIMIT or total > SETTLE_LIMIT else "  "
    extra = f"  [{', '.join(t for t in seen if t)}]" if seen else ""
    line = f"{flag} {label:<46} total {total:6.2f} s   GUI held {held:5.2f} s{extra}"
    print(line, flush=True)
    if flag == "!!":
        FINDINGS.append(line)
    return total


def shot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.window().grab().save(str(SHOTS / f"{name}.png"))


def visible(widget: QWidget, kind: type, name: str | None = None) -> list:
    return [
        w
        for w in widget.findChildren(kind)
        if w.isVisible() and (name is None or w.objectName() == name)
    ]


def main_table(area: QWidget) -> QTableView | None:
    tables = [t for t in visible(area, QTableView) if t.model() is not None]
    return max(tables, key=lambda t: t.model().rowCount(), default=None)


def exercise(area: QWidget, page: QWidget, name: str) -> None:
    """The steps on one visible list (a page, or one tab of it); the 单位 filter may be
    the page's (履职记录 has it beside its tabs)."""
    from ui.common.office_filter import OfficeFilter

    filters = visible(area, OfficeFilter) or visible(page, OfficeFilter)
    if filters:
        combo = filters[0].combo
        step(f"{name}: 单位 = {combo.itemText(1)}", lambda: combo.setCurrentIndex(1))
    for year in visible(area, QComboBox, "yearFilter")[:1]:
        every = year.findText("全部年份")
        step(f"{name}: 年度 = 全部年份", lambda y=year, i=every: y.setCurrentIndex(i))
    shot(area, name.replace("/", "-") + "-county")
    table = main_table(area)
    rows = table.model().rowCount() if table else 0
    print(f"   {name}: {rows} rows listed", flush=True)
    searches = visible(area, QLineEdit, "searchBox") or [
        s for s in visible(area, QLineEdit) if "搜索" in s.placeholderText()
    ]
    if searches:
        box = searches[0]

        def typed(text: str) -> Callable[[], None]:
            return lambda: box.setText(text)

        for text in ("关", "关于", "关于加强第1"):
            step(f"{name}: search “{text}”", typed(text))
        step(f"{name}: search cleared", typed(""))
    if table is not None and rows:
        for column in (1, 2):
            step(
                f"{name}: sort column {column}",
                lambda c=column: table.sortByColumn(c, Qt.SortOrder.DescendingOrder),
            )
        step(f"{name}: scroll to end", lambda: (table.scrollToBottom(), table.viewport().repaint()))

        def opened() -> None:
            index = table.model().index(0, 0)
            table.selectRow(0)
            table.doubleClicked.emit(index)

        step(f"{name}: open first record", opened)
    buttons = [b for b in visible(area, QPushButton) if "导出" in b.text() and b.isEnabled()]
    for button in buttons[:2]:
        step(f"{name}: {button.text()}", button.click)
    if filters and filters[0].combo.findText("全部") >= 0:
        combo = filters[0].combo
        step(f"{name}: 单位 = 全部", lambda: combo.setCurrentIndex(combo.findText("全部")))
        table = main_table(area)
        print(f"   {name}: {table.model().rowCount() if table else 0} rows under 全部", flush=True)
        if table is not None and table.model().rowCount():
            step(
                f"{name}: 全部 sort column 2",
                lambda: table.sortByColumn(2, Qt.SortOrder.AscendingOrder),
            )
            step(
                f"{name}: 全部 scroll to end",
                lambda: (table.scrollToBottom(), table.viewport().repaint()),
            )
            if searches:
                step(f"{name}: 全部 search “关于加强”", lambda: searches[0].setText("关于加强"))
                searches[0].setText("")
                settle()
        shot(area, name.replace("/", "-") + "-all")
        combo.setCurrentIndex(0)
        settle()


def patch_save_dialogs(folder: Path) -> None:
    """Every 另存为 answers a new file in folder (the modules import ask_save_path by name)."""
    counter = iter(range(1, 10_000))

    def answer(_parent, _folders, _kind, _title, suggested, *_args, **_kwargs):
        path = folder / f"{next(counter):03d}-{Path(suggested).name}"
        return path

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("ui.") and hasattr(module, "ask_save_path"):
            module.ask_save_path = answer


def run(root: Path, only: str | None) -> None:
    global STALLS
    from app.common.operator import Operator, sign_in
    from db.security_models import AccountRole
    from ui.application import apply_look, install_chinese
    from ui.main_window import PAGES, MainWindow, import_pages

    app = QApplication.instance() or QApplication([])
    install_chinese(app)
    apply_look(app)
    STALLS = Stalls()
    database = open_city(root)
    sign_in(database, Operator("张红", AccountRole.ADMIN, account_id=1))
    import_pages()
    export_to = root / "exports"
    export_to.mkdir(exist_ok=True)
    patch_save_dialogs(export_to)
    window = MainWindow()
    window.show()
    step("main window attached (概况)", lambda: window.attach(database))
    # 1366×768 less the task bar and frame (ui.main_window.default_geometry); the
    # offscreen screen is smaller, and attach fits the window to it.
    window.setGeometry(0, 0, 1366 - 16, 768 - 40 - 40)
    shot(window, "00-概况")
    for n, (title, _factory) in enumerate(PAGES):
        if (only and title != only) or title == "系统设置":
            continue
        step(f"open {title}", lambda t=title: window.open_page(t))
        page = window.pages.currentWidget()
        shot(window, f"{n:02d}-{title}")
        tabs = [t for t in visible(page, QTabWidget)]
        if tabs:
            tab_widget = tabs[0]
            for i in range(tab_widget.count()):
                name = f"{title}/{tab_widget.tabText(i)}"
                step(f"open {name}", lambda i=i, w=tab_widget: w.setCurrentIndex(i))
                shot(window, f"{n:02d}-{title}-{i}")
                exercise(tab_widget.widget(i), page, name)
        else:
            exercise(page, page, title)
    if not only or only == "全市汇总":
        city = window.open_page("全市汇总")
        settle()
        for i in range(min(3, city.year.count())):
            step(
                f"全市汇总: year {city.year.itemText(i)}",
                lambda i=i: (city.year.setCurrentIndex(i), city._year_picked()),
            )
    window.close()
    database.close()
    print("\nfindings (GUI held > 0.3 s or step > 2 s):")
    for line in FINDINGS:
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("/tmp/big-city"))
    parser.add_argument("--counties", type=int, default=10)
    parser.add_argument("--only", help="one page's title, e.g. 提案")
    args = parser.parse_args()
    build_city(args.root, args.counties)
    run(args.root, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
