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

# Other names offices write for an entry (DOMAIN.md "Conventions offices expect"): the
# full names of parties and organisations, and the short forms rosters use. Seeded with
# the default entries, and given to an entry the office adds under one of these names
# (台盟, 侨联 …) when they are free. Editable in 基础名录.
KNOWN_ALIASES: dict[DictionaryKind, dict[str, tuple[str, ...]]] = {
    DictionaryKind.SECTOR: {
        "中共": ("中国共产党", "共产党"),
        "民革": ("中国国民党革命委员会",),
        "民盟": ("中国民主同盟",),
        "民建": ("中国民主建国会",),
        "民进": ("中国民主促进会",),
        "农工党": ("中国农工民主党", "农工"),
        "致公党": ("中国致公党", "致公"),
        "九三学社": ("九三",),
        "台盟": ("台湾民主自治同盟",),
        "无党派人士": ("无党派", "无党派民主人士"),
        "共青团": ("中国共产主义青年团", "共产主义青年团", "团委"),
        "工会": ("总工会", "中华全国总工会"),
        "妇联": ("妇女联合会", "中华全国妇女联合会"),
        "工商联": ("中华全国工商业联合会", "工商业联合会"),
        "科协": ("中国科学技术协会", "科学技术协会"),
        "侨联": ("中华全国归国华侨联合会", "归国华侨联合会"),
        "台联": ("中华全国台湾同胞联谊会", "台湾同胞联谊会"),
        "医药卫生界": ("医卫界", "医药卫生"),
        "文化艺术界": ("文艺界", "文化艺术"),
        "少数民族界": ("少数民族",),
        "特邀人士": ("特邀",),
    },
    DictionaryKind.PARTY: {
        "中共党员": ("中国共产党党员", "共产党员", "党员", "中共"),
        "中共预备党员": ("中国共产党预备党员", "预备党员"),
        "共青团员": ("中国共产主义青年团团员", "团员"),
        "民革党员": ("中国国民党革命委员会党员", "民革"),
        "民盟盟员": ("中国民主同盟盟员", "民盟"),
        "民建会员": ("中国民主建国会会员", "民建"),
        "民进会员": ("中国民主促进会会员", "民进"),
        "农工党党员": ("中国农工民主党党员", "农工党"),
        "致公党党员": ("中国致公党党员", "致公党"),
        "九三学社社员": ("九三学社",),
        "台盟盟员": ("台湾民主自治同盟盟员", "台盟"),
        "无党派人士": ("无党派", "无党派民主人士"),
    },
    DictionaryKind.ETHNIC_GROUP: {
        "蒙古族": ("蒙族",),
        "维吾尔族": ("维族",),
        "哈萨克族": ("哈族",),
    },
    DictionaryKind.COMMITTEE: {
        "提案委员会": ("提案委",),
        "经济委员会": ("经济委",),
        "农业和农村委员会": ("农业农村委员会", "农业农村委"),
        "教科卫体委员会": ("教科卫体委",),
        "社会和法制委员会": ("社会法制委员会", "社法委"),
        "文史和学习委员会": ("文史学习委员会", "文史委"),
        "民族宗教委员会": ("民族和宗教委员会", "民宗委"),
    },
    DictionaryKind.PROPOSAL_CATEGORY: {
        "经济": ("经济类", "经济建设"),
        "政治": ("政治类", "政治建设"),
        "文化": ("文化类", "文化建设"),
        "社会": ("社会类", "社会建设"),
        "生态文明": ("生态", "生态类", "生态文明类", "生态文明建设"),
    },
    DictionaryKind.RESULT_CLASS: {
        "A": ("A类", "已解决或采纳"),
        "B": ("B类", "正在解决或列入计划"),
        "C": ("C类", "留作参考"),
    },
}
