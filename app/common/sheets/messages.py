"""The Chinese messages for files that cannot be read, one for each way they fail."""

from __future__ import annotations

from pathlib import Path

from app.common.errors import KnownError
from app.common.sheets.guards import (
    MAX_FILE_BYTES,
    MAX_SHEET_CELLS,
    Damaged,
    Encrypted,
    SheetFileProblem,
    TooBig,
    Unsafe,
    Unsupported,
)

KINDS = ".xlsx、.xls 或 .ods"
_UNCHANGED = "本次未作任何改动。"
_RESAVE = "请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（.xlsx）后再导入。" + _UNCHANGED


def for_problem(path: Path, problem: SheetFileProblem) -> KnownError:
    if isinstance(problem, Unsafe):
        return KnownError(
            f"“{path.name}”中含有正常表格不会有的 XML 声明，为安全起见不予读取。",
            "请在 Excel 或 WPS 中打开后另存为新的文件，再导入。" + _UNCHANGED,
        )
    if isinstance(problem, TooBig):
        return too_big(path, problem)
    if isinstance(problem, Encrypted):
        return encrypted(path)
    if isinstance(problem, Unsupported):
        return unsupported(path, problem.kind)
    assert isinstance(problem, Damaged)
    return damaged(path)


def damaged(path: Path) -> KnownError:
    if path.name.startswith("~$"):  # Excel's and WPS's owner file beside an open workbook
        return KnownError(
            f"“{path.name}”是 Excel 或 WPS 打开“{path.name[2:]}”时自动生成的临时文件，"
            "不是表格本身。",
            f"请选择同一文件夹中的“{path.name[2:]}”（名字前没有 ~$）。" + _UNCHANGED,
        )
    return KnownError(
        f"无法读取“{path.name}”：文件已损坏（可能未完整复制），或不是 Excel、WPS 表格文件。",
        "请在 Excel 或 WPS 中打开该文件：能打开的，保存一次后再导入；打不开的，"
        "请向发来文件的人重新索取。" + _UNCHANGED,
    )


def encrypted(path: Path) -> KnownError:
    return KnownError(
        f"“{path.name}”设置了打开密码，程序无法读取。",
        "请在 Excel 或 WPS 中打开，取消打开密码后保存，再导入。" + _UNCHANGED,
    )


def not_readable(path: Path) -> KnownError:
    return KnownError(
        f"没有权限读取“{path.name}”。",
        "请把文件复制到“桌面”或“文档”文件夹，再从那里导入。" + _UNCHANGED,
    )


def not_a_file(path: Path) -> KnownError:
    return KnownError(
        f"“{path.name}”不是保存在磁盘上的普通文件（可能是设备或管道），无法作为表格读取。",
        f"请选择填好的表格文件（{KINDS}）。" + _UNCHANGED,
    )


def too_big(path: Path, problem: TooBig | None = None) -> KnownError:
    if problem is None:
        what = (
            f"“{path.name}”过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像是一份登记表格。"
        )
    elif problem.what == "cells" and problem.corner:
        return KnownError(
            f"“{path.name}”的工作表“{problem.sheet}”数据范围过大：一直到 {problem.corner} 单元格"
            f"（超过 {MAX_SHEET_CELLS // 10_000} 万个单元格），不像是一份登记表格。",
            f"如果文件没有选错：{problem.corner} 一带的单元格看起来可能是空的，只是设了格式。"
            "请在 Excel 或 WPS 中选中表格下方（和右侧）多余的整行、整列，右键“删除”"
            "（按 Delete 键只清除内容，格式还在），保存后再导入。" + _UNCHANGED,
        )
    elif problem.what == "cells":
        what = (
            f"“{path.name}”的工作表“{problem.sheet}”数据范围过大"
            f"（超过 {MAX_SHEET_CELLS // 10_000} 万个单元格），不像是一份登记表格。"
        )
    elif problem.what == "merges":
        what = f"“{path.name}”的工作表“{problem.sheet}”中合并单元格过多，不像是一份登记表格。"
    else:
        what = f"“{path.name}”解压后过大，不像是一份登记表格。"
    return KnownError(
        what,
        "请检查选择的文件是否正确；如果是，请检查表格下方或右侧很远的地方是否误填了内容，"
        "删除后保存再导入。" + _UNCHANGED,
    )


def unsupported(path: Path, kind: str) -> KnownError:
    if kind == "压缩包（.zip）":
        return KnownError(
            f"“{path.name}”是压缩包（.zip），不是表格。",
            f"请先解压，再选择其中的 Excel 或 WPS 表格文件（{KINDS}）。",
        )
    if kind in ("Word 文档", "PDF 文件", "PowerPoint 演示文稿"):
        return KnownError(
            f"“{path.name}”是{kind}，不是表格。", f"请选择 Excel 或 WPS 表格文件（{KINDS}）。"
        )
    return KnownError(f"“{path.name}”其实是{kind}，不是本程序能读取的 Excel 文件。", _RESAVE)


def not_a_spreadsheet(path: Path, content: bytes) -> KnownError:
    """Neither a zip nor an OLE file: say what it is when it is something offices send."""
    head = content[:4096]
    sample = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n").lower()
    if head.startswith(b"%PDF"):
        return unsupported(path, "PDF 文件")
    if sample.startswith((b"<!doctype html", b"<html", b"mime-version")) or b"<table" in sample:
        # "xls" saved as a web page by WPS, Excel ("单个文件网页") or an online system
        return unsupported(path, "网页（HTML）格式的表格")
    if sample.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return unsupported(path, "Excel 2003 XML 格式的表格")
    if _is_text(head):
        return unsupported(path, "文本（CSV）格式的表格")
    return damaged(path)


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the 4 KB sample
                return True
            continue
        return True
    return False


def unresolved_formulas(path: Path, sheet: str, cells: list[str], count: int) -> KnownError:
    more = f"等 {count} 个单元格" if count > len(cells) else "单元格"
    return KnownError(
        f"“{path.name}”工作表“{sheet}”中的 {'、'.join(cells)} {more}是公式，"
        "但文件里没有保存公式的计算结果（文件可能是由其他程序生成、还没在 Excel 中打开过）。",
        "请在 Excel 或 WPS 中打开该文件，保存一次后再导入。" + _UNCHANGED,
    )


def blank(path: Path) -> KnownError:
    return KnownError(
        f"“{path.name}”中的工作表都是空的，没有任何内容。",
        "请确认选择的是填好的表格文件（如刚在 Excel 或 WPS 中填写，请先保存）。" + _UNCHANGED,
    )


def error_cells(path: Path, sheet: str, cells: list[str], count: int) -> KnownError:
    more = f"等 {count} 个单元格" if count > len(cells) else "单元格"
    return KnownError(
        f"“{path.name}”工作表“{sheet}”中的 {'、'.join(cells)}{more}显示的是公式错误，"
        "没有可导入的内容。",
        "请在 Excel 或 WPS 中改正这些公式（或删去公式，直接填写内容），保存后再导入。" + _UNCHANGED,
    )


def no_header(path: Path, names: list[str], scanned: int, miss) -> KnownError:
    """No sheet has a header row; `miss` is the best row that lacked a required column."""
    if miss is not None:
        _score, sheet, row, missing = miss
        return KnownError(
            f"工作表“{sheet}”的表头（第{row}行）中没有“{'”“'.join(missing)}”列。",
            "请在表头中加上该列（列名可参照空白模板）后再导入。" + _UNCHANGED,
        )
    columns = "、".join(names)
    return KnownError(
        f"在“{path.name}”各工作表的前{scanned}行中没有找到表头行（应有 {columns} 等列名）。",
        "请确认选择的是正确的文件，并且表头使用常见的列名；可在程序中保存空白模板参照填写。"
        + _UNCHANGED,
    )


def only_hidden(path: Path, sheets: str) -> KnownError:
    return KnownError(
        f"“{path.name}”中的数据都在隐藏的工作表{sheets}中，本次未导入。",
        "请在 Excel 或 WPS 中取消隐藏工作表，保存后重新导入。" + _UNCHANGED,
    )
