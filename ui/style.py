"""The calm look: sizes relative to the system font, soft cards for the turn banner and the
previews, flat scroll bars, and every colour taken from the palette when it is painted, so the
system's light or dark scheme is followed, even when it changes while the app is open.

Set on each widget rather than with a Qt style sheet: a style sheet made each move between
steps about a tenth slower, and Fusion's gradient scroll bars cost a millisecond or more each
time one was painted, the largest single part of a move.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QWidget,
)

_CC = QStyle.ComplexControl
_SC = QStyle.SubControl
_ROLE = QPalette.ColorRole


@dataclass(frozen=True)
class Role:
    """How one kind of label looks: a font size as a share of the system's, bold or not, the
    space around its text, its card (if any) and its text colour."""

    scale: float = 1.0
    bold: bool = False
    padding: tuple[int, int, int, int] = (0, 0, 0, 0)  # left, top, right, bottom
    card: str = ""  # "" no card; "fill" a soft card; "bar" a card marked on the left;
    # "outline" a highlighted frame
    colour: QPalette.ColorRole = _ROLE.WindowText


def _even(pixels: int) -> tuple[int, int, int, int]:
    return (pixels, pixels, pixels, pixels)


ROLES = {
    "title": Role(1.5, bold=True),
    "heading": Role(1.25, bold=True),
    "group": Role(bold=True),
    "words": Role(1.1),
    "welcome": Role(1.3, padding=(64, 24, 64, 24)),
    "banner": Role(1.3, bold=True, padding=_even(10), card="fill"),
    "banner large": Role(2.0, bold=True, padding=_even(18), card="fill"),
    "cue": Role(padding=(12, 8, 8, 8), card="bar"),
    "safety": Role(padding=_even(12), card="outline"),
    "preview": Role(1.15, padding=_even(10), card="fill"),
    "missing": Role(bold=True),
    "hint": Role(colour=_ROLE.PlaceholderText),
    "rules": Role(),
}
CARDS = frozenset(name for name, role in ROLES.items() if role.card)


def paint_card(widget: QWidget) -> None:
    """Paint the card of `widget`'s role (if it has one) behind its text, in the colours its
    palette has now."""
    look = ROLES.get(widget.property("role") or "", Role())
    if not look.card:
        return
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = widget.palette()
    box = QRectF(widget.rect()).adjusted(1, 1, -1, -1)
    if look.card == "outline":
        pen = QPen(palette.color(_ROLE.Highlight))
        pen.setWidthF(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 8, 8)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(_ROLE.AlternateBase))
        painter.drawRoundedRect(box, 8, 8)
        if look.card == "bar":
            painter.setBrush(palette.color(_ROLE.Highlight))
            painter.drawRect(QRectF(box.left(), box.top(), 4, box.height()))
    painter.end()


def set_role(widget: QWidget, role: str) -> None:
    """Give `widget` the look of `role`: its font, padding and text colour."""
    look = ROLES[role]
    widget.setProperty("role", role)
    font = QFont(QApplication.font())
    if look.scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * look.scale)
    font.setBold(look.bold)
    widget.setFont(font)
    widget.setContentsMargins(*look.padding)
    widget.setForegroundRole(look.colour)  # a role, not a colour: it follows the scheme
    if hasattr(widget, "forget"):  # a label that keeps its measurements
        widget.forget()
    widget.update()


def primary(button: QAbstractButton, on: bool = True) -> None:
    """The button that moves things on: bold, so it is found first."""
    button.setProperty("primary", on)
    font = button.font()
    font.setBold(on)
    button.setFont(font)


class Look(QProxyStyle):
    """Fusion with flat scroll bars: a rounded handle on the window colour, small arrows.

    Everything else is Fusion's own.
    """

    def drawComplexControl(self, control, option, painter, widget=None) -> None:  # noqa: N802
        if control != _CC.CC_ScrollBar:
            super().drawComplexControl(control, option, painter, widget)
            return
        palette = option.palette
        painter.save()
        painter.fillRect(option.rect, palette.color(_ROLE.Window))
        if option.minimum == option.maximum:  # nothing to scroll: keep the room, draw nothing
            painter.restore()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        horizontal = option.orientation == Qt.Orientation.Horizontal
        handle = QRectF(self.subControlRect(control, option, _SC.SC_ScrollBarSlider, widget))
        if handle.isValid() and option.state & QStyle.StateFlag.State_Enabled:
            handle = handle.adjusted(1, 3, -1, -3) if horizontal else handle.adjusted(3, 1, -3, -1)
            held = (option.activeSubControls & _SC.SC_ScrollBarSlider
                    and option.state & QStyle.StateFlag.State_Sunken)
            painter.setBrush(palette.color(_ROLE.Highlight if held else _ROLE.Mid))
            radius = min(handle.width(), handle.height()) / 2
            painter.drawRoundedRect(handle, radius, radius)
        painter.setBrush(palette.color(_ROLE.ButtonText if option.state
                                       & QStyle.StateFlag.State_Enabled else _ROLE.Mid))
        for part, forward in ((_SC.SC_ScrollBarSubLine, False), (_SC.SC_ScrollBarAddLine, True)):
            box = QRectF(self.subControlRect(control, option, part, widget))
            if box.isValid():
                painter.drawPolygon(_arrow(box, horizontal, forward))
        painter.restore()


def _arrow(box: QRectF, horizontal: bool, forward: bool) -> QPolygonF:
    """A small triangle in the middle of `box`, pointing the way the button scrolls."""
    centre, size = box.center(), min(box.width(), box.height()) / 5
    sign = 1 if forward else -1
    if horizontal:
        points = [QPointF(centre.x() + sign * size, centre.y()),
                  QPointF(centre.x() - sign * size, centre.y() - size * 1.4),
                  QPointF(centre.x() - sign * size, centre.y() + size * 1.4)]
    else:
        points = [QPointF(centre.x(), centre.y() + sign * size),
                  QPointF(centre.x() - size * 1.4, centre.y() - sign * size),
                  QPointF(centre.x() + size * 1.4, centre.y() - sign * size)]
    return QPolygonF(points)


def apply(app: QApplication) -> None:
    """Flat scroll bars where the style is Fusion (Linux, and wherever no native style is);
    native styles keep their own."""
    if app.style().name().lower() == "fusion" and not isinstance(app.style(), Look):
        app.setStyle(Look(QStyleFactory.create("Fusion")))
