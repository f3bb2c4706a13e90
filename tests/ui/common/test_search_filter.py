"""The search box over a list: each row's text is read once, not at every keystroke
(3,000 社情民意 or activities: a third of a second a key), and read again when the rows
change."""

from __future__ import annotations

from typing import Any

from ui.common.tables import DISPLAY, AnyIndex, Column, ColumnTableModel, SearchFilter

COLUMNS = (Column("名称", lambda r: r[0]), Column("委员", lambda r: r[1]))


class CountingModel(ColumnTableModel[tuple[str, str]]):
    def __init__(self) -> None:
        super().__init__(COLUMNS, lambda r: r[0])
        self.read = 0

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if role == DISPLAY:
            self.read += 1
        return super().data(index, role)


def _shown(search: SearchFilter) -> list[str]:
    return [search.index(r, 0).data() for r in range(search.rowCount())]


def test_typing_reads_each_row_once(qtbot) -> None:
    model = CountingModel()
    model.set_rows(
        [(f"关于第{n}个问题的社情民意", "王伟" if n % 2 else "李Ａ") for n in range(2000)]
    )
    search = SearchFilter()
    search.setSourceModel(model)
    search.set_search("第1")
    assert search.rowCount() == 1111  # 1, 10…19, 100…199, 1000…1999
    model.read = 0
    for typed in ("第12", "第123", "第1234", "第12"):
        search.set_search(typed)
    assert model.read == 0  # the texts read at the first key were kept
    assert _shown(search) == [
        f"关于第{n}个问题的社情民意" for n in (12, *range(120, 130), *range(1200, 1300))
    ]
    search.set_search("李a")  # full width and case folded, any column
    assert search.rowCount() == 1000


def test_new_or_changed_rows_are_read_again(qtbot) -> None:
    model = CountingModel()
    model.set_rows([("城区停车", "王伟"), ("农村公路", "李四")])
    search = SearchFilter()
    search.setSourceModel(model)
    search.set_search("张")
    assert _shown(search) == []
    model.set_rows([("城区停车", "张三"), ("农村公路", "李四")])
    assert _shown(search) == ["城区停车"]
    model._rows[1] = ("农村公路", "张五")  # an edit the model announces
    model.dataChanged.emit(model.index(1, 0), model.index(1, 1))
    assert _shown(search) == ["城区停车", "农村公路"]


def test_a_match_is_within_one_cell(qtbot) -> None:
    model = CountingModel()
    model.set_rows([("停车", "王伟")])
    search = SearchFilter()
    search.setSourceModel(model)
    search.set_search("车王")  # the end of one cell and the start of the next
    assert search.rowCount() == 0
