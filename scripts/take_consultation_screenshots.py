"""Screenshots of the 协商 screens at 1366×768 with the demo data, and the Qt-drawn
printouts rendered to PNG (docs/screenshots/consultation-*.png).

Run under Xvfb so the real window system draws them:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_consultation_screenshots.py
The printouts need pdftoppm (poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.consultation.meetings.meetings import list_meetings  # noqa: E402
from app.consultation.printouts.materials import meeting_materials  # noqa: E402
from app.demo.demo import load_demo  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from db.models import OfficeLevel  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.consultation.printing.printer import CARDS, SIGN_IN, write_pdf  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SCREEN = QRect(0, 0, 1366, 768)


def settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    for _ in range(15):
        app.processEvents()


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app, widget)
    path = OUT / name
    widget.grab().save(str(path))
    sys.stdout.write(f"saved {path}\n")


def render_pdf(pdf: Path, name: str, pages: str = "1") -> None:
    """The first page of a PDF as PNG (pdftoppm -singlefile)."""
    target = OUT / name.removesuffix(".png")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", pages, "-l", pages, "-singlefile", pdf, target],
        check=True,
    )
    sys.stdout.write(f"saved {target}.png\n")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        set_up_office(
            database, OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
        )
        load_demo(database)
        window = MainWindow(database)
        window.setGeometry(SCREEN)
        page = window.open_page("协商")
        save(app, window, "consultation-plan.png")

        meeting = next(m for m in list_meetings(database) if m.title.startswith("专题协商会"))
        page.tabs.setCurrentWidget(page.meetings)  # type: ignore[attr-defined]
        editor = page.meetings.open_edit_dialog(meeting.uuid)  # type: ignore[attr-defined]
        editor.setGeometry(QRect(60, 40, 1100, 640))
        save(app, editor, "consultation-meeting.png")
        editor.tabs.setCurrentWidget(editor.attendance)
        save(app, editor, "consultation-attendance.png")
        editor.tabs.setCurrentWidget(editor.materials)
        save(app, editor, "consultation-materials.png")
        materials = meeting_materials(database, meeting.uuid)
        editor.materials.show_preview = lambda dialog: None
        editor.materials.print_preview(SIGN_IN)
        preview = editor.materials.preview
        preview.setGeometry(QRect(80, 40, 1100, 700))
        save(app, preview, "consultation-print-preview.png")
        preview.close()
        editor.reject()

        page.tabs.setCurrentWidget(page.outcomes)  # type: ignore[attr-defined]
        save(app, window, "consultation-outcomes.png")
        outcomes = page.outcomes  # type: ignore[attr-defined]
        instructed = next(
            r for r in range(outcomes.model.rowCount()) if outcomes.model.row(r).follow_ups
        )
        outcomes.table.selectRow(instructed)
        outcomes.edit_selected()
        dialog = outcomes.dialog
        dialog.setGeometry(QRect(100, 50, 1000, 640))
        save(app, dialog, "consultation-outcome.png")
        dialog.tabs.setCurrentIndex(1)
        save(app, dialog, "consultation-outcome-instructions.png")
        dialog.reject()
        if "--all" in sys.argv:  # the other dialogs, to look at (not kept)
            page.tabs.setCurrentWidget(page.plan)  # type: ignore[attr-defined]
            page.plan.table.selectRow(1)  # type: ignore[attr-defined]
            page.plan.open_research()  # type: ignore[attr-defined]
            save(app, page.plan.dialog, "look-research.png")  # type: ignore[attr-defined]
            page.plan.dialog.reject()  # type: ignore[attr-defined]
            page.plan.edit_selected()  # type: ignore[attr-defined]
            save(app, page.plan.dialog, "look-topic.png")  # type: ignore[attr-defined]
            page.plan.dialog.reject()  # type: ignore[attr-defined]
            page.plan.edit_plan()  # type: ignore[attr-defined]
            save(app, page.plan.dialog, "look-plan.png")  # type: ignore[attr-defined]
            page.plan.dialog.reject()  # type: ignore[attr-defined]

        pdfs = Path(folder)
        write_pdf(pdfs / "sign-in.pdf", SIGN_IN, materials)
        write_pdf(pdfs / "cards.pdf", CARDS, materials)
        render_pdf(pdfs / "sign-in.pdf", "consultation-qt-sign-in.png")
        render_pdf(pdfs / "cards.pdf", "consultation-qt-table-card.png")
        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
