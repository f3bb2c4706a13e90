"""The roster's columns and what one spreadsheet row says about a member.

Only cells that are filled say something: an empty cell (or a column the file
does not have) leaves the member's stored value alone in update mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.common.people.idcard import id_number_of_cell, mask_phone
from app.common.sheets.month_formats import hidden_day_problem, month_format_note
from app.common.sheets.reader import (
    AmbiguousDate,
    CellValue,
    DataRow,
    DateProblem,
    HeaderSpec,
    RowError,
    cell_text,
    parse_date,
)
from app.common.sheets.values import is_day_number_text
from app.common.text import (
    clean_line,
    clean_multiline,
    clean_name,
    has_unwanted_characters,
    split_sex_note,
)
from app.members.labels import (
    MEMBERSHIP_STATUS_LABELS,
    ROLE_LABELS,
    SEX_LABELS,
    CppccRole,
    MembershipStatus,
    Sex,
)

# Order = the columns the export and the template write (first alias = header written).
ROSTER_COLUMNS: tuple[HeaderSpec, ...] = (
    HeaderSpec("roster_number", ("序号", "顺序号", "名单序号")),
    HeaderSpec("name", ("姓名",), required=True),
    HeaderSpec("sex", ("性别",)),
    HeaderSpec("ethnic_group", ("民族",)),
    HeaderSpec("birth_date", ("出生年月", "出生日期", "出生年月日")),
    HeaderSpec("native_place", ("籍贯",)),
    HeaderSpec("education", ("学历",)),
    HeaderSpec("party", ("政治面貌", "党派")),
    HeaderSpec("sector", ("界别",)),
    HeaderSpec("employer", ("工作单位及职务", "工作单位", "单位及职务", "单位", "职务"), join=""),
    HeaderSpec("professional_title", ("职称",)),
    HeaderSpec("role", ("政协职务",)),
    HeaderSpec("standing", ("是否常委", "常委")),
    HeaderSpec("committees", ("专委会", "所在专委会")),
    HeaderSpec("liaison_group", ("联络组", "活动组")),
    HeaderSpec("phone", ("联系电话", "手机", "电话", "联系方式"), join="、"),
    HeaderSpec("id_number", ("身份证号码", "身份证号", "公民身份号码")),
    HeaderSpec("address", ("通讯地址",)),
    HeaderSpec("note", ("备注",)),
    HeaderSpec("start_date", ("任职起始日期", "增补日期")),
    HeaderSpec("status", ("任职状态",)),
    HeaderSpec("status_date", ("状态变动日期", "变动日期")),
)
# The export writes 政协职务; 是否常委 is only read.
EXPORT_COLUMNS = tuple(spec for spec in ROSTER_COLUMNS if spec.field != "standing")

TEMPLATE_EXAMPLE = "示例，导入前请删除"  # the note of the template's example row
# Control characters out (the reader passes them on); where a line break means
# something (备注, a list of 专委会) it stays.
_MULTILINE_CLEANERS = {"note": clean_multiline, "committees": clean_multiline}
_SEXES = {"男": Sex.MALE, "男性": Sex.MALE, "女": Sex.FEMALE, "女性": Sex.FEMALE}
_ROLES = {label: role for role, label in ROLE_LABELS.items()} | {
    "常务委员": CppccRole.STANDING,
    "政协常委": CppccRole.STANDING,
    "政协委员": CppccRole.MEMBER,
}
_YES = {"是", "√", "✓", "✔", "☑", "Y", "y", "1", "常委", "是常委"}
_NO = {"否", "×", "✗", "N", "n", "0", "-", "—", "/", "无"}
_STATUSES = {label: status for status, label in MEMBERSHIP_STATUS_LABELS.items()}
# How rosters write the same changes: 辞职, 撤销委员资格, 病故 …
for _words, _status in (
    ("现任", MembershipStatus.ACTIVE),
    ("辞职 辞去委员 辞去委员职务", MembershipStatus.RESIGNED),
    ("撤销委员资格 撤销资格 被撤销", MembershipStatus.REVOKED),
    ("调出 已调离", MembershipStatus.TRANSFERRED),
    ("逝世 病故 病逝 已故 亡故 故去", MembershipStatus.DECEASED),
):
    _STATUSES.update(dict.fromkeys(_words.split(), _status))
_LIST_SEPARATORS = re.compile(r"[、，,;；/\n]+")
_NO_PHONE = {"无", "暂无", "-", "—", "－", "/", "／"}


@dataclass(frozen=True)
class RosterRow:
    """What one row says: only the filled cells (field -> typed value)."""

    sheet: str
    row: int
    given: dict[str, Any]
    data_row: DataRow

    def error(self, field: str | None, reason: str) -> RowError:
        return self.data_row.error(field, reason)


def read_roster_row(data_row: DataRow) -> tuple[RosterRow, list[RowError]]:
    given: dict[str, Any] = {}
    errors: list[RowError] = []
    for field, value in data_row.values.items():
        if value is None or (field == "phone" and cell_text(value) in _NO_PHONE):
            continue  # 无 / — for no phone is an empty cell: it never erases a stored one
        if isinstance(value, str) and has_unwanted_characters(value):
            value = _MULTILINE_CLEANERS.get(field, clean_line)(value)
        try:
            typed = _READERS.get(field, cell_text)(value)
        except ValueError as exc:
            errors.append(data_row.error(field, str(exc)))
            continue
        given[field] = typed  # lengths are checked with the form (FIELD_LIMITS)
    row = RosterRow(data_row.table.sheet, data_row.number, given, data_row)
    if given.get("name"):
        given["name"], noted = split_sex_note(given["name"])  # 黄杰娟（女）
        if noted is not None and given.get("sex") is None:
            given["sex"] = _SEXES[noted]  # the row's only word on it (checked against the ID)
        elif noted is not None and given["sex"] is not _SEXES[noted]:
            errors.append(
                row.error(
                    "sex",
                    f"性别“{SEX_LABELS[given['sex']]}”与姓名后注明的“（{noted}）”不一致，请核对",
                )
            )
    if not given.get("name"):
        errors.append(row.error("name", "姓名为空"))
    elif "name" in data_row.merged_from:  # a second line of the member above, not a member
        top = data_row.merged_from["name"]
        errors.append(
            row.error(
                "name",
                f"姓名与第{top}行合并在一起，每位委员只能占一行：请取消合并，把本行的内容并入"
                f"第{top}行（如两个电话写成“13800000000、0476-1234567”）",
            )
        )
    if str(given.get("note", "")).startswith(TEMPLATE_EXAMPLE):
        errors.append(row.error("note", "这是空白模板中的示例行，请删除此行后再导入"))
    return row, errors


def _roster_number(value: CellValue) -> int:
    """序号: 1, 1.0 or "001"; the office's own order of the roster (名单顺序)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = cell_text(value).rstrip(".、")
    digits = not isinstance(value, bool) and text.isascii() and text.isdigit()
    if not digits or not 0 < int(text) < 1_000_000:
        raise ValueError(f"序号“{cell_text(value)}”应为正整数（如 1、2、3）")
    return int(text)


def _name(value: CellValue) -> str:
    return clean_name(cell_text(value))  # 阿不都•热合曼 as 阿不都·热合曼


def _sex(value: CellValue) -> Sex:
    text = cell_text(value)
    if text not in _SEXES:
        raise ValueError(f"性别“{text}”无法识别，应为“男”或“女”")
    return _SEXES[text]


def _date(value: CellValue) -> tuple[date, bool]:
    try:
        parsed = parse_date(value)
    except AmbiguousDate as exc:
        return _Ambiguous(str(exc), exc.choices)  # type: ignore[return-value]
    except DateProblem as exc:
        raise ValueError(str(exc)) from None
    assert parsed is not None
    return parsed


@dataclass(frozen=True)
class _Ambiguous:
    """1975.1 stored as a number; the ID number may settle which month it is."""

    message: str
    choices: tuple[date, ...]


@dataclass(frozen=True)
class MonthOnly:
    """任职起始日期 typed to the month (2023年5月): the term's own start when the term
    began that month (roster_check settles it), else the clerk must write the day."""

    month: date  # the 1st of it
    text: str  # as the cell has it (a MonthShown keeps the day its format hides)


def _start_day(value: CellValue) -> date | MonthOnly:
    day, day_known = _day_and_known(value)
    if day_known:
        return day
    return MonthOnly(day, value if isinstance(value, str) else cell_text(value))


def _status_day(value: CellValue) -> date:
    """A leaving (辞去、去世 …) happened on a day; 2024年6月 is not silently the 1st."""
    day, day_known = _day_and_known(value)
    if not day_known:
        raise ValueError(
            hidden_day_problem(value, "状态变动日期")
            or f"状态变动日期“{cell_text(value)}”只写到月份，请写明哪一天（如 {day:%Y-%m}-12）"
            + month_format_note(value)
        )
    return day


def _day_and_known(value: CellValue) -> tuple[date, bool]:
    """A real date cell is a whole date even on the 1st, and so is a day number (45413,
    a date cell that lost its format); typed text (2023.5, 2023年5月, 202305) is a month."""
    parsed = _date(value)
    if isinstance(parsed, _Ambiguous):
        raise ValueError(parsed.message)
    day, day_known = parsed
    return day, day_known or isinstance(value, date) or _is_day_number(value)


def _is_day_number(value: CellValue) -> bool:
    if isinstance(value, str):
        return is_day_number_text(value)
    return isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 5


def _role(value: CellValue) -> CppccRole:
    text = re.sub(r"^.*政协", "", cell_text(value)) or cell_text(value)
    if text not in _ROLES:
        raise ValueError(
            f"政协职务“{cell_text(value)}”无法识别，应为 主席、副主席、秘书长、常委或委员"
        )
    return _ROLES[text]


def _standing(value: CellValue) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"是否常委“{text}”无法识别，应为“是”或“否”")


def _status(value: CellValue) -> MembershipStatus:
    text = cell_text(value)
    if text not in _STATUSES:
        raise ValueError(f"任职状态“{text}”无法识别，应为 在任、辞去、撤销、调离或去世")
    return _STATUSES[text]


def _committees(value: CellValue) -> tuple[str, ...]:
    return tuple(p.strip() for p in _LIST_SEPARATORS.split(cell_text(value)) if p.strip())


def _phone(value: CellValue) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        if _lost_its_zero(digits):
            shown = mask_phone("0" + digits)[1:]  # 477*****56: the area code, masked as lists do
            raise ValueError(
                f"联系电话被 Excel 存成了数字，区号开头的 0 已丢失（读到 {shown}）；"
                "请把该列设为文本格式后重新输入"
            )
        return digits
    return cell_text(value)


def _lost_its_zero(digits: str) -> bool:
    """A landline Excel stored as a number: 0475-8123456 as 4758123456, 0755-12345678 as
    75512345678 (eleven digits, but no mobile starts with 7), 010-12345678 as 1012345678."""
    if len(digits) in (9, 10, 11) and not digits.startswith("1"):
        return True
    return len(digits) == 10 and digits.startswith("10")


def _id_number(value: CellValue) -> str:
    """Full-width and lowercase x are fine; a number is not, unless an old 15-digit one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return id_number_of_cell(value)
    return id_number_of_cell(cell_text(value))


_READERS = {
    "roster_number": _roster_number,
    "name": _name,
    "sex": _sex,
    "birth_date": _date,
    "start_date": _start_day,
    "status_date": _status_day,
    "role": _role,
    "standing": _standing,
    "status": _status,
    "committees": _committees,
    "phone": _phone,
    "id_number": _id_number,
}


def is_ambiguous(value: object) -> bool:
    return isinstance(value, _Ambiguous)


def settle_birth(value: Any, id_birth: date | None) -> tuple[date, bool] | str:
    """An ambiguous 1975.1 settled by the ID number's birth month, else the message."""
    if not isinstance(value, _Ambiguous):
        return value
    for choice in value.choices:
        if id_birth is not None and (choice.year, choice.month) == (id_birth.year, id_birth.month):
            return choice, False
    return value.message
