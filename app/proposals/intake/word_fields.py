"""Reading a 提案表's labelled fields: labels with notes (提案人（签名）), several labels on
one line, a label and its value in one cell, checked boxes (☑经济 □政治) and names
written with their party, a number or 等3人."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.table import Table, _Cell

from app.common.text import clean_text
from app.proposals.intake.import_rows import split_names

# label (spaces, colons and notes in brackets removed) -> field
LABELS = {
    **dict.fromkeys(("案由", "题目", "标题", "提案名称", "提案题目"), "title"),
    **dict.fromkeys(("提案人", "第一提案人", "提案者", "提出人", "领衔提案人"), "proposer"),
    **dict.fromkeys(("联名人", "附议人", "联名提案人", "联名委员"), "co_signers"),
    **dict.fromkeys(("类别", "提案类别", "分类", "所属类别"), "category"),
    **dict.fromkeys(
        ("提交日期", "提交时间", "日期", "提出日期", "提案时间", "提出时间", "提案日期"), "date"
    ),
    **dict.fromkeys(("年度", "年份", "届次", "会议", "会议名称", "届次会议"), "year"),
    **dict.fromkeys(("提案内容", "内容", "正文", "主要内容"), "content"),
    **dict.fromkeys(("情况分析", "问题分析", "现状及问题", "存在问题"), "analysis"),
    **dict.fromkeys(("具体建议", "建议", "对策建议", "意见建议"), "suggestions"),
    **dict.fromkeys(("联系电话", "电话", "手机", "联系方式", "身份证号"), "personal"),
    **dict.fromkeys(("通讯地址", "联系地址", "地址", "邮编"), "personal"),
    **dict.fromkeys(("工作单位", "单位及职务", "工作单位及职务", "界别", "签名"), "other"),
}
SECTIONS = ("content", "analysis", "suggestions")
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_NOTE = re.compile(r"[（(][^（）()]{0,10}[）)]")  # （签名） (盖章) （民盟）
_HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])"
)
_LABEL_LINE = re.compile(r"^(?P<label>[^：:]{1,16})[：:](?P<value>.*)$", re.S)
# 提案人：张三　　联名人：李四 — a second label after a gap starts a new field
_NEXT_LABEL = re.compile(
    r"[\s\u3000\xa0]+(?=(?:"
    + "|".join(
        "[\\s\u3000]*".join(map(re.escape, label))
        for label in sorted(LABELS, key=len, reverse=True)
    )
    + r")[\s\u3000]*(?:[（(][^（）()]{0,10}[）)])?[\s\u3000]*[：:])"
)
_CHECKED = re.compile(r"[☑☒✔✓√■▣●◉▇]\s*([^\s□☐○◯☑☒✔✓√■▣●◉▇]+)")
_NAME_NUMBER = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.．、)）]\s*")
_NAME_TAIL = re.compile(r"(?:等(?:\d+|[一二三四五六七八九十]+)?[人位名]?)$|委员$")


def key(label: str) -> str:
    """案　　由： → 案由; 提案人（签名） → 提案人."""
    return _SPACES.sub("", _NOTE.sub("", clean_text(label))).rstrip("：:")


def label_of(text: str) -> tuple[str | None, str]:
    """案　由：关于…  → ("title", "关于…"); 一、情况分析 → ("analysis", "")."""
    match = _LABEL_LINE.match(text)
    if match:
        field = LABELS.get(key(match.group("label")))
        if field is not None:
            return field, match.group("value").strip()
    label = key(_HEADING_NUMBER.sub("", text))
    if label in LABELS and LABELS[label] in SECTIONS:
        return LABELS[label], ""
    return None, ""


def line_fields(text: str) -> list[tuple[str | None, str]]:
    """One paragraph's fields: 提案人：张三　　联名人：李四 is two."""
    parts = [p for p in _NEXT_LABEL.split(text) if p.strip()]
    found = [label_of(p.strip()) for p in parts]
    if len(parts) > 1 and all(field is not None for field, _ in found):
        return found
    return [label_of(text)]


def table_fields(table: Table) -> Iterator[tuple[str, str]]:
    """Label | value cells side by side; a label row with its value in the row below; a
    label over its value in one cell; a label merged down beside 情况分析 | 具体建议 rows."""
    pending: str | None = None
    for row in table.rows:
        cells = distinct_cells(row)
        if pending is not None and cells:
            yield pending, "\n".join(cells)
            pending = None
            continue
        i = 0
        while i < len(cells):
            field, inline = _cell_label(cells[i])
            if field is None:
                i += 1
                continue
            following = _cell_label(cells[i + 1])[0] if i + 1 < len(cells) else None
            if inline:
                yield field, inline
                i += 1
            elif field == "content" and following in ("analysis", "suggestions"):
                i += 1  # 提案内容 | 情况分析 | …: the sections below carry the text
            elif i + 1 < len(cells):
                yield field, cells[i + 1]
                i += 2
            else:
                pending = field  # the value is the next row (提案内容 over a big cell)
                i += 1


def _cell_label(text: str) -> tuple[str | None, str]:
    if not text:
        return None, ""
    if len(text) <= 16:
        field, inline = label_of(text)
        if field is None:
            field = LABELS.get(key(text))
        if field is not None:
            return field, inline
    first, _, rest = text.partition("\n")
    if rest.strip() and len(first) <= 16:
        field = LABELS.get(key(first))
        if field is not None:
            return field, rest.strip()  # 题目⏎关于…… in one cell
    return None, ""


def distinct_cells(row) -> list[str]:
    """Each cell of the row once; a cell merged down from above gives the text above.

    python-docx's row.cells repeats a cell once per grid column it spans, so a file
    saying gridSpan="2000000000" made a tuple of two billion cells (all the memory,
    then a crash of the whole batch): the cell elements are read here instead."""
    seen, texts = set(), []
    for tc in row._tr.tc_lst:
        while tc.vMerge == "continue":
            tc = tc._tc_above  # ValueError when there is no row above: a damaged file
        if id(tc) in seen:
            continue
        seen.add(id(tc))
        texts.append(_Cell(tc, row.table).text.strip())
    return texts


def names(text: str) -> tuple[str, ...]:
    """As the history import reads them (张三、李四 and 张三 李四 are two names, 王  磊 one),
    without a party in brackets, a list number or 等3人."""
    found = []
    for name in split_names(_NOTE.sub(" ", clean_text(text))):
        name = _NAME_NUMBER.sub("", name)
        bare = _NAME_TAIL.sub("", name)
        name = bare if len(bare) >= 2 else name
        if name:
            found.append(name)
    return tuple(found)


def checked_choice(text: str) -> str:
    """☑经济  □政治 → 经济; text without check boxes as it is."""
    if "□" in text or "☐" in text or _CHECKED.search(text):
        chosen = _CHECKED.findall(text)
        return chosen[0] if len(chosen) == 1 else ""
    return text


_YEAR = re.compile(
    r"((?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})\s*年(?!\s*\d{1,2}\s*月)"
)
_YEAR_ALONE = re.compile(r"^\s*((?:19|20)\d{2})\s*(?:年|年度)?\s*$")
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def stated_year(text: str) -> int | None:
    """The year a form says it belongs to: 2025年度, 二〇二五年第一次会议, 2025 → 2025;
    a date (2025年3月) is the 提交日期's business, not this."""
    found = _YEAR.search(text) or _YEAR_ALONE.match(text)
    return int(found.group(1).translate(_DIGITS)) if found else None
