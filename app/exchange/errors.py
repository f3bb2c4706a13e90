"""Why an exchange file is refused: one plain Chinese message per reason.

`reason` is a stable code for scripts (the JSON summary) and tests; the clerk
reads `what` and `todo`. A refused file changes nothing in the database.
"""

from __future__ import annotations

import binascii
import json
import struct
import zipfile
import zlib
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature, InvalidTag

from app.common.errors import KnownError

if TYPE_CHECKING:
    from app.exchange.history import TakenIn

# Everything reading a damaged container can raise (TRUST.md check 3): each one
# means "this file is damaged", never a crash.
CONTAINER_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    binascii.Error,
    struct.error,
    json.JSONDecodeError,
    UnicodeDecodeError,
    KeyError,
    IndexError,
    EOFError,
    ValueError,
    TypeError,
    OverflowError,
    NotImplementedError,
    RuntimeError,
    InvalidTag,
    InvalidSignature,
)

_ADVICE_RESEND = "请对方重新导出一份交换文件，用U盘重新拷贝后再导入。"


class FileRefused(KnownError):
    def __init__(self, reason: str, what: str, todo: str = "") -> None:
        super().__init__(what, todo or "本次未导入任何内容。")
        self.reason = reason
        self.taken_in: TakenIn | None = None  # the very file, imported here before


def damaged(detail: str = "") -> FileRefused:
    extra = f"（{detail}）" if detail else ""
    return FileRefused(
        "damaged",
        f"交换文件已损坏或不完整{extra}，不能导入。",
        "可能是U盘拷贝时出错。" + _ADVICE_RESEND + "本次未导入任何内容。",
    )


def bad_signature(sender: str) -> FileRefused:
    return FileRefused(
        "signature",
        f"交换文件的签名与“{sender}”的单位名片不符：文件在拷贝途中损坏或被改动过，"
        "也可能不是该单位发出的。",
        "请不要导入此文件。" + _ADVICE_RESEND + "如对方更换过密钥，请先导入对方的新单位名片。",
    )


def unknown_sender(name: str, code: str) -> FileRefused:
    return FileRefused(
        "unknown_sender",
        f"交换文件来自“{name}”（代码 {code}），本单位尚未信任该单位的名片。",
        "请先在“文件交换”页点“导入对方名片…”，导入该单位的单位名片（.cppcccard 文件），"
        "电话核对指纹后再导入此文件。本次未导入任何内容。",
    )


def not_for_us(name: str, code: str) -> FileRefused:
    return FileRefused(
        "wrong_recipient",
        f"此交换文件是发给“{name}”（代码 {code}）的，不是发给本单位的。",
        "请把文件交给收件单位；本单位未导入任何内容。",
    )


def wrong_key() -> FileRefused:
    return FileRefused(
        "wrong_key",
        "本单位的密钥无法解开此交换文件：对方使用的是本单位已更换或不存在的密钥。",
        "请把本单位最新的单位名片交给对方导入，再请对方重新导出。本次未导入任何内容。",
    )


def newer_format(version: object) -> FileRefused:
    return FileRefused(
        "newer_format",
        f"此交换文件由更新版本的政协履职工作台制作（格式 {version}），本程序无法读取。",
        "请升级本程序到最新版本后再导入。本次未导入任何内容。",
    )
