"""Chinese names of the travelling tables, for summaries and the exchange page.

A table added later without a name here shows under its table name; the
exchange itself does not depend on this list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.exchange.tables import SyncTable

TABLE_LABELS = {
    "activity": "会议活动",
    "attachment": "附件",
    "attendance": "出席记录",
    "consultation_outcome": "协商成果",
    "consultation_plan": "协商计划",
    "consultation_topic": "协商议题",
    "dictionary_entry": "基础名录",
    "follow_up": "成果落实",
    "leader_instruction": "领导批示",
    "meeting_agenda_item": "会议议程",
    "meeting_guest": "列席人员",
    "meeting_speech": "会议发言",
    "member": "委员",
    "member_work": "大会发言与调研报告",
    "membership": "委员届次",
    "notice": "通知",
    "plenary_session": "全体会议",
    "proposal": "提案",
    "proposal_assignment": "提案交办",
    "proposal_attachment": "提案附件",
    "proposal_history": "提案办理过程",
    "proposal_lead": "提案线索",
    "proposal_signer": "提案人与联名人",
    "proposal_supervision": "提案督办",
    "research_group": "调研组",
    "research_report": "调研报告",
    "social_info": "社情民意信息",
    "term": "届次",
}

CATEGORY_LABELS = {"new": "新增", "changed": "更新", "unchanged": "未变", "conflicts": "冲突"}


def table_label(name: str) -> str:
    return TABLE_LABELS.get(name, name)


def own_label(table: SyncTable, record: dict[str, Any]) -> str:
    """The record's own words (number, title, name …), or ""."""
    fields = record.get("f") or {}
    parts = [str(fields[c])[:40] for c in table.label_columns if fields.get(c) not in (None, "")]
    if table.name == "term" and parts:
        parts = [f"第{parts[0]}届"]
    return " ".join(parts)


def reference(
    table: SyncTable, record: dict[str, Any], named: Callable[[str], str] | None = None
) -> str:
    """What names one record for a person: 提案 2025-012 关于… / 委员 张三 / 出席记录 张三 · 调研.

    A record with no words of its own is named by the records it refers to (`named`
    gives a label for a uuid, or "")."""
    text = own_label(table, record)
    if not text and named is not None:
        fields = record.get("f") or {}
        found = [named(fields[f.name]) for f in table.refs if fields.get(f.name)]
        text = " · ".join(t for t in found if t)[:60]
    return f"{table_label(table.name)} {text or str(record.get('u', ''))[:8]}"
