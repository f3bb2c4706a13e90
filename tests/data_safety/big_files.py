"""A roster and a duty-record file big enough for an import to take a while."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from app.common.people.idcard import check_digit
from app.office.dictionary_defaults import DEFAULT_ENTRIES
from app.office.labels import DictionaryKind

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志红玉海燕晓东文"
ROSTER_HEADER = ["序号", "姓名", "性别", "出生年月", "政治面貌", "界别", "工作单位及职务",
                 "联系电话", "身份证号码"]  # fmt: skip
RECORDS_HEADER = ["姓名", "身份证号码", "日期", "类别", "名称", "情况"]
ACTIVITY_KINDS = ["全体会议", "常委会会议", "协商会", "视察", "调研", "培训", "委员活动"]


def people(count: int) -> list[tuple[str, str]]:
    """(name, ID number) of `count` members, every ID valid and different."""
    start = date(1950, 1, 1)
    found = []
    for i in range(count):
        birth = start + timedelta(days=i * 37)
        first17 = f"150523{birth:%Y%m%d}{i % 1000:03d}"
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        found.append((name + GIVEN[i % len(GIVEN)], first17 + check_digit(first17)))
    return found


def write_roster(path: Path, members: list[tuple[str, str]]) -> Path:
    rng = random.Random(5)
    parties = [name for name, _ in DEFAULT_ENTRIES[DictionaryKind.PARTY]]
    sectors = [name for name, _ in DEFAULT_ENTRIES[DictionaryKind.SECTOR]]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("委员名单")
    sheet.append(ROSTER_HEADER)
    for i, (name, id_number) in enumerate(members, start=1):
        birth = f"{id_number[6:10]}.{id_number[10:12]}"
        sheet.append([i, name, "男" if int(id_number[16]) % 2 else "女", birth, rng.choice(parties),
                      rng.choice(sectors), f"县第{i % 40 + 1}中学校长",
                      f"138{rng.randrange(10**8):08d}", id_number])  # fmt: skip
    book.save(path)
    return path


def write_records(path: Path, members: list[tuple[str, str]], rows: int) -> Path:
    """Meetings of up to 100 members each, until `rows` attendance rows are written."""
    rng = random.Random(6)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("履职记录")
    sheet.append(RECORDS_HEADER)
    written, meeting = 0, 0
    while written < rows:
        meeting += 1
        day = date(2024, 1, 1) + timedelta(days=meeting % 360)
        kind = ACTIVITY_KINDS[meeting % len(ACTIVITY_KINDS)]
        for name, id_number in rng.sample(members, min(100, len(members), rows - written)):
            status = rng.choice(["出席", "请假", "缺席"])
            sheet.append([name, id_number, f"{day:%Y-%m-%d}", kind, f"活动{meeting}", status])
            written += 1
    book.save(path)
    return path
