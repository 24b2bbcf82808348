"""The notes panel: notes typed while people talk, each shared or private.

Private notes are listed only in the mediator's view; the party-facing view never shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.fields import TextField
from ui.models import ID_ROLE, NotesModel
from ui.style import set_role


class NotesPanel(QWidget):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.setAccessibleName("Notes")
        layout = QVBoxLayout(self)
        title = QLabel("Notes", self)
        set_role(title, "heading")
        layout.addWidget(title)
        self.model = NotesModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Notes so far")
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.text = TextField("Type a note while people talk", "New note", lines=3)
        label = QLabel("No&te", self)
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.visibility = QComboBox(self)
        self.visibility.setAccessibleName("Who may see the note")
        row.addWidget(self.visibility, 1)
        self.add = QPushButton("&Add note", self)
        self.add.clicked.connect(self._on_add_clicked)
        row.addWidget(self.add)
        layout.addLayout(row)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        layout.addWidget(self.hint)

    @property
    def mediator_view(self) -> bool:
        return self.presenter.mediator_view

    def refresh(self) -> None:
        self.model.set_notes(self.presenter.session.notes, show_private=self.mediator_view)
        self.visibility.clear()
        self.visibility.addItem("Shared", "shared")
        self.visibility.setItemData(0, "Shared: may appear in the plan",
                                    Qt.ItemDataRole.ToolTipRole)
        if self.mediator_view:
            self.visibility.addItem("Private", "private")
            self.visibility.setItemData(1, "Private: mediator only, never exported",
                                        Qt.ItemDataRole.ToolTipRole)
            self.visibility.setCurrentIndex(1)
            self.hint.setText("Private notes are never exported, printed or shown to the "
                              "parties.")
        else:
            self.hint.setText("Notes here are shared: both of you can see them.")

    def on_change(self, change) -> None:
        if change.touches("notes"):
            self.model.set_notes(self.presenter.session.notes, show_private=self.mediator_view)

    def _on_add_clicked(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.text.setFocus()
            return
        visibility = self.visibility.currentData() or "shared"
        author = "mediator" if self.mediator_view else "both"  # one device, written together
        if self.presenter.act(lambda r: r.add_note(text, visibility, author)):
            self.text.clear()

    def shown_ids(self) -> list[int]:
        return [self.model.index(row).data(ID_ROLE) for row in range(self.model.rowCount())]

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self._on_add_clicked()
            return
        super().keyPressEvent(event)
