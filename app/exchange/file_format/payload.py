"""The payload inside the encryption: a zip of record lines and blobs.

    records/<table>.jsonl   one canonical record per line (records.py)
    purged.jsonl            records their owner removed outright
    blobs/<sha256>          attachment bytes, named by their SHA-256

Reading trusts nothing, not even a correctly signed file (TRUST.md check 4):
names are matched whole against the three patterns above (no "..", no absolute
paths or drive letters, no duplicates, nothing else); the number of entries and
the bytes actually read per entry and in total are capped, whatever sizes the
zip declares.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import Any

import orjson

from app.exchange.errors import damaged

RECORDS_DIR = "records/"
PURGED = "purged.jsonl"
BLOBS_DIR = "blobs/"
_NAME = re.compile(r"^(?:records/[a-z][a-z0-9_]{0,62}\.jsonl|purged\.jsonl|blobs/[0-9a-f]{64})$")

MAX_ENTRIES = 100_000
MAX_RECORDS_BYTES = 1 << 30  # one table's lines
MAX_BLOB_BYTES = 256 << 20  # one attachment (the largest kept is 200 MB)
MAX_TOTAL_BYTES = 8 << 30
MAX_LINE_BYTES = 32 << 20  # 8 M characters of up to 4 bytes


@dataclass
class Payload:
    records: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    purged: list[dict[str, Any]] = field(default_factory=list)
    blobs: dict[str, Path] = field(default_factory=dict)  # sha256 → file on local disk


def write_payload(
    target: Path,
    tables: Iterable[tuple[str, list[str]]],
    purged: list[str],
    blobs: Iterable[tuple[str, bytes | Path]],
) -> None:
    """tables: (name, canonical lines); blobs: (sha256, bytes or a file)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, lines in tables:
            if lines:
                z.writestr(f"{RECORDS_DIR}{name}.jsonl", "\n".join(lines) + "\n")
        if purged:
            z.writestr(PURGED, "\n".join(purged) + "\n")
        for sha, content in blobs:
            name = f"{BLOBS_DIR}{sha}"
            if isinstance(content, Path):
                z.write(content, name, compress_type=zipfile.ZIP_STORED)
            else:
                z.writestr(name, content, compress_type=zipfile.ZIP_STORED)


def read_payload(source: Path, blob_dir: Path) -> Payload:
    """Read and check the zip; blobs are copied out to `blob_dir` (verified by hash)."""
    payload = Payload()
    total = 0
    with zipfile.ZipFile(source) as z:
        infos = z.infolist()
        _check_names(infos)
        for info in infos:
            if info.flag_bits & 0x1:
                raise damaged("含加密条目")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise damaged("压缩方式不支持")
            name = info.filename
            if name.startswith(BLOBS_DIR):
                sha = name[len(BLOBS_DIR) :]
                total += _copy_blob(z, info, sha, blob_dir / sha, MAX_TOTAL_BYTES - total)
                payload.blobs[sha] = blob_dir / sha
                continue
            data = _read_capped(z, info, min(MAX_RECORDS_BYTES, MAX_TOTAL_BYTES - total))
            total += len(data)
            lines = _lines(data)
            if name == PURGED:
                payload.purged = _values(lines)
            else:
                table = name[len(RECORDS_DIR) : -len(".jsonl")]
                payload.records[table] = list(
                    zip(_line_digests(lines), _values(lines), strict=True)
                )
    return payload


_HEX_DIGEST = methodcaller("hexdigest")


def _line_digests(lines: list[bytes]) -> Iterator[str]:
    """SHA-256 of each line's bytes, in C."""
    return map(_HEX_DIGEST, map(hashlib.sha256, lines))


def _values(lines: list[bytes]) -> list[Any]:
    """The value of each line, as json.loads would read it.

    orjson reads the usual file, in C, in half the time. It takes only strict JSON in
    strict UTF-8 and refuses what json would still read (NaN, lone surrogates, a byte
    order mark): then every line goes through json.loads, which decides and explains
    as always. The one value they read differently, an integer beyond 64 bits (orjson
    gives a float), fits no column either way
    (tests/exchange/file_format/test_payload_parsing.py)."""
    try:
        return list(map(orjson.loads, lines))
    except orjson.JSONDecodeError:
        return [_parsed(line.decode("utf-8")) for line in lines]


_SCAN = json.JSONDecoder().scan_once  # the C scanner json.loads itself ends in


def _parsed(line: str) -> Any:
    """json.loads(line), without its Python steps for the usual canonical line.

    Anything but one value filling the whole line (space around it, a byte-order
    mark, damage) goes to json.loads, which decides and explains as always."""
    try:
        value, end = _SCAN(line, 0)
    except StopIteration:
        end = -1
    return value if end == len(line) else json.loads(line)


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise damaged("条目过多")
    seen: set[str] = set()
    for info in infos:
        # zipfile rewrites "../../x" to "x" when extracting; this reads names as written.
        raw = info.orig_filename
        if raw != info.filename or not _NAME.fullmatch(raw):
            raise damaged(f"含不允许的文件名“{raw[:80]}”")
        if raw in seen:
            raise damaged(f"文件名重复“{raw[:80]}”")
        seen.add(raw)


def _read_capped(z: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    with z.open(info) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise damaged("内容超过上限")
    return data


def _copy_blob(z: zipfile.ZipFile, info: zipfile.ZipInfo, sha: str, target: Path, left: int) -> int:
    cap = min(MAX_BLOB_BYTES, left)
    digest = hashlib.sha256()
    size = 0
    with z.open(info) as f, target.open("wb") as out:
        while block := f.read(1 << 20):
            size += len(block)
            if size > cap:
                raise damaged("附件超过上限")
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != sha:
        raise damaged("附件内容与其校验值不符")
    return size


def _lines(data: bytes) -> list[bytes]:
    """The lines, still as bytes: a line's digest is of its bytes as sent, and in UTF-8
    the newline byte stands for the newline alone."""
    if data and not data.endswith(b"\n"):
        raise damaged("记录不完整")
    lines = data.split(b"\n")[:-1]
    if lines and max(map(len, lines)) > MAX_LINE_BYTES:
        raise damaged("记录过长")
    return lines
