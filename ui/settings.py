"""Settings: passphrase protection on, changed or off; how long before the window locks;
and deleting everything. Plus the first-run offer to protect the data.

Each dialog sits behind an `ask()` classmethod that tests replace.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.text import plain

LOST = ("If you lose the passphrase, your conversations are gone: nobody can open them, "
        "and there is no way to recover them.")


@dataclass
class Passphrases:
    old: str | None
    new: str | None


def _secret(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class PassphraseDialog(QDialog):
    """Asks for what a change of protection needs: the current passphrase, a new one twice."""

    def __init__(self, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.action = action  # "protect", "change" or "remove"
        self.setWindowTitle("Passphrase — Facilitator")
        layout = QVBoxLayout(self)
        heading = {"protect": "Protect your conversations with a passphrase",
                   "change": "Change the passphrase",
                   "remove": "Remove the passphrase protection"}[action]
        layout.addWidget(plain(heading, "heading", self))
        form = QFormLayout()
        self.old = _secret("Current passphrase", self)
        self.new = _secret("New passphrase", self)
        self.again = _secret("New passphrase again", self)
        if action != "protect":
            form.addRow("&Current passphrase", self.old)
        if action != "remove":
            form.addRow("&New passphrase", self.new)
            form.addRow("&Again", self.again)
        layout.addLayout(form)
        self.understood = QCheckBox(LOST.replace(":", ";"), self)
        self.understood.setAccessibleName("I understand a lost passphrase means lost data")
        if action != "remove":
            layout.addWidget(plain("Use a few random words: long is better than clever.",
                                   "hint", self))
            layout.addWidget(self.understood)
        else:
            layout.addWidget(plain("Your conversations will be stored unencrypted, readable "
                                   "by anyone who can read your files.", "hint", self))
        self.message = plain(role="missing", parent=self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, action: str, parent: QWidget | None = None) -> Passphrases | None:
        dialog = cls(action, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def value(self) -> Passphrases:
        return Passphrases(self.old.text() if self.action != "protect" else None,
                           self.new.text() if self.action != "remove" else None)

    def problem(self) -> str | None:
        if self.action != "protect" and not self.old.text():
            return "Type the current passphrase."
        if self.action != "remove":
            if len(self.new.text()) < 8:
                return "Use at least 8 characters; a few words are best."
            if self.new.text() != self.again.text():
                return "The two new passphrases are not the same."
            if not self.understood.isChecked():
                return "Tick the box to say you understand."
        return None

    def _on_buttons_accepted(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
        else:
            self.accept()


class ConfirmDeleteDialog(QDialog):
    @classmethod
    def ask(cls, what: str, parent: QWidget | None = None) -> bool:
        """True when the person confirmed deleting `what`. Tests replace this."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.warning(
            parent, "Delete — Facilitator", f"Delete {what}? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes


class FirstRunDialog:
    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """Offer protection on the first run; True to set a passphrase now."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setWindowTitle("Welcome — Facilitator")
        box.setText("Protect your conversations with a passphrase?")
        box.setInformativeText("Recommended for mediators and for shared computers. "
                               f"{LOST} You can also do this later in Settings.")
        protect = box.addButton("Choose a passphrase…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is protect


class SettingsDialog(QDialog):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("Settings — Facilitator")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(plain("Passphrase protection", "heading", self))
        self.state = plain(parent=self)
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.protect = QPushButton("&Protect with a passphrase…", self)
        self.change = QPushButton("&Change the passphrase…", self)
        self.remove = QPushButton("&Remove protection…", self)
        for button, action in ((self.protect, "protect"), (self.change, "change"),
                               (self.remove, "remove")):
            button.clicked.connect(lambda _=False, a=action: self.change_protection(a))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = plain(role="missing", parent=self)
        layout.addWidget(self.message)
        layout.addWidget(plain("Privacy", "heading", self))
        form = QFormLayout()
        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setSuffix(" minutes")
        self.lock_minutes.setAccessibleName("Lock after this many minutes without input")
        self.lock_minutes.setValue(presenter.lock_minutes)
        self.lock_minutes.valueChanged.connect(self._on_lock_minutes_value_changed)
        form.addRow("&Lock the window after", self.lock_minutes)
        layout.addLayout(form)
        layout.addWidget(plain("Backups", "heading", self))
        layout.addWidget(plain("Made when the app closes, at most once a day; the last ten are "
                               "kept. Restoring keeps the current conversations aside.",
                               "hint", self))
        self.backups = QListWidget(self)
        self.backups.setAccessibleName("Backups, newest first")
        self.backups.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        layout.addWidget(self.backups)
        row = QHBoxLayout()
        self.backup_now = QPushButton("&Back up now", self)
        self.backup_now.clicked.connect(self._on_backup_now_clicked)
        row.addWidget(self.backup_now)
        self.restore = QPushButton("Re&store the selected backup…", self)
        self.restore.clicked.connect(self._on_restore_clicked)
        row.addWidget(self.restore)
        row.addStretch(1)
        layout.addLayout(row)
        self.delete_all = QPushButton("&Delete all my data…", self)
        self.delete_all.setToolTip("Every conversation and setting on this computer")
        self.delete_all.clicked.connect(self._on_delete_all_clicked)
        layout.addWidget(self.delete_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        self.show_state()

    @classmethod
    def ask(cls, presenter, parent: QWidget | None = None) -> None:
        cls(presenter, parent).exec()

    def show_backups(self) -> None:
        from datetime import datetime

        from facilitator.backup import backups

        self.backups.clear()
        for path in backups(self.presenter.store.path.parent):
            made = datetime.fromtimestamp(path.stat().st_mtime)
            item = QListWidgetItem(f"{made.day} {made:%B %Y, %H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.backups.addItem(item)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        self.restore.setEnabled(self.backups.count() > 0)

    def _on_backup_now_clicked(self) -> None:
        from facilitator.backup import rotate

        self.presenter.flush()
        try:
            rotate(self.presenter.store, self.presenter.store.path.parent, at_most_every=None)
        except Exception as error:  # shown, never a crash: the disk may be full
            self.message.setText(f"No backup was made: {error}")
        else:
            self.message.setText("Backed up.")
        self.show_backups()

    def _on_restore_clicked(self) -> None:
        item = self.backups.currentItem()
        if item is None or not ConfirmDeleteDialog.ask(
                f"your current conversations and put the backup of {item.text()} in their "
                "place (the current ones are kept aside in the data folder)", self):
            return
        problem = self.presenter.restore_backup(item.data(Qt.ItemDataRole.UserRole))
        self.message.setText(problem or f"Restored the backup of {item.text()}.")
        self.show_backups()

    def show_state(self) -> None:
        self.show_backups()
        on = self.presenter.store.encrypted
        self.state.setText("On: the whole database is encrypted with your passphrase." if on
                           else "Off: your conversations are stored unencrypted.")
        self.protect.setVisible(not on)
        self.change.setVisible(on)
        self.remove.setVisible(on)

    def change_protection(self, action: str) -> None:
        answer = PassphraseDialog.ask(action, self)
        if answer is None:
            return
        problem = self.presenter.change_protection(answer.old, answer.new)
        self.message.setText(problem or {"protect": "Protected.",
                                         "change": "Passphrase changed.",
                                         "remove": "Protection removed."}[action])
        self.show_state()

    def _on_lock_minutes_value_changed(self, minutes: int) -> None:
        self.presenter.set_lock_minutes(minutes)

    def _on_delete_all_clicked(self) -> None:
        if ConfirmDeleteDialog.ask("every conversation, note and setting on this computer "
                                   "(your own guides stay)", self):
            self.presenter.delete_everything()
            self.message.setText("Everything is deleted.")
            self.show_state()
