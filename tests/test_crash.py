"""Crash durability (product.md §8): a process killed at any moment loses no committed edit,
leaves a database that passes `PRAGMA integrity_check`, and never half an import.

A writer (tests/crash_writer.py) adds notes and imports bundles as fast as it can, printing
each marker once its transaction has committed; the test kills it with SIGKILL at a random
moment, then checks the files with plain sqlite3 and with Store.open. The checks run on a
copy of the killed files, so the next round's writer opens the store exactly as the kill left
it (its write-ahead log not yet recovered or checkpointed by anyone), and the rounds continue
on that same store.
"""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from facilitator.bundle import dumps, to_bundle
from facilitator.demo import add_demo
from facilitator.library import Library
from facilitator.runner import Runner
from facilitator.store import DB_NAME, Store

ROOT = Path(__file__).resolve().parents[1]
WRITER = Path(__file__).with_name("crash_writer.py")
NOTEBOOK = "Crash notebook for the kettle rota"  # the writer's session for notes
ROUNDS = 25
SEED = 80417
KILL_DELAY = (0.02, 0.6)  # seconds between the writer's "ready" and SIGKILL
READY_TIMEOUT = 60.0  # generous: a loaded machine may take long to start Python
# the tables holding a session's parts, each with a session_id column
PARTS = ("parties", "meetings", "records", "checkins", "options", "actions", "parked", "notes")


@pytest.fixture(scope="module")
def bundle(library: Library) -> dict:
    """The demo session as a bundle: what every import in the writer brings in."""
    store = Store.memory()
    try:
        session_id = add_demo(store, library, date(2026, 3, 2))
        return to_bundle(store.load_session(session_id))
    finally:
        store.close()


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)


def _run_and_kill(db: Path, bundle_file: Path, round_number: int, seed: int, delay: float,
                  errors: Path) -> list[str]:
    """Start the writer, wait for "ready", let it write for `delay` seconds, SIGKILL it and
    return the markers it printed (each one committed before the kill)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    lines: queue.Queue = queue.Queue()
    with errors.open("w") as err:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), str(bundle_file), str(round_number),
             str(seed)],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
            text=True, encoding="utf-8",
        )
    reader = threading.Thread(target=_read_lines, args=(writer.stdout, lines), daemon=True)
    reader.start()
    try:
        try:
            first = lines.get(timeout=READY_TIMEOUT)
        except queue.Empty:
            pytest.fail(f"round {round_number}: the writer said nothing in {READY_TIMEOUT} s")
        assert first == "ready", f"round {round_number}: {errors.read_text()}"
        # The delay is the thing under test (a kill at a random moment while the writer is
        # busy), not a wait for readiness, so a plain sleep is right here.
        time.sleep(delay)
        assert writer.poll() is None, \
            f"round {round_number}: the writer stopped by itself: {errors.read_text()}"
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    reader.join(timeout=30)
    assert not reader.is_alive(), "the writer's output never ended"
    writer.stdout.close()
    assert errors.read_text() == "", f"round {round_number}: the writer complained"
    printed = []
    while (line := lines.get_nowait()) is not None:
        printed.append(line)
    return printed


def _snapshot(db: Path, folder: Path) -> Path:
    """Copy the database with its -wal and -shm files as the kill left them."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = db.with_name(db.name + suffix)
        if source.exists():
            shutil.copyfile(source, folder / source.name)
    return folder / db.name


def _turn(marker: str) -> tuple[str, int, int]:
    """"edit-r03-000012" -> ("edit", 3, 12)."""
    kind, round_part, turn = marker.split("-")
    return kind, int(round_part[1:]), int(turn)


def _check_with_sqlite3(db: Path, printed: dict[int, list[str]], expected: dict[str, int]
                        ) -> tuple[int, int]:
    """Integrity, every printed marker present, whole imports; returns (notes, imports)."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        notebooks = conn.execute("SELECT id FROM sessions WHERE title = ?",
                                 [NOTEBOOK]).fetchall()
        assert len(notebooks) == 1, "the notebook session is missing or doubled"
        notes = [text for (text,) in conn.execute(
            "SELECT text FROM notes WHERE session_id = ?", notebooks[0])]
        imports = dict(conn.execute(
            "SELECT title, id FROM sessions WHERE title LIKE 'import-r%'").fetchall())
        titles = [t for (t,) in conn.execute(
            "SELECT title FROM sessions WHERE title LIKE 'import-r%'")]
        counts = {table: dict(conn.execute(
            f"SELECT session_id, COUNT(*) FROM {table} GROUP BY session_id").fetchall())
            for table in PARTS}
    finally:
        conn.close()

    doubled = [m for m, n in (Counter(notes) + Counter(titles)).items() if n > 1]
    assert not doubled, f"markers stored twice: {doubled[:5]}"
    # Every import is whole: the same number of rows per table as the bundle, never part.
    for title, session_id in imports.items():
        found = {table: counts[table].get(session_id, 0) for table in PARTS}
        assert found == expected, f"{title} (session {session_id}) is half an import"

    stored: dict[int, set[int]] = {}
    for marker in [*notes, *imports]:
        kind, round_number, turn = _turn(marker)
        stored.setdefault(round_number, set()).add(turn)
        assert (kind == "edit") == (marker in notes)
    for round_number, markers in printed.items():
        assert [_turn(m)[1:] for m in markers] == \
            [(round_number, turn) for turn in range(len(markers))]
        lost = [m for m in markers if m not in (notes if m.startswith("edit") else imports)]
        assert not lost, (f"round {round_number}: {len(lost)} committed edits lost after the "
                          f"kill, first {lost[:3]}")
        # The writer works in order: what is stored is the printed turns, plus at most the
        # one it committed but was killed before printing.
        turns = sorted(stored.get(round_number, ()))
        assert turns in (list(range(len(markers))), list(range(len(markers) + 1))), \
            f"round {round_number}: stored turns have gaps or run ahead"
    assert set(stored) <= set(printed), "markers from a round that never ran"
    return len(notes), len(imports)


def _check_with_store(db: Path, library: Library, printed: dict[int, list[str]],
                      bundle: dict) -> None:
    """The app itself opens the killed store, and reads back the notebook and an import."""
    store = Store.open(db)
    try:
        assert store.integrity() == "ok"
        by_title = {row["title"]: row["id"] for row in store.list_sessions()}
        runner = Runner.resume(store, library, by_title[NOTEBOOK])
        texts = {note.text for note in runner.session.notes}
        last_import = None
        for markers in printed.values():
            for marker in markers:
                if marker.startswith("edit"):
                    assert marker in texts
                else:
                    last_import = marker
        if last_import is not None:
            session = store.load_session(by_title[last_import])
            back = to_bundle(session)["session"]
            for part in PARTS:
                assert len(back[part]) == len(bundle["session"][part]), part
            assert back["parties"] == bundle["session"]["parties"]
            assert [r["content"] for r in back["records"] if r["kind"] != "review"] == \
                [r["content"] for r in bundle["session"]["records"] if r["kind"] != "review"]
    finally:
        store.close()


@pytest.mark.slow
def test_a_killed_writer_loses_no_committed_edit_and_no_half_import(
        tmp_path: Path, library: Library, bundle: dict):
    bundle_file = tmp_path / "demo-bundle.json"
    bundle_file.write_text(dumps(bundle), encoding="utf-8")
    expected = {table: len(bundle["session"][table]) for table in PARTS}
    db = tmp_path / "data" / DB_NAME
    rng = random.Random(SEED)
    printed: dict[int, list[str]] = {}
    started = time.monotonic()
    for round_number in range(1, ROUNDS + 1):
        delay = rng.uniform(*KILL_DELAY)
        printed[round_number] = _run_and_kill(db, bundle_file, round_number,
                                              rng.randrange(2**32), delay,
                                              tmp_path / "writer-errors.txt")
        killed = _snapshot(db, tmp_path / "after-kill")
        _check_with_sqlite3(killed, printed, expected)
        _check_with_store(killed, library, printed, bundle)
    # and the store itself, opened after the last kill
    notes, imports = _check_with_sqlite3(db, printed, expected)
    _check_with_store(db, library, printed, bundle)
    committed = [m for markers in printed.values() for m in markers]
    print(f"\n{ROUNDS} kill rounds in {time.monotonic() - started:.1f} s: "
          f"{len(committed)} committed edits checked "
          f"({sum(m.startswith('edit') for m in committed)} notes, "
          f"{sum(m.startswith('import') for m in committed)} imports); "
          f"store holds {notes} notes and {imports} imported sessions")
    # the run did exercise both kinds of write
    assert any(m.startswith("edit") for m in committed)
    assert any(m.startswith("import") for m in committed)
