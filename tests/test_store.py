"""The store: real SQLite files in temporary folders, migrations, commits as they happen."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database
from steps import walk_to

from facilitator import schema
from facilitator.demo import add_demo
from facilitator.errors import UsageError
from facilitator.runner import Runner
from facilitator.store import Store

DATA = Path(__file__).parent / "data"


def tables(db: Database) -> set[str]:
    return set(db.table_names())


def test_migrations_create_the_schema_and_applying_twice_changes_nothing():
    db = Database(memory=True)
    schema.apply(db)
    first = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    schema.apply(db)
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == first
    assert {"sessions", "parties", "meetings", "records", "checkins", "options", "actions",
            "parked", "notes"} <= tables(db)
    applied = db.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert applied == [("m001_initial",), ("m002_settings",), ("m003_pauses",), ("m004_search",)]


def test_opening_a_file_sets_wal_foreign_keys_and_private_permissions(tmp_path: Path):
    folder = tmp_path / "new" / "data"
    store = Store.open(folder / "facilitator.db")
    try:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        store.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "facilitator.db").stat().st_mode) == 0o600


def test_every_edit_is_committed_as_it_happens(file_store: Store, library):
    runner = Runner.start(file_store, library, guide_id="couples-self-guided",
                          mode="self-guided", a="Avery", b="Blake")
    walk_to(runner, "statement")
    runner.edit_statement(observation="The dishes sat in the sink until Sunday.")
    # a second, independent connection sees it at once: nothing waits for a Save
    other = sqlite3.connect(file_store.path)
    content = other.execute("SELECT content FROM records WHERE kind = 'statement'").fetchone()[0]
    other.close()
    assert "The dishes sat in the sink until Sunday." in content


def test_a_session_survives_closing_and_reopening(tmp_path: Path, library):
    path = tmp_path / "facilitator.db"
    store = Store.open(path)
    session_id = add_demo(store, library)
    before = store.load_session(session_id)
    store.close()
    again = Store.open(path)
    try:
        assert again.load_session(session_id) == before
        assert again.integrity() == "ok"
    finally:
        again.close()


def test_deleting_a_session_removes_all_of_it(file_store: Store, library):
    session_id = add_demo(file_store, library)
    other_id = add_demo(file_store, library)
    file_store.delete_session(session_id)
    for table in ("parties", "meetings", "records", "checkins", "options", "actions", "parked",
                  "notes", "pauses"):
        rows = file_store.db.execute(
            f"SELECT count(*) FROM {table} WHERE session_id = ?", [session_id]).fetchone()[0]
        assert rows == 0, table
    assert [row["id"] for row in file_store.list_sessions()] == [other_id]
    with pytest.raises(UsageError):
        file_store.load_session(session_id)
    with pytest.raises(UsageError):
        file_store.delete_session(session_id)


def test_a_failed_create_leaves_nothing_behind(store: Store, library):
    runner = Runner.start(store, library, guide_id="couples-self-guided", mode="self-guided",
                          a="Avery", b="Blake")
    session = runner.session.clone()
    session.parties.append(session.parties[0])  # the same slot twice breaks the primary key
    with pytest.raises(sqlite3.IntegrityError):
        store.create_session(session)
    assert len(store.list_sessions()) == 1


def test_the_session_list_is_newest_first_with_both_names(store: Store, library):
    first = Runner.start(store, library, guide_id="couples-self-guided", mode="self-guided",
                         a="Avery", b="Blake", title="Chores")
    Runner.start(store, library, guide_id="coworkers-self-guided", mode="self-guided",
                 a="Casey", b="Devon", title="Deadlines")
    first.set_title("Chores and money")
    rows = store.list_sessions()
    assert [(r["title"], r["party_a"], r["party_b"]) for r in rows] == [
        ("Chores and money", "Avery", "Blake"), ("Deadlines", "Casey", "Devon")]


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "facilitator.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="is not a Facilitator database"):
        Store.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("schema-*.db")))
def test_databases_of_every_earlier_schema_upgrade(tmp_path: Path, name: str, library):
    """Checked-in files written by earlier versions open, upgrade and keep their sessions."""
    path = tmp_path / "facilitator.db"
    shutil.copy(DATA / name, path)
    store = Store.open(path)
    try:
        rows = store.list_sessions()
        assert rows, "the old file holds the demo session"
        session = store.load_session(rows[0]["id"])
        assert session.parties[0].name == "Dana Whitfield"
        assert len(session.meetings) == 2 and session.actions
        assert store.integrity() == "ok"
        Runner.resume(store, library, session.id)
        store.set_setting("lock_minutes", "5")  # the newest schema's tables are there
        assert store.setting("lock_minutes") == "5"
        # the words said before the upgrade can be searched; the private note's cannot
        assert [row["id"] for row in store.list_sessions("piano recital")] == [session.id]
        assert store.list_sessions("landlord") == []
    finally:
        store.close()
    assert len(list(DATA.glob("schema-*.db"))) >= 1


def test_moves_do_not_wait_for_the_disk_but_everything_else_does(file_store, library):
    """synchronous=FULL for what people say; a move between steps is relaxed, then FULL
    again (a power cut may set the session back a step, never lose a word)."""
    runner = Runner.start(file_store, library, guide_id="couples-self-guided",
                          mode="self-guided", a="Avery", b="Blake")
    full = 2
    assert file_store.conn.execute("PRAGMA synchronous").fetchone()[0] == full
    walk_to(runner, "statement")
    runner.back()
    assert file_store.conn.execute("PRAGMA synchronous").fetchone()[0] == full
