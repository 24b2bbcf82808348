"""People's words on screen: always plain text, names kept whole in right-to-left scripts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
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


def plain(text: str = "", role: str = "", parent: QWidget | None = None) -> Words:
    """A label for people's words and names: shown as text, never as HTML; on a card when
    its role has one."""
    label = (CardWords if role in style.CARDS else Words)(text, parent)
    if role:
        style.set_role(label, role)
    return label


class Words(QLabel):
    """Plain text that wraps, and remembers how tall it is at each width.

    Qt measures a wrapped label by laying its text out again each time it is asked, and a
    move between steps asks dozens of times; here each text is laid out once per width,
    and the last few texts are kept, so going back to a step measures nothing.
    """

    KEPT = 24  # texts remembered

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._sizes: dict[str, dict] = {}

    def forget(self) -> None:
        """The font, margins or alignment changed: measure everything again."""
        self._sizes.clear()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._sizes.clear()  # a font or style change
        super().changeEvent(event)

    def _known(self) -> dict:
        text = self.text()
        sizes = self._sizes.get(text)
        if sizes is None:
            if len(self._sizes) >= self.KEPT:
                self._sizes.clear()
            sizes = self._sizes[text] = {}
        return sizes

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        sizes = self._known()
        if width not in sizes:
            sizes[width] = super().heightForWidth(width)
        return sizes[width]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        sizes = self._known()
        if "hint" not in sizes:
            sizes["hint"] = super().sizeHint()
        return sizes["hint"]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        sizes = self._known()
        if "least" not in sizes:
            sizes["least"] = super().minimumSizeHint()
        return sizes["least"]


class CardWords(Words):
    """Words on a soft card: the turn banner, the mediator's cue, the previews."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        style.paint_card(self)
        super().paintEvent(event)


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
