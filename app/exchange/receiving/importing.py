"""Importing an exchange file or a receipt (`exchange import`).

copy to the local disk → verify → decrypt → validate → dry-run summary → (stop
here for a dry run) → back the database up → apply in one transaction →
compare with the header's counts and hashes (a mismatch rolls back) → history
→ commit → write a receipt to carry back. A file whose base is newer than what
was applied from its sender is refused, naming the missing sequence numbers.
Conflicts are never applied; by default they refuse the file (all or nothing),
`skip_conflicts` imports the rest.
"""

from __future__ import annotations

import json
import logging
import shutil
import uuid as uuid_module
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.jobs import Progress, ProgressTracker
from app.common.storage import Database
from app.data_safety.backups import make_backup
from app.exchange import files, partners, usb
from app.exchange.errors import FileRefused
from app.exchange.export import work_dir
from app.exchange.file_format.header import created_at
from app.exchange.history import TakenIn, taken_in
from app.exchange.receiving.apply import ManifestMismatch, apply_plan, check_manifest
from app.exchange.receiving.plan import Incoming, Plan, make_plan
from app.exchange.receiving.reading import Identified, decrypt_and_read, identify, open_checked
from app.exchange.receiving.receipts import write_receipt
from app.exchange.receiving.result import ImportResult
from app.exchange.records import collector_paused
from db.events import KEEP_REVISIONS
from db.exchange_models import ExchangeLog, ExchangePartner

log = logging.getLogger(__name__)


def import_file(
    database: Database,
    path: Path,
    dry_run: bool = False,
    skip_conflicts: bool = False,
    receipt_dir: Path | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    # An import builds tens of thousands of small acyclic dicts; the cyclic collector
    # would walk them all again and again (a fifth of the time). Reference counting
    # still frees them; the collector runs as usual afterwards.
    with collector_paused():
        return _import_file(database, path, dry_run, skip_conflicts, receipt_dir, progress)


def _import_file(
    database: Database,
    path: Path,
    dry_run: bool,
    skip_conflicts: bool,
    receipt_dir: Path | None,
    progress: Progress | None,
) -> ImportResult:
    progress = progress or ProgressTracker()
    path = Path(path)
    work = work_dir(database) / f"in-{uuid_module.uuid4().hex[:8]}"
    try:
        progress.report(0, 6, "正在把文件复制到本机…")
        local_copy = usb.copy_to_local(path, work)
        progress.report(1, 6, "正在核对签名…")
        opened = open_checked(local_copy)
        with database.begin() as session:
            before = taken_in(session, opened.file_sha256)
            try:
                ident = identify(session, opened)
            except FileRefused as exc:
                _say_taken_in(exc, before)
                raise
        result = ImportResult.start(path.name, ident)
        result.taken_in = before
        if ident.header["kind"] == "receipt":
            return _read_receipt(database, ident, result, dry_run)
        progress.report(2, 6, "正在解密并检查内容…")
        incoming = decrypt_and_read(ident, work)
        progress.report(3, 6, "正在比对本机数据…")
        if dry_run:
            return _dry_run(database, ident, incoming, skip_conflicts, result)
        with database.begin() as session:
            _check_sequence(session, ident)  # before the backup: refused files cost nothing
        progress.report(4, 6, "正在备份数据库…")
        result.backup_path = _back_up(database, ident)
        progress.report(5, 6, "正在导入…")
        try:
            applied_max = _apply(database, ident, incoming, skip_conflicts, result)
        except _Conflicts as found:
            return result.refuse(_conflicts_refusal(found.plan))
        result.result = "applied"
        result.receipt_path, result.receipt_error = write_receipt(
            database, ident, applied_max, receipt_dir or path.parent
        )
        progress.report(6, 6, "完成")
        log.info("imported %s from %s: %s", path.name, ident.sender.name, result.totals())
        return result
    except FileRefused as exc:
        log.warning("refused %s: %s", path.name, exc.reason)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _say_taken_in(refused: FileRefused, before: TakenIn | None) -> None:
    """A refused file that was imported before: say so first, it is what the clerk
    needs to know (the refusal itself may come from a key changed since)."""
    if before is not None:
        refused.what = f"{before.text}。{refused.what}"
        refused.taken_in = before


def _dry_run(
    database: Database,
    ident: Identified,
    incoming: Incoming,
    skip_conflicts: bool,
    result: ImportResult,
) -> ImportResult:
    with database.begin() as session:
        _check_sequence(session, ident)
        plan = make_plan(session.connection(), incoming, ident.sender.uuid)
    result.take_plan(plan)
    if plan.conflicts and not skip_conflicts:
        return result.refuse(_conflicts_refusal(plan))
    result.result = "dry_run"
    return result


class _Conflicts(Exception):
    def __init__(self, plan: Plan) -> None:
        super().__init__("conflicts")
        self.plan = plan


def _check_sequence(session: Session, ident: Identified) -> None:
    """The file carries the changes since its base: we must have applied the base."""
    state = session.get(ExchangePartner, ident.sender.uuid)
    applied = state.applied_max if state is not None else 0
    base = ident.header["base"]
    if base > applied:
        missing = list(range(applied + 1, base + 1))
        numbers = "、".join(f"第{n}号" for n in missing[:10]) + ("等" if len(missing) > 10 else "")
        have = f"本机只导入到第{applied}号" if applied else "本机还没有导入过该单位的文件"
        raise FileRefused(
            "gap",
            f"此文件（第{ident.header['sequence']}号）是接着“{ident.sender.name}”的第{base}号文件做的，"
            f"但{have}：缺少{numbers}文件。",
            "请先导入缺少的文件（编号小的先导入）；如找不到，请对方在“文件交换”页点"
            "“全部重新发送到U盘”（命令行 exchange export --full），再导入那份文件。"
            "本次未导入任何内容。",
        )


def _conflicts_refusal(plan: Plan) -> FileRefused:
    first = plan.conflicts[0]
    return FileRefused(
        "conflicts",
        f"文件中有 {len(plan.conflicts)} 条冲突记录（例如 {first.reference}：{first.reason}）。",
        "冲突记录不会导入。如要只导入其余记录，请选择“跳过冲突记录”（命令行 --skip-conflicts）；"
        "本次未导入任何内容。",
    )


def _back_up(database: Database, ident: Identified) -> Path:
    """The shared checked backup (never two with one name), before anything is applied."""
    return make_backup(database, f"导入交换文件前备份-{ident.sender.division_code}")


def _apply(
    database: Database,
    ident: Identified,
    incoming: Incoming,
    skip_conflicts: bool,
    result: ImportResult,
) -> int:
    head = ident.header
    with database.begin() as session:
        session.info[KEEP_REVISIONS] = True  # the owner's revisions, as written
        connection = session.connection()
        _check_sequence(session, ident)
        plan = make_plan(connection, incoming, ident.sender.uuid)
        result.take_plan(plan)
        if plan.conflicts and not skip_conflicts:
            raise _Conflicts(plan)  # rolls back: nothing was written
        written = apply_plan(connection, plan, incoming)
        try:
            check_manifest(connection, plan, incoming, written)
        except ManifestMismatch as exc:
            log.error("manifest mismatch in %s: %s", ident.opened.path.name, exc)
            raise FileRefused(
                "manifest",
                f"导入后核对不一致（{exc.table}）：文件清单中的记录数或校验值与导入结果不符，"
                "已全部撤销。",
                "请对方重新导出一份交换文件；如仍出现，请联系技术人员。本次未导入任何内容。",
            ) from exc
        _store_files(database, plan, incoming)
        state = partners.state(session, ident.sender.uuid)
        state.applied_max = max(state.applied_max, head["sequence"])
        created = created_at(head)
        if created is not None and (
            state.last_file_created is None or created > state.last_file_created
        ):
            state.last_file_created = created
        partners.read_ack(session, state, head["acknowledges"])
        session.add(
            ExchangeLog(
                kind="received",
                result="applied",
                partner_uuid=ident.sender.uuid,
                partner_label=ident.sender.name,
                sequence=head["sequence"],
                base=head["base"],
                file_name=result.file_name,
                file_sha256=ident.opened.file_sha256,
                file_created=created,
                summary_json=json.dumps(plan.counts(), ensure_ascii=False),
            )
        )
        return state.applied_max


def _store_files(database: Database, plan: Plan, incoming: Incoming) -> None:
    """Attachment files of new and changed rows (content-addressed: harmless if rolled back)."""
    for table in files.FILE_TABLES:
        for item in plan.items.get(table, ()):
            if item.category not in ("new", "changed") or item.record is None:
                continue
            wanted = files.wanted_files(table, item.record)
            if wanted is not None and wanted[0] in incoming.blobs:
                files.store_file(database, wanted[0], wanted[1], incoming.blobs[wanted[0]])


def _receipt_effect(session: Session, ident: Identified, acknowledged: int) -> tuple[str, int]:
    """(what reading it does: moved / older / never_sent, the newest file sent to them)."""
    state = session.get(ExchangePartner, ident.sender.uuid)
    sent = session.scalars(
        select(ExchangeLog.sequence).where(
            ExchangeLog.partner_uuid == ident.sender.uuid, ExchangeLog.kind == "sent"
        )
    ).all()
    last_sent = max((n for n in sent if n is not None), default=0)
    if state is not None and acknowledged <= state.acked_sequence:
        return "older", last_sent
    return ("moved" if acknowledged in sent else "never_sent"), last_sent


def _read_receipt(
    database: Database, ident: Identified, result: ImportResult, dry_run: bool
) -> ImportResult:
    acknowledged = ident.header.get("acknowledges")
    if not isinstance(acknowledged, int) or isinstance(acknowledged, bool) or acknowledged < 0:
        raise FileRefused("damaged", "回执文件内容不对，不能读取。", "请对方重新导出回执。")
    result.acknowledged = acknowledged
    with database.begin() as session:
        result.receipt_effect, result.last_sent = _receipt_effect(session, ident, acknowledged)
    if dry_run:
        result.result = "dry_run"
        return result
    with database.begin() as session:
        state = partners.state(session, ident.sender.uuid)
        partners.read_ack(session, state, acknowledged)
        session.add(
            ExchangeLog(
                kind="receipt",
                result="read",
                partner_uuid=ident.sender.uuid,
                partner_label=ident.sender.name,
                sequence=acknowledged,
                file_name=result.file_name,
                file_sha256=ident.opened.file_sha256,
                file_created=created_at(ident.header),
            )
        )
    result.result = "applied"
    return result
