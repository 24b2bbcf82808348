"""Locking: hide everything at once, after a quiet spell, and unlock with the passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)
from steps import walk_to

from facilitator import cipher, paths
from facilitator.runner import Runner
from facilitator.store import Store
from ui.app import build, unlock
from ui.lock import UnlockDialog

PASSPHRASE = "lantern orchard 42"


def visible_words(window) -> str:
    """Every piece of text a person could read in the window right now."""
    QApplication.processEvents()  # widgets added to a shown layout appear on the next pass
    texts = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisible():
            texts.append(widget.text())
    for widget in window.findChildren(QLineEdit):
        if widget.isVisible():
            texts.append(widget.text())
    for widget in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit):
        if widget.isVisible():
            texts.append(widget.toPlainText())
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None:
            root = QModelIndex()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
            texts += [str(model.index(row, column).data()) for row in range(model.rowCount(root))
                      for column in range(columns)]
    return "\n".join(texts) + "\n" + window.windowTitle()


def open_session_at_statement(presenter):
    runner = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                          mode="self-guided", a="Avery", b="Blake", title="The car")
    walk_to(runner, "statement")
    presenter.open_session(runner.session.id)


@pytest.fixture
def window_at(qtbot, tmp_path: Path):
    def make(passphrase: str | None = None):
        presenter, window = build(tmp_path, passphrase)
        qtbot.addWidget(window)
        window.show()
        return presenter, window

    return make


def test_the_hide_key_hides_every_word_and_saves_typing_first(window_at, qtbot):
    presenter, window = window_at()
    open_session_at_statement(presenter)
    field = window.session_view.screen("statement").observation
    qtbot.keyClicks(field, "You took the car")
    assert "Avery" in visible_words(window)
    window.lock_action.trigger()
    words = visible_words(window)
    for secret in ("Avery", "Blake", "The car", "You took the car"):
        assert secret not in words
    assert not presenter.has_pending
    assert "You took the car" in str(presenter.store.load_session(presenter.session.id).records)
    assert not window.plan_action.isEnabled() and not window.new_action.isEnabled()
    window.cover.show_button.click()
    assert window.pages.currentWidget() is window.session_view
    assert "The car" in window.windowTitle() and window.plan_action.isEnabled()


def test_a_quiet_spell_locks_the_window(window_at, qtbot):
    presenter, window = window_at()
    open_session_at_statement(presenter)
    window.idle.timer.setInterval(30)
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.cover, timeout=2000)
    assert "Avery" not in visible_words(window)


def test_an_encrypted_store_asks_for_the_passphrase_to_show_again(window_at, tmp_path, qtbot):
    path = paths.database(tmp_path)
    Store.open(path).close()
    cipher.convert(path, None, PASSPHRASE)
    presenter, window = window_at(PASSPHRASE)
    open_session_at_statement(presenter)
    window.lock()
    cover = window.cover
    assert cover.field.isVisible()
    qtbot.keyClicks(cover.field, "not it")
    cover.show_button.click()
    assert window.pages.currentWidget() is cover and "not the passphrase" in cover.message.text()
    qtbot.keyClicks(cover.field, PASSPHRASE)
    cover.show_button.click()
    assert window.pages.currentWidget() is window.session_view


def test_launching_on_an_encrypted_store_asks_first(tmp_path, monkeypatch, qtbot):
    path = paths.database(tmp_path)
    Store.open(path).close()
    assert unlock(tmp_path) == (True, None)  # a plain store opens straight away
    cipher.convert(path, None, PASSPHRASE)
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(lambda cls, check: None))
    assert unlock(tmp_path) == (False, None)  # Quit
    answers = iter(["wrong", PASSPHRASE])
    seen = []

    def ask(cls, check):
        while True:
            attempt = next(answers)
            problem = check(attempt)
            seen.append(problem)
            if problem is None:
                return attempt

    monkeypatch.setattr(UnlockDialog, "ask", classmethod(ask))
    assert unlock(tmp_path) == (True, PASSPHRASE)
    assert seen == ["That is not the passphrase. Try again.", None]


def test_the_unlock_dialog_keeps_asking_until_the_passphrase_is_right(qtbot):
    dialog = UnlockDialog(lambda p: None if p == PASSPHRASE else "Not that one.")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.field, "nope")
    dialog.unlock.click()
    assert dialog.message.text() == "Not that one." and dialog.passphrase is None
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, PASSPHRASE)
    dialog.unlock.click()
    assert dialog.passphrase == PASSPHRASE and dialog.field.text() == ""


def test_the_party_view_hides_private_notes_and_screening_answers(window_at, monkeypatch):
    from facilitator.demo import add_demo
    from ui.lock import MediatorViewDialog

    presenter, window = window_at()
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    view = window.session_view
    presenter.go_to(0)  # the mediator's private screening
    assert "landlord" in visible_words(window)  # a private mediator note, in the mediator view
    assert "Has this person experienced violence" in visible_words(window)
    window.party_action.trigger()
    words = visible_words(window)
    assert "landlord" not in words and "Screened both separately" not in words
    assert "Has this person experienced violence" not in words
    assert "For the mediator" not in words and "Party view" in view.mode.text()
    assert "Both prefer texting" in words  # shared notes stay
    monkeypatch.setattr(MediatorViewDialog, "ask", classmethod(lambda cls, parent: False))
    window.party_action.trigger()  # going back needs a yes
    assert presenter.party_view and "landlord" not in visible_words(window)
    monkeypatch.setattr(MediatorViewDialog, "ask", classmethod(lambda cls, parent: True))
    window.party_action.trigger()
    assert not presenter.party_view and "landlord" in visible_words(window)


def test_going_back_to_the_mediator_view_of_an_encrypted_store_needs_the_passphrase(
        window_at, tmp_path, monkeypatch):
    from facilitator.demo import add_demo
    from facilitator.library import Library

    path = paths.database(tmp_path)
    store = Store.open(path)
    add_demo(store, Library.load())
    store.close()
    cipher.convert(path, None, PASSPHRASE)
    presenter, window = window_at(PASSPHRASE)
    presenter.open_session(1)
    window.party_action.trigger()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, check, parent=None: PASSPHRASE if check(PASSPHRASE) is None else None))
    window.party_action.trigger()
    assert not presenter.party_view
    window.party_action.trigger()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, check, parent=None: None if check("guess") else "guess"))
    window.party_action.trigger()
    assert presenter.party_view


def test_a_second_copy_of_the_app_opens_read_only(tmp_path, qtbot, monkeypatch):
    """The data is open elsewhere: this copy can look, and every change is refused."""
    from facilitator.demo import add_demo
    from ui.app import single_instance

    first = single_instance(tmp_path)
    assert first is not None and first.isLocked()
    assert single_instance(tmp_path) is None  # a second copy does not get the lock
    writer, window = build(tmp_path)  # the first copy's window
    add_demo(writer.store, writer.library)
    before = (tmp_path / "facilitator.db").read_bytes()
    presenter, second = build(tmp_path, read_only=True)
    qtbot.addWidget(window)
    qtbot.addWidget(second)
    assert "read-only" in second.windowTitle() and not second.new_action.isEnabled()
    assert presenter.sessions()[0]["title"].startswith("Piano hours")
    presenter.open_session(1)
    refused = []
    presenter.refused.connect(refused.append)
    assert presenter.act(lambda r: r.add_note("should not be written")) is None
    assert presenter.create_session(guide_id="couples-self-guided", mode="self-guided",
                                    a="Avery", b="Blake", mediator=None, title="") is None
    presenter.delete_session(1)
    assert len(refused) == 3 and "open in another window" in refused[0][0]
    assert presenter.backup_now() is None
    assert (tmp_path / "facilitator.db").read_bytes() == before
    assert len(writer.sessions()) == 1
    presenter.close_session()
    presenter.store.close()
    writer.store.close()
    first.unlock()
    again = single_instance(tmp_path)
    assert again is not None
    again.unlock()


def test_typing_and_moving_keep_the_window_awake(window_at, qtbot):
    presenter, window = window_at()
    open_session_at_statement(presenter)
    for action in (lambda: qtbot.keyClicks(window.session_view.screen("statement").observation,
                                           "x"),
                   presenter.back):
        window.idle.timer.stop()
        action()
        assert window.idle.timer.isActive()  # the quiet spell started again
