"""Time from launch to an interactive main window, against a bare PySide6 window with one
label measured in the same run, with an empty store and with 10 000 stored sessions.

    python bench/startup.py [--runs 7] [--sessions 10000]

Each measurement starts a fresh process and stops the clock when the window has been shown
and the event loop has processed its first round (the window can take input). The three
programs take turns, run after run. The ratio is median(app) / median(bare window); the target
is ≤ 2.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import programs  # beside this script

ROOT = Path(__file__).resolve().parents[1]

READY = """
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""
BARE = programs.BARE + READY
APP = programs.APP + READY


def launch(code: str, *args: str) -> float:
    """Seconds from starting the process to its 'ready' line."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT,
                               env=programs.environment(),
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait()
    if line.strip() != "ready":
        raise SystemExit(f"the measured program did not start: {line!r}")
    return elapsed


def medians(runs: int, programs: list[tuple[str, ...]]) -> list[float]:
    """The median start-up of each program, their runs taken in turn so that the machine's
    slower and faster moments fall on all of them alike."""
    for program in programs:
        launch(*program)  # warm the file cache and write the bytecode
    times: list[list[float]] = [[] for _ in programs]
    for _ in range(runs):
        for index, program in enumerate(programs):
            times[index].append(launch(*program))
    return [statistics.median(each) for each in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=10_000)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from make_sessions import fill

    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
        fill(Path(full), options.sessions)
        cases = {"empty store": empty, f"{options.sessions} sessions": full}
        bare, *apps = medians(options.runs, [(BARE,), *((APP, f) for f in cases.values())])
        print(f"bare PySide6 window: {bare * 1000:.0f} ms (median of {options.runs})")
        for name, app in zip(cases, apps, strict=True):
            print(f"Facilitator, {name}: {app * 1000:.0f} ms  ratio {app / bare:.2f} "
                  f"(target ≤ 2.00)")


if __name__ == "__main__":
    main()
