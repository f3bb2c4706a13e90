"""What the reader found in a file as a whole, and what the clerk must be told of it.

Hidden sheets, hidden rows and hidden columns, columns left out, sheets whose header
lacks a required column: each said once, in Chinese, before anything is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.common.sheets.problem_groups import rows_text

if TYPE_CHECKING:
    from app.common.sheets.reader import DataRow, SheetTable


@dataclass(frozen=True)
class HiddenTable:
    """A hidden sheet with a table: left out unless the caller asked for hidden sheets."""

    sheet: str
    rows: int  # its data rows
    included: bool


@dataclass(frozen=True)
class HeaderMiss:
    """A sheet whose header row lacks a required column: its rows were left out."""

    sheet: str
    row: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class SheetData:
    tables: tuple[SheetTable, ...]
    rows: tuple[DataRow, ...]
    skipped_sheets: tuple[str, ...]  # sheets without a recognisable header row
    hidden_tables: tuple[HiddenTable, ...] = ()
    # Visible sheets left out that have a header but for a required column: 人员 for 姓名.
    header_misses: tuple[HeaderMiss, ...] = ()
    # Data rows hidden in Excel (by hand or by a filter), read all the same: sheet, rows.
    hidden_rows: tuple[tuple[str, tuple[int, ...]], ...] = ()
    # Columns hidden in Excel that hold data the import reads: sheet, (header, letter).
    hidden_columns: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def notes(self) -> tuple[str, ...]:
        """Everything the clerk must know about the file as a whole, before importing."""
        found = [
            self.hidden_warning(),
            self.hidden_rows_warning(),
            self.hidden_columns_warning(),
            self.unread_warning(),
            self.header_miss_warning(),
        ]
        return tuple(note for note in found if note)

    def hidden_rows_warning(self) -> str:
        """Rows the clerk does not see in Excel but the import reads; "" when none."""
        return "".join(
            f"工作表“{sheet}”的{rows_text(rows)}在 Excel 中是隐藏的（或被筛选隐藏），"
            "也一并读取了；如这些行不应导入，请在 Excel 中删除后重新检查。"
            for sheet, rows in self.hidden_rows
        )

    def hidden_columns_warning(self) -> str:
        """Columns the clerk does not see in Excel but the import reads; "" when none."""
        return "".join(
            f"工作表“{sheet}”的{'、'.join(f'“{h}”列（{c}列）' for h, c in columns)}"
            "在 Excel 中是隐藏的，其中的内容也一并读取了；请在 Excel 中取消隐藏"
            f"{'这些列' if len(columns) > 1 else '该列'}，核对无误后再导入。"
            for sheet, columns in self.hidden_columns
        )

    def header_miss_warning(self) -> str:
        """Sheets left out whose header lacks a column; "" when there are none."""
        return "".join(
            f"工作表“{miss.sheet}”第{miss.row}行像是表头，但没有“{'”“'.join(miss.missing)}”列，"
            "该工作表未导入。如需导入，请在表头中加上该列（列名可参照空白模板）后重新检查。"
            for miss in self.header_misses
        )

    def hidden_warning(self) -> str:
        """What the clerk must know about hidden sheets; "" when there are none."""
        left = [h for h in self.hidden_tables if not h.included]
        taken = [h for h in self.hidden_tables if h.included]
        parts = []
        if left:
            these = "这些工作表" if len(left) > 1 else "该工作表"
            parts.append(
                f"隐藏的工作表{sheet_list(left)}中也有数据，本次未导入。"
                f"如需导入，请在 Excel 或 WPS 中取消隐藏{these}，保存后重新检查。"
            )
        if taken:
            parts.append(f"已按要求一并读取隐藏的工作表{sheet_list(taken)}。")
        return "".join(parts)

    def unread_warning(self) -> str:
        """The columns left out, sheet by sheet; "" when every column is read."""
        return "".join(
            f"工作表“{table.sheet}”中的{'、'.join(f'{h}（{c}列）' for h, c in table.unread)}"
            "不是可导入的内容，未导入。"
            for table in self.tables
            if table.unread
        )


def sheet_list(tables: list[HiddenTable]) -> str:
    return "、".join(f"“{h.sheet}”（{h.rows} 行）" for h in tables)
