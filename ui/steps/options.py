"""Options: brainstorm first, judge later. Ideas are written down without comment; then each
person ticks the ones they could live with, so agreement is visible before anyone argues.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.fields import LineField
from ui.models import ID_ROLE
from ui.step import StepWidget
from ui.style import set_role

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
PARTIES = ("a", "b")


def checked(value) -> bool:
    """A check-state value from a view (an int or a Qt.CheckState) as a yes or no."""
    if isinstance(value, bool):
        return value
    return Qt.CheckState(value) == Qt.CheckState.Checked


def check_state(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


class ItemsModel(QAbstractTableModel):
    """Rows over a session's items (options, actions), edited only through the presenter.

    The rows are the session's own objects, so the model never holds a stale copy; a refresh
    with the same ids only repaints, which keeps an open cell editor and the selection alive.
    """

    checkable: tuple[int, ...] = ()  # the columns that hold one person's tick

    def __init__(self, presenter, parent=None):
        super().__init__(parent)
        self.presenter = presenter
        self._items: list = []
        self._seen: list[str] = []  # what each row showed: the items change in place
        self._names = {"a": "", "b": ""}

    def columns(self) -> list[str]:
        raise NotImplementedError

    def set_items(self, items: list, names: dict[str, str]) -> None:
        seen = [repr(item) for item in items]
        if [i.id for i in items] != [i.id for i in self._items]:
            self.beginResetModel()
            self._items, self._seen, self._names = list(items), seen, dict(names)
            self.endResetModel()
            return
        renamed = names != self._names
        changed = [row for row, (old, new) in enumerate(zip(self._seen, seen, strict=True))
                   if old != new or renamed]
        self._items, self._seen, self._names = list(items), seen, dict(names)
        if changed:  # only these rows: each one changed is measured again
            self.dataChanged.emit(self.index(changed[0], 0),
                                  self.index(changed[-1], self.columnCount() - 1))
        if renamed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def item(self, row: int):
        return self._items[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == _DISPLAY:
            return self.columns()[section]
        if role == _ALIGN and section in self.checkable:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # over the boxes
        return None

    def _valid(self, index: QModelIndex) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._items)

    def _act(self, index: QModelIndex, operation) -> bool:
        """Run an edit through the presenter; a refusal leaves the row as it was."""
        if self.presenter.act(operation) is None:
            return False
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True


class OptionsModel(ItemsModel):
    checkable = (1, 2)

    def columns(self) -> list[str]:
        return ["Idea", *(f"{self._names[p]}\ncould live with it" for p in PARTIES)]

    def data(self, index: QModelIndex, role=_DISPLAY):
        if not self._valid(index):
            return None
        option, column = self._items[index.row()], index.column()
        if role == ID_ROLE:
            return option.id
        if column == 0:
            if role in (_DISPLAY, _EDIT, _TOOLTIP, _ACCESSIBLE):
                return option.text
            return None
        party = PARTIES[column - 1]
        on = bool(option.marks.get(party))
        if role == _CHECK:
            return check_state(on)
        if role in (_ACCESSIBLE, _TOOLTIP):
            return f"{self._names[party]} could live with it: {'yes' if on else 'not ticked'}"
        return None

    def flags(self, index: QModelIndex):
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: QModelIndex, value, role=_EDIT) -> bool:  # noqa: N802
        if not self._valid(index):
            return False
        option_id = self._items[index.row()].id
        if index.column() == 0 and role == _EDIT:
            if str(value) == self._items[index.row()].text:
                return False
            return self._act(index, lambda r: r.edit_option(option_id, str(value)))
        if index.column() > 0 and role == _CHECK:
            party, on = PARTIES[index.column() - 1], checked(value)
            return self._act(index, lambda r: r.mark_option(option_id, party, on))
        return False


class WrappingTable(QTableView):
    """A table whose rows grow to fit wrapped text, measured when the words or the columns'
    widths change, not on every layout pass (ResizeToContents would measure every cell each
    time). The widths are only known once the view has laid its header out, which for a
    screen built out of sight comes later than its words: so the rows are measured again
    whenever the view finds its columns' widths changed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._widths: tuple[int, ...] = ()  # the columns' widths the rows were measured at

    def setModel(self, model) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged, model.headerDataChanged):
            signal.connect(self._fit)
        model.dataChanged.connect(self._on_model_data_changed)

    def _on_model_data_changed(self, top, bottom, *_) -> None:
        for row in range(top.row(), bottom.row() + 1):
            self.resizeRowToContents(row)

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        super().updateGeometries()
        header = self.horizontalHeader()
        widths = tuple(header.sectionSize(c) for c in range(header.count()))
        if widths != self._widths:
            self._widths = widths
            self.resizeRowsToContents()

    def _fit(self, *_) -> None:
        header = self.horizontalHeader()
        for column in range(header.count()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                self.resizeColumnToContents(column)
        self._widths = tuple(header.sectionSize(c) for c in range(header.count()))
        self.resizeRowsToContents()


def table(parent: QWidget, model: QAbstractTableModel, name: str,
          stretch: tuple[int, ...] = (0,)) -> QTableView:
    """A row-selecting table whose text columns share the room and wrap long words."""
    view = WrappingTable(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    view._fit()
    return view


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class OptionsStep(StepWidget):
    parts = frozenset({"options"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        hint = QLabel("First list ideas without judging; then each of you ticks what you "
                      "could live with.", self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        row = QHBoxLayout()
        caption = QLabel("&Idea", self)
        self.idea = LineField("Add an idea and press Enter", "Add an idea")
        caption.setBuddy(self.idea)
        self.idea.returnPressed.connect(self._on_idea_return_pressed)
        self.add = QPushButton("A&dd idea", self)
        self.add.clicked.connect(self._on_add_clicked)
        row.addWidget(caption)
        row.addWidget(self.idea, 1)
        row.addWidget(self.add)
        layout.addLayout(row)
        self.model = OptionsModel(presenter, self)
        self.view = table(self, self.model, "Ideas so far")
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.count = QLabel(self)
        set_role(self.count, "hint")
        buttons.addWidget(self.count, 1)
        self.remove = QPushButton("&Remove idea", self)
        self.remove.clicked.connect(self._on_remove_clicked)
        buttons.addWidget(self.remove)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        session = self.presenter.session
        here = (session.meeting.number, self.stage.step.id)
        options = [o for o in session.options if (o.meeting, o.step_id) == here]
        self.model.set_items(options, {p: self.name(p) for p in PARTIES})
        both = sum(1 for o in options if all(o.marks.get(p) for p in PARTIES))
        ideas = "1 idea" if len(options) == 1 else f"{len(options)} ideas"
        self.count.setText(f"{ideas} · {both} you could both live with"
                           if options else "No ideas yet.")
        self._on_view_selection_changed()

    def _on_idea_return_pressed(self) -> None:
        self._on_add_clicked()

    def _on_add_clicked(self) -> None:
        text = self.idea.text().strip()
        if text and self.presenter.act(lambda r: r.add_option(text)) is not None:
            self.idea.clear()
            self.view.scrollToBottom()
        self.idea.setFocus()

    def _on_remove_clicked(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            option_id = self.model.item(row).id
            self.presenter.act(lambda r: r.remove_option(option_id))

    def _on_view_selection_changed(self, *_) -> None:
        self.remove.setEnabled(selected_row(self.view) is not None)
