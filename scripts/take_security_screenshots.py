"""Screenshots of the login, the lock screen, accounts and the audit trail (1366×768).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_security_screenshots.py

A dialog is drawn centred over the main window, as the clerk sees it.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.audit import Action, Result, record  # noqa: E402
from app.common.errors import KnownError  # noqa: E402
from app.common.operator import Role, sign_out  # noqa: E402
from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.demo.demo import load_demo  # noqa: E402
from app.members.full_numbers import reveal_numbers  # noqa: E402
from app.members.member_files import list_members  # noqa: E402
from app.office.labels import OfficeLevel  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from app.security.accounts import add_account, create_first_admin, list_accounts, set_disabled  # noqa: E402
from app.security.login import change_own_password, log_in  # noqa: E402
from db.base import utc_now  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.security.lock_screen import Cover, LockDialog  # noqa: E402
from ui.security.login_dialog import LoginDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = QSize(1366, 768)


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()


def over(app: QApplication, window: QWidget, dialog: QWidget, name: str) -> None:
    """The window with the dialog drawn in its middle."""
    window.show()
    dialog.show()
    dialog.adjustSize()
    settle(app)
    picture = window.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    painter.drawPixmap(
        QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2), shot
    )
    painter.end()
    save(picture, name)
    dialog.hide()


def save(picture: QPixmap, name: str) -> None:
    path = OUT / name
    picture.save(str(path))
    sys.stdout.write(f"saved {path} ({picture.width()}×{picture.height()})\n")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        set_up_office(
            database,
            OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026),
        )
        load_demo(database)
        create_first_admin(database, "张红", "Admin2025")
        add_account(database, "李明", Role.STAFF, "Staff2025")
        add_account(database, "王芳", Role.READONLY, "Reader2025")
        add_account(database, "赵敏", Role.STAFF, "Zhao2025x")
        [zhao] = [a for a in list_accounts(database) if a.name == "赵敏"]
        set_disabled(database, zhao.id, True)
        sign_out()
        for _ in range(5):  # 王芳 forgot her password
            with contextlib.suppress(KnownError):
                log_in(database, "王芳", "wrong-guess-1")
        log_in(database, "李明", "Staff2025", now=utc_now() - timedelta(minutes=3))
        change_own_password(database, "Staff2025", "LiMing2025")  # asked at his first login
        member = list_members(database)[3]
        reveal_numbers(database, member.uuid)
        record(
            database,
            Action.EXPORT,
            r"C:\Users\李明\Documents\委员名单-当前列表.xlsx",
            detail="Excel",
        )
        record(database, Action.PRINT, r"C:\Users\李明\Documents\2025年五个一考核通报.docx")
        record(
            database,
            Action.IMPORT,
            r"C:\Users\李明\Documents\2025年履职记录.xlsx",
            Result.FAILED,
            "履职记录：3 处错误，未导入",
        )
        sign_out()

        shell = MainWindow()
        shell.resize(SIZE)
        login = LoginDialog(database, "示范县政协")
        login.name.setText("李明")
        login.password.setText("Staff2025")
        over(app, shell, login, "security-login.png")
        shell.close()

        log_in(database, "张红", "Admin2025")
        window = MainWindow(database)
        window.resize(SIZE)
        window.show()
        members = window.open_page("委员档案")
        while members.loading():  # type: ignore[attr-defined]  # read on a worker thread
            app.processEvents()
        settle(app)
        cover = Cover(window)
        lock = LockDialog(database)
        over(app, window, lock, "security-lock.png")
        cover.hide()
        cover.setParent(None)
        settle(app)

        page = window.open_page("系统设置")
        page.tabs.setCurrentWidget(page.accounts)
        page.accounts.select("王芳")
        settle(app)
        save(window.grab(), "security-accounts.png")
        page.tabs.setCurrentWidget(page.audit)
        page.audit.search()
        settle(app)
        save(window.grab(), "security-audit.png")
        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
