"""The bytes of a .cppccx exchange file (and of a .cppccr receipt).

    MAGIC (8 bytes) | header length (4, big-endian) | header (UTF-8 JSON)
    | frames: length (4) + AES-GCM ciphertext, ending with a zero length
    | "SIG1" | Ed25519 signature (64) over the SHA-256 of everything before "SIG1"

The header is readable without the key (who sent it, to whom, which sequence,
counts and hashes) but, like every other byte, covered by the signature. A
receipt has the same shape with no frames.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.exchange.errors import damaged
from app.exchange.file_format import crypto

MAGIC = b"CPPCCX\r\n"
TRAILER = b"SIG1"
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 4 << 20
MAX_FRAME_BYTES = crypto.CHUNK_SIZE + 16
_LENGTH = struct.Struct(">I")
_TAIL = len(TRAILER) + SIGNATURE_BYTES


@dataclass(frozen=True)
class Opened:
    """A file's header and where its parts are, before anything is trusted."""

    path: Path
    header: dict[str, Any]
    header_hash: bytes  # SHA-256 of the header bytes: the chunks' associated data
    frames_at: int
    frames_end: int
    signed_hash: bytes  # SHA-256 of everything the signature covers
    signature: bytes
    file_sha256: str  # of the whole file, for the history


def canonical_header(header: dict[str, Any]) -> bytes:
    return json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def write(
    target: Path,
    header: dict[str, Any],
    signer: Ed25519PrivateKey,
    payload: Path | None = None,
    content_key: bytes | None = None,
) -> str:
    """Write the file (header, encrypted payload, signature); its SHA-256."""
    header_bytes = canonical_header(header)
    signed = hashlib.sha256()
    whole = hashlib.sha256()
    with target.open("wb") as out:

        def put(data: bytes) -> None:
            out.write(data)
            signed.update(data)
            whole.update(data)

        put(MAGIC + _LENGTH.pack(len(header_bytes)) + header_bytes)
        if payload is not None:
            assert content_key is not None
            cipher = crypto.ChunkCipher(content_key, hashlib.sha256(header_bytes).digest())
            for index, data, last in _chunks(payload):
                sealed = cipher.seal(index, data, last)
                put(_LENGTH.pack(len(sealed)) + sealed)
        put(_LENGTH.pack(0))
        tail = TRAILER + crypto.sign(signer, signed.digest())
        out.write(tail)
        whole.update(tail)
        out.flush()
        os.fsync(out.fileno())
    return whole.hexdigest()


def _chunks(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """(index, data, is last) over a file; an empty file is one empty last chunk."""
    with path.open("rb") as f:
        current = f.read(crypto.CHUNK_SIZE)
        index = 0
        while True:
            following = f.read(crypto.CHUNK_SIZE)
            yield index, current, not following
            if not following:
                return
            current, index = following, index + 1


def open_file(path: Path) -> Opened:
    """Read the header and hash the file; nothing is trusted yet (see verify)."""
    size = path.stat().st_size
    if size < len(MAGIC) + 4 + 4 + _TAIL:
        raise damaged("文件过短")
    with path.open("rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise damaged("不是交换文件")
        (length,) = _LENGTH.unpack(f.read(4))
        if length > MAX_HEADER_BYTES or len(MAGIC) + 4 + length + 4 + _TAIL > size:
            raise damaged("文件头长度不对")
        header_bytes = f.read(length)
        header = json.loads(header_bytes.decode("utf-8"))
        if not isinstance(header, dict):
            raise damaged("文件头不对")
        frames_at = f.tell()
        f.seek(0)
        signed_hash, whole = _hash_prefix(f, size - _TAIL)
        tail = f.read(_TAIL)
    if len(tail) != _TAIL or not tail.startswith(TRAILER):
        raise damaged("缺少签名")
    whole.update(tail)
    return Opened(
        path=path,
        header=header,
        header_hash=hashlib.sha256(header_bytes).digest(),
        frames_at=frames_at,
        frames_end=size - _TAIL,
        signed_hash=signed_hash,
        signature=tail[len(TRAILER) :],
        file_sha256=whole.hexdigest(),
    )


def _hash_prefix(f: BinaryIO, length: int) -> tuple[bytes, Any]:
    signed = hashlib.sha256()
    remaining = length
    while remaining:
        block = f.read(min(remaining, 1 << 20))
        if not block:
            raise damaged("文件不完整")
        signed.update(block)
        remaining -= len(block)
    return signed.digest(), signed.copy()


def verify(opened: Opened, sign_public: bytes) -> None:
    """Raises InvalidSignature unless `sign_public` signed every byte of the file."""
    crypto.verify(sign_public, opened.signature, opened.signed_hash)


def decrypt(
    opened: Opened,
    content_key: bytes,
    target: Path,
    max_bytes: int,
    check: Callable[[], None] | None = None,
) -> int:
    """Decrypt the frames into `target`; the plaintext size. Raises InvalidTag."""
    cipher = crypto.ChunkCipher(content_key, opened.header_hash)
    total = 0
    with opened.path.open("rb") as f, target.open("wb") as out:
        f.seek(opened.frames_at)
        sealed = _frame(f)
        index = 0
        while sealed:
            following = _frame(f)
            data = cipher.open(index, sealed, last=not following)
            total += len(data)
            if total > max_bytes:
                raise damaged("内容超过上限")
            out.write(data)
            if check is not None:
                check()
            sealed, index = following, index + 1
        if f.tell() != opened.frames_end:
            raise damaged("文件结构不对")
    return total


def _frame(f: BinaryIO) -> bytes:
    raw = f.read(4)
    if len(raw) != 4:
        raise damaged("文件不完整")
    (length,) = _LENGTH.unpack(raw)
    if length > MAX_FRAME_BYTES:
        raise damaged("数据块长度不对")
    data = f.read(length)
    if len(data) != length:
        raise damaged("文件不完整")
    return data


def has_frames(opened: Opened) -> bool:
    with opened.path.open("rb") as f:
        f.seek(opened.frames_at)
        return _frame(f) != b""
