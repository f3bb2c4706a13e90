"""Member enumerations the screens need without reaching into db/ themselves,
and the Chinese words the clerk reads for each value."""

from __future__ import annotations

from db.member_models import CppccRole, MembershipStatus, Sex

__all__ = [
    "MEMBERSHIP_STATUS_LABELS",
    "ROLE_LABELS",
    "SEX_LABELS",
    "STANDING_ROLES",
    "CppccRole",
    "MembershipStatus",
    "Sex",
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
