"""The duty-record spreadsheet's columns and what one row says.

One row is one member's part in one record: 姓名 (and 身份证号码 where two
members share a name), 日期, 类别, 名称 and 情况. Rows with the same 类别,
名称 and 日期 are one record: the attendance list of a meeting, or the
co-submitters of a 社情民意 item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from app.common.people.idcard import id_number_of_cell, id_number_problem
from app.common.sheets.month_formats import hidden_day_problem, month_format_note
from app.common.sheets.reader import (
    DataRow,
    DateProblem,
    HeaderSpec,
    RowError,
    cell_text,
    parse_date,
)
from app.common.sheets.values import UnreadableDate, is_day_number_text
from app.common.text import clean_line, day_text, has_unwanted_characters, name_of_cell
from app.records.labels import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    ActivityKind,
    AttendanceStatus,
    WorkKind,
)
from app.records.record_rules import EARLIEST_DAY, TITLE_MAX


def _headers(names: str) -> tuple[str, ...]:
    return tuple(names.split())


# The headers offices give these columns; the first is what the template writes. A
# meeting's list says 会议名称 and 会议时间, an activity log 活动名称 and 活动时间, a
# 社情民意 register 信息标题 and 报送时间: all are read the same way.
RECORD_COLUMNS: tuple[HeaderSpec, ...] = (
    HeaderSpec(
        "name",
        _headers("姓名 委员姓名 委员 参加人员 参会人员 出席人员 报送人 作者 人员姓名"),
        required=True,
    ),
    HeaderSpec("id_number", ("身份证号码", "身份证号", "公民身份号码")),
    HeaderSpec(
        "day",
        _headers(
            "日期 时间 活动日期 报送日期 会议时间 会议日期 活动时间 举办时间 召开时间 报送时间 "
            "提交日期 提交时间 发言日期 视察时间 调研时间"
        ),
        required=True,
    ),
    HeaderSpec(
        "category",
        _headers("类别 类型 活动类别 履职类别 活动类型 会议类别 会议类型 履职类型 履职事项"),
        required=True,
    ),
    HeaderSpec(
        "title",
        _headers(
            "名称 活动名称 标题 题目 会议名称 活动主题 会议主题 信息标题 材料名称 报告题目 "
            "报告名称 发言题目"
        ),
        required=True,
    ),
    HeaderSpec(
        "outcome",
        _headers(
            "情况 出席情况 采用情况 办理情况 参加情况 参会情况 出勤情况 到会情况 是否出席 签到情况"
        ),
    ),
)

SOCIAL_INFO = "社情民意"
DAY_HINT = "（请写到日，例如 2025-03-12、2025.3.12 或 2025年3月12日）"


@dataclass(frozen=True)
class Category:
    """What a 类别 cell names: an activity kind, 社情民意, or a kind of member work."""

    label: str
    activity: ActivityKind | None = None
    work: WorkKind | None = None

    @property
    def is_social_info(self) -> bool:
        return self.activity is None and self.work is None


CATEGORIES: dict[str, Category] = {
    **{label: Category(label, activity=kind) for kind, label in ACTIVITY_KIND_LABELS.items()},
    "常委会": Category("常委会会议", activity=ActivityKind.STANDING_MEETING),
    "协商会议": Category("协商会", activity=ActivityKind.CONSULTATION),
    SOCIAL_INFO: Category(SOCIAL_INFO),
    "社情民意信息": Category(SOCIAL_INFO),
    "大会发言": Category("大会发言", work=WorkKind.PLENARY_SPEECH),
    "调研视察报告": Category("调研视察报告", work=WorkKind.RESEARCH_REPORT),
    "调研报告": Category("调研视察报告", work=WorkKind.RESEARCH_REPORT),
    "视察报告": Category("调研视察报告", work=WorkKind.RESEARCH_REPORT),
}
# What offices write for the same kinds (常委会议, 视察活动, 学习培训 …): read as the kind.
_CATEGORY_ALIASES = {
    ActivityKind.PLENARY: "全会 全委会 全委会议 政协全会 政协全体会议 委员会全体会议",
    ActivityKind.STANDING_MEETING: "常委会议 常委会全体会议 常务委员会会议 常务委员会",
    ActivityKind.CONSULTATION: "专题协商会 协商座谈会 专题协商 协商议政会 对口协商会 界别协商会",
    ActivityKind.INSPECTION: "视察活动 专题视察 集中视察",
    ActivityKind.RESEARCH: "调研活动 专题调研 调查研究",
    ActivityKind.TRAINING: "学习培训 委员培训 培训班 履职培训",
    ActivityKind.MEMBER_ACTIVITY: "委员活动日 界别活动 联络组活动",
}
for _kind, _aliases in _CATEGORY_ALIASES.items():
    for _alias in _aliases.split():
        CATEGORIES.setdefault(_alias, CATEGORIES[ACTIVITY_KIND_LABELS[_kind]])
CATEGORY_HINT = "、".join([*ACTIVITY_KIND_LABELS.values(), SOCIAL_INFO, "大会发言", "调研视察报告"])
ATTENDANCE_WORDS = {label: status for status, label in ATTENDANCE_LABELS.items()} | {
    "参加": AttendanceStatus.PRESENT,
    "到会": AttendanceStatus.PRESENT,
    "未到": AttendanceStatus.ABSENT,
    # Under 是否出席 or 签到情况: ticks and yes/no.
    "是": AttendanceStatus.PRESENT,
    "到": AttendanceStatus.PRESENT,
    "√": AttendanceStatus.PRESENT,
    "✓": AttendanceStatus.PRESENT,
    "否": AttendanceStatus.ABSENT,
    "×": AttendanceStatus.ABSENT,
    "假": AttendanceStatus.LEAVE,
}
# How attendance registers say the same three things (因公请假, 病假, 未参加 …).
for _words, _status in (
    ("已参加 已出席 参会 出勤 签到 已签到 已到", AttendanceStatus.PRESENT),
    (
        "因公请假 因事请假 因病请假 请公假 请事假 请病假 公假 事假 病假 婚假 产假 丧假",
        AttendanceStatus.LEAVE,
    ),
    ("未参加 未出席 未到会 未参会 无故缺席 缺会 缺勤 未请假", AttendanceStatus.ABSENT),
):
    ATTENDANCE_WORDS.update(dict.fromkeys(_words.split(), _status))
# A note in brackets after the word: 请假（出差）, 缺席(无故).
_BRACKET_NOTE = re.compile(r"[（(][^（()）]*[)）]$")
_OUTCOME_WORDS = {
    "采用": "adopted",
    "已采用": "adopted",
    "批示": "instructed",
    "领导批示": "instructed",
}
_NOT_ADOPTED = {"未采用", "否", "无", "-", "—", "/"}
_SEPARATORS = re.compile(r"[、，,;；/\s和及+]+")


# Several members in one cell (李秀英、张伟: co-submitters of one 社情民意 item).
_NAME_SEPARATORS = re.compile(r"[、，,；;]+")


@dataclass(frozen=True)
class RecordLine:
    """One good row: one member's part in one record."""

    row: DataRow
    name: str
    id_number: str
    day: date
    category: Category
    title: str
    status: AttendanceStatus | None = None  # meetings
    adopted: bool = False  # 社情民意
    instructed: bool = False
    # The 姓名 cell's words when spaces may part several members (张建国 李秀英) rather
    # than pad one name (王  磊): the import takes them apart if no member has the whole.
    words: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, date]:
        return (self.category.label, self.title, self.day)


def read_line(row: DataRow, today: date) -> RecordLine | list[RowError]:
    """The row as a RecordLine, or every problem with it."""
    errors: list[RowError] = []
    spaced = _text(row, "name")
    name = name_of_cell(spaced)  # 乌力吉•巴雅尔 as the roster writes it: 乌力吉·巴雅尔
    if not name:
        errors.append(row.error("name", "姓名为空"))
    id_number = _id_number(row, errors)
    day = _day(row, today, errors)
    category = _category(row, errors)
    title = _text(row, "title")
    if not title:
        errors.append(row.error("title", "名称为空"))
    elif len(title) > TITLE_MAX:
        errors.append(row.error("title", f"名称过长（不超过{TITLE_MAX}字）"))
    status, adopted, instructed = _outcome(row, category, errors)
    if errors:
        return errors
    assert day is not None and category is not None
    words = tuple(name_of_cell(word) for word in spaced.split())
    if len(words) < 2 or min(len(w) for w in words) < 2:
        words = ()
    return RecordLine(
        row, name, id_number, day, category, title, status, adopted, instructed, words
    )


def read_lines(row: DataRow, today: date) -> list[RecordLine] | list[RowError]:
    """The row's lines, one per member named in its 姓名 cell, or every problem with it."""
    line = read_line(row, today)
    if isinstance(line, list):
        return line
    # 李秀英（女）、张伟（男）: each name's own note left out.
    names = [name_of_cell(name) for name in _NAME_SEPARATORS.split(line.name) if name]
    if len(names) < 2:
        return [line]
    if line.id_number:
        return [row.error("id_number", "一个身份证号码只对应一位委员：几位委员请各写一行")]
    return [replace(line, name=name, words=()) for name in names]


def _id_number(row: DataRow, errors: list[RowError]) -> str:
    value = row.get("id_number")
    try:  # a number Excel rounded is said as such, not as a wrong check digit
        number = id_number_of_cell(
            value if isinstance(value, int | float) else _text(row, "id_number")
        )
    except ValueError as exc:
        errors.append(row.error("id_number", str(exc)))
        return ""
    if number and (problem := id_number_problem(number)):
        errors.append(row.error("id_number", f"身份证号码{problem}"))
    return number


def _text(row: DataRow, field: str) -> str:
    """The cell's text on one line, control characters out (the reader passes them on)."""
    text = cell_text(row.get(field))
    return clean_line(text) if has_unwanted_characters(text) else text


def _day(row: DataRow, today: date, errors: list[RowError]) -> date | None:
    value = row.get("day")
    if value is None:
        errors.append(row.error("day", "日期为空"))
        return None
    try:
        parsed = parse_date(value)
    except UnreadableDate as exc:  # the hint of the forms with the day, not a month's
        errors.append(row.error("day", f"“{exc.text}”{exc.what}{DAY_HINT}"))
        return None
    except DateProblem as exc:
        errors.append(row.error("day", str(exc)))
        return None
    assert parsed is not None
    day, day_known = parsed
    # A real date cell is a whole date even on the 1st, and so is a day number (45717, a
    # date cell that lost its format); typed text (2025.3, 202503) must name the day.
    if not day_known and not isinstance(value, date | datetime) and not _day_number(value):
        errors.append(
            row.error(
                "day",
                hidden_day_problem(value)
                or f"“{cell_text(value)}”没有写到日，请写成 2025-03-12{month_format_note(value)}",
            )
        )
        return None
    if day > today:
        errors.append(row.error("day", f"{day_text(day)} 晚于今天，履职记录只登记已发生的事"))
        return None
    if day < EARLIEST_DAY:
        errors.append(row.error("day", f"{day_text(day)} 不合理"))
        return None
    return day


def _day_number(value: object) -> bool:
    """Excel's day numbers that parse_date reads as dates have five digits (also as text)."""
    if isinstance(value, str):
        return is_day_number_text(value)
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value >= 10_000
        and value < 100_000
    )


def _category(row: DataRow, errors: list[RowError]) -> Category | None:
    text = _text(row, "category").replace(" ", "")
    if not text:
        errors.append(row.error("category", f"类别为空（应为{CATEGORY_HINT}之一）"))
        return None
    category = CATEGORIES.get(text)
    if category is None:
        errors.append(row.error("category", f"类别“{text}”无法识别（应为{CATEGORY_HINT}之一）"))
    return category


def _outcome(
    row: DataRow, category: Category | None, errors: list[RowError]
) -> tuple[AttendanceStatus | None, bool, bool]:
    text = _text(row, "outcome").replace(" ", "")
    if category is None or category.work is not None:
        return None, False, False  # speeches and reports have no 情况
    if category.activity is not None:
        status = ATTENDANCE_WORDS.get(text) or ATTENDANCE_WORDS.get(_BRACKET_NOTE.sub("", text))
        if status is None:
            reason = f"“{text}”不是出席情况" if text else "会议活动须填写出席情况"
            errors.append(row.error("outcome", f"{reason}（应为出席、请假或缺席）"))
        return status, False, False
    if not text or text in _NOT_ADOPTED:
        return None, False, False
    words = {_OUTCOME_WORDS.get(w) for w in _SEPARATORS.split(text) if w}
    if None in words:
        errors.append(
            row.error("outcome", f"“{text}”无法识别（社情民意应填采用、批示、采用、批示，或留空）")
        )
        return None, False, False
    return None, "adopted" in words, "instructed" in words
