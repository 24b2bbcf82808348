"""People's words on screen: always plain text, names kept whole in right-to-left scripts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def isolate(name: str) -> str:
    """A name set apart for bidi (FSI … PDI), so "ليلى, press…" keeps its word order."""
    return f"\u2068{name}\u2069"


def literal(text: str) -> str:
    """Text for a button, tab or check box: an '&' in a name is shown, not a shortcut."""
    return text.replace("&", "&&")


def plain(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for people's words and names: shown as text, never as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label
