"""Screenshots of the output screens (issue 9) and the outputs rendered with LibreOffice.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_output_screenshots.py

Screens at 1366×768: the 五个一 page after an export (打开文件, 打开所在文件夹, 打印 as on
Windows), the 通报 settings dialog, the member list after 导出名册, the import wizard
after saving the template, and the message when no program can open a file.
Rendered pages (needs `libreoffice` and `pdftoppm`): notice-page1.png,
notice-last-page.png, notice-attachment.png, member-file-doc.png,
member-file-doc-photo.png, five-ones-workbook.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QThread, QTimer
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.demo.demo import load_demo  # noqa: E402
from app.five_ones.check import check_five_ones  # noqa: E402
from app.five_ones.member_file_doc import write_member_files  # noqa: E402
from app.five_ones.notice import write_five_ones_notice  # noqa: E402
from app.five_ones.notice_options import Attachment, NoticeOptions  # noqa: E402
from app.five_ones.workbook import write_five_ones_workbook  # noqa: E402
from app.members.member_files import get_member, list_members, update_member  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from db.models import OfficeLevel  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.common import outputs  # noqa: E402
from ui.five_ones.notice_dialog import NoticeDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.members.import_wizard import RosterImportWizard  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SCREEN = (1366, 768)
NOTICE = NoticeOptions(
    number="示政协办发〔2026〕1号",
    copy_to=("县委办公室", "县人大常委会办公室", "县政府办公室"),
    attachment=Attachment.APPENDED,
)


def settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    for _ in range(20):
        app.processEvents()


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app, widget)
    widget.grab().save(str(OUT / name))
    sys.stdout.write(f"saved {OUT / name}\n")


def wait_for(app: QApplication, done) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3000):
        app.processEvents()
        if done():
            return
        QThread.msleep(10)
    raise RuntimeError("timed out")


def a_photo() -> bytes:
    """A plain grey portrait, standing in for a member's photo."""
    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#9aa5b1"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())


def screens(app: QApplication, database, folder: Path) -> None:  # type: ignore[no-untyped-def]
    outputs.CAN_PRINT = True  # show the Windows bar (打印 is Windows only)
    window = MainWindow(database)
    window.resize(*SCREEN)
    page = window.open_page("五个一考核")
    settle(app, window)
    page.choose_save_path = lambda *args: folder / "2025年度委员履职五个一考核表.xlsx"
    page.year.setCurrentIndex(page.year.findData(2025))
    wait_for(app, lambda: not page.loading())  # the check runs on a worker thread
    page.workbook_button.click()
    wait_for(app, lambda: page.output.open_button.isVisible())
    save(app, window, "five-ones-output-bar.png")

    dialog = NoticeDialog(NOTICE, NOTICE.resolved("示范县政协", date.today()), window)
    save(app, dialog, "notice-dialog.png")
    dialog.close()

    members = window.open_page("委员档案")
    settle(app, window)
    wait_for(app, lambda: not members.loading())  # the rows are read on a worker thread
    members.folders.remember("roster", folder / "x.xlsx")
    members._export_path = lambda: folder / "委员名册-第十届.xlsx"  # type: ignore[method-assign]
    members.export_roster()
    wait_for(app, lambda: members.output.isVisible())
    save(app, window, "member-list-exported.png")

    wizard = RosterImportWizard(database, window)
    wizard.resize(1120, 680)
    wizard.save_template(folder / "委员名单模板.xlsx")
    wait_for(app, lambda: "已保存空白模板" in wizard.file_page.status.text())
    save(app, wizard, "import-wizard-template.png")
    wizard.close()

    QDesktopServices.openUrl = staticmethod(lambda url: False)  # type: ignore[method-assign]

    def grab_message() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, grab_message)
            return
        save(app, box, "output-no-program.png")
        box.close()

    QTimer.singleShot(100, grab_message)
    page = window.open_page("五个一考核")
    page.output.open_file()
    window.close()


def render(database, folder: Path) -> None:  # type: ignore[no-untyped-def]
    if not (shutil.which("libreoffice") and shutil.which("pdftoppm")):
        sys.stdout.write("libreoffice or pdftoppm missing: outputs not rendered\n")
        return
    report = check_five_ones(database, 2025)
    made = date(2026, 1, 15)
    notice = write_five_ones_notice(
        report, folder / "notice.docx", replace(NOTICE, issued_on=made), made
    )
    workbook = write_five_ones_workbook(report, folder / "workbook.xlsx", made)
    first, second = list_members(database)[:2]
    files = write_member_files(
        database, folder / "files.docx", 2025, [first.uuid], report=report, printed_on=made
    )
    plain = write_member_files(
        database, folder / "plain.docx", 2025, [second.uuid], report=report, printed_on=made
    )
    everyone = write_member_files(
        database, folder / "everyone.docx", 2025, report=report, printed_on=made
    )
    for path in (notice, workbook, files, plain, everyone):
        subprocess.run(
            ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), path],
            check=True,
            capture_output=True,
        )
    pages = page_count(folder / "notice.pdf")
    sys.stdout.write(
        f"履职档案 of all {len(report.members)} members: "
        f"{page_count(folder / 'everyone.pdf')} pages\n"
    )
    wanted = [
        ("notice", 1, "notice-page1"),
        ("notice", 4, "notice-signature-page"),
        ("notice", 5, "notice-attachment"),
        ("notice", pages, "notice-last-page"),
        ("workbook", 1, "five-ones-workbook"),
        ("files", 1, "member-file-doc-photo"),
        ("plain", 1, "member-file-doc"),
    ]
    for source, number, name in wanted:
        target = OUT / name
        pdf = str(folder / f"{source}.pdf")
        page = ["-f", str(number), "-l", str(number), "-singlefile"]
        subprocess.run(["pdftoppm", "-png", "-r", "60", *page, pdf, str(target)], check=True)
        sys.stdout.write(f"saved {target}.png\n")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = open_database(DataLocation(folder / "data", folder / "logs"))
        set_up_office(
            database, OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
        )
        load_demo(database)
        first = list_members(database)[0].uuid
        form = get_member(database, first).form
        update_member(database, first, replace(form, photo=a_photo()))
        screens(app, database, folder)
        render(database, folder)
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
