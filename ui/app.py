"""Start the desktop app: one QApplication, the store, the guides, the presenter, the window."""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path

from facilitator import paths


def build(folder: Path, passphrase: str | None = None, *, read_only: bool = False):
    """The presenter and main window over the data in `folder` (used by tests and benches)."""
    from facilitator.library import Library
    from facilitator.store import Store
    from ui.main_window import MainWindow
    from ui.presenter import Presenter

    store = Store.open(paths.database(folder), passphrase, read_only=read_only)
    presenter = Presenter(store, Library.load(paths.user_guides(folder)))
    window = MainWindow(presenter)
    if read_only:
        window.setWindowTitle("Facilitator (read-only)")
        window.new_action.setEnabled(False)
        window.settings_action.setEnabled(False)
        window.home.new.setEnabled(False)
        window.home.delete.hide()
    return presenter, window


class AlreadyOpenDialog:
    @classmethod
    def ask(cls) -> bool:
        """Say the data is open in another window; True to look at it read-only here.
        Tests replace this."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox()
        box.setWindowTitle("Facilitator")
        box.setText("Facilitator is already open on this computer with the same data.")
        box.setInformativeText("Switch to that window to carry on, or look at your "
                               "conversations here without changing them.")
        look = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is look


def single_instance(folder: Path):
    """A QLockFile held while the app runs, or None when another copy holds it."""
    from PySide6.QtCore import QLockFile

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = QLockFile(str(folder / "facilitator.lock"))
    lock.setStaleLockTime(0)  # a lock left by a crashed copy is detected by its process id
    if lock.tryLock(200):
        return lock
    return None


def unlock(folder: Path) -> tuple[bool, str | None]:
    """(go on?, passphrase): asks for the passphrase when the store is encrypted."""
    from facilitator.cipher import connect, is_encrypted
    from facilitator.errors import PassphraseError
    from ui.lock import UnlockDialog

    path = paths.database(folder)
    if not is_encrypted(path):
        return True, None

    def check(passphrase: str) -> str | None:
        try:
            connect(path, passphrase).close()
        except PassphraseError:
            return "That is not the passphrase. Try again."
        return None

    passphrase = UnlockDialog.ask(check)
    return passphrase is not None, passphrase


def _prepare_writes() -> None:
    """sqlite-utils is needed at the first edit: import it once a session is open, while
    people read its first step. The home screen only reads, and does without it (and the
    memory it takes, about a fifth of a bare Qt window's)."""
    if "sqlite_utils" not in sys.modules:
        threading.Thread(target=importlib.import_module, args=("sqlite_utils",),
                         daemon=True).start()


def run(folder: Path, args=None) -> int:
    from PySide6.QtWidgets import QApplication

    from ui import style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Facilitator")
    app.setApplicationDisplayName("Facilitator")
    app.setDesktopFileName("facilitator")
    style.apply(app)
    lock = single_instance(folder)
    read_only = lock is None
    if read_only and not AlreadyOpenDialog.ask():
        return 0
    go_on, passphrase = unlock(folder)
    if not go_on:
        return 0
    first_run = not read_only and not paths.database(folder).exists()
    presenter, window = build(folder, passphrase, read_only=read_only)
    app.aboutToQuit.connect(presenter.flush)
    window.show()
    if first_run:
        window.offer_protection()
    elif not read_only:  # checked once the window is up: a large store takes a moment
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.check_store)
    presenter.session_opened.connect(_prepare_writes)
    code = app.exec()
    presenter.close_session()
    problem = presenter.backup_now()  # on close, at most once a day, the last ten kept
    if problem:
        print(f"facilitator: {problem}", file=sys.stderr)
    presenter.store.close()
    return code
