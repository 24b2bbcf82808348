"""Home: the session list with a filter box, New session, Resume, and a welcoming empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models import ID_ROLE, SessionListModel
from ui.style import primary, set_role

WELCOME = ("Facilitator helps two people talk through a conflict, one calm step at a time, "
           "with a mediator or on your own. Everything you say stays on this computer.")


class HomeView(QWidget):
    new_requested = Signal()
    open_requested = Signal(int)
    sample_requested = Signal()

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel("Your conversations", self)
        set_role(title, "title")
        top.addWidget(title, 1)
        self.new = QPushButton("&New session", self)
        primary(self.new)
        self.new.clicked.connect(self.new_requested)
        top.addWidget(self.new)
        layout.addLayout(top)

        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)

        listing = QWidget(self.pages)
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(listing)
        self.filter.setPlaceholderText("Find a session by its topic, names, or words said in it")
        self.filter.setAccessibleName("Find sessions")
        self.filter.setClearButtonEnabled(True)
        column.addWidget(self.filter)
        self.model = SessionListModel(presenter.sessions, parent=self)
        self.table = QTableView(listing)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(50)  # size columns from the first rows only
        self.table.activated.connect(self._on_table_activated)
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.delete = QPushButton("&Delete…", listing)
        self.delete.setToolTip("Delete the selected session for good")
        self.delete.clicked.connect(self._on_delete_clicked)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        self.resume = QPushButton("&Resume", listing)
        self.resume.clicked.connect(self._on_resume_clicked)
        buttons.addWidget(self.resume)
        column.addLayout(buttons)
        self.pages.addWidget(listing)

        empty = QWidget(self.pages)
        middle = QVBoxLayout(empty)
        middle.addStretch(1)
        welcome = QLabel(WELCOME, empty)
        welcome.setWordWrap(True)
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(welcome, "welcome")
        middle.addWidget(welcome)
        row = QHBoxLayout()
        row.addStretch(1)
        self.start = QPushButton("Start your &first session", empty)
        primary(self.start)
        self.start.clicked.connect(self.new_requested)
        row.addWidget(self.start)
        # Alt+M: Alt+S opens the Session menu
        self.sample = QPushButton("Open the sa&mple session", empty)
        self.sample.clicked.connect(self.sample_requested)
        row.addWidget(self.sample)
        row.addStretch(1)
        middle.addLayout(row)
        middle.addStretch(2)
        self.pages.addWidget(empty)

        self._sized = False
        self._stale = False  # sessions changed while the list was out of sight
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.filter.returnPressed.connect(self._on_resume_clicked)  # Enter opens the top match
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        """Read the list again; when it is out of sight, when it is next shown, so moving
        through a session never waits for a list nobody sees."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        guides = {g.id: g.title for g in self.presenter.library.guides.values()}
        self.model.reload(guide_titles=guides)
        empty = self.model.rowCount() == 0 and not self.filter.text()
        if not empty and not self._sized:
            for column_index in range(1, 5):
                self.table.resizeColumnToContents(column_index)
            self._sized = True
        self.pages.setCurrentIndex(1 if empty else 0)
        if not empty and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        if not empty and not self.filter.hasFocus():
            self.table.setFocus()  # Enter resumes the newest session; arrows choose another
        self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _update_buttons(self, *_) -> None:
        self.resume.setEnabled(self.selected_id() is not None)
        self.delete.setEnabled(self.selected_id() is not None)

    def _on_delete_clicked(self) -> None:
        from ui.settings import ConfirmDeleteDialog

        session_id = self.selected_id()
        rows = self.table.selectionModel().selectedRows()
        title = rows[0].data() if rows else ""
        if session_id is not None and ConfirmDeleteDialog.ask(f"“{title}”", self):
            self.presenter.delete_session(session_id)
            self.refresh()

    def _on_filter_text_changed(self, text: str) -> None:
        self.model.reload(text)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _on_table_activated(self, index) -> None:
        self.open_requested.emit(index.data(ID_ROLE))

    def _on_resume_clicked(self) -> None:
        session_id = self.selected_id()
        if session_id is not None:
            self.open_requested.emit(session_id)
