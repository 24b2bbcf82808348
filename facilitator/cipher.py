"""Encryption at rest with SQLCipher (the `sqlcipher3` package ships it in its wheels).

The whole database file — and its WAL — is encrypted with a key SQLCipher derives from the
passphrase (PBKDF2-HMAC-SHA512, 256 000 iterations, per-database salt; see docs/privacy.md).
No cryptography is written here: this module only opens connections with a key and converts a
store between plain and encrypted through `sqlcipher_export`, atomically.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from .errors import PassphraseError, UsageError

SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """Whether `path` looks like an encrypted store: not plain SQLite, yet made of whole
    database pages. (An encrypted file is indistinguishable from noise, so a damaged file of
    the right size looks encrypted too; the messages say so.)"""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False  # missing, or not a file: opening it will say what is wrong
    return bool(head) and head != SQLITE_HEADER and size >= 512 and size % 512 == 0


def check_passphrase(passphrase: str) -> str:
    if not passphrase:
        raise PassphraseError("the passphrase is empty")
    if "\x00" in passphrase:
        raise UsageError("a passphrase cannot hold a NUL character")
    return passphrase


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def errors() -> tuple[type[Exception], ...]:
    """The DatabaseError classes of both drivers: sqlcipher3 raises its own, not sqlite3's."""
    from sqlcipher3 import dbapi2

    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


def operational_errors() -> tuple[type[Exception], ...]:
    from sqlcipher3 import dbapi2

    return (sqlite3.OperationalError, dbapi2.OperationalError)


def connect(path: Path, passphrase: str):
    """A sqlcipher3 connection to `path`, keyed and checked: a wrong passphrase raises
    PassphraseError before anything is written."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # no library chatter on stderr
        conn.execute(f"PRAGMA key = {_quoted(check_passphrase(passphrase))}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError:
        conn.close()
        raise PassphraseError(f"{path}: wrong passphrase (or the file is damaged)") from None
    return conn


def convert(path: Path, old: str | None, new: str | None) -> None:
    """Rewrite the store at `path` under the passphrase `new` (None: plain), atomically.

    The new file is written beside the old one and renamed over it only once complete, so a
    crash at any moment leaves either the old store or the new one, never a mix.
    """
    from sqlcipher3 import dbapi2

    if new is not None:
        check_passphrase(new)
    source = connect(path, old) if old is not None else dbapi2.connect(str(path))
    try:
        if old is None:
            source.execute("PRAGMA cipher_log_level = NONE")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        fd, temporary = tempfile.mkstemp(prefix=".facilitator-", suffix=".db", dir=path.parent)
        os.close(fd)
        try:
            source.execute(f"ATTACH DATABASE {_quoted(temporary)} AS target "
                           f"KEY {_quoted(new or '')}")
            source.execute("SELECT sqlcipher_export('target')")
            source.execute("DETACH DATABASE target")
            with open(temporary, "rb+") as handle:
                os.fsync(handle.fileno())
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except dbapi2.DatabaseError as error:
        raise UsageError(f"{path}: could not be converted ({error})") from None
    finally:
        source.close()
    try:
        for suffix in ("-wal", "-shm"):  # empty after the checkpoint; they are the old file's
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
