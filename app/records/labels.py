"""Duty-record enumerations the screens need without reaching into db/ themselves,
and the Chinese words the clerk reads for each value."""

from __future__ import annotations

from db.record_models import ActivityKind, AttendanceStatus, WorkKind

__all__ = [
    "ACTIVITY_KIND_LABELS",
    "ATTENDANCE_LABELS",
    "WORK_KIND_LABELS",
    "ActivityKind",
    "AttendanceStatus",
    "WorkKind",
]

ACTIVITY_KIND_LABELS = {
    ActivityKind.PLENARY: "全体会议",
    ActivityKind.STANDING_MEETING: "常委会会议",
    ActivityKind.CONSULTATION: "协商会",
    ActivityKind.INSPECTION: "视察",
    ActivityKind.RESEARCH: "调研",
    ActivityKind.TRAINING: "培训",
    ActivityKind.MEMBER_ACTIVITY: "委员活动",
    ActivityKind.OTHER: "其他",
}

ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: "出席",
    AttendanceStatus.LEAVE: "请假",
    AttendanceStatus.ABSENT: "缺席",
}

WORK_KIND_LABELS = {
    WorkKind.PLENARY_SPEECH: "大会发言",
    WorkKind.RESEARCH_REPORT: "调研视察报告",
}
