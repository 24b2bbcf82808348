"""Small input widgets the step screens share: autosaving text, word chips, 1–5 ratings.

They know nothing about step kinds: a screen tells each one what to call when it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.style import set_role


class TextField(QPlainTextEdit):
    """Multi-line text that reports each edit; `set_quietly` never moves the cursor needlessly."""

    edited = Signal(str)

    def __init__(self, placeholder: str = "", name: str = "", lines: int = 3,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(name or placeholder)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.textChanged.connect(self._on_self_text_changed)
        self._quiet = False

    def set_quietly(self, text: str) -> None:
        if self.toPlainText() != text:
            self._quiet = True
            self.setPlainText(text)
            self._quiet = False

    def _on_self_text_changed(self) -> None:
        if not self._quiet:
            self.edited.emit(self.toPlainText())


class LineField(QLineEdit):
    """One-line text with the same quiet update as TextField."""

    edited = Signal(str)

    def __init__(self, placeholder: str = "", name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(name or placeholder)
        self.textEdited.connect(self.edited)

    def set_quietly(self, text: str) -> None:
        if self.text() != text:
            self.setText(text)


class FlowLayout(QLayout):
    """Lays children out left to right, wrapping like words (after Qt's flow layout example).

    A picker holds two hundred chips and Qt asks for this layout's size many times per move,
    so the chips' sizes are read once, each width's height is kept, and placing the chips
    again in the same rectangle does nothing.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items = []
        self._hints: list[QSize] | None = None  # the items' sizes, until the layout changes
        self._heights: dict[int, int] = {}  # width -> height, until the layout changes
        self._placed: tuple[int, int, int] | None = None  # left, top, width last used
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)
        self._forget()

    def invalidate(self) -> None:
        self._forget()
        super().invalidate()

    def _forget(self) -> None:
        self._hints, self._placed = None, None
        self._heights.clear()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        self._forget()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """Asked many times per layout pass; worked out once per width."""
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return self._heights[width]

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        where = (rect.x(), rect.y(), rect.width())  # the height does not move any chip
        if where != self._placed:
            self._arrange(rect, move=True)
            self._placed = where

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _sizes(self) -> list[QSize]:
        if self._hints is None:
            self._hints = [item.sizeHint() for item in self._items]
        return self._hints

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        gap = self.spacing()
        right = rect.right()
        for item, hint in zip(self._items, self._sizes(), strict=True):
            width, height = hint.width(), hint.height()
            if x + width > right and line > 0:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(x, y, width, height))
            x += width + gap
            line = max(line, height)
        return y + line - rect.y()


class Chip(QAbstractButton):
    """A word to pick: a rounded, checkable label painted in the palette's colours.

    Painted here rather than styled with a style sheet: a picker holds two hundred of them,
    and style-sheet buttons made moving to a statement step twice as slow.
    """

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setText(text)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search box is the keyboard way in
        self.setAccessibleName(text)
        self._hint = None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        if self._hint is None:
            metrics = self.fontMetrics()
            self._hint = QSize(metrics.horizontalAdvance(self.text()) + 26,
                               metrics.height() + 12)
        return self._hint

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = box.height() / 2
        if self.isChecked():
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            text = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            text = palette.color(QPalette.ColorRole.Text)
        painter.drawRoundedRect(box, radius, radius)
        painter.setPen(text)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())


def chip(text: str, parent: QWidget | None = None) -> Chip:
    return Chip(text, parent)


class WordScroll(QScrollArea):
    """A long list of words scrolling inside its step. It asks for a few lines only, and
    takes what room is left: asking for the whole list would push what follows it (the
    preview, the common ground) out of sight, behind a second scroll bar."""

    LINES = 8

    def __init__(self, picker: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(picker)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * self.LINES)


class WordPicker(QWidget):
    """Grouped word chips with a search box: click a chip, or type a word and press Enter."""

    picked = Signal(list)

    def __init__(self, groups: Iterable[tuple[str, Iterable[str]]], name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._chips: dict[str, QPushButton] = {}
        self._order: list[str] = []
        self._chosen: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"Type to find {name} and press Enter")
        self.search.setAccessibleName(f"Find {name}")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        layout.addWidget(self.search)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(f"Picked {name}")
        layout.addWidget(self.summary)
        for title, words in groups:
            heading = QLabel(title, self)
            set_role(heading, "group")
            layout.addSpacing(6)
            layout.addWidget(heading)
            holder = QWidget(self)
            flow = FlowLayout(holder)
            for word in words:
                button = chip(word, holder)
                button.toggled.connect(lambda on, w=word: self._on_chip_toggled(w, on))
                flow.addWidget(button)
                self._chips[word] = button
                self._order.append(word)
            layout.addWidget(holder)
        completer = QCompleter(self._order, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(completer)
        self._show_summary()

    def chosen(self) -> list[str]:
        return list(self._chosen)

    def set_chosen(self, words: list[str]) -> None:
        if words == self._chosen:
            return
        changed = set(words) ^ set(self._chosen)  # only these chips change: fewer repaints
        self._chosen = list(words)
        for word in changed & self._chips.keys():
            button = self._chips[word]
            button.blockSignals(True)
            button.setChecked(word in self._chosen)
            button.blockSignals(False)
        self._show_summary()

    def toggle(self, word: str) -> None:
        chosen = [w for w in self._chosen if w != word]
        if word not in self._chosen:
            chosen.append(word)
        self.set_chosen(chosen)
        self.picked.emit(self.chosen())

    def _on_chip_toggled(self, word: str, on: bool) -> None:
        if on != (word in self._chosen):
            self.toggle(word)

    def _on_search_return_pressed(self) -> None:
        text = self.search.text().strip().casefold()
        match = next((w for w in self._order if w.casefold() == text), None)
        match = match or next((w for w in self._order if text and text in w.casefold()), None)
        if match:
            self.toggle(match)
            self.search.clear()

    def _show_summary(self) -> None:
        self.summary.setText("Picked: " + ", ".join(self._chosen) if self._chosen
                             else "Nothing picked yet.")


class RatingScale(QWidget):
    """Five buttons, 1 to 5, with no value until someone picks one."""

    rated = Signal(int)

    def __init__(self, name: str, low: str, high: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(low, self))
        self.group = QButtonGroup(self)
        self.buttons: list[QPushButton] = []
        for value in range(1, 6):
            button = QPushButton(str(value), self)
            button.setCheckable(True)
            button.setProperty("rating", True)
            button.setFixedWidth(round(button.fontMetrics().height() * 2.4))
            button.toggled.connect(lambda on, b=button: _mark(b, on))
            button.setAccessibleName(f"{name}: {value} of 5")
            self.group.addButton(button, value)
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addWidget(QLabel(high, self))
        layout.addStretch(1)
        self.group.idClicked.connect(self.rated)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The scheme changed (light to dark): the picked button takes the new highlight."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for button in self.buttons:
                if button.isChecked():
                    _mark(button, True)

    def value(self) -> int | None:
        value = self.group.checkedId()
        return value if value > 0 else None

    def set_value(self, value: int | None) -> None:
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[value - 1].setChecked(True)


def _mark(button: QPushButton, on: bool) -> None:
    """A picked rating in the highlight colour, so the choice is seen at a glance."""
    if on:
        palette = QPalette(QApplication.palette(button))
        palette.setColor(QPalette.ColorRole.Button, palette.color(QPalette.ColorRole.Highlight))
        palette.setColor(QPalette.ColorRole.ButtonText,
                         palette.color(QPalette.ColorRole.HighlightedText))
        button.setPalette(palette)
    else:
        button.setPalette(QPalette())  # back to the scheme's own colours


def bind_text(field: TextField | LineField, key: str, presenter,
              operation: Callable[[object, str], object]) -> None:
    """Send each edit of `field` to the presenter, debounced under `key`."""
    field.edited.connect(lambda text: presenter.act_later(key, lambda r: operation(r, text)))
