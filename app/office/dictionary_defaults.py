"""The editable lists a new office starts with (DOMAIN.md glossary)."""

from __future__ import annotations

from db.models import DictionaryKind

KIND_LABELS: dict[DictionaryKind, str] = {
    DictionaryKind.SECTOR: "界别",
    DictionaryKind.PARTY: "政治面貌",
    DictionaryKind.ETHNIC_GROUP: "民族",
    DictionaryKind.COMMITTEE: "专委会",
    DictionaryKind.LIAISON_GROUP: "联络组",
    DictionaryKind.HANDLING_UNIT: "承办单位",
    DictionaryKind.PROPOSAL_CATEGORY: "提案类别",
    DictionaryKind.RESULT_CLASS: "办理结果类别",
}

# What the description column means for each kind; None hides it.
DESCRIPTION_LABELS: dict[DictionaryKind, str | None] = {
    DictionaryKind.HANDLING_UNIT: "职能",
    DictionaryKind.LIAISON_GROUP: "说明",
    DictionaryKind.RESULT_CLASS: "说明",
}

# GB/T 3304 order.
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]

DEFAULT_ENTRIES: dict[DictionaryKind, tuple[tuple[str, str], ...]] = {
    DictionaryKind.SECTOR: tuple(
        (name, "")
        for name in [
            "中共",
            "民革",
            "民盟",
            "民建",
            "民进",
            "农工党",
            "致公党",
            "九三学社",
            "无党派人士",
            "共青团",
            "工会",
            "妇联",
            "工商联",
            "科协",
            "经济界",
            "农业界",
            "教育界",
            "医药卫生界",
            "文化艺术界",
            "少数民族界",
            "宗教界",
            "特邀人士",
        ]
    ),
    DictionaryKind.PARTY: tuple(
        (name, "")
        for name in [
            "中共党员",
            "中共预备党员",
            "共青团员",
            "民革党员",
            "民盟盟员",
            "民建会员",
            "民进会员",
            "农工党党员",
            "致公党党员",
            "九三学社社员",
            "台盟盟员",
            "无党派人士",
            "群众",
        ]
    ),
    DictionaryKind.ETHNIC_GROUP: tuple((name, "") for name in ETHNIC_GROUPS),
    DictionaryKind.COMMITTEE: tuple(
        (name, "")
        for name in [
            "提案委员会",
            "经济委员会",
            "农业和农村委员会",
            "教科卫体委员会",
            "社会和法制委员会",
            "文史和学习委员会",
            "民族宗教委员会",
        ]
    ),
    # Liaison groups and handling units differ in every county: the office adds its own.
    DictionaryKind.LIAISON_GROUP: (),
    DictionaryKind.HANDLING_UNIT: (),
    DictionaryKind.PROPOSAL_CATEGORY: tuple(
        (name, "") for name in ["经济", "政治", "文化", "社会", "生态文明"]
    ),
    DictionaryKind.RESULT_CLASS: (
        ("A", "已解决或采纳"),
        ("B", "正在解决或列入计划"),
        ("C", "留作参考"),
    ),
}
