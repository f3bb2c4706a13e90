"""The first-run wizard, typed into like a clerk would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWizard

from app.common.operator import Role, operator_of
from app.office.dictionaries import list_entries
from app.office.labels import DictionaryKind, OfficeLevel
from app.office.office import is_set_up, office_info
from app.security.accounts import list_accounts
from tests.ui.conftest import fill_first_admin, type_text
from ui.office.setup_wizard import SetupWizard


def _click(qtbot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def _type_into_spin(qtbot, spin, value: int) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))


def _open_wizard(qtbot, database, name: str, code: str) -> SetupWizard:
    """The wizard on screen with the office's name and code typed in."""
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(qtbot, wizard.office_page.name, name)
    type_text(qtbot, wizard.office_page.code, code)
    return wizard


def test_completing_the_wizard_stores_the_office(qtbot, database):
    # The code in full-width digits, as IMEs type it.
    wizard = _open_wizard(qtbot, database, "  示范县政协 ", "１５０５２３")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.term_page

    _type_into_spin(qtbot, wizard.term_page.number, 11)
    _type_into_spin(qtbot, wizard.term_page.first_year, 2022)
    assert wizard.term_page.last_year.value() == 2027  # follows the first year
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page

    fields = wizard.admin_page.fields
    fill_first_admin(qtbot, fields, password="zhang1")  # too short, and typed once only
    fields.again.clear()
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert "太短" in fields.problems.text() and "不一致" in fields.problems.text()
    for line in (fields.name, fields.password, fields.again):
        line.clear()
    fill_first_admin(qtbot, fields)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.confirm_page
    summary = wizard.confirm_page.summary.text()
    assert "示范县政协" in summary and "第十一届（2022—2027）" in summary
    assert "管理员账户：张红" in summary

    with qtbot.waitSignal(wizard.accepted):
        _click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QDialog.DialogCode.Accepted
    info = office_info(database)
    assert (info.name, info.division_code, info.level) == (
        "示范县政协",
        "150523",
        OfficeLevel.COUNTY,
    )
    assert (info.term_number, info.term_first_year, info.term_last_year) == (11, 2022, 2027)
    assert len(list_entries(database, DictionaryKind.SECTOR)) == 22
    # The administrator exists and is signed in: the main window opens without a login.
    assert [(a.name, a.role) for a in list_accounts(database)] == [("张红", Role.ADMIN)]
    assert operator_of(database).name == "张红"


def test_city_level_is_stored(qtbot, database):
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    city = wizard.office_page.city
    # Click on the round indicator itself: the button is wider than its text.
    qtbot.mouseClick(city, Qt.MouseButton.LeftButton, pos=QPoint(8, city.height() // 2))
    assert city.isChecked()
    type_text(qtbot, wizard.office_page.name, "示范市政协")
    type_text(qtbot, wizard.office_page.code, "150500")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_first_admin(qtbot, wizard.admin_page.fields)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    with qtbot.waitSignal(wizard.accepted):
        _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert office_info(database).level is OfficeLevel.CITY


def test_bad_code_is_explained_and_nothing_is_stored(qtbot, database):
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(qtbot, wizard.office_page.name, "示范县政协")
    type_text(qtbot, wizard.office_page.code, "150500")  # a city's code for a county office
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentPage() is wizard.office_page
    problems = wizard.office_page.problems
    assert problems.isVisible()
    assert "县级行政区划代码不以“00”结尾" in problems.text()

    wizard.office_page.code.clear()
    type_text(qtbot, wizard.office_page.code, "15052")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "应为6位数字" in problems.text()
    assert not is_set_up(database)


def test_impossible_term_years_are_refused(qtbot, database):
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(qtbot, wizard.office_page.name, "示范县政协")
    type_text(qtbot, wizard.office_page.code, "150523")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _type_into_spin(qtbot, wizard.term_page.first_year, 2021)
    _type_into_spin(qtbot, wizard.term_page.last_year, 2020)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.term_page
    assert "届次起止年份不合理" in wizard.term_page.problems.text()
    assert not is_set_up(database)


def test_a_province_code_is_named_as_such_for_either_level(qtbot, database):
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.office_page
    type_text(qtbot, page.name, "示范县政协")
    type_text(qtbot, page.code, "320000")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is page
    assert "省级行政区划代码" in page.problems.text() and "市级代码" not in page.problems.text()
    page.city.setChecked(True)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "省级行政区划代码" in page.problems.text() and "不是" not in page.problems.text()


def test_the_summary_shows_the_code_as_it_is_stored(qtbot, database):
    wizard = _open_wizard(qtbot, database, "示范县政协", "１５０５２３")  # full-width, as typed
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_first_admin(qtbot, wizard.admin_page.fields)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "行政区划代码：150523\n" in wizard.confirm_page.summary.text()
