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
    """Write a consistent copy of `store` to `target` (replacing only a regular file)."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise UsageError(f"{target}: exists and is not a regular file; choose another name")
    if not target.parent.is_dir():
        raise UsageError(f"{target}: folder {target.parent} does not exist")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        if store.encrypted:
            quoted = temporary.replace("'", "''")
            key = (passphrase or "").replace("'", "''")
            store.conn.execute(f"ATTACH DATABASE '{quoted}' AS copy KEY '{key}'")
            try:
                store.conn.execute("SELECT sqlcipher_export('copy')")
            finally:
                store.conn.execute("DETACH DATABASE copy")
        else:
            copy = sqlite3.connect(temporary)
            try:
                store.conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()
        os.chmod(temporary, 0o600)
        _check(Path(temporary), passphrase if store.encrypted else None, str(target))
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
