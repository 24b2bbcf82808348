"""One page shown at a time, as in QStackedWidget, but the hidden pages are left out of layout.

A stack measures every page, shown or not, each time anything on the shown page changes size;
with the home list and the lock cover beside the session screen, that made every move between
steps measure all three. Hidden widgets in a box layout take no room and are not measured.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget


class Pages(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current: QWidget | None = None

    def addWidget(self, widget: QWidget) -> int:  # noqa: N802 (QStackedWidget's names)
        widget.setParent(self)
        widget.hide()
        self._pages.append(widget)
        self._layout.addWidget(widget)
        if self._current is None:
            self.setCurrentWidget(widget)
        return len(self._pages) - 1

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802
        return self._pages.index(widget) if widget in self._pages else -1

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self._current

    def currentIndex(self) -> int:  # noqa: N802
        return self.indexOf(self._current) if self._current is not None else -1

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self.setCurrentWidget(self._pages[index])

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802
        """Show `widget` and hide the page before it; the keyboard focus follows, as in a
        stack, when it was on the page being hidden."""
        if widget is self._current:
            return
        old, self._current = self._current, widget
        focus = QApplication.focusWidget()
        had_focus = old is not None and focus is not None and old.isAncestorOf(focus)
        widget.show()
        if old is not None:
            old.hide()
        if had_focus:
            target = widget.focusWidget() or next(
                (child for child in widget.findChildren(QWidget)
                 if child.focusPolicy() & Qt.FocusPolicy.TabFocus
                 and child.isVisibleTo(widget) and child.isEnabled()), None)
            (target or widget).setFocus()
