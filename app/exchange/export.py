"""Writing one exchange file for a partner office (`exchange export`).

The file carries every change since the newest receipt read from the partner
(`base`), or everything with `full`. It is built on the local disk, then placed
in the chosen folder (often a USB stick) safely; the sequence number is spent
and the history written in the same transaction that read the records.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import uuid as uuid_module
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.common.errors import KnownError
from app.common.jobs import Progress, ProgressTracker
from app.common.storage import Database
from app.exchange import files, partners, usb
from app.exchange.file_format import container, crypto, header
from app.exchange.file_format.payload import write_payload
from app.exchange.records import collector_paused, lines, table_digest
from app.exchange.selection import outgoing, purged_lines
from app.office.identity import current_key, ensure_local_keys, public_keys, signing_key
from app.office.office import require_local_office
from db.exchange_models import ExchangeLog

log = logging.getLogger(__name__)
SUFFIX = ".cppccx"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    base: int
    counts: dict[str, int]  # records per table
    purged: int
    attachments: int
    size_bytes: int
    file_sha256: str
    partner_name: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def work_dir(database: Database) -> Path:
    return database.location.data_dir / "exchange"


def file_name(code: str, sequence: int, day: date) -> str:
    return f"{code}-{sequence:04d}-{day:%Y%m%d}{SUFFIX}"


def export_file(
    database: Database,
    to_code: str,
    out_dir: Path,
    full: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    # Tens of thousands of small acyclic dicts and strings: see import_file.
    with collector_paused():
        return _export_file(database, to_code, out_dir, full, progress)


def _export_file(
    database: Database,
    to_code: str,
    out_dir: Path,
    full: bool,
    progress: Progress | None,
) -> ExportResult:
    progress = progress or ProgressTracker()
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise KnownError(f"文件夹“{out_dir}”不存在。", "请先插好U盘或建立该文件夹。")
    temp_dir = work_dir(database) / f"out-{uuid_module.uuid4().hex[:8]}"
    temp_dir.mkdir(parents=True)
    staged: Path | None = None
    try:
        with database.begin() as session:
            local = require_local_office(session)
            partner = partners.partner_by_code(session, to_code)
            partners.check_direction(local, partner)
            own_key = ensure_local_keys(session, local)
            their_key = current_key(session, partner.uuid)
            assert their_key is not None  # partner_by_code checked it
            state = partners.state(session, partner.uuid)
            base = 0 if full else state.acked_sequence
            acked = {} if full else partners.unpack_map(state.acked_map)
            sequence = state.next_sequence
            progress.report(0, 3, "正在整理要发送的记录…")
            out = outgoing(session.connection(), local, partner, acked)
            progress.report(1, 3, "正在打包并加密…")
            tables = []
            manifest: dict[str, dict[str, object]] = {}
            attachments: dict[str, object] = dict(out.blobs)
            for table, records in out.tables:
                rows = lines(records)
                tables.append((table.name, [line for _, line, _ in rows]))
                manifest[table.name] = {
                    "count": len(rows),
                    "sha256": table_digest((u, d) for u, _, d in rows),
                }
                attachments.update(files.files_of(database, table.name, records))
            purged = purged_lines(out.purged)
            payload_path = temp_dir / "payload.zip"
            write_payload(payload_path, tables, purged, sorted(attachments.items()))
            content_key = crypto.new_content_key()
            head = header.base_header(
                "data",
                header.party(local, public_keys(own_key).fingerprint),
                header.party(partner, public_keys(their_key).fingerprint),
            )
            head.update(
                sequence=sequence,
                base=base,
                full=full,
                acknowledges=state.applied_max,
                tables=manifest,
                purged={
                    "count": len(purged),
                    "sha256": table_digest((p["u"], p["t"]) for p in out.purged),
                },
                attachments={sha: _size(v) for sha, v in sorted(attachments.items())},
                cipher=crypto.CIPHER,
                chunk_size=crypto.CHUNK_SIZE,
                wrap=crypto.wrap_key(content_key, their_key.encrypt_public),
            )
            name = file_name(local.division_code, sequence, date.today())
            built = temp_dir / name
            digest = container.write(built, head, signing_key(own_key), payload_path, content_key)
            progress.report(2, 3, "正在写入并校验…")
            # On the stick under a hidden temp name until the database has recorded it:
            # a kill before the commit leaves no file that looks sent (bench/kill_nine.py).
            staged, _ = usb.stage_file(built, out_dir / name)
            placed = out_dir / name
            state.next_sequence = sequence + 1
            session.add(
                ExchangeLog(
                    kind="sent",
                    result="sent",
                    partner_uuid=partner.uuid,
                    partner_label=partner.name,
                    sequence=sequence,
                    base=base,
                    file_name=name,
                    file_sha256=digest,
                    file_created=header.created_at(head),
                    summary_json=_summary_json(manifest, len(purged)),
                    sent_map=partners.pack_map(out.sent_map),
                )
            )
            _keep_copy(database, built, partner.division_code)
            result = ExportResult(
                path=placed,
                sequence=sequence,
                base=base,
                counts={n: int(m["count"]) for n, m in manifest.items()},  # type: ignore[call-overload]
                purged=len(purged),
                attachments=len(attachments),
                size_bytes=built.stat().st_size,
                file_sha256=digest,
                partner_name=partner.name,
            )
        # Recorded as sent (a copy kept locally to send again): now it gets its name.
        assert staged is not None
        usb.finish_file(staged, placed)
    except BaseException:
        if staged is not None:
            with contextlib.suppress(OSError):
                staged.unlink()  # not recorded as sent, or never named: take it back
        raise
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
    progress.report(3, 3, "完成")
    log.info("exported %s (%d records) to %s", result.path, result.total, result.partner_name)
    return result


def _size(value: object) -> int:
    return value.stat().st_size if isinstance(value, Path) else len(value)  # type: ignore[arg-type]


def _summary_json(manifest: dict[str, dict[str, object]], purged: int) -> str:
    counts = {name: entry["count"] for name, entry in manifest.items()}
    return json.dumps({"tables": counts, "purged": purged}, ensure_ascii=False)


def _keep_copy(database: Database, built: Path, partner_code: str) -> None:
    """A copy of every sent file stays on the local disk (to send again if a stick is lost)."""
    sent = work_dir(database) / "sent" / partner_code
    sent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, sent / built.name)
