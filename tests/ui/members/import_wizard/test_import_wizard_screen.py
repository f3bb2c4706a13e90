"""从Excel导入 on a county clerk's laptop (1366×768 at 125 % display scaling): the wizard
opened 1120×680 on a screen with 1093×576 free, 下一步 below its edge."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from app.common.storage import Database
from tests.ui.conftest import bottom_of, fits_on
from ui.members.import_wizard import RosterImportWizard


def test_the_import_wizard_fits_with_its_buttons(
    qtbot, office_look, office_db: Database, clerk_laptop
):  # type: ignore[no-untyped-def]
    wizard = RosterImportWizard(office_db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert fits_on(clerk_laptop, wizard)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isVisible() and bottom_of(next_button, wizard) < wizard.height()
