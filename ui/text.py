"""People's words on screen: always plain text, names kept whole in right-to-left scripts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui import style


def isolate(name: str) -> str:
    """A name kept in its place in an English sentence: a left-to-right mark on each side, so
    "ليلى, press…" and "ليلى speaks · נועה listens" keep their word order. (Not FSI … PDI:
    Qt pairs those wrongly when two right-to-left names share a line.)"""
    return f"\u200e{name}\u200e"


def literal(text: str) -> str:
    """Text for a button, tab or check box: an '&' in a name is shown, not a shortcut."""
    return text.replace("&", "&&")


def plain(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for people's words and names: shown as text, never as HTML."""
    label = style.label(text, role, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line of text that ends in … when it does not fit; the whole text is the tooltip.

    For titles people write, which can be a hundred words long.
    """

    def __init__(self, role: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            style.set_role(self, role)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        line = " ".join(self._full.split())
        self.setText(self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight,
                                                   max(self.width(), 40)))
