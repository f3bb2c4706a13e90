"""首次设置向导: the office, its level and code, the current term, and the first
administrator's account.

The main window does not open until this is finished.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text, term_label
from app.office.labels import OfficeLevel
from app.office.office import (
    OfficeSetup,
    is_set_up,
    office_problems,
    set_up_office,
    term_problems,
)
from app.security.accounts import create_first_admin
from ui.common.errors import show_known_error
from ui.common.widgets import confirm
from ui.security.fields import AccountFields


def _problem_label() -> QLabel:
    label = QLabel()
    label.setObjectName("problems")
    label.setStyleSheet("color: #b3261e;")
    label.setWordWrap(True)
    label.hide()
    return label


def _show_problems(label: QLabel, problems: list[str]) -> bool:
    label.setText("\n".join(problems))
    label.setVisible(bool(problems))
    return not problems


class OfficePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("本单位")
        self.setSubTitle("请填写本单位的名称和行政区划代码。设置完成后可在“系统设置”中查看。")
        self.county = QRadioButton("县（市、区）政协")
        self.county.setObjectName("levelCounty")
        self.city = QRadioButton("市政协（汇总各县数据）")
        self.city.setObjectName("levelCity")
        self.county.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.county)
        group.addButton(self.city)
        self.name = QLineEdit()
        self.name.setObjectName("officeName")
        self.name.setPlaceholderText("例如：××县政协")
        self.code = QLineEdit()
        self.code.setObjectName("divisionCode")
        self.code.setPlaceholderText("6位数字，例如 150523")
        self.code.setMaxLength(12)  # full-width digits are normalised later
        self.problems = _problem_label()

        form = QFormLayout()
        levels = QVBoxLayout()
        levels.addWidget(self.county)
        levels.addWidget(self.city)
        form.addRow("单位级别：", levels)
        form.addRow("单位名称：", self.name)
        form.addRow("行政区划代码：", self.code)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch(1)

    @property
    def level(self) -> OfficeLevel:
        return OfficeLevel.CITY if self.city.isChecked() else OfficeLevel.COUNTY

    def validatePage(self) -> bool:
        return _show_problems(
            self.problems, office_problems(self.level, self.name.text(), self.code.text())
        )


class TermPage(QWizardPage):
    TERM_LENGTH = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("当前届次")
        self.setSubTitle("委员、提案和履职记录都按届次管理。以后换届时可在“系统设置”中新增届次。")
        this_year = date.today().year
        self.number = QSpinBox()
        self.number.setObjectName("termNumber")
        self.number.setRange(1, 99)
        self.number.setValue(10)
        self.number.setPrefix("第 ")
        self.number.setSuffix(" 届")
        self.first_year = QSpinBox()
        self.first_year.setObjectName("termFirstYear")
        self.first_year.setRange(1949, 2100)
        self.first_year.setValue(this_year)
        self.first_year.setSuffix(" 年")
        self.last_year = QSpinBox()
        self.last_year.setObjectName("termLastYear")
        self.last_year.setRange(1949, 2100)
        self.last_year.setValue(this_year + self.TERM_LENGTH)
        self.last_year.setSuffix(" 年")
        self.first_year.valueChanged.connect(self._first_year_changed)
        self.problems = _problem_label()

        form = QFormLayout()
        form.addRow("届次：", self.number)
        form.addRow("起始年份：", self.first_year)
        form.addRow("终止年份：", self.last_year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch(1)

    def _first_year_changed(self, year: int) -> None:
        self.last_year.setValue(year + self.TERM_LENGTH)

    def validatePage(self) -> bool:
        return _show_problems(
            self.problems,
            term_problems(self.number.value(), self.first_year.value(), self.last_year.value()),
        )


class AdminPage(QWizardPage):
    """The office's first administrator: logs in from now on, adds the other accounts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("管理员账户")
        self.setSubTitle(
            "本程序保存委员的个人信息，使用时需要登录。请设置管理员账户，"
            "以后可由管理员为其他工作人员新增账户。请牢记密码。"
        )
        self.fields = AccountFields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        return self.fields.check()


class ConfirmPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("确认")
        self.setSubTitle("请核对以下信息，点击“完成”后保存。")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)


class SetupWizard(QWizard):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("setupWizard")
        self.setWindowTitle("首次设置")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(620, 440)
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步")
        self.setButtonText(QWizard.WizardButton.BackButton, "上一步")
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.CancelButton, "取消")
        self.office_page = OfficePage()
        self.term_page = TermPage()
        self.admin_page = AdminPage()
        self.confirm_page = ConfirmPage()
        for page in (self.office_page, self.term_page, self.admin_page, self.confirm_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._update_summary)

    def setup(self) -> OfficeSetup:
        return OfficeSetup(
            level=self.office_page.level,
            name=self.office_page.name.text(),
            division_code=self.office_page.code.text(),
            term_number=self.term_page.number.value(),
            term_first_year=self.term_page.first_year.value(),
            term_last_year=self.term_page.last_year.value(),
        )

    def _update_summary(self, page_id: int) -> None:
        if self.page(page_id) is not self.confirm_page:
            return
        setup = self.setup()
        level = "县（市、区）政协" if setup.level is OfficeLevel.COUNTY else "市政协"
        self.confirm_page.summary.setText(
            f"单位名称：{setup.name.strip()}\n单位级别：{level}\n"
            f"行政区划代码：{clean_text(setup.division_code)}\n"
            f"当前届次：{term_label(setup.term_number)}"
            f"（{setup.term_first_year}—{setup.term_last_year}）\n"
            f"管理员账户：{self.admin_page.fields.name.text().strip()}\n\n"
            "系统将同时建立默认的界别、政治面貌、民族、专委会、提案类别和办理结果类别名录，"
            "以后可在“系统设置 → 基础名录”中修改。"
        )

    def reject(self) -> None:
        """取消 (or Esc, or closing the window) asks before throwing typed answers away."""
        typed = self.office_page.name.text().strip() or self.office_page.code.text().strip()
        if typed and not confirm(
            self,
            "放弃设置",
            "已填写的内容尚未保存，确定要退出首次设置吗？\n下次打开程序时需要重新填写。",
            "放弃并退出",
        ):
            return
        super().reject()

    def accept(self) -> None:
        """The office first, then its administrator (who is then signed in). Should the
        account fail, the next start asks for it again, as after an upgrade."""
        fields = self.admin_page.fields
        try:
            if not is_set_up(self.database):  # not already by a try that failed at the account
                set_up_office(self.database, self.setup())
            create_first_admin(self.database, fields.name.text(), fields.password.text())
        except KnownError as exc:
            show_known_error(self, exc, "设置未保存")
            return
        super().accept()
