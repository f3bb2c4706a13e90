"""Screenshots of the exchange screens (issue 12), 1366×768, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_exchange_screenshots.py

A city with the demo's three counties (demo --level city); a county sends a new
file to a folder standing for the USB stick; the city's exchange page, its dry
run, the combined view; then the county's own exchange page.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.exchange.city.demo_city import load_demo_at_level  # noqa: E402
from app.exchange.export import export_file  # noqa: E402
from app.exchange.receiving.importing import import_file  # noqa: E402
from app.exchange.usb import EXCHANGE_FOLDER  # noqa: E402
from app.members.member_files import MemberForm, add_member  # noqa: E402
from app.records import record_items  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.exchange.dialogs import DryRunDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    for _ in range(10):
        app.processEvents()


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app, widget)
    widget.grab().save(str(OUT / name))
    sys.stdout.write(f"saved {OUT / name}\n")


def shown_year(app: QApplication, summary: QWidget) -> None:
    """Ask for the chosen year and wait until its figures are on screen (worked out off
    the GUI thread)."""
    loop = QEventLoop()
    came: list[bool] = []
    summary.shown.connect(lambda: came.append(True))  # type: ignore[attr-defined]
    summary.shown.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(60_000, loop.quit)
    summary.show_year()  # type: ignore[attr-defined]
    if not came:  # a year summed before is shown at once
        loop.exec()
    summary.shown.disconnect(loop.quit)  # type: ignore[attr-defined]


def use_stick(page: QWidget, stick: Path) -> None:
    """Show the stick's files and wait for their 状态 (worked out off the GUI thread)."""
    loop = QEventLoop()
    page.stick_tab.checked.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(60_000, loop.quit)
    page.use_stick(stick)  # type: ignore[attr-defined]
    loop.exec()
    page.stick_tab.checked.disconnect(loop.quit)  # type: ignore[attr-defined]


def save_over(app: QApplication, window: QWidget, dialog: QWidget, name: str) -> None:
    """The dialog over its dimmed window, as the clerk sees it."""
    settle(app, window)
    settle(app, dialog)
    picture = QPixmap(window.size())
    painter = QPainter(picture)
    painter.drawPixmap(0, 0, window.grab())
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))
    shot = dialog.grab()
    painter.drawPixmap(
        QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2),
        shot,
    )
    painter.end()
    picture.save(str(OUT / name))
    sys.stdout.write(f"saved {OUT / name}\n")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        city = open_database(DataLocation(root / "city", root / "logs"))
        load_demo_at_level(city, "city")
        county_dir = root / "city" / "exchange" / "demo-counties" / "150521"
        county = open_database(DataLocation(county_dir, county_dir / "logs"))
        stick = root / "U盘"
        (stick / EXCHANGE_FOLDER).mkdir(parents=True)
        names = ("白雪梅", "乌力吉")
        added = [add_member(county, MemberForm(name=name, sector="经济界")) for name in names]
        record_items.add_social_info(
            county,
            record_items.SocialInfoForm(
                title="关于规范农村集体资产管理的建议",
                submitted_on=date.today(),
                submitters=(added[0],),
            ),
        )
        sent = export_file(county, "150500", stick / EXCHANGE_FOLDER)

        window = MainWindow(city)
        window.resize(*SIZE)
        page = window.open_page("文件交换")
        use_stick(page, stick)
        page.partners.selectRow(0)  # type: ignore[attr-defined]
        page.stick_files.selectRow(0)  # type: ignore[attr-defined]
        save(app, window, "exchange-city.png")

        result = import_file(city, sent.path, dry_run=True)
        dialog = DryRunDialog(result, window)
        save_over(app, window, dialog, "exchange-dry-run.png")
        dialog.close()
        import_file(city, sent.path, receipt_dir=stick / EXCHANGE_FOLDER)
        page.refresh()  # type: ignore[attr-defined]
        page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        save(app, window, "exchange-city-history.png")

        summary = window.open_page("全市汇总")
        years = summary.year  # type: ignore[attr-defined]
        years.setCurrentIndex(max(0, years.findData(date.today().year - 1)))
        shown_year(app, summary)
        save(app, window, "exchange-city-summary.png")
        # The demo's consultations (and their outcomes) fall in this year.
        years.setCurrentIndex(max(0, years.findData(date.today().year)))
        shown_year(app, summary)
        summary.group.setCurrentIndex(2)  # type: ignore[attr-defined]
        summary.group.activated.emit(2)  # type: ignore[attr-defined]
        save(app, window, "exchange-city-topics.png")
        window.close()

        export_file(city, "150521", stick / EXCHANGE_FOLDER)
        county_window = MainWindow(county)
        county_window.resize(*SIZE)
        county_page = county_window.open_page("文件交换")
        use_stick(county_page, stick)
        county_page.stick_files.selectRow(0)  # type: ignore[attr-defined]
        save(app, county_window, "exchange-county.png")
        county_window.close()
        county.close()
        city.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
