"""What each kind of record is called in Chinese, for `info` and other counts a clerk reads.

A test checks every exchangeable table has a name here, so a new table gets one.
"""

from __future__ import annotations

TABLE_LABELS = {
    "office": "单位",
    "term": "届次",
    "plenary_session": "全体会议",
    "dictionary_entry": "基础名录条目",
    "member": "委员",
    "membership": "委员任职",
    "activity": "会议活动",
    "attendance": "出席登记",
    "social_info": "社情民意信息",
    "member_work": "大会发言与调研视察报告",
    "proposal": "提案",
    "proposal_signer": "提案人与联名人",
    "proposal_assignment": "提案交办",
    "proposal_history": "提案办理记录",
    "proposal_supervision": "提案督办记录",
    "proposal_lead": "提案线索",
    "proposal_attachment": "提案附件",
    "consultation_plan": "年度协商计划",
    "consultation_topic": "协商议题",
    "research_group": "调研组",
    "research_report": "调研报告",
    "meeting_agenda_item": "会议议程",
    "meeting_guest": "列席人员",
    "meeting_speech": "会议发言",
    "consultation_outcome": "协商成果",
    "leader_instruction": "领导批示",
    "follow_up": "落实情况",
    "attachment": "协商附件",
}


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)
