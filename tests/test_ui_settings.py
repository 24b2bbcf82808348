"""Settings in the app: protection on, changed and off; the lock time; deleting."""

from __future__ import annotations

import pytest

from facilitator import cipher, paths
from facilitator.demo import add_demo
from facilitator.errors import PassphraseError
from facilitator.store import Store
from ui.app import build
from ui.settings import (
    ConfirmDeleteDialog,
    FirstRunDialog,
    PassphraseDialog,
    Passphrases,
    SettingsDialog,
)


def answer(monkeypatch, old: str | None, new: str | None) -> None:
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(
        lambda cls, action, parent=None: Passphrases(old, new)))


def test_protection_turned_on_changed_and_off_while_a_session_stays_open(
        app_window, monkeypatch, qtbot, tmp_path):
    presenter, window = app_window
    presenter.open_session(add_demo(presenter.store, presenter.library))
    dialog = SettingsDialog(presenter, window)
    qtbot.addWidget(dialog)
    assert dialog.protect.isVisibleTo(dialog) and not dialog.change.isVisibleTo(dialog)
    answer(monkeypatch, None, "first passphrase")
    dialog.protect.click()
    path = paths.database(tmp_path)
    assert cipher.is_encrypted(path) and presenter.store.encrypted
    assert dialog.change.isVisibleTo(dialog) and dialog.message.text() == "Protected."
    presenter.act(lambda r: r.add_note("Written after protecting"))  # the session goes on
    answer(monkeypatch, "wrong", "second passphrase")
    dialog.change.click()
    assert "wrong passphrase" in dialog.message.text()
    answer(monkeypatch, "first passphrase", "second passphrase")
    dialog.change.click()
    with pytest.raises(PassphraseError):
        Store.open(path, "first passphrase")
    answer(monkeypatch, "second passphrase", None)
    dialog.remove.click()
    assert not cipher.is_encrypted(path)
    notes = [n.text for n in Store.open(path).load_session(presenter.session.id).notes]
    assert "Written after protecting" in notes


def test_the_passphrase_dialog_checks_before_anything_changes(qtbot):
    dialog = PassphraseDialog("protect")
    qtbot.addWidget(dialog)
    dialog.new.setText("short")
    assert "at least 8" in dialog.problem()
    dialog.new.setText("three random words")
    dialog.again.setText("three random word")
    assert "not the same" in dialog.problem()
    dialog.again.setText("three random words")
    assert "Tick the box" in dialog.problem()
    dialog.understood.setChecked(True)
    assert dialog.problem() is None
    assert dialog.value() == Passphrases(None, "three random words")


def test_the_lock_time_is_kept_with_the_data(app_window, qtbot, tmp_path):
    presenter, window = app_window
    dialog = SettingsDialog(presenter, window)
    qtbot.addWidget(dialog)
    dialog.lock_minutes.setValue(3)
    assert Store.open(paths.database(tmp_path)).setting("lock_minutes") == "3"
    presenter2, window2 = build(tmp_path)
    qtbot.addWidget(window2)
    assert window2.idle.timer.interval() == 3 * 60_000
    presenter2.store.close()


def test_a_session_and_then_everything_can_be_deleted(app_window, monkeypatch, qtbot,
                                                       tmp_path):
    presenter, window = app_window
    add_demo(presenter.store, presenter.library)
    add_demo(presenter.store, presenter.library)
    window.home.refresh()
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, w, p=None: False))
    window.home.delete.click()
    assert len(presenter.sessions()) == 2
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, w, p=None: True))
    window.home.delete.click()
    assert len(presenter.sessions()) == 1
    dialog = SettingsDialog(presenter, window)
    qtbot.addWidget(dialog)
    dialog.delete_all.click()
    assert presenter.sessions() == [] and window.home.pages.currentIndex() == 1
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"Linden Court" not in raw


def test_the_first_run_offers_protection(app_window, monkeypatch, tmp_path):
    presenter, window = app_window
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, parent=None: False))
    window.offer_protection()
    assert not presenter.store.encrypted
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, parent=None: True))
    answer(monkeypatch, None, "a long passphrase")
    window.offer_protection()
    assert presenter.store.encrypted and cipher.is_encrypted(paths.database(tmp_path))


def test_backups_are_listed_and_one_can_be_restored(app_window, monkeypatch, qtbot):
    presenter, window = app_window
    add_demo(presenter.store, presenter.library)
    dialog = SettingsDialog(presenter, window)
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 0 and not dialog.restore.isEnabled()
    dialog.backup_now.click()
    assert dialog.backups.count() == 1 and dialog.message.text() == "Backed up."
    add_demo(presenter.store, presenter.library)
    assert len(presenter.sessions()) == 2
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, w, p=None: True))
    dialog.restore.click()
    assert len(presenter.sessions()) == 1
    assert dialog.message.text().startswith("Restored the backup of")
