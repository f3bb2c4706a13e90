"""Members for the member-screen tests, stored through the real service."""

from __future__ import annotations

from datetime import date

from app.common.people.idcard import check_digit
from app.common.storage import Database
from app.members.labels import CppccRole, Sex
from app.members.member_files import MemberForm, MemberRow, add_member


def id_number(birth: date, serial: int, region: str = "150523") -> str:
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    return first17 + check_digit(first17)


def row(name: str = "张伟", **changes: object) -> MemberRow:
    """A list row without a database, for model tests."""
    from app.members.labels import MembershipStatus

    values: dict[str, object] = {
        "uuid": f"uuid-{name}",
        "name": name,
        "sex": "男",
        "ethnic_group": "汉族",
        "birth_text": "1975.03",
        "party": "群众",
        "sector": "经济界",
        "employer": "示范县通达物流有限公司总经理",
        "committees": ("经济委员会",),
        "liaison_group": "",
        "role": CppccRole.MEMBER,
        "status": MembershipStatus.ACTIVE,
        "status_date": None,
        "start_date": None,
        "term_numbers": (10,),
        "phone_masked": "139****1234",
        "id_masked": "150523********1234",
    }
    values.update(changes)
    return MemberRow(**values)  # type: ignore[arg-type]


# name, sex, birth, sector, employer, role, committees, phone
ROSTER = (
    ("王建国", Sex.MALE, date(1968, 5, 12), "中共", "县人民医院院长", CppccRole.VICE_CHAIR,
     ("教科卫体委员会",), "13904751234"),
    ("李秀英", Sex.FEMALE, date(1975, 3, 1), "民盟", "县第一中学副校长", CppccRole.STANDING,
     ("教科卫体委员会", "提案委员会"), "13847512345"),
    ("张伟", Sex.MALE, date(1980, 11, 3), "经济界", "示范县通达物流有限公司总经理",
     CppccRole.MEMBER, ("经济委员会",), "0475-5212345"),
    ("刘芳", Sex.FEMALE, date(1972, 8, 20), "医药卫生界", "县中医院主任医师", CppccRole.MEMBER,
     ("社会和法制委员会",), "15247501122"),
    ("陈志强", Sex.MALE, date(1965, 1, 9), "民建", "县工商联副主席", CppccRole.STANDING,
     ("经济委员会",), "13500475566"),
)  # fmt: skip


def add_roster(database: Database, term_uuid: str | None = None) -> dict[str, str]:
    """The five members above; returns name → uuid."""
    made = {}
    for serial, (name, sex, birth, sector, employer, role, committees, phone) in enumerate(
        ROSTER, start=101
    ):
        form = MemberForm(
            name=name,
            sex=sex,
            ethnic_group="汉族",
            birth_date=birth,
            birth_day_known=True,
            party="群众",
            sector=sector,
            employer=employer,
            role=role,
            committees=committees,
            phone=phone,
            id_number=id_number(birth, serial),
            native_place="内蒙古通辽",
            address="示范县城关镇建设路1号",
        )
        made[name] = add_member(database, form, term_uuid)
    return made


def click(qtbot, widget) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def problem_of(dialog, field: str) -> str:
    """The problem said under a field of the member file ("" when none shows)."""
    label = dialog.fields[field].problem
    return label.text() if label.isVisible() else ""
