"""backup OUT and restore FILE: consistent copies, checked before they replace anything."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
from pathlib import Path

DATA = Path(__file__).parent / "data"
PASSPHRASE = "lantern orchard 42"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def titles(cli, stdin: str = "") -> list[str]:
    argv = ["sessions", "--json"] + (["--passphrase-stdin"] if stdin else [])
    result = cli(*argv, stdin=stdin)
    assert result.code == 0, result
    import json

    return [row["title"] for row in json.loads(result.out)]


def test_backup_then_restore_brings_the_store_back_and_keeps_the_replaced_one(cli, tmp_path):
    assert cli("demo").code == 0
    copy = tmp_path / "monday.db"
    assert cli("backup", str(copy)).code == 0
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("monday")) == [
        "monday.db"]  # one self-contained file
    check = sqlite3.connect(copy)
    assert check.execute("PRAGMA quick_check").fetchone() == ("ok",)
    check.close()
    assert cli("demo").code == 0
    assert len(titles(cli)) == 2
    result = cli("restore", str(copy))
    assert result.code == 0 and "kept as" in result.err
    assert len(titles(cli)) == 1
    kept = [p for p in cli.data.iterdir() if ".replaced-" in p.name and not
            p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1
    old = sqlite3.connect(kept[0])
    assert old.execute("SELECT count(*) FROM sessions").fetchone() == (2,)
    old.close()


def test_a_bad_backup_is_refused_and_the_store_left_alone(cli, tmp_path):
    assert cli("demo").code == 0
    good = tmp_path / "good.db"
    cli("backup", str(good))
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[:20_000])
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database at all\n" * 50, encoding="utf-8")
    before = digest(cli.data)
    for bad in (truncated, notes, tmp_path / "missing.db"):
        result = cli("restore", str(bad))
        assert result.code == 2, result
        assert bad.name in result.err and len(result.err.splitlines()) == 1
        assert digest(cli.data) == before


def test_backup_refuses_a_folder_or_a_missing_folder(cli, tmp_path):
    cli("demo")
    (tmp_path / "folder").mkdir()
    assert cli("backup", str(tmp_path / "folder")).code == 2
    assert cli("backup", str(tmp_path / "nowhere" / "x.db")).code == 2


def test_an_encrypted_store_backs_up_encrypted(cli, tmp_path):
    cli("demo")
    assert cli("encrypt", "--passphrase-stdin", stdin=PASSPHRASE + "\n").code == 0
    copy = tmp_path / "locked.db"
    assert cli("backup", str(copy), "--passphrase-stdin", stdin=PASSPHRASE + "\n").code == 0
    assert b"Dana Whitfield" not in copy.read_bytes()
    cli("demo", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    before = digest(cli.data)
    assert cli("restore", str(copy), "--passphrase-stdin", stdin="wrong\n").code == 3
    assert digest(cli.data) == before
    assert cli("restore", str(copy), "--passphrase-stdin", stdin=PASSPHRASE + "\n").code == 0
    assert len(titles(cli, PASSPHRASE + "\n")) == 1


def test_a_backup_from_an_earlier_schema_is_upgraded_on_restore(cli, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(DATA / "schema-001.db", old)
    assert cli("restore", str(old)).code == 0
    assert titles(cli) == ["Piano hours and the ceiling at Linden Court"]
    conn = sqlite3.connect(cli.data / "facilitator.db")
    assert ("m002_settings",) in conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
    conn.close()


def test_rotated_backups_are_made_at_most_daily_and_the_last_ten_kept(tmp_path, library):
    from datetime import UTC, datetime, timedelta

    from facilitator.backup import backups, rotate
    from facilitator.demo import add_demo
    from facilitator.store import Store

    store = Store.open(tmp_path / "facilitator.db")
    add_demo(store, library)
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    made = [rotate(store, tmp_path, at_most_every=None, now=start + timedelta(days=day))
            for day in range(12)]
    kept = backups(tmp_path)
    assert len(kept) == 10 and kept == made[:1:-1]  # the newest ten, newest first
    assert rotate(store, tmp_path) is None  # the newest was made moments ago
    for path in kept:
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        conn.close()
    store.close()


def test_an_encrypted_store_is_backed_up_without_asking_for_the_passphrase(tmp_path, library):
    from facilitator import cipher
    from facilitator.backup import rotate
    from facilitator.demo import add_demo
    from facilitator.store import Store

    path = tmp_path / "facilitator.db"
    store = Store.open(path)
    add_demo(store, library)
    store.close()
    cipher.convert(path, None, PASSPHRASE)
    store = Store.open(path, PASSPHRASE)
    copy = rotate(store, tmp_path)
    store.close()
    assert b"Dana Whitfield" not in copy.read_bytes()
    assert Store.open(copy, PASSPHRASE).list_sessions()[0]["party_a"] == "Dana Whitfield"


def test_the_app_backs_up_on_close_and_delete_all_removes_backups(app_window, tmp_path):
    from facilitator.backup import backups
    from facilitator.demo import add_demo

    presenter, window = app_window
    add_demo(presenter.store, presenter.library)
    assert presenter.backup_now() is None
    assert len(backups(tmp_path)) == 1
    presenter.delete_everything()
    assert backups(tmp_path) == [] and presenter.sessions() == []


def test_a_command_line_write_waits_for_the_app_instead_of_failing(cli):
    """busy_timeout: while another connection (the app) holds the write lock, a command
    line write waits for it rather than failing or corrupting anything."""
    import threading

    assert cli("demo").code == 0
    holder = sqlite3.connect(cli.data / "facilitator.db", check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # the app in the middle of a write
    holder.execute("UPDATE sessions SET title = title")
    release = threading.Timer(0.3, holder.commit)
    release.start()
    result = cli("demo")
    release.join()
    holder.close()
    assert result.code == 0, result
    assert len(titles(cli)) == 2
