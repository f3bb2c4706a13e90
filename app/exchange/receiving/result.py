"""What an import did (or would do): the summary the clerk and scripts read.

JSON keys (a contract for scripts): result (applied / dry_run / refused),
reason, message, kind (data / receipt), file, sender {code, name}, sequence,
base, acknowledged, tables {table: {new, changed, unchanged, conflicts}},
totals {new, changed, unchanged, conflicts}, details {new, changed, conflicts:
[{table, uuid, reference, reason}]}, receipt; added later: imported_before (when
this very file was first imported or read here, ISO 8601 local time with offset, or
null) and note (that said in words, with what to do, or null).
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
        return cls(file_name=file_name, kind="", sender_code="", sender_name="", refused=error)

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
        return f"{self.taken_in.text}。{self.taken_in.advice}"

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
        }
