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
