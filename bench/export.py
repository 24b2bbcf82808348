"""A 50-action plan to PDF, against Qt printing the same finished HTML in the same run.

    python bench/export.py [--runs 7] [--actions 50]

Facilitator's export builds the plan from the session, renders the template and lays it out
page by page with a running title and page numbers. The baseline takes the finished HTML and
has Qt print it (QTextDocument.print_ to a QPdfWriter). Target: ratio ≤ 1.3.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def big_session(store, library, actions: int):
    """A finished mediated session with `actions` agreed actions, made through the runner."""
    from facilitator.demo import add_demo
    from facilitator.runner import Runner

    runner = Runner.resume(store, library, add_demo(store, library, review=False))
    runner.go_to(next(s.index for s in runner.stages if s.kind == "actions"))
    for number in range(actions):
        due = (date(2027, 1, 4) + timedelta(days=number)).isoformat()
        runner.add_action(f"Step {number + 1}: walk the dog together before work on weekdays",
                          "both" if number % 3 else "a", due,
                          "We both tick it off on the fridge calendar each morning")
        action = runner.session.actions[-1]
        runner.consent(action.id, "a")
        runner.consent(action.id, "b")
    return runner.session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--actions", type=int, default=50)
    options = parser.parse_args()
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from facilitator.exports import export_bytes, plan_html
    from facilitator.library import Library
    from facilitator.pdf import MARGINS_MM, RESOLUTION, default_page_size
    from facilitator.store import Store

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    library = Library.load()
    store = Store.memory()
    session = big_session(store, library, options.actions)
    html = plan_html(session, library, standalone=False)

    def qt_prints(path: str) -> None:
        writer = QPdfWriter(path)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(default_page_size()),
                                         QPageLayout.Orientation.Portrait, MARGINS_MM,
                                         QPageLayout.Unit.Millimeter))
        document = QTextDocument()
        document.setHtml(html)
        document.print_(writer)

    def ours(path: str) -> None:
        Path(path).write_bytes(export_bytes(session, library, "pdf"))

    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "plan.pdf")
        timings = {}
        for name, job in (("Qt prints the finished HTML", qt_prints),
                          ("Facilitator exports the plan", ours)):
            job(target)  # warm up fonts and caches
            samples = []
            for _ in range(options.runs):
                started = time.perf_counter()
                job(target)
                samples.append(time.perf_counter() - started)
            timings[name] = statistics.median(samples)
            print(f"{name}: {timings[name] * 1000:.0f} ms (median of {options.runs})")
    ratio = timings["Facilitator exports the plan"] / timings["Qt prints the finished HTML"]
    print(f"{options.actions} actions: ratio {ratio:.2f} (target ≤ 1.30)")
    del app


if __name__ == "__main__":
    main()
