"""Consultation enumerations the screens need without reaching into db/, and the
Chinese words the clerk reads for each value."""

from __future__ import annotations

from db.consultation_models import OutcomeKind, TopicSource, TopicStatus
from db.record_models import ConsultationForm, GuestKind

__all__ = [
    "FORM_LABELS",
    "GUEST_KIND_LABELS",
    "OPEN_STATUSES",
    "OUTCOME_KIND_LABELS",
    "SOURCE_LABELS",
    "STATUS_LABELS",
    "ConsultationForm",
    "GuestKind",
    "OutcomeKind",
    "TopicSource",
    "TopicStatus",
    "form_label",
    "when_label",
]

SOURCE_LABELS = {
    TopicSource.PARTY_COMMITTEE: "党委点题",
    TopicSource.GOVERNMENT: "政府点题",
    TopicSource.PARTIES: "党派荐题",
    TopicSource.CPPCC: "县政协荐题",
    TopicSource.COMMITTEE: "专委会",
    TopicSource.SECTOR: "界别",
    TopicSource.MEMBER: "委员",
}

FORM_LABELS = {
    ConsultationForm.PLENARY: "全体会议协商",
    ConsultationForm.STANDING_SESSION: "专题议政性常委会会议",
    ConsultationForm.THEMATIC: "专题协商会",
    ConsultationForm.QUARTERLY: "季协商座谈会",
    ConsultationForm.COUNTERPART: "对口协商",
    ConsultationForm.SECTOR: "界别协商",
    ConsultationForm.PROPOSAL_HANDLING: "提案办理协商",
    ConsultationForm.OTHER: "其他",
}

STATUS_LABELS = {
    TopicStatus.PLANNED: "计划中",
    TopicStatus.RESEARCHING: "调研中",
    TopicStatus.HELD: "已协商",
    TopicStatus.OUTCOME_SENT: "成果已报送",
    TopicStatus.CLOSED: "已办结",
    TopicStatus.CARRIED: "转入下年",
}
# Topics still to be worked on; at year end these are offered for next year's plan.
OPEN_STATUSES = frozenset(
    {TopicStatus.PLANNED, TopicStatus.RESEARCHING, TopicStatus.HELD, TopicStatus.OUTCOME_SENT}
)

OUTCOME_KIND_LABELS = {
    OutcomeKind.PARTY_GROUP_REPORT: "政协党组报告",
    OutcomeKind.RECOMMENDATION: "建议案",
    OutcomeKind.CHAIR_REPORT: "主席专报",
    OutcomeKind.THEMATIC_REPORT: "专题报告",
    OutcomeKind.RESEARCH_REPORT: "调研视察报告",
    OutcomeKind.INFORMATION: "政协信息",
    OutcomeKind.PROPOSAL_DIGEST: "重要提案摘报",
}

GUEST_KIND_LABELS = {
    GuestKind.LEADER: "领导",
    GuestKind.DEPARTMENT: "部门",
    GuestKind.EXPERT: "专家",
    GuestKind.OTHER: "其他",
}

QUARTER_LABELS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def form_label(form: ConsultationForm, other: str = "") -> str:
    """其他 shows the clerk's own word for it when given (e.g. 网络议政)."""
    return other if form is ConsultationForm.OTHER and other else FORM_LABELS[form]


def when_label(month: int | None, quarter: int | None) -> str:
    """3月 / 第二季度 / 全年."""
    if month is not None:
        return f"{month}月"
    if quarter is not None:
        return QUARTER_LABELS[quarter]
    return "全年"
