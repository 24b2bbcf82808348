"""Backups and restores of the whole store.

A backup is a consistent copy made while the store may be in use (SQLite's backup API; an
encrypted store is copied with `sqlcipher_export` under the same passphrase, so it stays
encrypted), checked with `quick_check` and renamed into place only when complete. A restore
checks the file first and keeps the store it replaces aside, never deleting it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from . import cipher
from .errors import PassphraseError, UsageError


def _fsync_dir(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _check(path: Path, passphrase: str | None, label: str) -> None:
    """Refuse `path` unless it is a sound Facilitator database (quick_check, a sessions table)."""
    encrypted = cipher.is_encrypted(path)
    if encrypted and passphrase is None:
        raise PassphraseError(f"{label} is protected with a passphrase (or damaged); give the "
                              "passphrase with --passphrase-stdin")
    try:
        conn = (cipher.connect(path, passphrase) if encrypted
                else sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    except PassphraseError:
        raise PassphraseError(f"{label}: wrong passphrase (or the file is damaged)") from None
    errors = cipher.errors() if encrypted else (sqlite3.DatabaseError,)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        has_sessions = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                    " AND name = 'sessions'").fetchone()
    except errors as error:
        raise UsageError(f"{label} is not a Facilitator database or is damaged ({error})") \
            from None
    finally:
        conn.close()
    if verdict != "ok" or not has_sessions:
        raise UsageError(f"{label} is not a Facilitator database or is damaged "
                         f"(quick_check: {verdict}{'' if has_sessions else ', no sessions'})")


def backup(store, target: Path, passphrase: str | None = None) -> None:
    """Write a consistent copy of `store` to `target` (replacing only a regular file).

    An encrypted store is copied under its own key (SQLCipher's ATTACH without KEY), so the
    copy stays encrypted and needs no passphrase here.
    """
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise UsageError(f"{target}: exists and is not a regular file; choose another name")
    if not target.parent.is_dir():
        raise UsageError(f"{target}: folder {target.parent} does not exist")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        if store.encrypted:
            quoted = temporary.replace("'", "''")
            store.conn.execute(f"ATTACH DATABASE '{quoted}' AS copy")  # the same key
            try:
                store.conn.execute("SELECT sqlcipher_export('copy')")
                verdict = store.conn.execute("PRAGMA copy.quick_check").fetchone()[0]
            finally:
                store.conn.execute("DETACH DATABASE copy")
            if verdict != "ok":
                raise UsageError(f"{target}: the copy failed its check ({verdict})")
        else:
            copy = sqlite3.connect(temporary)
            try:
                store.conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()
        os.chmod(temporary, 0o600)
        if not store.encrypted:
            _check(Path(temporary), None, str(target))
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


BACKUPS = "backups"
KEEP = 10
PREFIX = "facilitator-"


def backups(folder: Path) -> list[Path]:
    """The rotated backups in `folder`/backups, newest first."""
    return sorted((folder / BACKUPS).glob(f"{PREFIX}*.db"), reverse=True)


def rotate(store, folder: Path, *, keep: int = KEEP, at_most_every: float | None = 86_400,
           now: datetime | None = None) -> Path | None:
    """A new backup in `folder`/backups unless the newest is younger than `at_most_every`
    seconds; the oldest beyond `keep` are removed only after the new one passed its check."""
    now = now or datetime.now(UTC)
    existing = backups(folder)
    if existing and at_most_every is not None:
        age = now.timestamp() - existing[0].stat().st_mtime
        if age < at_most_every:
            return None
    target_folder = folder / BACKUPS
    target_folder.mkdir(mode=0o700, exist_ok=True)
    target = target_folder / f"{PREFIX}{now.strftime('%Y%m%d-%H%M%S')}.db"
    backup(store, target)
    for old in backups(folder)[keep:]:
        old.unlink()
    return target


def restore(path: Path, source: Path, passphrase: str | None = None) -> Path | None:
    """Replace the store at `path` with the backup `source`; returns where the replaced store
    was kept (None when there was none)."""
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    _check(source, passphrase, str(source))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".facilitator-restore-", dir=path.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, temporary)
        os.chmod(temporary, 0o600)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    kept = None
    if path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.name}.replaced-{stamp}")
        for suffix in ("-wal", "-shm", ""):
            if Path(f"{path}{suffix}").exists():
                os.replace(f"{path}{suffix}", f"{kept}{suffix}")
    os.replace(temporary, path)
    _fsync_dir(path.parent)
    return kept
