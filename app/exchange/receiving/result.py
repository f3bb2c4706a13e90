"""What an import did (or would do): the summary the clerk and scripts read.

JSON keys (a contract for scripts): result (applied / dry_run / refused),
reason, message, kind (data / receipt), file, sender {code, name}, sequence,
base, acknowledged, tables {table: {new, changed, unchanged, conflicts}},
totals {new, changed, unchanged, conflicts}, details {new, changed, conflicts:
[{table, uuid, reference, reason}]}, receipt; added later: imported_before (when
this very file was first imported or read here, ISO 8601 local time with offset, or
null), note (that said in words, with what to do, or null) and receipt_effect (a
receipt: moved / older / never_sent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.exchange.errors import FileRefused
from app.exchange.history import TakenIn
from app.exchange.receiving.details import Details
from app.exchange.receiving.plan import CATEGORIES, Plan

if TYPE_CHECKING:
    from app.exchange.receiving.reading import Identified


@dataclass
class ImportResult:
    file_name: str
    kind: str
    sender_code: str
    sender_name: str
    sequence: int | None = None
    base: int | None = None
    result: str = "refused"
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    details: Details = field(default_factory=Details)
    refused: FileRefused | None = None
    acknowledged: int | None = None
    receipt_path: Path | None = None
    receipt_error: str = ""
    backup_path: Path | None = None
    taken_in: TakenIn | None = None  # this very file, imported (or read) here before
    receipt_effect: str = ""  # a receipt: moved / older / never_sent
    last_sent: int = 0  # a receipt: our newest file to its sender

    @classmethod
    def start(cls, file_name: str, ident: Identified) -> ImportResult:
        head = ident.header
        return cls(
            file_name=file_name,
            kind=head["kind"],
            sender_code=ident.sender.division_code,
            sender_name=ident.sender.name,
            sequence=head.get("sequence"),
            base=head.get("base"),
        )

    @classmethod
    def refused_early(cls, file_name: str, error: FileRefused) -> ImportResult:
        return cls(
            file_name=file_name,
            kind="",
            sender_code="",
            sender_name="",
            refused=error,
            taken_in=error.taken_in,
        )

    def take_plan(self, plan: Plan) -> None:
        self.counts = plan.counts()
        self.details = Details(i for i in plan.all_items() if i.category != "unchanged")

    def refuse(self, error: FileRefused) -> ImportResult:
        self.result, self.refused = "refused", error
        return self

    @property
    def ok(self) -> bool:
        return self.result in ("applied", "dry_run")

    @property
    def note(self) -> str:
        """此文件已于 … 导入。 and what to do; "" for a file new here."""
        if self.taken_in is None:
            return ""
        if self.refused is not None:  # what to do is the refusal's own advice
            return f"{self.taken_in.text}。"
        return f"{self.taken_in.text}。{self.taken_in.advice}"

    @property
    def receipt_text(self) -> str:
        """What reading this receipt did, in words (the clerk's message and the CLI)."""
        n, who = self.acknowledged, self.sender_name
        if self.taken_in is not None:
            return f"“{who}”的这份回执确认对方已导入到第 {n} 号文件。"
        if self.receipt_effect == "older":
            return (
                f"“{who}”的这份回执确认到第 {n} 号文件；本机已读取过确认到第 {n} 号或更新的回执，"
                "读取它不会改变任何内容。"
            )
        if self.receipt_effect == "never_sent":
            sent = (
                f"本机发给该单位的文件只到第 {self.last_sent} 号"
                if self.last_sent
                else "本机还没有给该单位发过文件"
            )
            return (
                f"“{who}”的回执确认已导入第 {n} 号文件，但{sent}（可能本机数据从备份恢复过，"
                "或对方导入的是另一台电脑发出的文件）。为免编号重复，下一份文件从第 "
                f"{n + 1} 号起编号；对方尚未确认的变化下次仍会发送。如有疑问，"
                "可点“全部重新发送到U盘”。"
            )
        return f"已读取“{who}”的回执：对方已导入到第 {n} 号文件。下次只发送此后的变化。"

    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys(CATEGORIES, 0)
        for row in self.counts.values():
            for key in CATEGORIES:
                totals[key] += row[key]
        return totals

    def to_json(self) -> dict[str, Any]:
        by_category: dict[str, list[dict[str, str]]] = {"new": [], "changed": [], "conflicts": []}
        for item in self.details:
            by_category[item.category].append(
                {
                    "table": item.table,
                    "uuid": item.uuid,
                    "reference": item.reference,
                    "reason": item.reason,
                }
            )
        return {
            "result": self.result,
            "reason": self.refused.reason if self.refused else None,
            "message": self.refused.message if self.refused else None,
            "kind": self.kind,
            "file": self.file_name,
            "sender": {"code": self.sender_code, "name": self.sender_name},
            "sequence": self.sequence,
            "base": self.base,
            "acknowledged": self.acknowledged,
            "tables": self.counts,
            "totals": self.totals(),
            "details": by_category,
            "receipt": str(self.receipt_path) if self.receipt_path else None,
            "imported_before": (
                self.taken_in.at.astimezone().isoformat(timespec="seconds")
                if self.taken_in
                else None
            ),
            "note": self.note or None,
            "receipt_effect": self.receipt_effect or None,
        }
