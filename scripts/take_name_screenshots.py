"""Screenshots of the screens issue 9 changed (names, aliases, name order, templates), at
the 1366×768 of an office PC.

Run under Xvfb so the real window system draws them:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_name_screenshots.py
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget, QWizard

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.paths import DataLocation  # noqa: E402
from app.common.people.name_order import NameOrder  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.demo.demo import load_demo  # noqa: E402
from app.members.member_files import get_member, list_members, update_member  # noqa: E402
from app.members.member_order import set_member_order  # noqa: E402
from app.office.dictionaries import add_entry, list_entries, set_aliases  # noqa: E402
from app.office.dictionary_merge import merge_entries  # noqa: E402
from app.office.labels import DictionaryKind  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from db.models import OfficeLevel  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.members.import_wizard import RosterImportWizard  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
ROSTER = [
    ["序号", "姓名", "性别", "政治面貌", "界别", "联络组"],
    [1, "王建国", "男", "中国共产党党员", "中国共产党", "城关联络组"],
    [2, "李秀英", "女", "中国民主同盟盟员", "中国民主同盟", "城关联络组"],
    [3, "张伟", "男", "群众", "医卫", "东部联络组"],
    [4, "赵敏", "女", "无党派", "中共界别委员", "东部联络组"],
    [5, "刘洋", "男", "群众", "体育界", "西部联络组"],
    [6, "陈静", "女", "九三学社社员", "妇女联合会", "西部联络组"],
]


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


def wait_for(app: QApplication, done, seconds: float = 20) -> None:
    """Let a background job (run_job) finish: its thread must end before the app does."""
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def write_roster(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def wizard_screens(app: QApplication, database, folder: Path) -> None:
    wizard = RosterImportWizard(database)
    wizard.resize(*SIZE)
    settle(app, wizard)
    wizard.set_file(write_roster(folder / "委员名单.xlsx", ROSTER))
    wizard.next()
    wait_for(app, lambda: wizard.currentPage() is wizard.preview_page)
    save(app, wizard, "import-wizard-unknown-values.png")
    page = wizard.preview_page
    combo = page.unknown_table.combo(1)
    combo.setCurrentIndex(combo.findText("作为新条目加入名录"))
    combo = page.unknown_table.combo(2)
    combo.setCurrentIndex(combo.findText("作为新条目加入名录"))
    save(app, wizard, "import-wizard-near-duplicate.png")
    page.tabs.setCurrentIndex(1)
    page.error_table.selectRow(0)
    save(app, wizard, "import-wizard-errors-copy.png")
    wizard.button(QWizard.WizardButton.CancelButton).click()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = open_database(DataLocation(folder / "data", folder / "logs"))
        setup = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
        set_up_office(database, setup)
        load_demo(database)
        wizard_screens(app, database, folder)

        window = MainWindow(database)
        window.resize(*SIZE)
        settings = window.open_page("系统设置")
        editor = settings.dictionaries  # type: ignore[attr-defined]
        editor.select_kind(DictionaryKind.SECTOR)
        editor.table.selectRow(0)
        save(app, window, "dictionary-editor-aliases.png")

        # An old import had added 中国共产党 as its own entry: merge it into 中共.
        sectors = {e.name: e.uuid for e in list_entries(database, DictionaryKind.SECTOR)}
        set_aliases(database, sectors["中共"], "")
        extra = add_entry(database, DictionaryKind.SECTOR, "中国共产党")
        for row in [r for r in list_members(database) if r.sector == "中共"][:3]:
            form = get_member(database, row.uuid).form
            update_member(database, row.uuid, dataclasses.replace(form, sector="中国共产党"))
        result = merge_entries(database, extra.uuid, sectors["中共"])
        editor._merged = result.undo  # as after the clerk's own merge
        editor.undo_merge_button.show()
        editor.reload(select_uuid=sectors["中共"])
        editor.status.setText(result.text + "如属误操作，请点“撤销合并”。")
        save(app, window, "dictionary-editor-merged.png")

        settings.tabs.setCurrentWidget(settings.name_order)  # type: ignore[attr-defined]
        save(app, window, "settings-name-order.png")

        members = window.open_page("委员档案")
        wait_for(app, lambda: not members.loading())  # read on a worker thread
        save(app, window, "member-list-stroke-order.png")
        set_member_order(database, NameOrder.PINYIN)
        members.refresh()
        wait_for(app, lambda: not members.loading())
        save(app, window, "member-list-pinyin-order.png")
        set_member_order(database, NameOrder.STROKE)

        records = window.open_page("履职记录")
        records.save_template(folder / "履职记录模板.xlsx")  # type: ignore[attr-defined]
        wait_for(app, records.output.isVisible)  # type: ignore[attr-defined]
        wait_for(app, lambda: False, seconds=0.5)  # the job's thread ends
        save(app, window, "records-template-saved.png")
        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
