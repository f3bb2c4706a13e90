"""The history spreadsheet's columns and what one row says about an earlier proposal.

Offices keep earlier years' proposals in their own spreadsheets: 年度, 提案号
(2021-015), 案由, 提案人, 联名人, 类别, 提交日期 (often typed as text), 内容,
承办单位 and 办理结果. Names are matched to members later (import.py); here a
row only becomes typed values or row errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.common.sheets.month_formats import hidden_day_problem, month_format_note
from app.common.sheets.reader import (
    DataRow,
    DateProblem,
    HeaderSpec,
    RowError,
    cell_text,
    parse_date,
)
from app.common.sheets.values import is_day_number_text
from app.common.text import clean_line, name_of_cell
from app.proposals.intake.intake import BODY_MAX, TITLE_MAX

HISTORY_COLUMNS: tuple[HeaderSpec, ...] = (
    HeaderSpec("year", ("年度", "年份")),
    HeaderSpec("number", ("提案号", "案号", "编号"), required=True),
    HeaderSpec("title", ("案由", "标题", "题目", "提案名称"), required=True),
    HeaderSpec("proposer", ("提案人", "第一提案人", "提案者"), required=True),
    HeaderSpec("co_signers", ("联名人", "附议人")),
    HeaderSpec("category", ("类别", "分类")),
    HeaderSpec("submitted_on", ("提交日期", "提交时间")),
    HeaderSpec("body", ("内容", "主要内容", "正文", "案情")),
    HeaderSpec("units", ("承办单位", "主办单位")),
    HeaderSpec("result", ("办理结果", "办理类别")),
)

NAME_SEPARATORS = re.compile(r"[、，,;；/]+")
_YEAR_IN_NUMBER = re.compile(r"^((?:19|20)\d{2})\D")
_YEAR_TEXT = re.compile(r"^((?:19|20)\d{2})年?(?:度)?$")
EARLIEST_YEAR = 1980
# A number typed with the input method in full-width mode (２０２２－００５): its digits are
# made half-width by the reader, its dash, slash and dot here, so it is the 2022-005 that
# the next import (or the list's search) writes.
_NUMBER_PUNCTUATION = str.maketrans({"－": "-", "／": "/", "．": "."})
# The stored fields' sizes (db.proposal_models): longer text is an error, never cut short.
CATEGORY_MAX, UNITS_MAX, RESULT_MAX = 50, 300, 100


@dataclass(frozen=True)
class HistoryLine:
    """One good row."""

    row: DataRow
    year: int
    number: str
    title: str
    names: tuple[str, ...]  # first proposer first, then 联名人
    category: str
    submitted_on: date | None
    body: str
    units: str
    result: str

    @property
    def key(self) -> tuple[int, str]:
        return (self.year, self.number)

    @property
    def where(self) -> str:
        return f"工作表“{self.row.table.sheet}”第{self.row.number}行"


def split_names(text: str) -> tuple[str, ...]:
    """张三、李四 and 张三 李四 are two names; 王  磊 and 李 秀 英 one, spaced out to line
    up in the table: a word of one character is no name, so a run of them is one."""
    names: list[str] = []
    for part in NAME_SEPARATORS.split(_SPACE_BEFORE_SEX_NOTE.sub("", text)):
        spaced: list[str] = []
        for word in [*part.split(), ""]:  # "" ends the last run
            if len(word) == 1:
                spaced.append(word)
                continue
            if spaced:
                names.append("".join(spaced))
                spaced = []
            if word:
                names.append(word)
    return tuple(
        name_of_cell(name) for name in names
    )  # 黄杰娟（女） is 黄杰娟, as the roster reads it


# 黄杰娟 （女）: the note belongs to the name before it, not a name of its own.
_SPACE_BEFORE_SEX_NOTE = re.compile(r"\s+(?=[（(][男女]性?[）)])")


def read_history_line(row: DataRow, today: date) -> HistoryLine | list[RowError]:
    errors: list[RowError] = []
    number = _number(row, errors)
    title = _line(row, "title")  # Alt+Enter in a title cell: one line, as the form keeps it
    if not title:
        errors.append(row.error("title", "案由为空"))
    elif len(title) > TITLE_MAX:
        errors.append(row.error("title", f"案由过长（{len(title)}字，不超过{TITLE_MAX}字）"))
    names = split_names(cell_text(row.get("proposer"))) + split_names(
        cell_text(row.get("co_signers"))
    )
    if not cell_text(row.get("proposer")).strip():
        errors.append(row.error("proposer", "提案人为空"))
    elif any(len(n) > 50 for n in names):
        errors.append(row.error("proposer", "提案人姓名过长（每个不超过50字，多人请用顿号分隔）"))
    submitted_on = _date(row, today, errors)
    year = _year(row, number, submitted_on, today, errors)
    # A year's proposals are handed in that year or, before an early plenary, late in the
    # year before: 年度 2021 beside 2023-01-06 is a typo in one of the two.
    if year is not None and submitted_on is not None and not 0 <= year - submitted_on.year <= 1:
        errors.append(
            row.error(
                "submitted_on",
                f"提交日期 {submitted_on:%Y-%m-%d} 与年度 {year} 不符，"
                "请核对年度（或提案号中的年份）和提交日期",
            )
        )
    category = _line(row, "category").replace(" ", "")
    units = _line(row, "units")
    result = _line(row, "result")
    body = cell_text(row.get("body")).strip()
    for field, text, limit in (
        ("body", body, BODY_MAX),  # the limit the intake form keeps
        ("category", category, CATEGORY_MAX),
        ("units", units, UNITS_MAX),
        ("result", result, RESULT_MAX),
    ):
        if len(text) > limit:
            header = row.table.columns_of(field)[0].header
            errors.append(row.error(field, f"{header}过长（{len(text)}字，不超过{limit}字）"))
    if errors:
        return errors
    assert year is not None
    return HistoryLine(
        row=row,
        year=year,
        number=number,
        title=title,
        names=names,
        category=category,
        submitted_on=submitted_on,
        body=body,
        units=units,
        result=result,
    )


def _line(row: DataRow, field: str) -> str:
    return clean_line(cell_text(row.get(field)))


def _number(row: DataRow, errors: list[RowError]) -> str:
    text = _line(row, "number").replace(" ", "").translate(_NUMBER_PUNCTUATION)
    if not text:
        errors.append(row.error("number", "提案号为空"))
    elif len(text) > 60:
        errors.append(row.error("number", "提案号过长（不超过60字）"))
    return text


def _date(row: DataRow, today: date, errors: list[RowError]) -> date | None:
    value = row.get("submitted_on")
    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except DateProblem as exc:
        errors.append(row.error("submitted_on", str(exc)))
        return None
    assert parsed is not None
    day, day_known = parsed
    if not day_known and _typed_without_day(value):  # 2022年1月 is no day to count from
        errors.append(
            row.error(
                "submitted_on",
                hidden_day_problem(value)
                or f"“{cell_text(value)}”没有写到日，"
                f"请写到哪一天（如 {day.year}年{day.month}月6日）；"
                f"不知道哪一天的请留空{month_format_note(value)}",
            )
        )
        return None
    if day > today:
        errors.append(row.error("submitted_on", f"{day:%Y-%m-%d} 晚于今天"))
        return None
    return day


def _typed_without_day(value: object) -> bool:
    """Typed text or a number (2022.1, 202201) without the day, not a date cell or an
    Excel day number (44562), which name a day even when it is the 1st."""
    if isinstance(value, date):
        return False
    if isinstance(value, str):
        return not is_day_number_text(value)
    return not (isinstance(value, int | float) and 10_000 <= value < 100_000)


def _year(
    row: DataRow, number: str, submitted_on: date | None, today: date, errors: list[RowError]
) -> int | None:
    value = row.get("year")
    if value is not None:
        text = cell_text(value).replace(" ", "")
        match = _YEAR_TEXT.match(text)
        if match is None:
            shown = text if len(text) <= 12 else text[:12] + "…"  # 1e300 has 301 digits
            errors.append(row.error("year", f"年度“{shown}”无法识别（应写成 2021）"))
            return None
        year = int(match.group(1))
    elif (match := _YEAR_IN_NUMBER.match(number)) is not None:
        year = int(match.group(1))
    elif submitted_on is not None:
        year = submitted_on.year
    else:
        errors.append(row.error("year", "无法确定年度：请填写“年度”列或提交日期"))
        return None
    if not EARLIEST_YEAR <= year <= today.year:
        errors.append(row.error("year", f"年度 {year} 不合理"))
        return None
    return year
