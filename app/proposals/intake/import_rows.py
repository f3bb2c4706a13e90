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

from app.common.sheets.reader import (
    DataRow,
    DateProblem,
    HeaderSpec,
    RowError,
    cell_text,
    parse_date,
)
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
    for part in NAME_SEPARATORS.split(text):
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
    return tuple(names)


def read_history_line(row: DataRow, today: date) -> HistoryLine | list[RowError]:
    errors: list[RowError] = []
    number = _number(row, errors)
    title = cell_text(row.get("title")).strip()
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
    category = cell_text(row.get("category")).replace(" ", "")
    units = cell_text(row.get("units")).strip()
    result = cell_text(row.get("result")).strip()
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


def _number(row: DataRow, errors: list[RowError]) -> str:
    value = row.get("number")
    text = cell_text(value).replace(" ", "")
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
    day = parsed[0]
    if day > today:
        errors.append(row.error("submitted_on", f"{day:%Y-%m-%d} 晚于今天"))
        return None
    return day


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
