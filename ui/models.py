"""Qt item models over the core's data: the session list, a session's stages, its notes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

STATE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_DISPLAY = Qt.ItemDataRole.DisplayRole


def when(stamp: str) -> str:
    """A stored UTC timestamp as local time for people: '27 Nov 2026, 14:05'."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return f"{moment.day} {moment:%b %Y, %H:%M}"


class SessionListModel(QAbstractTableModel):
    """Sessions, newest first, fetched a page at a time so 10 000 of them open instantly."""

    COLUMNS = ("Topic", "People", "Guide", "Status", "Last updated")
    PAGE = 200

    def __init__(self, fetch, guide_titles: dict | None = None, parent=None):
        super().__init__(parent)
        self._fetch = fetch  # fetch(text, limit=, offset=) -> rows
        self._rows: list[dict] = []
        self._guides = guide_titles or {}
        self._text = ""
        self._more = False

    def reload(self, text: str | None = None, guide_titles: dict | None = None) -> None:
        self.beginResetModel()
        if text is not None:
            self._text = text
        if guide_titles is not None:
            self._guides = guide_titles
        self._rows = [self._shown(r) for r in self._fetch(self._text, limit=self.PAGE,
                                                           offset=0)]
        self._more = len(self._rows) == self.PAGE
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or not self._more:
            return
        rows = [self._shown(r) for r in self._fetch(self._text, limit=self.PAGE,
                                                     offset=len(self._rows))]
        self._more = len(rows) == self.PAGE
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=_DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        session_id, values = self._rows[index.row()]
        if role == ID_ROLE:
            return session_id
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return values[index.column()]
        return None

    def _shown(self, row: dict) -> tuple[int, tuple[str, ...]]:
        """The id and the five texts a row shows, worked out once when it is fetched."""
        def line(text: str) -> str:
            return " ".join(text.split())

        return row["id"], (
            line(row["title"]),
            line(f"{row['party_a']} and {row['party_b']}"),
            self._guides.get(row["guide_id"], row["guide_id"]),
            "Finished" if row["status"] == "finished" else "In progress",
            when(row["updated"]),
        )


class StagesModel(QAbstractListModel):
    """The guide's stages as a progress list: done, current, to come.

    Each row's values are worked out once per change, not on every paint: the view asks
    for a dozen roles per row each time it draws, and moving between steps redraws it.
    """

    _MARKS = {"done": "✓", "current": "▸", "ready": "·", "to come": "·"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._labels: list[str] = []
        self._current = 0
        self._reachable = 0
        self._finished = False
        self._rows: list[dict] = []
        self._bold = QFont(QApplication.font())
        self._bold.setBold(True)

    def set_stages(self, labels: list[str], current: int, finished: bool,
                   reachable: int | None = None) -> None:
        """`reachable`: the furthest stage one may jump to (every stage before it is done)."""
        reachable = current if reachable is None else max(reachable, current)
        if labels != self._labels:
            self.beginResetModel()
            self._labels, self._current, self._finished = labels, current, finished
            self._reachable = reachable
            self._rows = [self._row(r) for r in range(len(labels))]
            self.endResetModel()
        elif (current, finished, reachable) != (self._current, self._finished,
                                                self._reachable):
            # only the marks change: repaint the rows that changed, keep the view's layout
            self._current, self._finished, self._reachable = current, finished, reachable
            changed = []
            for row, old in enumerate(self._rows):
                new = self._row(row)
                if new != old:
                    self._rows[row] = new
                    changed.append(row)
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))

    def state(self, row: int) -> str:
        if row == self._current and not self._finished:
            return "current"
        if self._finished or row < self._reachable or row < self._current:
            return "done"
        return "to come" if row != self._reachable else "ready"

    def _row(self, row: int) -> dict:
        state = self.state(row)
        values = {
            _DISPLAY: f"{self._MARKS[state]}  {self._labels[row]}",
            Qt.ItemDataRole.AccessibleTextRole: f"{self._labels[row]}, {state}",
            STATE_ROLE: state,
        }
        if state == "current":
            values[Qt.ItemDataRole.FontRole] = self._bold
        return values

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._labels)

    def data(self, index: QModelIndex, role=_DISPLAY):
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == Qt.ItemDataRole.ForegroundRole and self._rows[row][STATE_ROLE] == "to come":
            # asked for at paint time, so a scheme changed while the app is open is followed
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return self._rows[row].get(role)

    def flags(self, index: QModelIndex):
        row = index.row()
        if not 0 <= row < len(self._rows) or self._rows[row][STATE_ROLE] == "to come":
            return Qt.ItemFlag.NoItemFlags  # not yet: the stages before it need something
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class NotesModel(QAbstractListModel):
    """A session's notes; private ones only when the mediator's view is on."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._notes = []

    def set_notes(self, notes, show_private: bool) -> None:
        self.beginResetModel()
        self._notes = [n for n in notes if show_private or n.visibility == "shared"]
        self.endResetModel()

    def note(self, row: int):
        return self._notes[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: QModelIndex, role=_DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        if role in (_DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            tag = "Private · " if note.visibility == "private" else ""
            return f"{tag}{note.text}"
        if role == ID_ROLE:
            return note.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{note.visibility.capitalize()} note, {when(note.created)}"
        return None
