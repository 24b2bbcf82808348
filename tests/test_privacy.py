"""Privacy promises (product.md §5): encrypted at rest, wrong passphrases write nothing,
private files, real deletion, and no network at all."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from steps import finish, walk_to

from facilitator import cipher
from facilitator.demo import PRIVATE_NOTE, add_demo
from facilitator.library import Library
from facilitator.runner import Runner
from facilitator.store import Store

SECRET = "Zephyrine-private-words-4471"
PASSPHRASE = "lantern orchard 42"


def files_of(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def any_file_holds(folder: Path, text: str) -> bool:
    needle = text.encode("utf-8")
    return any(needle in p.read_bytes() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def demo_folder(cli) -> Path:
    assert cli("demo").code == 0
    return cli.data


def encrypt(cli, passphrase: str = PASSPHRASE):
    return cli("encrypt", "--passphrase-stdin", stdin=passphrase + "\n")


def test_after_encrypt_no_file_holds_a_word_and_sqlite3_cannot_read_it(cli, demo_folder,
                                                                       library):
    assert any_file_holds(demo_folder, PRIVATE_NOTE[:40])  # the test can see plain text
    result = encrypt(cli)
    assert result.code == 0 and "no way to recover" in result.err
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(demo_folder / "facilitator.db").execute("SELECT * FROM sessions")
    store = Store.open(demo_folder / "facilitator.db", PASSPHRASE)  # use it: WAL files appear
    runner = Runner.resume(store, library, store.list_sessions()[0]["id"])
    runner.add_note(SECRET, visibility="private")
    runner.add_note("Both will try the earplugs for a week.", visibility="shared")
    # the search index came across and is kept encrypted like the rest
    assert [row["id"] for row in store.list_sessions("earplugs week")] == [runner.session.id]
    assert (demo_folder / "facilitator.db-wal").exists()
    for text in (SECRET, PRIVATE_NOTE[:40], "Dana Whitfield", "Linden Court"):
        assert not any_file_holds(demo_folder, text), text
    store.close()
    for text in (SECRET, PRIVATE_NOTE[:40], "Dana Whitfield"):
        assert not any_file_holds(demo_folder, text), text
    listed = cli("sessions", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert listed.code == 0 and "Piano hours" in listed.out


def test_a_wrong_or_missing_passphrase_exits_3_and_changes_nothing(cli, demo_folder):
    encrypt(cli)
    before = files_of(demo_folder)
    for argv, stdin in ((("sessions", "--passphrase-stdin"), "not it\n"),
                        (("sessions",), ""),
                        (("demo", "--passphrase-stdin"), "not it\n"),
                        (("decrypt", "--passphrase-stdin"), "not it\n"),
                        (("rekey", "--passphrase-stdin"), "not it\nnew one\n")):
        result = cli(*argv, stdin=stdin)
        assert result.code == 3, (argv, result)
        assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err
        assert files_of(demo_folder) == before, argv


def test_rekey_and_decrypt_round_trip(cli, demo_folder):
    before = cli("export", "1", "--format", "json", "-o", "-").out
    encrypt(cli)
    assert cli("rekey", "--passphrase-stdin", stdin=f"{PASSPHRASE}\nsecond key\n").code == 0
    assert cli("sessions", "--passphrase-stdin", stdin=PASSPHRASE + "\n").code == 3
    assert cli("decrypt", "--passphrase-stdin", stdin="second key\n").code == 0
    assert not cipher.is_encrypted(demo_folder / "facilitator.db")
    assert sqlite3.connect(demo_folder / "facilitator.db").execute(
        "SELECT count(*) FROM sessions").fetchone() == (1,)
    assert cli("export", "1", "--format", "json", "-o", "-").out == before


def test_encrypt_twice_or_decrypt_a_plain_store_is_refused(cli, demo_folder):
    assert cli("decrypt", "--passphrase-stdin", stdin="x\n").code == 2
    encrypt(cli)
    assert encrypt(cli).code == 2


def test_a_failed_encrypt_leaves_the_plain_store(cli, demo_folder, monkeypatch):
    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = encrypt(cli)
    assert result.code == 1 and "No space left" in result.err
    monkeypatch.undo()
    assert not cipher.is_encrypted(demo_folder / "facilitator.db")
    assert [p.name for p in demo_folder.iterdir() if p.name.startswith(".")] == []
    assert "Piano hours" in cli("sessions").out


def test_sqlite_utils_works_over_an_encrypted_connection(tmp_path, library):
    path = tmp_path / "facilitator.db"
    Store.open(path).close()
    cipher.convert(path, None, PASSPHRASE)
    store = Store.open(path, PASSPHRASE)
    try:
        assert store.encrypted
        runner = Runner.start(store, library, guide_id="couples-self-guided",
                              mode="self-guided", a="Avery", b="Blake")
        finish(runner)
        runner.start_review("follow-up-review")
        walk_to(runner, "review")
        assert store.load_session(runner.session.id) == runner.session
        assert store.integrity() == "ok"
    finally:
        store.close()


def test_files_are_readable_by_the_user_only(cli, demo_folder, tmp_path):
    assert stat.S_IMODE(demo_folder.stat().st_mode) == 0o700
    store = Store.open(demo_folder / "facilitator.db")
    store.conn.execute("SELECT count(*) FROM sessions").fetchone()
    Runner.resume(store, Library.load(), 1).add_note("x")  # WAL and shared memory exist now
    for path in demo_folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    store.close()
    for fmt in ("pdf", "json"):
        out = tmp_path / f"plan.{fmt}"
        cli("export", "1", "--format", fmt, "-o", str(out))
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, fmt


def test_deleting_a_session_leaves_none_of_its_words_in_the_file(tmp_path, library):
    path = tmp_path / "facilitator.db"
    store = Store.open(path)
    keep = add_demo(store, library)
    gone = Runner.start(store, library, guide_id="couples-self-guided", mode="self-guided",
                        a="Avery", b="Blake")
    gone.add_note(SECRET)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert SECRET.encode() in path.read_bytes()
    store.delete_session(gone.session.id)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert not any_file_holds(tmp_path, SECRET)  # secure_delete zeroes the freed pages
    assert Store.open(path).load_session(keep).title.startswith("Piano")


# -- no network -------------------------------------------------------------------------------

@pytest.fixture
def no_sockets(monkeypatch):
    """Every way to open a socket fails loudly for the rest of the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the app tried to open a network connection")

    for name in ("socket", "create_connection", "socketpair", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)


def test_the_command_line_never_opens_a_socket(cli, no_sockets, tmp_path):
    assert cli("demo").code == 0
    for fmt in ("pdf", "html", "md", "ics", "json"):
        assert cli("export", "1", "--format", fmt, "-o", str(tmp_path / f"x.{fmt}")).code == 0
    assert cli("import", str(tmp_path / "x.json")).code == 0
    assert encrypt(cli).code == 0
    assert cli("sessions", "--passphrase-stdin", stdin=PASSPHRASE + "\n").code == 0


def test_a_whole_session_in_the_app_never_opens_a_socket(qtbot, tmp_path, no_sockets):
    from ui.app import build

    presenter, window = build(tmp_path)
    qtbot.addWidget(window)
    window.show()
    presenter.create_session(guide_id="coworkers-self-guided", mode="self-guided",
                             a="Casey", b="Devon", mediator=None, title="Deadlines")
    while presenter.session.status != "finished":
        from steps import satisfy

        satisfy(presenter.runner)
        assert presenter.advance()
    assert presenter.export("pdf", str(tmp_path / "plan.pdf")) is None
    presenter.close_session()
    presenter.store.close()


def test_no_networking_module_is_part_of_the_app():
    root = Path(__file__).resolve().parents[1]
    source = [p for folder in ("facilitator", "ui") for p in (root / folder).rglob("*.py")]
    assert source
    for path in source:
        text = path.read_text(encoding="utf-8")
        for banned in ("import socket", "QtNetwork", "urllib", "http.client", "requests",
                       "QWebEngine"):
            assert banned not in text, (path, banned)
    assert not any(m.startswith("PySide6.QtNetwork") for m in sys.modules)
