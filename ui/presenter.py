"""The presenter: the one object views talk to. It calls the core and turns what the core says
changed into signals, so each view refreshes only what a change touched.

Typing is debounced here: `act_later` keeps the newest edit per field and commits it within
`DEBOUNCE_MS`; `flush` commits everything pending (on Next, Back, close and quit).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.errors import FacilitatorError, NotReady
from facilitator.flow import Stage
from facilitator.guide import Guide
from facilitator.library import Library
from facilitator.model import Session
from facilitator.runner import Change, Runner, check_names
from facilitator.store import Store
from facilitator.vocabulary import Vocabulary

DEBOUNCE_MS = 400
RETRY_MS = 2000
Operation = Callable[[Runner], Change]


class Presenter(QObject):
    sessions_changed = Signal()
    session_opened = Signal()
    session_closed = Signal()
    stage_changed = Signal()  # the session moved to another stage (or meeting)
    changed = Signal(object)  # a Change within the current stage
    refused = Signal(list)  # what is still needed, or a problem, in plain words
    view_changed = Signal()  # switched between the mediator's view and the party view
    typed = Signal()  # someone is typing (an edit is waiting to be saved)
    leaving = Signal()  # about to move off the current stage: say what belongs to it now

    def __init__(self, store: Store, library: Library, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.library = library
        self.runner: Runner | None = None
        self.party_view = False  # a mediated session turned towards the parties
        self._pending: dict[str, Operation] = {}
        self._tone: dict[str, object] = {}  # language -> the tone coach's rules
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._retries = 0
        self._retry = QTimer(self)  # changes the disk refused are tried again
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)

    # -- the session list -----------------------------------------------------------------

    def sessions(self, text: str = "", *, limit: int = -1, offset: int = 0) -> list[dict]:
        """The session list; empty when the store cannot be read (check_store says why)."""
        import sqlite3

        from facilitator import cipher

        errors = cipher.errors() if self.store.encrypted else (sqlite3.DatabaseError,)
        try:
            return self.store.list_sessions(text, limit=limit, offset=offset)
        except errors:
            return []

    def guides(self, mode: str) -> list[Guide]:
        return [g for g in self.library.sorted_guides()
                if g.suits(mode) and "review" not in {s.kind for s in g.steps}]

    def check_names(self, mode: str, a: str, b: str, mediator: str | None) -> list[str]:
        return check_names(mode, a, b, mediator)

    def create_session(self, *, guide_id: str, mode: str, a: str, b: str,
                       mediator: str | None, title: str) -> int | None:
        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return None
        self.close_session()
        self.runner = Runner.start(self.store, self.library, guide_id=guide_id, mode=mode, a=a,
                                   b=b, mediator=mediator, title=title)
        self.sessions_changed.emit()
        self.session_opened.emit()
        return self.runner.session.id

    def open_session(self, session_id: int) -> None:
        self.close_session()
        self.runner = Runner.resume(self.store, self.library, session_id)
        self.session_opened.emit()

    def close_session(self) -> None:
        if self.runner is not None:
            self.leaving.emit()
            self.flush()
            self.runner = None
            self.sessions_changed.emit()
            self.session_closed.emit()

    # -- the current session --------------------------------------------------------------

    @property
    def session(self) -> Session:
        return self.runner.session

    @property
    def stage(self) -> Stage:
        return self.runner.stage

    @property
    def mediated(self) -> bool:
        return self.session.mode == "mediated"

    @property
    def mediator_view(self) -> bool:
        """Private notes and screening answers are shown only here (never in a self-guided
        session, and not while a mediated one is turned towards the parties)."""
        return self.mediated and not self.party_view

    def set_party_view(self, on: bool) -> None:
        """Turn the screen towards the parties, or back; the caller confirms going back."""
        if on != self.party_view:
            self.flush()
            self.party_view = on
            self.view_changed.emit()

    def names(self) -> dict[str, str]:
        return {p.slot: p.name for p in self.session.parties}

    def vocabulary(self, kind: str) -> Vocabulary:
        return self.library.vocabulary(kind, self.runner.guide.language)

    def checkin_series(self):
        """Calm and hope at every check-in these two people have had, oldest first."""
        from facilitator.trends import checkin_series

        return checkin_series(self.store, self.session)

    def follow_through(self) -> str:
        """'7 of 9 commitments kept' across the reviews so far; '' before the first."""
        from facilitator.plan import build_plan

        return build_plan(self.session, self.library).kept_summary

    def tone_rules(self):
        """The tone coach's rules for this guide's language, loaded when first needed."""
        language = self.runner.guide.language
        if language not in self._tone:
            from facilitator.tone import shipped

            self._tone[language] = shipped(language)
        return self._tone[language]

    def missing(self) -> list[str]:
        self.flush()
        return self.runner.missing()

    def advance(self) -> bool:
        """Move on if the step has what it needs; otherwise say what is missing."""
        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return False
        self.leaving.emit()
        self.flush()
        try:
            self.runner.advance()
        except NotReady as refusal:
            self.refused.emit(refusal.missing)
            return False
        self.sessions_changed.emit()
        self.stage_changed.emit()
        return True

    def back(self) -> None:
        self.go_to(max(self.runner.position - 1, 0))

    def go_to(self, index: int) -> None:
        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return
        if index != self.runner.position:
            self.leaving.emit()
        self.flush()
        if index != self.runner.position:
            self.runner.go_to(index)
            self.stage_changed.emit()

    def start_review(self, guide_id: str = "follow-up-review") -> None:
        self.flush()
        self.runner.start_review(guide_id)
        self.sessions_changed.emit()
        self.stage_changed.emit()

    # -- protection and deletion ----------------------------------------------------------

    def change_protection(self, old: str | None, new: str | None) -> str | None:
        """Encrypt (old None), change the passphrase, or decrypt (new None); the store is
        reopened and an open session carries on. A problem in words, or None."""
        from facilitator import cipher
        from facilitator.store import Store

        if self.store.read_only:
            return self.READ_ONLY
        self.flush()
        path = self.store.path
        if self.store.encrypted:
            try:  # a wrong current passphrase stops here, with the store still open
                cipher.connect(path, old or "").close()
            except FacilitatorError as error:
                return str(error)
        session_id = self.runner.session.id if self.runner else None
        self.store.close()
        problem = None
        try:
            cipher.convert(path, old, new)
        except FacilitatorError as error:
            problem = str(error)
        except OSError as error:
            problem = f"{path}: could not be rewritten ({error.strerror})"
        self.store = Store.open(path, new if problem is None else old)
        if session_id is not None:
            self.runner = Runner.resume(self.store, self.library, session_id)
        return problem

    def delete_session(self, session_id: int) -> None:
        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return
        if self.runner is not None and self.runner.session.id == session_id:
            self.runner = None
            self._pending.clear()
            self.session_closed.emit()
        self.store.delete_session(session_id)
        self.sessions_changed.emit()

    def backup_now(self) -> str | None:
        """The rotated backup made on close (at most daily); a problem in words, or None."""
        from facilitator.backup import rotate

        if self.store.read_only:
            return None  # the window that has the data open makes the backups
        self.flush()
        try:
            rotate(self.store, self.store.path.parent)
        except (FacilitatorError, OSError) as error:
            return f"No backup was made: {error}"
        return None

    def store_problem(self) -> str | None:
        """None when the store passes its quick check; otherwise the message to show."""
        import sqlite3

        from facilitator.store import damaged

        try:
            verdict = self.store.quick_check()
        except (sqlite3.DatabaseError, FacilitatorError) as error:
            verdict = str(error)
        except Exception as error:  # sqlcipher3 raises its own DatabaseError class
            verdict = f"{type(error).__name__}: {error}"
        return None if verdict == "ok" else damaged(self.store.path, verdict)

    def restore_backup(self, source) -> str | None:
        """Replace the store with the backup `source`, keeping the old one aside."""
        from pathlib import Path

        from facilitator.backup import restore
        from facilitator.store import Store

        self.close_session()
        path, encrypted = self.store.path, self.store.encrypted
        self.store.close()
        try:
            restore(path, Path(source))
        except FacilitatorError as error:
            self.store = Store.open(path) if not encrypted else self.store
            return str(error)
        self.store = Store.open(path)
        self.sessions_changed.emit()
        return None

    def delete_everything(self) -> None:
        """Remove the store, its backups and settings (the user's own guides stay)."""
        import shutil
        from pathlib import Path

        from facilitator.backup import BACKUPS
        from facilitator.store import Store

        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return
        self.close_session()
        path = self.store.path
        self.store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(path.parent / BACKUPS, ignore_errors=True)
        self.store = Store.open(path)
        self.sessions_changed.emit()

    @property
    def lock_minutes(self) -> int:
        return int(self.store.setting("lock_minutes", "10"))

    def set_lock_minutes(self, minutes: int) -> None:
        self.store.set_setting("lock_minutes", str(int(minutes)))

    # -- the plan -------------------------------------------------------------------------

    def plan_html(self) -> str:
        from facilitator.exports import plan_html

        self.flush()
        return plan_html(self.session, self.library, standalone=False)

    def export(self, fmt: str, path: str, *, shared_only: bool = False,
               page_size: str | None = None) -> str | None:
        """Write the export; a problem in plain words, or None when it was written."""
        from pathlib import Path

        from facilitator.exports import export_bytes, write_atomically

        self.flush()
        try:
            write_atomically(Path(path), export_bytes(self.session, self.library, fmt,
                                                      shared_only=shared_only,
                                                      page_size=page_size))
        except FacilitatorError as error:
            return str(error)
        except OSError as error:
            return f"{path}: could not be written ({error.strerror})"
        return None

    def print_plan(self, printer) -> int:
        from facilitator.pdf import paint

        return paint(printer, self.plan_html(), self.session.title)

    READ_ONLY = ("this window only shows the conversations: Facilitator is open in another "
                 "window, and changes are made there")

    def act(self, operation: Operation) -> Change | None:
        """Run one operation on the runner now; a refusal becomes the `refused` signal."""
        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return None
        self.flush()
        return self._run(operation)

    def act_later(self, key: str, operation: Operation) -> None:
        """Debounced typing: keep the newest edit for `key` and commit it shortly."""
        if self.store.read_only:
            self.refused.emit([self.READ_ONLY])
            return
        self._pending[key] = operation
        self._timer.start()
        self.typed.emit()

    def flush(self) -> None:
        """Commit every pending edit, then say once what changed (so no field is refreshed
        with older text while another edit is still waiting)."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        if self.runner is None or not pending:
            return
        changes = [self._run(operation, announce=False, key=key)
                   for key, operation in pending.items()]
        changes = [c for c in changes if c is not None]
        if changes:
            parts = frozenset().union(*(c.parts for c in changes))
            self.changed.emit(Change(changes[-1].session_id, parts, changes[-1].stage))

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def _store_errors(self) -> tuple[type[Exception], ...]:
        import sqlite3

        from facilitator import cipher

        base = cipher.errors() if self.store.encrypted else (sqlite3.DatabaseError,)
        return (*base, OSError)

    def _run(self, operation: Operation, announce: bool = True,
             key: str | None = None) -> Change | None:
        try:
            change = operation(self.runner)
        except NotReady as refusal:
            self.refused.emit(refusal.missing)
            return None
        except FacilitatorError as error:
            self.refused.emit([str(error)])
            return None
        except self._store_errors() as error:
            # The transaction rolled back, so nothing is half-written. The model goes back
            # to what is stored, and the change waits in memory to be made again shortly.
            self._retries += 1
            self._pending.setdefault(key or f"retry-{self._retries}", operation)
            self._retry.start()
            try:
                self.runner.session = self.store.load_session(self.runner.session.id)
            except self._store_errors():
                pass  # unreadable as well: keep what is on screen; the retry will tell
            self.refused.emit([f"not saved yet ({error}); it is kept and saved as soon as "
                               "the disk allows"])
            return None
        if change is not None and announce:
            self.changed.emit(change)
        return change
