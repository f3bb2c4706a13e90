"""Screenshot of the city's 单位 filter (issue 12 item 3), 1366×768, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_office_filter_screenshot.py

A city with the demo's three counties (demo --level city); 委员档案 with the first
county chosen and one of its members selected (the edit buttons read-only).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.exchange.city.demo_city import load_demo_at_level  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    for _ in range(10):
        app.processEvents()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        city = open_database(DataLocation(root / "city", root / "logs"))
        load_demo_at_level(city, "city")
        window = MainWindow(city)
        window.resize(1366, 768)
        page = window.open_page("委员档案")
        settle(app, window)
        page.office.combo.setCurrentIndex(1)  # type: ignore[attr-defined]
        while page.loading():  # type: ignore[attr-defined]  # read on a worker thread
            app.processEvents()
        page.table.selectRow(2)  # type: ignore[attr-defined]
        page.table.setFocus()  # type: ignore[attr-defined]
        settle(app, window)
        window.grab().save(str(OUT / "city-office-filter.png"))
        sys.stdout.write(f"saved {OUT / 'city-office-filter.png'}\n")
        window.close()
        city.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
