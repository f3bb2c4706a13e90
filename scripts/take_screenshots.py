"""Screenshots of the main screens for the README and the issue notes.

Run under Xvfb so the real window system draws them:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_screenshots.py
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
from app.demo.demo import load_demo  # noqa: E402
from app.office.labels import DictionaryKind  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.office.setup_wizard import SetupWizard  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    for _ in range(10):
        app.processEvents()


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app, widget)
    path = OUT / name
    widget.grab().save(str(path))
    sys.stdout.write(f"saved {path}\n")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        wizard = SetupWizard(database)
        wizard.office_page.name.setText("示范县政协")
        wizard.office_page.code.setText("150523")
        save(app, wizard, "setup-wizard.png")
        wizard.next()
        wizard.term_page.first_year.setValue(2021)
        wizard.next()
        fields = wizard.admin_page.fields
        fields.name.setText("admin")
        fields.password.setText("Demo2026pass")
        fields.again.setText("Demo2026pass")
        save(app, wizard, "setup-wizard-admin.png")
        wizard.next()
        save(app, wizard, "setup-wizard-confirm.png")
        wizard.hide()  # close() would ask 放弃设置？ about the typed answers

        set_up_office(
            database,
            OfficeSetup(wizard.office_page.level, "示范县政协", "150523", 10, 2021, 2026),
        )
        load_demo(database)
        window = MainWindow(database)
        window.resize(1200, 760)
        save(app, window, "main-window.png")
        settings = window.open_page("系统设置")
        editor = settings.dictionaries  # type: ignore[attr-defined]
        editor.select_kind(DictionaryKind.HANDLING_UNIT)
        editor.table.selectRow(2)
        save(app, window, "dictionary-editor.png")
        editor.select_kind(DictionaryKind.SECTOR)
        save(app, window, "dictionary-editor-sectors.png")
        settings.tabs.setCurrentWidget(settings.terms)  # type: ignore[attr-defined]
        save(app, window, "settings-terms.png")
        settings.tabs.setCurrentWidget(settings.data_safety)  # type: ignore[attr-defined]
        save(app, window, "settings-data-safety.png")
        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
