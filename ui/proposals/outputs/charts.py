"""Bar charts of the proposal statistics (QtCharts): Chinese labels, the value on every
bar, a legend naming what is counted. One chart per breakdown, plus the rates."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

COLOURS = ("#2f6fb3", "#e0892b", "#3a9a5b", "#b3261e", "#7b5ea7")
LABEL_COLOUR = QColor("#1f2937")
HEADROOM = 1.25  # the axis reaches this far above the tallest bar: room for its label


@dataclass(frozen=True)
class Bars:
    """One set of bars: its legend name and one value per category."""

    name: str
    values: tuple[float, ...]


def nice_scale(values: Sequence[float]) -> tuple[float, int]:
    """The value axis's end and its tick count: round steps (1, 2, 5, 10, 20 …), at most
    six of them, with room above the tallest bar for its label."""
    wanted = max(max(values, default=0) * HEADROOM, 1)
    exponent = 0
    while True:
        for mantissa in (1, 2, 5):
            step = mantissa * 10**exponent
            steps = math.ceil(wanted / step)
            if steps <= 6:
                return float(steps * step), steps + 1
        exponent += 1


def _value_axis(top_of: Sequence[float], percent: bool, font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelsFont(font)
    axis.setTruncateLabels(False)
    if percent:  # 0 … 100% with room above a full bar for its label
        axis.setRange(0, 100 * HEADROOM - 1)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(25)
        axis.setLabelFormat("%d%%")
    else:
        top, ticks = nice_scale(top_of)
        axis.setRange(0, top)
        axis.setTickCount(ticks)
        axis.setLabelFormat("%d")
    return axis


def _style(chart: QChart, title: str, font: QFont) -> None:
    chart.setTitle(title)
    bold = QFont(font)
    bold.setBold(True)
    bold.setPointSizeF(font.pointSizeF() + 1)
    chart.setTitleFont(bold)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(4)
    chart.setMargins(QMargins(6, 4, 6, 4))
    legend = chart.legend()
    legend.setVisible(True)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setFont(font)


def _fill(series: QAbstractBarSeries, sets: Sequence[Bars], percent: bool, font: QFont) -> None:
    for n, bars in enumerate(sets):
        bar_set = QBarSet(bars.name)
        bar_set.append(list(bars.values))
        bar_set.setColor(QColor(COLOURS[n % len(COLOURS)]))
        inside = isinstance(series, QHorizontalStackedBarSeries)
        bar_set.setLabelColor(QColor("white") if inside else LABEL_COLOUR)
        bar_set.setLabelFont(font)
        series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%" if percent else "@value")
    series.setLabelsPrecision(4 if percent else 6)


def bar_chart(
    title: str,
    categories: Sequence[str],
    sets: Sequence[Bars],
    font: QFont,
    percent: bool = False,
    parent: QWidget | None = None,
) -> QChartView:
    """Upright bars with the value above each one (counts, or rates in per cent)."""
    chart = QChart()
    _style(chart, title, font)
    series = QBarSeries()
    _fill(series, sets, percent, font)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(list(categories))
    names.setLabelsFont(font)
    names.setTruncateLabels(False)  # unit names in full, never "…"
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    values = _value_axis([v for s in sets for v in s.values], percent, font)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    return _view(chart, parent)


def stacked_rows_chart(
    title: str,
    categories: Sequence[str],
    sets: Sequence[Bars],
    font: QFont,
    parent: QWidget | None = None,
) -> QChartView:
    """Horizontal stacked bars, one row per category (units: 主办 and 协办), the first on top."""
    categories = list(reversed(categories))  # the category axis runs upwards
    sets = [Bars(s.name, tuple(reversed(s.values))) for s in sets]
    chart = QChart()
    _style(chart, title, font)
    series = QHorizontalStackedBarSeries()
    _fill(series, sets, False, font)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsCenter)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(categories)
    names.setLabelsFont(font)
    names.setTruncateLabels(False)  # unit names in full, never "…"
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    totals = [sum(s.values[n] for s in sets) for n in range(len(categories))]
    values = _value_axis(totals, False, font)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    return _view(chart, parent)


def _view(chart: QChart, parent: QWidget | None) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setObjectName("statisticsChart")
    return view


def chart_texts(view: QChartView) -> dict[str, object]:
    """What a chart says, for tests: title, categories, and each set's name and values."""
    chart = view.chart()
    series = chart.series()[0]
    assert isinstance(series, QAbstractBarSeries)
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return {
        "title": chart.title(),
        "categories": list(axis.categories()),
        "sets": {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()},
        "labels_visible": series.isLabelsVisible(),
        "legend": chart.legend().isVisible(),
    }
