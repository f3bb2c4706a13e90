"""履职记录's forms on a county clerk's laptop (1366×768 at 125 % display scaling): they
opened 600 tall on a screen with 576 free, 保存 below its edge."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.common.storage import Database
from tests.ui.conftest import bottom_of, fits_on
from ui.records.item_dialogs import SocialInfoDialog, WorkDialog


def test_the_record_forms_fit_with_their_save_button(
    qtbot, office_look, office_db: Database, clerk_laptop
):  # type: ignore[no-untyped-def]
    for dialog in (SocialInfoDialog(office_db), WorkDialog(office_db)):
        qtbot.addWidget(dialog, before_close_func=lambda w: QDialog.done(w, 0))
        dialog.show()
        qtbot.waitExposed(dialog)
        assert fits_on(clerk_laptop, dialog), dialog.windowTitle()
        assert bottom_of(dialog.save_button, dialog) < dialog.height()
