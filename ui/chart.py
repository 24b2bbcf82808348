"""A small chart of calm and hope over time, drawn with QPainter in the palette's colours."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from facilitator.trends import Point


class CheckinChart(QWidget):
    """Calm (solid) and hope (dashed) from 1 to 5, one colour per person."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[Point] = []
        self.names: dict[str, str] = {}
        self.setAccessibleName("Calm and hope over time")
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(480, self.fontMetrics().lineSpacing() * 10)

    def set_points(self, points: list[Point], names: dict[str, str]) -> None:
        self.points, self.names = points, names
        labels = sorted({p.label for p in points}, key=self._order)
        summary = "; ".join(f"{names.get(p.party, p.party)} {p.label}: calm {p.calm}, hope "
                            f"{p.hope}" for p in points)
        self.setAccessibleDescription(summary)
        self.setToolTip(f"{len(labels)} check-ins" if labels else "No check-ins yet")
        self.update()

    @staticmethod
    def _order(label: str) -> tuple[int, int]:
        number, moment = label.split()
        return int(number), 0 if moment == "start" else 1

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        colours = {"a": palette.color(QPalette.ColorRole.Highlight),
                   "b": palette.color(QPalette.ColorRole.Text)}
        line = self.fontMetrics().lineSpacing()
        area = QRectF(line * 2, line * 1.5, self.width() - line * 4.5, self.height() - line * 4)
        labels = sorted({p.label for p in self.points}, key=self._order)
        painter.setPen(QPen(grid, 1))
        for value in range(1, 6):
            y = area.bottom() - (value - 1) / 4 * area.height()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, line * 1.6, line),
                             Qt.AlignmentFlag.AlignRight, str(value))
            painter.setPen(QPen(grid, 1))
        if len(labels) < 1:
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No check-ins yet")
            return

        def x(label: str) -> float:
            index = labels.index(label)
            return area.center().x() if len(labels) == 1 else (
                area.left() + index / (len(labels) - 1) * area.width())

        painter.setPen(text)
        for label in labels:
            painter.drawText(QRectF(x(label) - line * 2, area.bottom() + line * 0.3, line * 4,
                                    line), Qt.AlignmentFlag.AlignCenter, label)
        for party, colour in colours.items():
            for what, style in (("calm", Qt.PenStyle.SolidLine), ("hope", Qt.PenStyle.DashLine)):
                values = [(x(p.label), getattr(p, what)) for p in self.points
                          if p.party == party and getattr(p, what) is not None]
                painter.setPen(QPen(colour, 2.2, style))
                spots = [QPointF(px, area.bottom() - (v - 1) / 4 * area.height())
                         for px, v in values]
                for start, end in zip(spots, spots[1:], strict=False):
                    painter.drawLine(start, end)
                for spot in spots:
                    painter.drawEllipse(spot, 3, 3)
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft,
                         f"Calm (solid) and hope (dashed) — {self.names.get('a', '')} in "
                         f"colour, {self.names.get('b', '')} in plain")
