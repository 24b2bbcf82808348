"""Idle memory: the app's resident memory once its window is up and idle, against a bare
PySide6 window with one label, measured in the same run; with an empty store and with 10 000
stored sessions; and, for comparison, at work, with the sample session open at its statement
step.

    python bench/memory.py [--runs 5] [--sessions 10000]

Each program runs in a fresh process, shows its window, lets the event loop idle for half a
second, and reports its resident set size (VmRSS, from /proc: Linux only). With a session
open, the app has imported sqlite-utils, as `ui.app.run` does then. The ratio is
median(app) / median(bare window); the target is ≤ 1.5.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import programs  # beside this script

ROOT = Path(__file__).resolve().parents[1]

REPORT = """
def report():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            print(int(line.split()[1]), flush=True)
    app.quit()
QTimer.singleShot(500, report)
app.exec()
"""

BARE = programs.BARE + REPORT

APP = programs.APP + """
if len(sys.argv) > 2:  # a session open at its statement step
    import sqlite_utils  # as ui.app.run does, in the background, when a session opens
    from facilitator.demo import add_demo
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    presenter.go_to(next(s.index for s in presenter.runner.stages if s.kind == "statement"))
""" + REPORT


def resident_kib(code: str, *args: str) -> int:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT,
                          env=programs.environment(),
                          capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=10_000)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from make_sessions import fill

    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full, \
            tempfile.TemporaryDirectory() as open_one:
        fill(Path(full), options.sessions)
        programs = {"bare PySide6 window": (BARE,), "Facilitator, empty store": (APP, empty),
                    f"Facilitator, {options.sessions} sessions": (APP, full),
                    "Facilitator, a session open at a statement": (APP, open_one, "open")}
        for program in programs.values():
            resident_kib(*program)  # write the bytecode, warm the file cache
        samples: dict[str, list[int]] = {name: [] for name in programs}
        for _ in range(options.runs):  # in turn, so the machine's moods fall on all alike
            for name, program in programs.items():
                samples[name].append(resident_kib(*program))
        bare = statistics.median(samples.pop("bare PySide6 window"))
        print(f"bare PySide6 window: {bare / 1024:.1f} MiB (median of {options.runs})")
        for name, values in samples.items():
            kib = statistics.median(values)
            target = "at work, not idle: for comparison" if "open" in name else "target ≤ 1.50"
            print(f"{name}: {kib / 1024:.1f} MiB  ratio {kib / bare:.2f} ({target})")


if __name__ == "__main__":
    main()
