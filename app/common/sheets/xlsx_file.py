"""Opening an office's .xlsx safely: read once, a zip of sane size, one message per failure.

Everything that can go wrong with the file itself — missing, empty, an old .xls,
truncated, not a zip, garbled or unsafe XML, no sheets — becomes one KnownError
in Chinese. Problems in the rows are the caller's RowErrors.
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.common.errors import KnownError, translate_os_error
from app.common.sheets.xlsx_cells import DamagedXlsx, UnsafeXml, XlsxBook

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # zipfile never inflates past declared sizes
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et and password-protected .xlsx


@contextmanager
def open_xlsx(path: Path) -> Iterator[XlsxBook]:
    """The workbook, read from memory: nothing stays open on a USB stick."""
    content = _file_bytes(path)
    _check_container(path, content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            book = XlsxBook(archive)
            if not book.sheets:
                raise KnownError(
                    f"“{path.name}”中没有工作表。",
                    "请在 Excel 或 WPS 中打开核对，另存为 .xlsx 后再试。",
                )
            yield book
    except UnsafeXml as exc:
        raise _unsafe(path) from exc
    except DamagedXlsx as exc:
        log.warning("cannot read %s: %s", path, exc)
        raise _damaged(path) from exc


def _file_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise KnownError(f"“{path.name}”过大，不像是一份名单表格。", "请检查选择的文件。")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise KnownError(f"找不到文件“{path}”。", "请检查文件名和所在的文件夹。") from exc
    except OSError as exc:
        raise translate_os_error(exc, path) from exc


def _check_container(path: Path, content: bytes) -> None:
    """Before any XML is parsed: a zip, of sane size."""
    if not content:
        raise KnownError(f"“{path.name}”是空文件。", "请选择填好的 .xlsx 名单文件。")
    if content.startswith(_OLE_MAGIC):
        raise KnownError(
            f"“{path.name}”是旧版 Excel（.xls）文件或加了密码的文件，本程序只能读取 .xlsx。",
            "请在 Excel 或 WPS 中打开，取消密码后“另存为”Excel 工作簿（.xlsx）再导入。",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError, OSError) as exc:
        log.warning("not a readable zip: %s: %r", path, exc)
        raise _damaged(path) from exc
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
        raise KnownError(f"“{path.name}”解压后过大，不像是一份名单表格。", "请检查文件是否正确。")


def _damaged(path: Path) -> KnownError:
    return KnownError(
        f"无法读取“{path.name}”：它不是有效的 .xlsx 文件，或文件已损坏（可能未完整复制）。",
        "请在 Excel 或 WPS 中打开该文件，确认内容无误后“另存为”Excel 工作簿（.xlsx），再导入。"
        "本次未作任何改动。",
    )


def _unsafe(path: Path) -> KnownError:
    return KnownError(
        f"“{path.name}”中含有正常表格不会有的 XML 声明，为安全起见不予读取。",
        "请在 Excel 或 WPS 中打开后“另存为”新的 .xlsx 文件再导入。本次未作任何改动。",
    )
