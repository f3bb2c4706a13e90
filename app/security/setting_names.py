"""The audit trail's 设置变更 entries in the clerk's words.

The trail stores each change as `key: old → new` with the program's own setting
keys (`idle_lock_minutes: 15 → 10`); the 审计日志 screen and its Excel export show the
setting's Chinese name and values instead. Keys it does not know are shown as stored.
"""

from __future__ import annotations

# The proposals' settings are stored under this prefix (app.proposals.settings.PREFIX;
# not imported: security sits below proposals).
PROPOSALS = "proposals."

SETTING_NAMES: dict[str, str] = {
    "handling_deadline_months": "提案办理期限（月）",
    "handling_deadline_max_months": "提案最长办理期限（月）",
    "backups_kept": "自动备份保留份数",
    "idle_lock_minutes": "闲置锁定窗口（分钟）",
    "five_ones_cosigned_counts": "五个一：联名提案计入每位联名委员",
    "five_ones_unaccepted_counts": "五个一：未立案的提案也计入",
    "five_ones_leave_counts": "五个一：请假视为出席",
    "notice_issuer": "通报：发文机关署名",
    "notice_organ_mark": "通报：发文机关标志",
    "notice_number": "通报：发文字号",
    "notice_copy_to": "通报：抄送",
    "notice_printer": "通报：印发机关",
    "notice_date": "通报：成文日期",
    "notice_attachment": "通报：附件",
    "name_order": "名单排序",
    "demo_loaded": "演示数据",
    PROPOSALS + "number_pattern": "提案编号格式",
    PROPOSALS + "number_digits": "提案流水号位数",
    PROPOSALS + "deadline_months": "提案办理期限（月）",
    PROPOSALS + "deadline_max_months": "提案最长办理期限（月）",
    PROPOSALS + "count_working_days": "办理期限按工作日计算",
    PROPOSALS + "deadline_working_days": "提案办理期限（工作日）",
    PROPOSALS + "deadline_max_working_days": "提案最长办理期限（工作日）",
    PROPOSALS + "due_soon_days": "即将到期提醒（天）",
    PROPOSALS + "hand_back_working_days": "退回调整期限（工作日）",
    PROPOSALS + "extra_holidays": "补充的放假日期",
    PROPOSALS + "extra_workdays": "补充的调休上班日期",
}

_YES_NO = {"true": "是", "false": "否"}
SETTING_VALUES: dict[str, dict[str, str]] = {
    "name_order": {"stroke": "姓氏笔画", "pinyin": "拼音", "roster": "名单顺序"},
    # As app.five_ones.notice_options.ATTACHMENT_LABELS words them.
    "notice_attachment": {
        "appended": "附上考核表（排在通报正文之后）",
        "named": "只列出附件名称（考核表另行印发）",
        "none": "不列附件",
    },
}

ARROW = " → "


def readable_setting_change(detail: str) -> str:
    """`five_ones_leave_counts: false → true` → `五个一：请假视为出席：否 → 是`."""
    return "；".join(_readable(part) for part in detail.split("；"))


def _readable(change: str) -> str:
    key, colon, values = change.partition(": ")
    name = SETTING_NAMES.get(key)
    if not colon or name is None:
        return change
    old, arrow, new = values.partition(ARROW)
    if not arrow:
        return f"{name}：{values}"
    if key in _SUMMARISED:
        return f"{name}：{_summarised(key, old)}{ARROW}{_summarised(key, new)}"
    words = {"": "（空）", **SETTING_VALUES.get(key, _YES_NO)}
    return f"{name}：{words.get(old, old)}{ARROW}{words.get(new, new)}"


# Settings whose stored value is program data (the demo's counts per step, as JSON cut
# to 80 characters): shown as one word.
_SUMMARISED = {"demo_loaded": "已加入"}
_NOTHING = ("", "（无）")


def _summarised(key: str, value: str) -> str:
    return "（无）" if value in _NOTHING else _SUMMARISED[key]
