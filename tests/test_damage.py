"""A damaged store is never written to; the way back (restore, the newest backup) is named."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from facilitator.backup import rotate
from facilitator.demo import add_demo
from facilitator.store import Store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_store(folder: Path, library, how: str) -> Path:
    path = folder / "facilitator.db"
    store = Store.open(path)
    add_demo(store, library)
    rotate(store, folder)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    if how == "overwritten":  # garbage over the middle pages: the header still says SQLite
        page = 4096
        data[page * 6: page * 9] = b"\xa5" * (page * 3)
    elif how == "truncated":
        data = data[: len(data) // 3 + 100]
    path.write_bytes(bytes(data))
    return path


def test_overwritten_pages_are_found_and_nothing_is_written(cli, library):
    path = damaged_store(cli.data, library, "overwritten")
    before = digest(path)
    conn = sqlite3.connect(path)
    try:  # it really is damaged: SQLite says so, one way or the other
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError as error:
        assert "malformed" in str(error)
    finally:
        conn.close()
    for argv in (("demo",), ("sessions",), ("import", "x.json")):
        result = cli(*argv)
        assert result.code == 2, (argv, result)
        line = result.err.strip()
        assert len(result.err.splitlines()) == 1 and str(path) in line
        assert "facilitator restore" in line and "backups/facilitator-" in line
        assert digest(path) == before, argv


def test_a_truncated_store_is_refused_the_same_way(cli, library):
    path = damaged_store(cli.data, library, "truncated")
    before = digest(path)
    result = cli("sessions")
    assert result.code == 2 and "newest backup" in result.err
    assert digest(path) == before


def test_restoring_the_newest_backup_brings_the_sessions_back(cli, library):
    damaged_store(cli.data, library, "overwritten")
    newest = sorted((cli.data / "backups").glob("*.db"))[-1]
    assert cli("restore", str(newest)).code == 0
    result = cli("sessions")
    assert result.code == 0 and "Piano hours" in result.out


def test_the_app_offers_the_newest_backup_for_a_damaged_store(tmp_path, library, qtbot,
                                                               monkeypatch):
    from ui.app import build
    from ui.lock import DamagedDialog

    path = tmp_path / "facilitator.db"
    store = Store.open(path)
    add_demo(store, library)
    rotate(store, tmp_path)
    store.close()
    presenter, window = build(tmp_path)
    qtbot.addWidget(window)
    assert window.check_store()  # a sound store: nothing asked
    presenter.store.close()
    data = bytearray(path.read_bytes())
    data[4096 * 6: 4096 * 9] = b"\xa5" * (4096 * 3)
    path.write_bytes(bytes(data))
    presenter, window = build(tmp_path)
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(DamagedDialog, "ask", classmethod(
        lambda cls, message, newest, parent=None: asked.append((message, newest)) or True))
    assert window.check_store()
    assert "newest backup" in asked[0][0] and asked[0][1].endswith(".db")
    assert presenter.sessions()[0]["title"].startswith("Piano hours")
    assert list(tmp_path.glob("facilitator.db.replaced-*"))  # the damaged one kept aside
    presenter.store.close()
