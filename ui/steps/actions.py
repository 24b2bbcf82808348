"""The plan: concrete actions (what, who, by when, how we'll know), each agreed by both people
item by item. What nobody can agree on is parked rather than forced; a review date keeps the
plan honest. Changing an action's words clears the consent given to the old words, visibly.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from ui.fields import LineField
from ui.models import ID_ROLE
from ui.step import StepWidget
from ui.steps.options import PARTIES, ItemsModel, check_state, checked, selected_row, table
from ui.style import set_role
from ui.text import isolate

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
ISO = Qt.DateFormat.ISODate
WHAT, WHO, DUE, MEASURE, AGREE_A, AGREE_B, STATUS = range(7)
FIELDS = {WHAT: "what", WHO: "owner", DUE: "due", MEASURE: "measure"}


def date_edit(parent: QWidget, name: str, days_ahead: int) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate().addDays(days_ahead), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class ActionsModel(ItemsModel):
    consent_voided = Signal(str)  # the action whose changed words cleared earlier consent
    checkable = (AGREE_A, AGREE_B)

    def columns(self) -> list[str]:
        return ["What", "Who", "By when", "How we'll know",
                *(f"{self._names[p]}\nagrees" for p in PARTIES), "Status"]

    def who(self, owner: str) -> str:
        return "Both" if owner == "both" else self._names.get(owner, owner)

    def data(self, index: QModelIndex, role=_DISPLAY):
        if not self._valid(index):
            return None
        action, column = self._items[index.row()], index.column()
        if role == ID_ROLE:
            return action.id
        if column in (AGREE_A, AGREE_B):
            party = PARTIES[column - AGREE_A]
            on = action.consent.get(party) is True
            if role == _CHECK:
                return check_state(on)
            if role in (_TOOLTIP, _ACCESSIBLE):
                return f"{self._names[party]} agrees: {'yes' if on else 'not yet'}"
            return None
        if role == _EDIT and column in FIELDS:
            return getattr(action, FIELDS[column])
        if column in FIELDS and not getattr(action, FIELDS[column]).strip():
            if role == _DISPLAY:
                return "needed before agreeing"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._shown(action, column)
        if role == _TOOLTIP:
            return self._status_tip(action) if column == STATUS else self._shown(action, column)
        return None

    def _shown(self, action, column: int) -> str:
        if column == WHO:
            return self.who(action.owner)
        if column == STATUS:
            return "Agreed" if action.status == "agreed" else "Waiting"
        return getattr(action, FIELDS[column])

    def _status_tip(self, action) -> str:
        if action.status == "agreed":
            return "Both agreed to this action."
        if action.unfinished():
            return f"Needs {', '.join(action.unfinished())} before anyone can agree."
        waiting = [self._names[p] for p in PARTIES if action.consent.get(p) is not True]
        return f"Waiting for {' and '.join(waiting)} to agree."

    def flags(self, index: QModelIndex):
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() in (AGREE_A, AGREE_B):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: QModelIndex, value, role=_EDIT) -> bool:  # noqa: N802
        if not self._valid(index):
            return False
        action, column = self._items[index.row()], index.column()
        action_id = action.id
        if column in (AGREE_A, AGREE_B) and role == _CHECK:
            party, on = PARTIES[column - AGREE_A], checked(value)
            return self._act(index, lambda r: r.consent(action_id, party, on))
        if column not in FIELDS or role != _EDIT:
            return False
        if isinstance(value, QDate):
            value = value.toString(ISO)
        name, value = FIELDS[column], str(value)
        if getattr(action, name) == value:
            return False
        had_consent = any(action.consent.values())
        done = self._act(index, lambda r: r.edit_action(action_id, **{name: value}))
        if done and had_consent and not action.consent:
            self.consent_voided.emit(action.what)
        return done


class ActionDelegate(QStyledItemDelegate):
    """Who is picked from the two names or "Both"; by when from a calendar, never typed free."""

    def __init__(self, model: ActionsModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):  # noqa: N802
        if index.column() == WHO:
            combo = QComboBox(parent)
            combo.setAccessibleName("Who")
            for slot in (*PARTIES, "both"):
                combo.addItem(self.model.who(slot), slot)
            return combo
        if index.column() == DUE:
            return date_edit(parent, "By when", 14)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        value = index.data(_EDIT)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QDateEdit):
            day = QDate.fromString(value or "", ISO)
            editor.setDate(day if day.isValid() else editor.date())
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _EDIT)
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toString(ISO), _EDIT)
        else:
            super().setModelData(editor, model, index)


class ActionsStep(StepWidget):
    parts = frozenset({"actions", "parked", "session"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        form = QGridLayout()
        self.what = LineField("e.g. End lessons by 9 pm, Sunday to Thursday", "What")
        self.who = QComboBox(self)
        self.who.setAccessibleName("Who")
        self.due = date_edit(self, "By when", 14)
        self.measure = LineField("e.g. no piano after 9 pm for two weeks", "How we'll know")
        self.add = QPushButton("A&dd to plan", self)
        for row, col, span, text, widget in (
                (0, 0, 3, "&What", self.what), (1, 0, 1, "W&ho", self.who),
                (1, 2, 1, "B&y when", self.due), (2, 0, 3, "How we'll &know", self.measure)):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            form.addWidget(caption, row, col)
            form.addWidget(widget, row, col + 1, 1, span)
        form.addWidget(self.add, 2, 4)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        layout.addLayout(form)
        self.what.returnPressed.connect(self._on_add_clicked)
        self.measure.returnPressed.connect(self._on_add_clicked)
        self.add.clicked.connect(self._on_add_clicked)

        self.model = ActionsModel(presenter, self)
        self.model.consent_voided.connect(self._on_model_consent_voided)
        self.view = table(self, self.model, "The plan", stretch=(WHAT, MEASURE))
        self.view.setItemDelegate(ActionDelegate(self.model, self.view))
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        layout.addWidget(self.view, 3)
        row = QHBoxLayout()
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        set_role(self.notice, "missing")
        row.addWidget(self.notice, 1)
        self.park = QPushButton("&Park it", self)
        self.park.setToolTip("Not agreed for now: move it to the parked list")
        self.park.clicked.connect(self._on_park_clicked)
        self.remove = QPushButton("&Remove", self)
        self.remove.clicked.connect(self._on_remove_clicked)
        row.addWidget(self.park)
        row.addWidget(self.remove)
        layout.addLayout(row)

        bottom = QHBoxLayout()
        parked_column = QVBoxLayout()
        caption = QLabel("Parked l&ist: not agreed for now", self)
        set_role(caption, "group")
        self.parked = QListWidget(self)
        self.parked.setAccessibleName("Parked items")
        self.parked.setWordWrap(True)
        self.parked.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        caption.setBuddy(self.parked)
        self.unpark = QPushButton("Ret&urn to the plan", self)
        self.unpark.clicked.connect(self._on_unpark_clicked)
        self.parked.currentRowChanged.connect(self._on_parked_current_row_changed)
        parked_column.addWidget(caption)
        parked_column.addWidget(self.parked)
        parked_column.addWidget(self.unpark, 0, Qt.AlignmentFlag.AlignLeft)
        bottom.addLayout(parked_column, 2)
        review_column = QVBoxLayout()
        review_title = QLabel("Follow-up", self)
        set_role(review_title, "group")
        self.review_check = QCheckBox("Set a review dat&e", self)
        self.review_date = date_edit(self, "Review date", 42)
        self.review_check.toggled.connect(self._on_review_check_toggled)
        self.review_date.dateChanged.connect(self._on_review_date_date_changed)
        for widget in (review_title, self.review_check, self.review_date):
            review_column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        review_column.addStretch(1)
        bottom.addLayout(review_column, 1)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        session = self.presenter.session
        names = {p: self.name(p) for p in PARTIES}
        here = (session.meeting.number, self.stage.step.id)
        self.model.set_items([a for a in session.actions if (a.meeting, a.step_id) == here],
                             names)
        selected = self.parked.currentItem()
        keep = selected.data(ID_ROLE) if selected else None
        self.parked.clear()
        for item in session.parked:
            entry = QListWidgetItem(item.text, self.parked)
            entry.setData(ID_ROLE, item.id)
            if item.id == keep:
                self.parked.setCurrentItem(entry)
        if not session.parked:
            QListWidgetItem("Nothing parked.", self.parked).setFlags(Qt.ItemFlag.NoItemFlags)
        current = self.who.currentData() or "both"
        self.who.clear()
        for slot in (*PARTIES, "both"):
            self.who.addItem(self.model.who(slot), slot)
        self.who.setCurrentIndex(self.who.findData(current))
        when = QDate.fromString(session.review_date or "", ISO)
        with QSignalBlocker(self.review_check), QSignalBlocker(self.review_date):
            self.review_check.setChecked(when.isValid())
            if when.isValid():
                self.review_date.setDate(when)
        self.review_date.setEnabled(when.isValid())
        self._on_view_selection_changed()

    def _selected_id(self) -> int | None:
        row = selected_row(self.view)
        return None if row is None else self.model.item(row).id

    def _on_add_clicked(self) -> None:
        what, measure = self.what.text().strip(), self.measure.text().strip()
        if not what:
            self.what.setFocus()
            return
        owner, due = self.who.currentData(), self.due.date().toString(ISO)
        if self.presenter.act(lambda r: r.add_action(what, owner, due, measure)) is not None:
            self.what.clear()
            self.measure.clear()
            self.notice.clear()
            self.view.scrollToBottom()
            self.what.setFocus()

    def _on_park_clicked(self) -> None:
        action_id = self._selected_id()
        if action_id is not None:
            self.presenter.act(lambda r: r.park_action(action_id))

    def _on_remove_clicked(self) -> None:
        action_id = self._selected_id()
        if action_id is not None:
            self.presenter.act(lambda r: r.remove_action(action_id))

    def _on_unpark_clicked(self) -> None:
        """Back into the plan as a new action to complete and agree; the text is kept."""
        item = self.parked.currentItem()
        parked_id = item.data(ID_ROLE) if item else None
        if parked_id is None:
            return
        text = item.text()
        if self.presenter.act(lambda r: r.add_action(text)) is not None:
            self.presenter.act(lambda r: r.unpark(parked_id))

    def _on_model_consent_voided(self, what: str) -> None:
        short = what if len(what) <= 60 else what[:59] + "…"
        self.notice.setText(f"“{isolate(short)}” changed, so both need to agree to it again.")

    def _on_parked_current_row_changed(self, _row: int) -> None:
        self._on_view_selection_changed()

    def _on_view_selection_changed(self, *_) -> None:
        chosen = self._selected_id() is not None
        self.park.setEnabled(chosen)
        self.remove.setEnabled(chosen)
        item = self.parked.currentItem()
        self.unpark.setEnabled(item is not None and item.data(ID_ROLE) is not None)

    def _on_review_check_toggled(self, on: bool) -> None:
        self.review_date.setEnabled(on)
        when = self.review_date.date().toString(ISO) if on else None
        self.presenter.act(lambda r: r.set_review_date(when))

    def _on_review_date_date_changed(self, when: QDate) -> None:
        if self.review_check.isChecked():
            iso = when.toString(ISO)
            self.presenter.act_later("actions.review_date", lambda r: r.set_review_date(iso))
