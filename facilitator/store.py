"""The store: one SQLite database over sqlite-utils, the only place that speaks SQL.

Every edit is committed as it happens (sqlite-utils commits each call); one logical change is
grouped in `db.atomic()`, so a crash leaves either all of it or none. Reads go straight to the
connection, and sqlite-utils is imported the first time something is written or migrated, so
the app's first window does not wait for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from . import cipher, schema, search
from .errors import PassphraseError, UsageError
from .model import (
    Action,
    Checkin,
    Meeting,
    Note,
    Option,
    Parked,
    Party,
    Pause,
    Record,
    Session,
    now,
)

DB_NAME = "facilitator.db"

# How each list of a session maps to its table: attribute, table, dataclass, JSON columns.
_ITEMS = {
    "options": ("options", Option, ("marks",)),
    "actions": ("actions", Action, ("consent",)),
    "parked": ("parked", Parked, ()),
    "notes": ("notes", Note, ()),
    "pauses": ("pauses", Pause, ()),
}


def damaged(path: Path, detail: str) -> str:
    """The one-line message for a store that cannot be used, naming the way back."""
    newest = sorted((path.parent / "backups").glob("facilitator-*.db"), reverse=True)
    back = (f"the newest backup is {newest[0]}" if newest else "no backup was found in "
            f"{path.parent / 'backups'}")
    return (f"{path} is not a Facilitator database or is damaged ({detail}); nothing was "
            f"written. Restore a backup with `facilitator restore FILE`: {back}")


def _private_file(path: Path) -> None:
    """Create the database file readable by the user only, before SQLite opens it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path | None = None):
        self.conn = conn
        self.path = path
        self.encrypted = False
        self.read_only = False
        self._db = None

    @property
    def db(self):
        """sqlite-utils' Database over the same connection, made when first needed."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @classmethod
    def open(cls, path: Path | str, passphrase: str | None = None, *,
             check: bool = False, read_only: bool = False) -> Store:
        """Open (creating if need be) the store at `path`; an encrypted store needs its
        passphrase, and a wrong one raises PassphraseError with nothing written.

        With `check`, `PRAGMA quick_check` runs before anything could be written, and a
        damaged store is refused with a pointer to the newest backup. (The app checks after
        its window is up instead: on a very large store the check takes a while.)"""
        path = Path(path)
        encrypted = cipher.is_encrypted(path)
        if encrypted and passphrase is None:
            raise PassphraseError(f"{path} is protected with a passphrase (or damaged); "
                                  "give the passphrase with --passphrase-stdin")
        try:
            _private_file(path)
        except OSError as error:
            raise UsageError(f"{path}: cannot be opened ({error.strerror})") from None
        if read_only:
            return cls._open_read_only(path, passphrase, encrypted)
        conn = cipher.connect(path, passphrase) if encrypted else sqlite3.connect(path)
        database_errors = cipher.errors() if encrypted else (sqlite3.DatabaseError,)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            if check:
                verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise sqlite3.DatabaseError(f"quick_check: {verdict}")
            for pragma in ("foreign_keys = ON", "secure_delete = ON", "journal_mode = WAL",
                           # FULL: each commit reaches the disk, so a power cut keeps it
                           # too (docs/storage.md has the cost: about 0.4 ms a commit)
                           "synchronous = FULL"):
                conn.execute(f"PRAGMA {pragma}")
            store = cls(conn, path)
            store.encrypted = encrypted
            if schema.pending(conn):
                schema.apply(store.db)
        except database_errors as error:
            conn.close()
            raise UsageError(damaged(path, str(error))) from None
        return store

    def quick_check(self) -> str:
        """'ok', or what SQLite found wrong."""
        return self.conn.execute("PRAGMA quick_check").fetchone()[0]

    @classmethod
    def _open_read_only(cls, path: Path, passphrase: str | None, encrypted: bool) -> Store:
        """A store that can be read but never written: for a second window while the first
        one has the data open. It must already be at the newest schema."""
        conn = cipher.connect(path, passphrase) if encrypted else sqlite3.connect(
            f"file:{path}?mode=ro", uri=True)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA query_only = ON")
        if schema.pending(conn):
            conn.close()
            raise UsageError(f"{path} needs upgrading; open it normally first")
        store = cls(conn, path)
        store.encrypted, store.read_only = encrypted, True
        return store

    @classmethod
    def memory(cls) -> Store:
        store = cls(sqlite3.connect(":memory:"))
        store.conn.execute("PRAGMA foreign_keys = ON")
        schema.apply(store.db)
        return store

    def close(self) -> None:
        self.conn.close()

    def _query(self, sql: str, params=()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # -- sessions -------------------------------------------------------------------------

    def create_session(self, session: Session) -> Session:
        """Insert a whole session (a new one or an import) in one transaction; sets its ids."""
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO sessions (title, guide_id, mode, status, review_date, created,"
                " updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [session.title, session.guide_id, session.mode, session.status,
                 session.review_date, session.created, session.updated],
            )
            session.id = cursor.lastrowid
            for party in session.parties:
                self.db.execute("INSERT INTO parties VALUES (?, ?, ?)",
                                [session.id, party.slot, party.name])
            for meeting in session.meetings:
                self.save_meeting(session.id, meeting)
            for record in session.records:
                self.save_record(session.id, record)
            for checkin in session.checkins:
                self.save_checkin(session.id, checkin)
            for attribute in _ITEMS:
                for item in getattr(session, attribute):
                    item.id = None
                    self.save_item(session.id, attribute, item)
        return session

    def load_session(self, session_id: int) -> Session:
        rows = list(self._query("SELECT * FROM sessions WHERE id = ?", [session_id]))
        if not rows:
            raise UsageError(f"no session with id {session_id}")
        row = rows[0]
        where = "WHERE session_id = ?"
        session = Session(
            title=row["title"], guide_id=row["guide_id"], mode=row["mode"],
            status=row["status"], review_date=row["review_date"], id=row["id"],
            created=row["created"], updated=row["updated"],
            parties=[Party(r["slot"], r["name"]) for r in self._query(
                f"SELECT slot, name FROM parties {where} ORDER BY slot", [session_id])],
        )
        session.meetings = [Meeting(**_drop(r, "session_id")) for r in self._query(
            f"SELECT * FROM meetings {where} ORDER BY number", [session_id])]
        session.records = [
            Record(meeting=r["meeting"], step_id=r["step_id"], kind=r["kind"],
                   party=r["party"] or None, content=json.loads(r["content"]),
                   visibility=r["visibility"], created=r["created"], updated=r["updated"])
            for r in self._query(f"SELECT * FROM records {where} ORDER BY id", [session_id])
        ]
        session.checkins = [Checkin(**_drop(r, "session_id")) for r in self._query(
            f"SELECT * FROM checkins {where} ORDER BY rowid", [session_id])]
        for attribute, (table, cls, json_columns) in _ITEMS.items():
            items = []
            for r in self._query(f"SELECT * FROM {table} {where} ORDER BY id", [session_id]):
                values = _drop(r, "session_id")
                for column in json_columns:
                    values[column] = json.loads(values[column])
                items.append(cls(**values))
            setattr(session, attribute, items)
        return session

    def list_sessions(self, text: str = "", *, limit: int = -1,
                      offset: int = 0) -> list[dict[str, Any]]:
        """Summary rows, most recently updated first; `text` finds sessions whose topic,
        names, guide or shared words have words starting with each word of it.

        `limit` and `offset` page through a long list (-1: no limit).
        """
        where, params = "", []
        words = search.match(text)
        if words is not None:
            self.refresh_search()
            where = (" WHERE s.id IN (SELECT rowid FROM session_words"
                     " WHERE session_words MATCH :q)")
            params = {"q": words}
        elif text.strip():  # no letters or digits (an emoji, say): the topic and names
            pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%") \
                .replace("_", "\\_") + "%"
            where = (" WHERE s.title LIKE :p ESCAPE '\\'"
                     " OR s.id IN (SELECT session_id FROM parties WHERE name LIKE :p"
                     " ESCAPE '\\')")
            params = {"p": pattern}
        # the page is chosen first, so the names are looked up for its rows only, not for
        # every session a common word finds
        query = (
            "WITH page AS (SELECT s.id FROM sessions s"
            f"{where} ORDER BY s.updated DESC, s.id DESC"
            f" LIMIT {int(limit)} OFFSET {int(offset)})"
            " SELECT s.id, s.title, s.guide_id, s.mode, s.status, s.updated,"
            " (SELECT name FROM parties WHERE session_id = s.id AND slot = 'a') AS party_a,"
            " (SELECT name FROM parties WHERE session_id = s.id AND slot = 'b') AS party_b"
            " FROM page JOIN sessions s ON s.id = page.id"
            " ORDER BY s.updated DESC, s.id DESC"
        )
        return self._query(query, params or ())

    def refresh_search(self) -> None:
        """Index the sessions changed since the last search (a read-only store searches the
        index as it stands)."""
        if self.read_only or not self.conn.execute(
                "SELECT 1 FROM search_stale LIMIT 1").fetchone():
            return
        with self.db.atomic():
            for statement in search.REFRESH:
                self.db.execute(statement)

    def sessions_between(self, a: str, b: str) -> list[int]:
        """Ids of sessions between the two people named `a` and `b`, in either order."""
        rows = self.conn.execute(
            "SELECT pa.session_id FROM parties pa JOIN parties pb"
            " ON pa.session_id = pb.session_id AND pa.slot = 'a' AND pb.slot = 'b'"
            " WHERE (lower(pa.name) = lower(?) AND lower(pb.name) = lower(?))"
            " OR (lower(pa.name) = lower(?) AND lower(pb.name) = lower(?))",
            [a, b, b, a]).fetchall()
        return [row[0] for row in rows]

    def delete_session(self, session_id: int) -> None:
        with self.db.atomic():
            cursor = self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
            if cursor.rowcount == 0:
                raise UsageError(f"no session with id {session_id}")
        self.refresh_search()  # its words leave the index too, merged away for good
        self.db.execute(search.FORGET)

    def save_session(self, session: Session) -> None:
        """Title, status and review date, and the updated time."""
        with self.db.atomic():
            session.updated = now()
            self.db.execute(
                "UPDATE sessions SET title = ?, status = ?, review_date = ?, updated = ?"
                " WHERE id = ?",
                [session.title, session.status, session.review_date, session.updated,
                 session.id],
            )

    def save_party(self, session_id: int, party: Party) -> None:
        self.db.execute("INSERT OR REPLACE INTO parties VALUES (?, ?, ?)",
                        [session_id, party.slot, party.name])

    # -- parts of a session ---------------------------------------------------------------

    def save_meeting(self, session_id: int, meeting: Meeting) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?)",
            [session_id, meeting.number, meeting.guide_id, meeting.position, meeting.status,
             meeting.started, meeting.ended],
        )

    def save_record(self, session_id: int, record: Record) -> None:
        self.db.execute(
            "INSERT INTO records (session_id, meeting, step_id, kind, party, visibility,"
            " content, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (session_id, meeting, step_id, party) DO UPDATE SET"
            " content = excluded.content, visibility = excluded.visibility,"
            " updated = excluded.updated",
            [session_id, record.meeting, record.step_id, record.kind, record.party or "",
             record.visibility, json.dumps(record.content, ensure_ascii=False),
             record.created, record.updated],
        )

    def save_checkin(self, session_id: int, checkin: Checkin) -> None:
        self.db.execute(
            "INSERT INTO checkins VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (session_id, meeting, step_id, party) DO UPDATE SET"
            " moment = excluded.moment, calm = excluded.calm, hope = excluded.hope,"
            " at = excluded.at",
            [session_id, checkin.meeting, checkin.step_id, checkin.party, checkin.moment,
             checkin.calm, checkin.hope, checkin.at],
        )

    def save_item(self, session_id: int, attribute: str, item: Any) -> None:
        """Insert (setting `item.id`) or update one option, action, parked item or note."""
        table, _, json_columns = _ITEMS[attribute]
        values = {k: v for k, v in vars(item).items() if k != "id"}
        for column in json_columns:
            values[column] = json.dumps(values[column], ensure_ascii=False, sort_keys=True)
        if item.id is None:
            values["session_id"] = session_id
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cursor = self.db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                                     list(values.values()))
            item.id = cursor.lastrowid
        else:
            sets = ", ".join(f"{k} = ?" for k in values)
            self.db.execute(f"UPDATE {table} SET {sets} WHERE id = ? AND session_id = ?",
                            [*values.values(), item.id, session_id])

    def delete_item(self, session_id: int, attribute: str, item_id: int) -> None:
        table = _ITEMS[attribute][0]
        self.db.execute(f"DELETE FROM {table} WHERE id = ? AND session_id = ?",
                        [item_id, session_id])

    @contextlib.contextmanager
    def relaxed(self):
        """Commits inside are not waited for on the disk (synchronous=NORMAL): for where the
        session stands, which a power cut may set back one step without losing a word."""
        if self.conn.in_transaction or self.read_only:
            yield
            return
        self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA synchronous = FULL")

    def touch(self, session: Session) -> None:
        session.updated = now()
        self.db.execute("UPDATE sessions SET updated = ? WHERE id = ?",
                        [session.updated, session.id])

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET"
                        " value = excluded.value", [key, value])

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]


def _drop(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}
