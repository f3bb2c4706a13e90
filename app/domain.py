"""Domain enumerations the screens need, without reaching into db/ themselves,
and the Chinese words the clerk reads for each value."""

from __future__ import annotations

from db.member_models import CppccRole, MembershipStatus, Sex
from db.models import DictionaryKind, OfficeLevel
from db.record_models import ActivityKind, AttendanceStatus, WorkKind

__all__ = [
    "ACTIVITY_KIND_LABELS",
    "ATTENDANCE_LABELS",
    "MEMBERSHIP_STATUS_LABELS",
    "ROLE_LABELS",
    "SEX_LABELS",
    "STANDING_ROLES",
    "WORK_KIND_LABELS",
    "ActivityKind",
    "AttendanceStatus",
    "CppccRole",
    "DictionaryKind",
    "MembershipStatus",
    "OfficeLevel",
    "Sex",
    "WorkKind",
]

SEX_LABELS = {Sex.MALE: "男", Sex.FEMALE: "女"}

ROLE_LABELS = {
    CppccRole.CHAIR: "主席",
    CppccRole.VICE_CHAIR: "副主席",
    CppccRole.SECRETARY_GENERAL: "秘书长",
    CppccRole.STANDING: "常委",
    CppccRole.MEMBER: "委员",
}
# Everyone in these roles sits on the standing committee (常委会).
STANDING_ROLES = frozenset(
    {CppccRole.CHAIR, CppccRole.VICE_CHAIR, CppccRole.SECRETARY_GENERAL, CppccRole.STANDING}
)

MEMBERSHIP_STATUS_LABELS = {
    MembershipStatus.ACTIVE: "在任",
    MembershipStatus.RESIGNED: "辞去",
    MembershipStatus.REVOKED: "撤销",
    MembershipStatus.TRANSFERRED: "调离",
    MembershipStatus.DECEASED: "去世",
}

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
