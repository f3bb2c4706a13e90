"""A grouped bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).

One group of bars per county, one bar per series, the value above each bar and a
legend on top. Enough for comparing a handful of counties side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.common.text import share_text

PALETTE = ("#3B6FB6", "#E08A2E", "#4E9A5B", "#B5485D", "#7A5BA6", "#3A9EA5", "#8C7A3E")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""
        self.categories: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.percent = False

    def set_data(
        self, title: str, categories: list[str], series: list[Series], percent: bool = False
    ) -> None:
        self.title, self.categories = title, tuple(categories)
        self.series, self.percent = tuple(series), percent
        self.update()

    def _text(self, value: float) -> str:
        return share_text(value) if self.percent else f"{value:g}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 22), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(self.font())
        if not self.categories or not self.series:
            painter.setPen(QColor("#6B7280"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "尚无数据")
            painter.end()
            return
        legend_bottom = self._legend(painter, 30)
        area = QRectF(40, legend_bottom + 18, self.width() - 56, self.height() - legend_bottom - 58)
        top = max((v for s in self.series for v in s.values), default=0.0)
        # Percentages: up to the next 10 % above the largest (at most 100 %).
        top = min(1.0, (int(top * 12) + 1) / 10) if self.percent else max(top * 1.1, 1.0)
        painter.setPen(QPen(QColor("#9CA3AF"), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        group = area.width() / len(self.categories)
        bar = min(36.0, group * 0.8 / len(self.series))
        one = len(self.series) == 1  # a lone bar's label may use its whole group
        for index, category in enumerate(self.categories):
            left = area.left() + index * group + (group - bar * len(self.series)) / 2
            for number, series in enumerate(self.series):
                value = series.values[index]
                height = area.height() * (value / top if top else 0.0)
                rect = QRectF(left + number * bar, area.bottom() - height, bar - 2, height)
                painter.fillRect(rect, QColor(PALETTE[number % len(PALETTE)]))
                text = self._text(value)
                # Only where it fits over its own bar: many counties' labels would run
                # together (the table beside the chart has every figure).
                if painter.fontMetrics().horizontalAdvance(text) <= (group if one else bar + 4):
                    painter.setPen(QColor("#111827"))
                    painter.drawText(
                        QRectF(rect.left() - 12, rect.top() - 18, bar + 22, 16),
                        Qt.AlignmentFlag.AlignCenter,
                        text,
                    )
            painter.setPen(QColor("#111827"))
            painter.drawText(
                QRectF(area.left() + index * group, area.bottom() + 4, group, 34),
                Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                category,
            )
        painter.end()

    def _legend(self, painter: QPainter, top: float) -> float:
        x, row = 10.0, top
        metrics = painter.fontMetrics()
        for number, series in enumerate(self.series):
            width = 18 + metrics.horizontalAdvance(series.name) + 16
            if x + width > self.width() - 8 and x > 10:
                x, row = 10.0, row + 20
            painter.fillRect(QRectF(x, row + 4, 12, 12), QColor(PALETTE[number % len(PALETTE)]))
            painter.setPen(QColor("#111827"))
            painter.drawText(
                QRectF(x + 16, row, width, 20), Qt.AlignmentFlag.AlignVCenter, series.name
            )
            x += width
        return row + 20
