"""Screenshots of the proposal screens (docs/screenshots/proposals-*.png, or FOLDER) with
the demo data, in a window the size of a 1366×768 screen less its task bar.

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python scripts/take_proposal_screenshots.py [FOLDER]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.operator import Operator, Role, sign_in  # noqa: E402
from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import open_database  # noqa: E402
from app.demo.demo import load_demo  # noqa: E402
from app.office.labels import OfficeLevel  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from app.proposals.handling.review import accept_proposal  # noqa: E402
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal, intake_choices  # noqa: E402
from app.proposals.queries import get_proposal_detail, list_proposals  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
WINDOW = (1366, 728)  # 1366×768 less a 40-pixel task bar
DIALOG = (1240, 680)


def settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    for _ in range(20):
        app.processEvents()


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app, widget)
    path = OUT / name
    widget.grab().save(str(path))
    sys.stdout.write(f"saved {path}\n")


def wait_for_index(app: QApplication, page) -> None:
    """The duplicate check's index built and the list read (both on worker threads)."""
    while not page.index_ready or page.proposals.loading():
        app.processEvents()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        office = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
        set_up_office(database, office)
        load_demo(database)
        sign_in(database, Operator("王秘书", Role.STAFF, account_id=1))
        window = MainWindow(database)
        window.resize(*WINDOW)
        page = window.open_page("提案")
        wait_for_index(app, page)
        save(app, window, "proposals-list.png")

        # A new proposal much like earlier ones, waiting for review.
        choices = intake_choices(database)
        member = choices.members[7]
        uuid = add_proposal(
            database,
            ProposalForm(
                title="关于加强农村中小学校舍安全管理的建议",
                body="近年来我县农村学校校舍安全隐患排查……建议建立校舍安全定期检查制度。",
                signers=(SignerInput(member.name, member.uuid),),
                session_uuid=choices.sessions[0].uuid,
                category="社会",
            ),
        )
        page.proposals.refresh(select_uuid=uuid)
        wait_for_index(app, page)
        detail = page.open_proposal(uuid)
        detail.resize(*DIALOG)
        detail.tabs.setCurrentWidget(detail.review)
        save(app, detail, "proposals-review-similar.png")

        accept_proposal(database, uuid)
        detail.reload()
        detail.tabs.setCurrentWidget(detail.handling)
        detail.handling.assign()
        assignment = detail.handling.dialog
        assert assignment is not None
        settle(app, assignment)
        save(app, assignment, "proposals-assignment-suggestion.png")
        assignment.reject()
        detail.reject()

        reopened = next(
            row.uuid
            for row in list_proposals(database)
            if any(a.round > 1 for a in get_proposal_detail(database, row.uuid).assignments)
        )
        detail = page.open_proposal(reopened)
        detail.resize(*DIALOG)
        detail.tabs.setCurrentWidget(detail.handling)
        save(app, detail, "proposals-handling.png")
        detail.reject()

        page.tabs.setCurrentWidget(page.due)
        settle(app, window)
        while page.due.loading():  # read on a worker thread
            app.processEvents()
        save(app, window, "proposals-due.png")
        page.tabs.setCurrentWidget(page.statistics)
        save(app, window, "proposals-statistics.png")
        page.statistics.scroll.verticalScrollBar().setValue(
            page.statistics.scroll.verticalScrollBar().maximum()
        )
        save(app, window, "proposals-statistics-units.png")

        intake = page.new_proposal()
        intake.fields.title_edit.setText("关于加快农村公路养护的建议")
        intake.similar.timer.setInterval(0)
        intake.similar._check_now()
        save(app, intake, "proposals-intake.png")
        intake.fields.title_edit.clear()  # nothing typed left: closes without asking
        intake.reject()

        settings = window.open_page("系统设置")
        settings.tabs.setCurrentWidget(settings.proposals)  # type: ignore[attr-defined]
        save(app, window, "proposals-settings.png")
        window.close()
        database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
