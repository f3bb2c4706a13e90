"""The member file (委员档案): every field of MemberForm to view and edit, the
member's seats in each term, and the duty records by year.

The ID-card and phone numbers come masked, as everywhere; 显示完整号码 shows them
in full to a role that may see them (each time in the audit trail), and only then
can they be edited. Problems are shown in red under the fields they concern;
nothing is saved until they are fixed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.operator import Permission
from app.common.people.idcard import birth_date_in_id, id_says_male, normalise_id_number
from app.common.storage import Database
from app.members.full_numbers import problems_with_stored_numbers, reveal_numbers
from app.members.labels import ROLE_LABELS, SEX_LABELS, CppccRole, MembershipStatus, Sex
from app.members.member_files import (
    FieldProblem,
    FormChoices,
    MemberFile,
    MemberForm,
    MembershipItem,
    TermSpan,
    add_member,
    clean_form,
    form_choices,
    form_problems,
    get_member,
    phone_problems,
    update_member,
)
from app.members.member_form import start_date_problems
from app.office.terms import TermItem
from app.records.member_records import member_records
from ui.common.errors import show_known_error
from ui.common.files import FileFolders
from ui.common.office_filter import show_read_only
from ui.common.screen_fit import resize_to_fit
from ui.common.widgets import add_save_shortcut, confirm, set_tab_order
from ui.members.form_fields import (
    PROBLEM_STYLE,
    CommitteeList,
    FieldBox,
    PhotoBox,
    choice_combo,
    clear_problem_on_edit,
    day_text,
    line_edit,
    lock_masked_number,
    note_edit,
    parse_day,
    set_combo_text,
)
from ui.members.member_history import MembershipsView, RecordsByYear
from ui.security.guard import guard_writes

NUMBER_FIELDS = ("id_number", "phone")

EDUCATION_SUGGESTIONS = ("研究生", "大学本科", "大专", "中专", "高中", "初中及以下")
# (field, label) pairs laid out two to a row; None leaves the right half empty.
PAIRED_ROWS = (
    (("name", "姓名"), ("sex", "性别")),
    (("ethnic_group", "民族"), ("birth_date", "出生年月")),
    (("native_place", "籍贯"), ("education", "学历")),
    (("party", "政治面貌"), ("sector", "界别")),
    (("professional_title", "职称"), ("liaison_group", "联络组")),
    (("role", "政协职务"), ("start_date", "任职起始日期")),
    (("employer", "工作单位及职务"), None),
    (("phone", "联系电话"), ("id_number", "身份证号码")),
    (("address", "通讯地址"), None),
    (("committees", "专委会"), None),
    (("note", "备注"), None),
)
# Fits a 1280×720 or 1366×768 screen less the task bar and the window frame.
DIALOG_SIZE = (920, 640)


class MemberFileDialog(QDialog):
    """Opened with a member's UUID to view and edit, or without to add one. With
    `owner_name` (a county's member at the city) it is only looked at."""

    saved = Signal(str)  # the member's uuid

    def __init__(
        self,
        database: Database,
        member_uuid: str | None = None,
        term: TermItem | None = None,
        parent: QWidget | None = None,
        owner_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.member_uuid = member_uuid
        self.read_only = owner_name is not None
        self.term = term
        self._records_loaded = False
        self._seat: MembershipItem | None = None  # the seat in self.term, once read
        self.numbers_masked = member_uuid is not None  # a new member's are typed in full
        self.setObjectName("memberFileDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        resize_to_fit(self, *DIALOG_SIZE)
        file = get_member(database, member_uuid) if member_uuid else None
        self._choices = form_choices(database)
        self._build_editors()
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.subheading = QLabel()
        self.subheading.setObjectName("pageHint")
        self.summary = QLabel()
        self.summary.setObjectName("problemSummary")
        self.summary.setStyleSheet(PROBLEM_STYLE)
        self.summary.hide()
        self.memberships = MembershipsView()
        self.records = RecordsByYear()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("memberFileTabs")
        self.tabs.addTab(self._form_page(), "基本信息")
        self.tabs.addTab(self.memberships, "任职情况")
        self.tabs.addTab(self.records, "履职记录")
        self.tabs.currentChanged.connect(self._tab_shown)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self._buttons())
        self._fill(file)
        self._initial = self._read()[0]
        self.name.setFocus()  # typing starts in 姓名, not on the tab bar above the form
        set_tab_order(self.save_button, self.reveal_button, self.cancel_button)  # as shown
        guard_writes(database, self.save_button)
        guard_writes(database, self.reveal_button, permission=Permission.SHOW_FULL_NUMBERS)
        if owner_name is not None:
            self._show_read_only(owner_name)

    # --- building ------------------------------------------------------------

    def _build_editors(self) -> None:
        by_field = self._choices.by_field
        self.name = line_edit("memberName", "必填")
        self.sex = QComboBox()
        self.sex.setObjectName("memberSex")
        self.sex.addItem("", None)
        for sex, label in SEX_LABELS.items():
            self.sex.addItem(label, sex)
        self.ethnic_group = choice_combo("memberEthnicGroup", by_field["ethnic_group"], True)
        self.birth = line_edit("memberBirth", "如 1975.03 或 1975.03.12")
        self.native_place = line_edit("memberNativePlace")
        self.education = choice_combo("memberEducation", list(EDUCATION_SUGGESTIONS), True)
        self.party = choice_combo("memberParty", by_field["party"], True)
        self.sector = choice_combo("memberSector", by_field["sector"], True)
        self.employer = line_edit("memberEmployer")
        self.professional_title = line_edit("memberProfessionalTitle")
        self.role = QComboBox()
        self.role.setObjectName("memberRole")
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role)
        self.start_date = line_edit("memberStartDate", "增补委员填写，如 2023.01.15")
        self.committees = CommitteeList(self._choices.committees)
        self.liaison_group = choice_combo("memberLiaisonGroup", by_field["liaison_group"], True)
        if not by_field["liaison_group"]:
            self.liaison_group.setToolTip("联络组可在“系统设置 → 基础名录”中添加。")
        self.phone = line_edit("memberPhone")
        self.id_number = line_edit("memberIdNumber", "18位公民身份号码")
        self.id_number.setMaxLength(24)  # room for stray spaces, cleaned on save
        self.id_number.editingFinished.connect(self._fill_from_id_number)
        self.address = line_edit("memberAddress")
        self.note = note_edit("memberNote", 60)
        self.photo = PhotoBox(FileFolders.of(self.database))
        editors: dict[str, QWidget] = {
            "name": self.name,
            "sex": self.sex,
            "ethnic_group": self.ethnic_group,
            "birth_date": self.birth,
            "native_place": self.native_place,
            "education": self.education,
            "party": self.party,
            "sector": self.sector,
            "employer": self.employer,
            "professional_title": self.professional_title,
            "role": self.role,
            "start_date": self.start_date,
            "committees": self.committees,
            "liaison_group": self.liaison_group,
            "phone": self.phone,
            "id_number": self.id_number,
            "address": self.address,
            "note": self.note,
        }
        self.fields = {name: FieldBox(editor) for name, editor in editors.items()}
        for name, editor in editors.items():
            clear_problem_on_edit(editor, self.fields[name])

    def _form_page(self) -> QScrollArea:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row, (left, right) in enumerate(PAIRED_ROWS):
            self._place(grid, row, 0, left, span=3 if right is None else 1)
            if right is not None:
                self._place(grid, row, 2, right, span=1)
        grid.setRowStretch(len(PAIRED_ROWS), 1)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addLayout(grid, 1)  # the fields first, so Tab reaches 选择照片 after them
        layout.insertSpacing(0, 12)
        layout.insertWidget(0, self.photo, 0, Qt.AlignmentFlag.AlignTop)  # shown at the left
        scroll = QScrollArea()
        scroll.setObjectName("memberFormScroll")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _place(
        self, grid: QGridLayout, row: int, column: int, field: tuple[str, str], span: int
    ) -> None:
        name, label_text = field
        label = QLabel(
            f"{label_text}：" if name != "name" else "姓名<span style='color:#b3261e'>*</span>："
        )
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 5, 0, 0)
        grid.addWidget(label, row, column)
        grid.addWidget(self.fields[name], row, column + 1, 1, span)

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.save_button.setObjectName("primaryButton")
        self.cancel_button = box.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("关闭" if self.member_uuid else "取消")
        self.cancel_button.setObjectName("cancelButton")
        self.reveal_button = QPushButton("显示完整号码")
        self.reveal_button.setObjectName("revealNumbers")
        self.reveal_button.setToolTip("显示完整的身份证号码和联系电话（记入审计日志）")
        self.reveal_button.clicked.connect(self.reveal_numbers)
        box.addButton(self.reveal_button, QDialogButtonBox.ButtonRole.ActionRole)
        # After addButton: the button box shows every button it is given.
        self.reveal_button.setVisible(self.numbers_masked)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        add_save_shortcut(self, self.save_button.click)
        return box

    def _show_read_only(self, owner_name: str) -> None:
        """A county's member at the city: every field to read, nothing to change or save
        (db.events would refuse the save anyway, after the clerk had typed)."""
        show_read_only((*(box.editor for box in self.fields.values()),), self.save_button, None)
        self.photo.choose_button.hide()
        self.setWindowTitle(f"委员档案（{owner_name}，只读）— {self.name.text()}")
        self.subheading.setText(
            self.subheading.text().split("\n")[0]
            + f"\n{owner_name}的委员档案，由该单位维护，市政协只能查看，不能修改。"
            "身份证号码和联系电话已遮盖；如需查看，请点“显示完整号码”（记入审计日志）。"
        )

    # --- filling and reading -------------------------------------------------

    def _fill(self, file: MemberFile | None) -> None:
        term_text = self.term.label if self.term else ""
        if file is None:
            self.setWindowTitle("新增委员")
            self.heading.setText("新增委员")
            self.subheading.setText(f"将加入{term_text}。带 * 的为必填项，其余可以以后补充。")
            self.tabs.setTabVisible(1, False)
            self.tabs.setTabVisible(2, False)
            self.role.setCurrentIndex(self.role.findData(CppccRole.MEMBER))  # not 主席
            return
        form = self._for_term(file)
        self.setWindowTitle(f"委员档案 — {form.name}")
        self.heading.setText(form.name)
        facts = [term_text, ROLE_LABELS[form.role], form.sector, form.employer]
        self.subheading.setText(
            " · ".join(f for f in facts if f)
            + "\n身份证号码和联系电话已遮盖；如需查看或修改，请点“显示完整号码”（记入审计日志）。"
        )
        self.name.setText(form.name)
        self.sex.setCurrentIndex(max(self.sex.findData(form.sex), 0))
        set_combo_text(self.ethnic_group, form.ethnic_group)
        self.birth.setText(day_text(form.birth_date, form.birth_day_known))
        self.native_place.setText(form.native_place)
        set_combo_text(self.education, form.education)
        set_combo_text(self.party, form.party)
        set_combo_text(self.sector, form.sector)
        self.employer.setText(form.employer)
        self.professional_title.setText(form.professional_title)
        self.role.setCurrentIndex(self.role.findData(form.role))
        self.start_date.setText(day_text(form.start_date))
        self.committees.set_checked(form.committees)
        set_combo_text(self.liaison_group, form.liaison_group)
        self.phone.setText(form.phone)
        self.id_number.setText(form.id_number)
        for editor in (self.phone, self.id_number):
            lock_masked_number(editor)
        self.address.setText(form.address)
        self.note.setPlainText(form.note)
        self.photo.show_photo(form.photo)
        self.memberships.show_memberships(file.memberships)

    def _for_term(self, file: MemberFile) -> MemberForm:
        """Role and start date as they are in the term being looked at."""
        seat = next(
            (m for m in file.memberships if self.term and m.term_uuid == self.term.uuid), None
        )
        self._seat = seat
        if seat is None:
            return file.form
        return replace(file.form, role=seat.role, start_date=seat.start_date)

    def _read(self) -> tuple[MemberForm, list[FieldProblem]]:
        birth = parse_day(self.birth.text(), month_is_enough=True)
        start = parse_day(self.start_date.text(), month_is_enough=False)
        problems = [
            FieldProblem(name, typed.problem)
            for name, typed in (("birth_date", birth), ("start_date", start))
            if typed.problem
        ]
        # Qt hands StrEnum data back as plain str.
        sex = self.sex.currentData()
        form = MemberForm(
            name=self.name.text(),
            sex=Sex(sex) if sex else None,
            ethnic_group=self.ethnic_group.currentText(),
            birth_date=birth.day,
            birth_day_known=birth.day_known,
            native_place=self.native_place.text(),
            education=self.education.currentText(),
            party=self.party.currentText(),
            sector=self.sector.currentText(),
            employer=self.employer.text(),
            professional_title=self.professional_title.text(),
            committees=self.committees.checked_names(),
            liaison_group=self.liaison_group.currentText(),
            phone=self.phone.text(),
            id_number=self.id_number.text(),
            address=self.address.text(),
            note=self.note.toPlainText(),
            photo=self.photo.photo,
            role=CppccRole(self.role.currentData()),
            start_date=start.day,
        )
        return clean_form(form), problems

    def _known_names(self) -> FormChoices:
        """The office's entries, plus retired ones this member already has."""
        by_field = {
            name: [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]
            for name, combo in (
                ("ethnic_group", self.ethnic_group),
                ("party", self.party),
                ("sector", self.sector),
                ("liaison_group", self.liaison_group),
            )
        }
        return FormChoices(by_field=by_field, committees=self.committees.names())

    def problems(self) -> list[FieldProblem]:
        form, problems = self._read()
        problems += self._seat_problems(form)
        if not self.numbers_masked:
            problems += phone_problems(form, self._initial.phone if self.member_uuid else None)
            return problems + form_problems(form, self._known_names())
        # The masks stand for the stored numbers, kept on saving; the service checks
        # the birth date and sex against them without showing them.
        assert self.member_uuid is not None
        found = problems_with_stored_numbers(
            self.database, self.member_uuid, form, self._known_names()
        )
        editors = {"phone": self.phone, "id_number": self.id_number}
        typed = {name for name, editor in editors.items() if not editor.isReadOnly()}
        return problems + [p for p in found if p.field not in NUMBER_FIELDS or p.field in typed]

    def _seat_problems(self, form: MemberForm) -> list[FieldProblem]:
        """A new start date within the term and not after the leaving, said under the
        field (the service refuses it too); a date stored earlier is left as it is."""
        seat = self._seat
        if self.term is None or (seat is not None and form.start_date == seat.start_date):
            return []
        span = TermSpan(self.term.first_year, self.term.last_year, self.term.label)
        if seat is None:
            return start_date_problems(span, form.start_date, MembershipStatus.ACTIVE, None)
        return start_date_problems(span, form.start_date, seat.status, seat.status_date)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        for name, box in self.fields.items():
            messages = by_field.get(name)
            box.show_problem("；".join(messages) if messages else None)
        self.summary.setText(
            f"有 {len(problems)} 处需要修改（已在对应栏目下方用红字标出），修改后再保存。"
        )
        self.summary.setVisible(bool(problems))
        if problems:
            self.tabs.setCurrentIndex(0)
            first = self.fields.get(problems[0].field)
            if first is not None:
                first.editor.setFocus()

    def _fill_from_id_number(self) -> None:
        """A valid ID number fills an empty 性别 and 出生年月; a different one is flagged."""
        number = normalise_id_number(self.id_number.text())
        male = id_says_male(number)
        if male is None:
            return
        if self.sex.currentData() is None:
            self.sex.setCurrentIndex(self.sex.findData(Sex.MALE if male else Sex.FEMALE))
        if not self.birth.text().strip():
            self.birth.setText(day_text(birth_date_in_id(number)))
        mismatch = [p for p in self.problems() if p.field in ("sex", "birth_date")]
        for name in ("sex", "birth_date"):
            messages = [p.message for p in mismatch if p.field == name]
            self.fields[name].show_problem("；".join(messages) if messages else None)

    # --- actions -------------------------------------------------------------

    def reveal_numbers(self) -> bool:
        """显示完整号码: the full numbers, editable from now on (audited by the service)."""
        assert self.member_uuid is not None
        try:
            numbers = reveal_numbers(self.database, self.member_uuid)
        except KnownError as exc:
            show_known_error(self, exc, "无法显示")
            return False
        self.id_number.setText(numbers.id_number)
        self.phone.setText(numbers.phone)
        for name in NUMBER_FIELDS:
            self.fields[name].editor.setReadOnly(self.read_only)  # type: ignore[attr-defined]
            self.fields[name].editor.setToolTip("")
        self.numbers_masked = False
        shown = self._read()[0]
        self._initial = replace(self._initial, id_number=shown.id_number, phone=shown.phone)
        self.reveal_button.setEnabled(False)
        self.reveal_button.setText("已显示完整号码")
        return True

    def accept(self) -> None:
        if self.read_only:
            return
        problems = self.problems()
        self._show_problems(problems)
        if problems:
            return
        form = self._read()[0]
        term_uuid = self.term.uuid if self.term else None
        try:
            if self.member_uuid is None:
                self.member_uuid = add_member(self.database, form, term_uuid)
            else:
                update_member(self.database, self.member_uuid, form, term_uuid)
        except KnownError as exc:
            show_known_error(self, exc, "委员档案未保存")
            return
        self.saved.emit(self.member_uuid)
        super().accept()

    def has_changes(self) -> bool:
        form, problems = self._read()
        return bool(problems) or form != self._initial

    def reject(self) -> None:
        if self.has_changes() and not confirm(
            self, "放弃修改", "档案有尚未保存的修改，确定放弃吗？", "放弃修改"
        ):
            return
        super().reject()

    def _tab_shown(self, index: int) -> None:
        # Records are read when first looked at, not every time a file opens.
        if self.tabs.widget(index) is self.records and not self._records_loaded:
            assert self.member_uuid is not None
            self.records.show_records(member_records(self.database, self.member_uuid))
            self._records_loaded = True
