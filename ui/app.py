"""Start the desktop app: one QApplication, the store, the guides, the presenter, the window."""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path

from facilitator import paths


def build(folder: Path, passphrase: str | None = None):
    """The presenter and main window over the data in `folder` (used by tests and benches)."""
    from facilitator.library import Library
    from facilitator.store import Store
    from ui.main_window import MainWindow
    from ui.presenter import Presenter

    store = Store.open(paths.database(folder), passphrase)
    presenter = Presenter(store, Library.load(paths.user_guides(folder)))
    return presenter, MainWindow(presenter)


class AlreadyOpenDialog:
    @classmethod
    def ask(cls) -> None:
        """Tell the person the data is open in another window. Tests replace this."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(None, "Facilitator",
                                "Facilitator is already open on this computer with the same "
                                "data. Switch to that window to carry on.")


def single_instance(folder: Path):
    """A QLockFile held while the app runs, or None when another copy holds it (told so)."""
    from PySide6.QtCore import QLockFile

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = QLockFile(str(folder / "facilitator.lock"))
    lock.setStaleLockTime(0)  # a lock left by a crashed copy is detected by its process id
    if lock.tryLock(200):
        return lock
    AlreadyOpenDialog.ask()
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


def run(folder: Path, args=None) -> int:
    from PySide6.QtWidgets import QApplication

    from ui import style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Facilitator")
    app.setApplicationDisplayName("Facilitator")
    app.setDesktopFileName("facilitator")
    style.apply(app)
    lock = single_instance(folder)
    if lock is None:
        return 0
    go_on, passphrase = unlock(folder)
    if not go_on:
        return 0
    first_run = not paths.database(folder).exists()
    presenter, window = build(folder, passphrase)
    app.aboutToQuit.connect(presenter.flush)
    window.show()
    if first_run:
        window.offer_protection()
    else:  # checked once the window is up: a large store takes a moment
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.check_store)
    # sqlite-utils is needed at the first edit; import it while people read the home screen
    threading.Thread(target=importlib.import_module, args=("sqlite_utils",),
                     daemon=True).start()
    code = app.exec()
    presenter.close_session()
    problem = presenter.backup_now()  # on close, at most once a day, the last ten kept
    if problem:
        print(f"facilitator: {problem}", file=sys.stderr)
    presenter.store.close()
    return code
