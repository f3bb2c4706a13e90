"""A real-looking five-year history spreadsheet, as a county office keeps it.

Title rows above the table, the 年度 column merged down each year, dates typed
as text in three ways (and some real date cells), numbers like 2021-015, former
members and party branches as proposers, a footnote under the table.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HEADERS = (
    "年度", "提案号", "案由", "提案人", "联名人", "类别", "提交日期", "主要内容", "承办单位",
    "办理结果",
)  # fmt: skip
TOPICS = (
    ("关于加强农村学校校舍安全管理的建议", "社会", "县教育和体育局", "A"),
    ("关于推进老旧小区改造的建议", "社会", "县住房和城乡建设局", "B"),
    ("关于加快农村公路养护体系建设的建议", "经济", "县交通运输局", "A"),
    ("关于完善基层医疗卫生服务的建议", "社会", "县卫生健康委员会", "C"),
    ("关于加大财政支持乡村振兴力度的建议", "经济", "县财政局", "B"),
    ("关于保护和利用历史文化街区的建议", "文化", "县文化旅游体育局", "A"),
    ("关于加强黄河流域生态保护的建议", "生态文明", "县生态环境分局", "C"),
    ("关于规范城区停车秩序的建议", "法治和民生", "县城市管理综合执法局", "A"),
)
PROPOSERS = (
    ("张三", ""),
    ("李四", "王五、赵六"),
    ("钱老", ""),  # a former member, not on today's roster
    ("民盟示范县支部", ""),
    ("王五", "张三"),
    ("孙前委员", "李四"),  # another former member
)
YEARS = (2021, 2022, 2023, 2024, 2025)
PER_YEAR = 8


def typed_date(year: int, n: int) -> object:
    day = date(year, 2 + n % 2, 20 + n % 8)
    return (
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}-{day.month:02d}-{day.day:02d}",
        day,  # a real date cell
    )[n % 4]


def history_rows() -> list[tuple[object, ...]]:
    rows = []
    for year in YEARS:
        for n in range(PER_YEAR):
            title, category, unit, result = TOPICS[(n + year) % len(TOPICS)]
            proposer, co_signers = PROPOSERS[(n + year) % len(PROPOSERS)]
            rows.append(
                (
                    year,
                    f"{year}-{n * 7 + 1:03d}",
                    title if year == 2021 else f"{title}（{year}）",
                    proposer,
                    co_signers,
                    category,
                    typed_date(year, n),
                    "情况分析：……\n具体建议：一是……二是……",
                    unit,
                    result,
                )
            )
    return rows


def write_history(path: Path, rows: list[tuple[object, ...]] | None = None) -> Path:
    rows = history_rows() if rows is None else rows
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "历年提案"
    sheet.append(["示范县政协历年提案及办理情况汇总表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["（2021—2025年）　　制表：提案委员会"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    sheet.append(list(HEADERS))
    first_data = sheet.max_row + 1
    for row in rows:
        sheet.append(list(row))
    # The 年度 column merged down each year: only the top cell holds the year.
    start = first_data
    while start < first_data + len(rows):
        year = sheet.cell(start, 1).value
        end = start
        while end + 1 < first_data + len(rows) and sheet.cell(end + 1, 1).value == year:
            end += 1
        for r in range(start + 1, end + 1):
            sheet.cell(r, 1).value = None
        if end > start:
            sheet.merge_cells(start_row=start, start_column=1, end_row=end, end_column=1)
        start = end + 1
    sheet.append([])
    sheet.append(["注：办理结果 A 为已解决或采纳，B 为正在解决或列入计划，C 为留作参考。"])
    book.save(path)
    return path


def add_hidden_year(path: Path, title: str) -> Path:
    """A hidden sheet of one earlier proposal added to the workbook at `path`."""
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet(title)
    hidden.sheet_state = "hidden"
    hidden.append(["年度", "提案号", "案由", "提案人"])
    hidden.append([2020, "2020-001", "关于某事的建议", "张三"])
    book.save(path)
    return path
