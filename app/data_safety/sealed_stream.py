"""Format 2 of the sealed backup: the same MAGIC, header and password key, in chunks.

A backup with the attachment files can be far bigger than memory, so the contents
are encrypted in 1 MiB chunks with AES-256-GCM, as the exchange file does: chunk i
uses the nonce (i, last?) under a key that is new for every file (a fresh scrypt
salt), so no nonce repeats; the header is each chunk's associated data; a file cut
off at a chunk boundary fails because its last chunk was not marked last. A frame
is a 4-byte big-endian length and the ciphertext. Only `cryptography`'s AES-GCM
and scrypt are used (sealed.derive_key).
"""

from __future__ import annotations

import base64
import json
import os
import struct
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.common.errors import KnownError
from app.data_safety import sealed

FORMAT_VERSION = 2
CHUNK = 1 << 20
_TAG = 16
_LENGTH = struct.Struct(">I")


class Damaged(KnownError):
    """The file opened with the password, but what it holds is not what it should be."""

    def __init__(self, path: Path, what: str = "") -> None:
        super().__init__(
            f"备份文件“{path.name}”已损坏或被改动{f'（{what}）' if what else ''}，不能用于恢复。",
            "请换一份备份（例如另一个U盘上的备份）重试。当前数据没有任何改动。",
        )


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class SealedWriter:
    """Writes the header at once; `write` as much as wanted; `finish` seals the last chunk."""

    def __init__(self, file: BinaryIO, password: str, made_at: datetime) -> None:
        salt = os.urandom(16)
        n, r, p = sealed.SCRYPT_N, sealed.SCRYPT_R, sealed.SCRYPT_P
        fields = {
            "format": FORMAT_VERSION,
            "made_at": made_at.isoformat(timespec="seconds"),
            "kdf": "scrypt",
            "n": n,
            "r": r,
            "p": p,
            "salt": base64.b64encode(salt).decode(),
            "cipher": "AES-256-GCM",
            "chunk": CHUNK,
        }
        self._head = sealed.MAGIC + json.dumps(fields, sort_keys=True).encode()
        head = self._head[len(sealed.MAGIC) :]
        self._aead = AESGCM(sealed.derive_key(password, salt, n, r, p))
        self._file = file
        self._buffer = bytearray()
        self._index = 0
        file.write(sealed.MAGIC + _LENGTH.pack(len(head)) + head)

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back for the last chunk
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def finish(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, plain: bytes, last: bool) -> None:
        body = self._aead.encrypt(_nonce(self._index, last), plain, self._head)
        self._file.write(_LENGTH.pack(len(body)) + body)
        self._index += 1


class SealedReader:
    """`read(n)` gives exactly n bytes of the contents; `finish` checks nothing is left.

    WrongPassword for a wrong password or a changed byte (AES-GCM cannot tell
    them apart), Damaged for a file that is cut off or too long.
    """

    def __init__(self, file: BinaryIO, password: str, path: Path) -> None:
        fields, head = sealed.read_header(file, path)
        try:
            if fields["format"] != FORMAT_VERSION or fields["chunk"] != CHUNK:
                raise ValueError("format")
            salt = base64.b64decode(fields["salt"])
            n, r, p = int(fields["n"]), int(fields["r"]), int(fields["p"])
            sealed.check_cost(n, r, p)
            if len(salt) < 16:
                raise ValueError("salt")
        except (ValueError, KeyError, TypeError):
            raise sealed.NotSealed(path) from None
        self._head = sealed.MAGIC + head
        self._aead = AESGCM(sealed.derive_key(password, salt, n, r, p))
        self._file = file
        self._path = path
        self._size = os.fstat(file.fileno()).st_size
        self._buffer = b""
        self._index = 0
        self._ended = False

    def read(self, size: int) -> bytes:
        parts, wanted = [], size
        while wanted > 0:
            if not self._buffer:
                if self._ended:
                    raise Damaged(self._path, "内容不完整")
                self._buffer = self._next_chunk()
            part, self._buffer = self._buffer[:wanted], self._buffer[wanted:]
            parts.append(part)
            wanted -= len(part)
        return b"".join(parts)

    def finish(self) -> None:
        while not self._buffer and not self._ended:
            self._buffer = self._next_chunk()
        if self._buffer:
            raise Damaged(self._path, "结尾有多余内容")

    def _next_chunk(self) -> bytes:
        start = self._file.read(_LENGTH.size)
        if len(start) < _LENGTH.size:
            raise Damaged(self._path, "文件不完整")
        (length,) = _LENGTH.unpack(start)
        if length < _TAG or length > CHUNK + _TAG:
            raise Damaged(self._path)
        body = self._file.read(length)
        if len(body) < length:
            raise Damaged(self._path, "文件不完整")
        last = self._file.tell() >= self._size
        try:
            plain = self._aead.decrypt(_nonce(self._index, last), body, self._head)
        except InvalidTag:
            raise sealed.WrongPassword() from None
        self._index += 1
        self._ended = last
        return plain
