"""Encrypted backups for a USB stick (备份到U盘): the clerk's password seals the file.

Only the `cryptography` package's primitives are used: scrypt derives a 256-bit key
from the password and a random salt, AES-GCM encrypts and authenticates the whole
database copy. The header (format, scrypt parameters, salt, nonce, time) is
authenticated too, as AES-GCM's associated data. A wrong password and a changed
byte are the same to AES-GCM: the file does not open, and nothing is written.

File layout: MAGIC, 4-byte big-endian header length, header (JSON), ciphertext.
That is format 1 (the database only, in one AES-GCM call), still read. Format 2
(app.data_safety.sealed_stream) has the same MAGIC, header and key, the contents in
chunks: the database and the attachment files (app.data_safety.usb_bundle).
"""

from __future__ import annotations

import base64
import json
import os
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.common.errors import KnownError

MAGIC = b"CPPCC-DESK-SEALED-BACKUP\n"
SUFFIX = ".cppccbak"
FORMAT_VERSION = 1  # one AES-GCM call; format 2 is sealed_stream.FORMAT_VERSION
MAX_HEADER_BYTES = 4096
# scrypt cost: 2**16 × 8 × 128 bytes = 64 MiB and about half a second on an office PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**16, 8, 1
MIN_PASSWORD = 6
MAX_PLAIN_BYTES = 2**31 - 1  # one AES-GCM call; an office database is far smaller
# The most a file's header may ask scrypt for (memory 128 × n × r, time × p): a bit
# flipped in "n" (65537) or a crafted header must be refused, not crash or take gigabytes.
MAX_SCRYPT_N, MAX_SCRYPT_R, MAX_SCRYPT_P = 2**20, 32, 16
MAX_SCRYPT_MEMORY = 2**30


class WrongPassword(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "密码不正确，或备份文件已被改动、已损坏，无法打开。",
            "请核对密码（注意大小写和输入法）后重试。当前数据没有任何改动。",
        )


class NotSealed(KnownError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"“{path.name}”不是本程序的加密备份文件。",
            "请选择“备份到U盘”生成的 .cppccbak 文件。当前数据没有任何改动。",
        )


@dataclass(frozen=True)
class SealedHeader:
    made_at: str
    salt: bytes
    nonce: bytes
    n: int
    r: int
    p: int


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise KnownError(
            f"加密密码至少需要 {MIN_PASSWORD} 个字符。",
            "请设置一个更长的密码，并妥善记住：忘记密码后备份无法恢复。",
        )


def seal(plain: bytes, password: str, made_at: datetime) -> bytes:
    if len(plain) > MAX_PLAIN_BYTES:
        raise KnownError("数据库超过 2 GB，无法写入加密备份。", "请联系技术人员。")
    header = SealedHeader(
        made_at=made_at.isoformat(timespec="seconds"),
        salt=os.urandom(16),
        nonce=os.urandom(12),
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
    )
    head = _header_bytes(header)
    key = _key(password, header)
    return (
        MAGIC
        + struct.pack(">I", len(head))
        + head
        + AESGCM(key).encrypt(header.nonce, plain, MAGIC + head)
    )


def unseal(blob: bytes, password: str, path: Path) -> bytes:
    """The database bytes; WrongPassword or NotSealed otherwise."""
    header, head, body = _split(blob, path)
    try:
        return AESGCM(_key(password, header)).decrypt(header.nonce, body, MAGIC + head)
    except InvalidTag:
        raise WrongPassword() from None


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def made_at_of(path: Path) -> str:
    """The time written in a sealed file's header (readable without the password)."""
    with path.open("rb") as file:
        fields, _ = read_header(file, path)
    return str(fields["made_at"])


def format_of(path: Path) -> int:
    """1 (the database only) or 2 (the database and the attachment files)."""
    with path.open("rb") as file:
        fields, _ = read_header(file, path)
    return int(fields["format"])


def read_header(file: BinaryIO, path: Path) -> tuple[dict[str, Any], bytes]:
    """The header's fields and bytes, the file positioned after them; NotSealed if none."""
    start = file.read(len(MAGIC) + 4)
    if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
        raise NotSealed(path)
    (length,) = struct.unpack(">I", start[len(MAGIC) :])
    head = file.read(length) if length <= MAX_HEADER_BYTES else b""
    try:
        fields = json.loads(head)
        if not isinstance(fields, dict) or fields["format"] not in (1, 2):
            raise ValueError("format")
    except (ValueError, KeyError, TypeError):
        raise NotSealed(path) from None
    return fields, head


def check_cost(n: int, r: int, p: int) -> None:
    """ValueError unless scrypt can run with these parameters at a bounded cost."""
    if not (1 < n <= MAX_SCRYPT_N and n & (n - 1) == 0):
        raise ValueError("n")
    if not (0 < r <= MAX_SCRYPT_R and 0 < p <= MAX_SCRYPT_P) or 128 * n * r > MAX_SCRYPT_MEMORY:
        raise ValueError("cost")


def derive_key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The 256-bit key: scrypt of the password with the file's salt and cost."""
    kdf = Scrypt(salt=salt, length=32, n=n, r=r, p=p)
    return kdf.derive(password.encode("utf-8"))


def _key(password: str, header: SealedHeader) -> bytes:
    return derive_key(password, header.salt, header.n, header.r, header.p)


def _header_bytes(header: SealedHeader) -> bytes:
    fields = {
        "format": FORMAT_VERSION,
        "made_at": header.made_at,
        "kdf": "scrypt",
        "n": header.n,
        "r": header.r,
        "p": header.p,
        "salt": base64.b64encode(header.salt).decode(),
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(header.nonce).decode(),
    }
    return json.dumps(fields, sort_keys=True).encode()


def _split(blob: bytes, path: Path) -> tuple[SealedHeader, bytes, bytes]:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 4:
        raise NotSealed(path)
    (length,) = struct.unpack(">I", blob[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    head = blob[start : start + length]
    try:
        fields = json.loads(head)
        header = SealedHeader(
            made_at=str(fields["made_at"]),
            salt=base64.b64decode(fields["salt"]),
            nonce=base64.b64decode(fields["nonce"]),
            n=int(fields["n"]),
            r=int(fields["r"]),
            p=int(fields["p"]),
        )
        if fields["format"] != FORMAT_VERSION or len(header.nonce) != 12:
            raise ValueError(fields["format"])
        check_cost(header.n, header.r, header.p)
    except (ValueError, KeyError, TypeError):
        raise NotSealed(path) from None
    return header, head, blob[start + length :]
