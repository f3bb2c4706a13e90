"""Words that proposals use for the same thing, for the duplicate check.

Two members rarely name a subject alike: one writes 电瓶车, the other 电动自行车; one
泊位, the other 车位. Bigrams alone cannot see that, so before the text is cut into
bigrams every variant on a line below is replaced by the line's first word.

Keep a variant out when it also means something else in proposals: 取暖 stays (农村
清洁取暖 is another subject than 集中供暖), so does 托管 (农业生产托管), 运动, 办事.
"""

from __future__ import annotations

import re

SYNONYM_LINES = """
电动自行车 电动车 电瓶车
车位 泊位 停车位
饮水 吃水 饮用水 喝水
供水 自来水
教师 老师
幼儿园 托幼机构
公办幼儿园 公办园
民办幼儿园 民办园
普惠幼儿园 普惠园
入园难 入托难
老年人 老人 长者
空巢 独居
电商 电子商务 网店 网络销售 网上销售 网销
供暖 供热 暖气 采暖
卫生院 乡镇医院
医生 医师 大夫
课后服务 课后托管 延时托管 延时服务
返乡 回乡 归乡
融资 贷款 信贷
小微企业 小企业 中小企业
民宿 农家客栈 客栈
非遗 非物质文化遗产
技艺 手艺
公厕 公共厕所 厕所
食堂 饭堂
撂荒 抛荒 荒废
诈骗 骗局 被骗 受骗 行骗
近视 视力下降
健身 锻炼
客运 班车 客车
物业 物业公司 物业服务企业
业委会 业主委员会
异地就医 外地看病 外地就医 异地看病
农贸市场 菜市场 菜场
秸秆 秸杆 玉米秆 麦秆
清淤 疏浚
留守儿童 留守孩子
"""


def _table(lines: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in lines.strip().splitlines():
        canonical, *variants = line.split()
        table.update({variant: canonical for variant in variants})
    return table


SYNONYMS = _table(SYNONYM_LINES)
# Longest first, so 停车位 is read before any shorter word inside it.
_VARIANT_RE = re.compile("|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)))


def canonical_words(text: str) -> str:
    """Every listed variant replaced by its line's first word."""
    return _VARIANT_RE.sub(lambda m: SYNONYMS[m.group()], text)
