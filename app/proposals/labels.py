"""Proposal enumerations the screens need without reaching into db/ themselves,
and the Chinese words the clerk reads for each value."""

from __future__ import annotations

from db.proposal_models import (
    AttachmentPurpose,
    ConversionKind,
    LeadSource,
    Period,
    ProposalState,
    RejectionGround,
    Satisfaction,
    SubmitterKind,
    UnitRole,
)

__all__ = [
    "ATTACHMENT_LABELS",
    "CONVERSION_LABELS",
    "LEAD_SOURCE_LABELS",
    "PERIOD_LABELS",
    "REJECTION_LABELS",
    "ROLE_LABELS",
    "SATISFACTION_LABELS",
    "STATE_LABELS",
    "SUBMITTER_LABELS",
    "AttachmentPurpose",
    "ConversionKind",
    "LeadSource",
    "Period",
    "ProposalState",
    "RejectionGround",
    "Satisfaction",
    "SubmitterKind",
    "UnitRole",
]

SUBMITTER_LABELS = {
    SubmitterKind.INDIVIDUAL: "委员个人",
    SubmitterKind.JOINT: "委员联名",
    SubmitterKind.PARTY_GROUP: "党派团体",
    SubmitterKind.SECTOR: "界别",
    SubmitterKind.MEMBER_GROUP: "委员小组",
    SubmitterKind.COMMITTEE: "专委会",
}
# Kinds submitted in a body's name: the name is submitter_name, members are optional.
COLLECTIVE_KINDS = frozenset(
    {
        SubmitterKind.PARTY_GROUP,
        SubmitterKind.SECTOR,
        SubmitterKind.MEMBER_GROUP,
        SubmitterKind.COMMITTEE,
    }
)

PERIOD_LABELS = {Period.PLENARY: "大会期间", Period.RECESS: "闭会期间"}

STATE_LABELS = {
    ProposalState.SUBMITTED: "待审查",
    ProposalState.ACCEPTED: "已立案",
    ProposalState.REJECTED: "不予立案",
    ProposalState.MERGED: "已并案",
    ProposalState.CONVERTED: "已转办",
}

# The standard grounds for 不予立案, as the reply letter says them.
REJECTION_LABELS = {
    RejectionGround.SECRETS: "涉及党和国家秘密",
    RejectionGround.PROHIBITED_TOPIC: "涉及国家法律法规禁止公开讨论的内容",
    RejectionGround.PARTY_PERSONNEL: "属于党内事务或人事任免",
    RejectionGround.DEMOCRATIC_PARTY_INTERNAL: "属于民主党派内部事务",
    RejectionGround.LITIGATION: "属于诉讼、仲裁、纪检监察或正在处理中的案件",
    RejectionGround.ACADEMIC_DEBATE: "属于学术理论探讨",
    RejectionGround.PERSONAL_REQUEST: "属于本人或亲属的个人事务",
    RejectionGround.PRODUCT_PROMOTION: "具有宣传推介产品等商业目的",
    RejectionGround.NAMED_ACCUSATION: "点名批评、指控具体单位或个人",
    RejectionGround.EMPTY_CONTENT: "内容空泛、没有具体建议",
    RejectionGround.OTHER: "其他",
}

CONVERSION_LABELS = {
    ConversionKind.SOCIAL_INFO: "转为社情民意信息",
    ConversionKind.OPINION: "转为意见建议",
}

ROLE_LABELS = {
    UnitRole.LEAD: "主办",
    UnitRole.ASSIST: "协办",
    UnitRole.JOINT: "会办",
    UnitRole.SPLIT: "分办",
}

SATISFACTION_LABELS = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASIC: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
}

LEAD_SOURCE_LABELS = {
    LeadSource.PUBLIC: "社会公众",
    LeadSource.DEPARTMENT: "党政部门",
    LeadSource.RESEARCH: "调研",
    LeadSource.COMMITTEE: "专委会、党派团体",
    LeadSource.OTHER: "其他",
}

ATTACHMENT_LABELS = {
    AttachmentPurpose.ORIGINAL: "提案原件",
    AttachmentPurpose.REPLY: "答复函",
    AttachmentPurpose.OTHER: "其他",
}

CONTACT_WAYS = ("当面沟通", "电话沟通", "座谈交流", "实地调研", "书面沟通")
SUPERVISION_FORMS = ("实地督办", "座谈协商", "面对面办理", "集中督办会", "书面督办")
