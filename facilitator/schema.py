"""The database schema, created and upgraded with sqlite-utils `Migrations`.

Migrations are append-only: never edit one that has shipped; add a new one at the end of
`STEPS`. Tests upgrade checked-in database files of every earlier schema to prove it.
Checking for pending migrations needs only sqlite3, so opening an up-to-date store does not
import sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from . import search

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

SET = "facilitator"
_CASCADE = "REFERENCES sessions(id) ON DELETE CASCADE"


def m001_initial(db: Database) -> None:
    db.executescript(f"""
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            guide_id TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('mediated', 'self-guided')),
            status TEXT NOT NULL DEFAULT 'open',
            review_date TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE parties (
            session_id INTEGER NOT NULL {_CASCADE},
            slot TEXT NOT NULL CHECK (slot IN ('a', 'b', 'mediator')),
            name TEXT NOT NULL,
            PRIMARY KEY (session_id, slot)
        );
        CREATE TABLE meetings (
            session_id INTEGER NOT NULL {_CASCADE},
            number INTEGER NOT NULL,
            guide_id TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open',
            started TEXT NOT NULL,
            ended TEXT,
            PRIMARY KEY (session_id, number)
        );
        CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            party TEXT NOT NULL DEFAULT '',
            visibility TEXT NOT NULL CHECK (visibility IN ('shared', 'private')),
            content TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            UNIQUE (session_id, meeting, step_id, party)
        );
        CREATE TABLE checkins (
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            party TEXT NOT NULL,
            moment TEXT NOT NULL,
            calm INTEGER CHECK (calm BETWEEN 1 AND 5),
            hope INTEGER CHECK (hope BETWEEN 1 AND 5),
            at TEXT NOT NULL,
            PRIMARY KEY (session_id, meeting, step_id, party)
        );
        CREATE TABLE options (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            text TEXT NOT NULL,
            by TEXT,
            marks TEXT NOT NULL DEFAULT '{{}}',
            created TEXT NOT NULL
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            what TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner IN ('a', 'b', 'both')),
            due TEXT NOT NULL DEFAULT '',
            measure TEXT NOT NULL DEFAULT '',
            consent TEXT NOT NULL DEFAULT '{{}}',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE TABLE parked (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            text TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT,
            author TEXT NOT NULL,
            visibility TEXT NOT NULL CHECK (visibility IN ('shared', 'private')),
            text TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX sessions_updated ON sessions(updated);
        CREATE INDEX records_session ON records(session_id);
        CREATE INDEX options_session ON options(session_id);
        CREATE INDEX actions_session ON actions(session_id);
        CREATE INDEX parked_session ON parked(session_id);
        CREATE INDEX notes_session ON notes(session_id);
    """)


def m002_settings(db: Database) -> None:
    """Preferences that belong with the data (the idle time before the window locks)."""
    db.executescript("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
    """)


def m003_pauses(db: Database) -> None:
    """Cool-down pauses: when, and at which step; never who called one."""
    db.executescript(f"""
        CREATE TABLE pauses (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL {_CASCADE},
            meeting INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            started TEXT NOT NULL,
            ended TEXT
        );
        CREATE INDEX pauses_session ON pauses(session_id);
    """)


def m004_search(db: Database) -> None:
    """Finding sessions by their shared words (SQLite FTS5); see `search`. Every session is
    indexed here, once."""
    db.executescript(search.SCHEMA)
    for statement in search.REFRESH:
        db.execute(statement)


STEPS = (m001_initial, m002_settings, m003_pauses, m004_search)


def migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    found = Migrations(SET)
    for step in STEPS:
        found()(step)
    return found


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database still needs (all of them for a new file)."""
    # looked up rather than caught: sqlcipher3 raises its own OperationalError class
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                          " AND name = '_sqlite_migrations'").fetchone()
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                        [SET]).fetchall() if exists else []
    applied = {name for (name,) in rows}
    return [step.__name__ for step in STEPS if step.__name__ not in applied]


def apply(db: Database) -> None:
    migrations().apply(db)

