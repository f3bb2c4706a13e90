"""The same problem on many rows is said once, with its rows: no row is lost."""

from __future__ import annotations

from app.common.sheets.problem_groups import group_problems, rows_text, table_lines
from app.common.sheets.reader import RowError


def error(row: int, reason: str, column: str = "日期", letter: str = "D", sheet: str = "名单"):
    return RowError(sheet, row, column, reason, letter)


def test_three_hundred_unreadable_dates_are_one_line_with_the_first_rows_and_the_count():
    values = ["上午", "下午", "晚上", "待定"]
    errors = [
        error(n, f"“{values[n % 4]}”不是可识别的日期（可写成 1975.03、1975年3月 或 1975-03-12）")
        for n in range(5, 305)
    ]
    (group,) = group_problems(errors)
    assert group.count == 300 and len(group.errors) == 300
    assert str(group) == (
        "工作表“名单”第5、6、7…行等共 300 行“日期”列（D列）："
        "“下午”“晚上”“待定”等不是可识别的日期（可写成 1975.03、1975年3月 或 1975-03-12）"
    )
    assert group.rows_text() == "第5至304行"
    assert group.full_text().startswith("工作表“名单”第5至304行“日期”列（D列）：")


def test_one_value_on_many_rows_is_said_as_it_is():
    errors = [error(n, "“工人界”不在界别名录中", "界别", "H") for n in range(4, 164, 2)]
    (group,) = group_problems(errors)
    assert str(group) == "工作表“名单”第4、6、8…行等共 80 行“界别”列（H列）：“工人界”不在界别名录中"


def test_a_problem_on_few_rows_names_them_all_and_one_row_reads_as_before():
    two = group_problems([error(5, "日期为空"), error(9, "日期为空")])
    assert [str(g) for g in two] == ["工作表“名单”第5、9行“日期”列（D列）：日期为空"]
    one = RowError("名单", 5, "日期", "日期为空", "D")
    assert str(group_problems([one])[0]) == str(one)


def test_different_columns_sheets_and_problems_stay_apart_in_reading_order():
    errors = [
        error(9, "日期为空", sheet="二组"),
        error(7, "姓名为空", "姓名", "B"),
        error(5, "日期为空"),
        error(6, "日期为空", "出生年月", "AA"),
        error(6, "日期为空"),
        error(3, "性别“m”无法识别，应为“男”或“女”", "性别", "C"),
    ]
    assert [(g.sheet, g.rows, g.column) for g in group_problems(errors)] == [
        ("二组", (9,), "日期"),
        ("名单", (3,), "性别"),
        ("名单", (5, 6), "日期"),
        ("名单", (6,), "出生年月"),
        ("名单", (7,), "姓名"),
    ]


def test_row_numbers_in_a_reason_keep_problems_apart():
    errors = [
        error(8, "与第9行的身份证号码相同（同一人只能有一行）", "身份证号码", "Q"),
        error(9, "与第8行的身份证号码相同（同一人只能有一行）", "身份证号码", "Q"),
    ]
    assert [g.reason for g in group_problems(errors)] == [e.reason for e in errors]


def test_numbers_worked_out_per_row_are_not_listed_as_one_reason():
    """“最后一位应为 2、6” read as one ID number that may end in 2 or 6: a number that
    differs from row to row stays with its row (the breakdown), the line says the first."""
    (digits,) = group_problems(
        [
            error(row, f"校验位错误（最后一位应为 {digit}），请核对号码", "身份证号码", "C")
            for row, digit in ((5, "2"), (6, "6"), (9, "2"))
        ]
    )
    assert str(digits) == (
        "工作表“名单”第5、6、9行“身份证号码”列（C列）："
        "校验位错误（最后一位应为 2），请核对号码（第5行；其余各行类似）"
    )
    assert digits.breakdown(5) == [
        "校验位错误（最后一位应为 2），请核对号码：第5、9行",
        "校验位错误（最后一位应为 6），请核对号码：第6行",
    ]
    lengths = group_problems(
        [error(n, f"案由过长（{300 + n}字，不超过80字）", "案由", "C") for n in (2, 3)]
    )
    assert lengths[0].reason == "案由过长（302字，不超过80字）（第2行；其余各行类似）"
    assert lengths[0].count == 2


def test_several_numbers_that_differ_are_said_to_be_alike():
    numbers = group_problems(
        [
            error(2, "“19753”是个数字，不像日期：如是1975年3月，请写成 1975.03"),
            error(3, "“19824”是个数字，不像日期：如是1982年4月，请写成 1982.04"),
        ]
    )
    assert numbers[0].reason == (
        "“19753”是个数字，不像日期：如是1975年3月，请写成 1975.03（第2行；其余各行类似）"
    )


def test_two_problems_in_one_cell_count_the_row_once():
    errors = [
        error(5, "“文史委”不在专委会名录中", "专委会", "N"),
        error(5, "“经科委”不在专委会名录中", "专委会", "N"),
    ]
    (group,) = group_problems(errors)
    assert (group.count, len(group.errors)) == (1, 2)
    assert group.reason == "“文史委”“经科委”不在专委会名录中"


def test_rows_as_ranges_and_a_limit_for_scattered_rows():
    assert rows_text([4, 5, 6, 7, 9, 10, 12]) == "第4至7、9、10、12行"
    assert rows_text(list(range(2, 40, 2)), limit=3) == "第2、4、6…行等共 19 行"


def test_the_command_line_lines_name_every_row_of_a_long_group():
    errors = [error(n, "日期为空") for n in range(5, 105)] + [error(200, "姓名为空", "姓名", "B")]
    assert table_lines(group_problems(errors)) == [
        "  名单\t第5、6、7…行等共 100 行\t日期（D列）\t日期为空",
        "    全部 100 行：第5至104行",
        "  名单\t第200行\t姓名（B列）\t姓名为空",
    ]


def test_a_whole_row_problem_has_no_column():
    (group,) = group_problems(
        [RowError("名单", 4, "", "这是示例行"), RowError("名单", 5, "", "这是示例行")]
    )
    assert str(group) == "工作表“名单”第4、5行：这是示例行"
    assert table_lines((group,)) == ["  名单\t第4、5行\t整行\t这是示例行"]
