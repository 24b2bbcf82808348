"""Moving between steps and typing: how long the UI is busy for each, in the real window.

    python bench/steps.py [--rounds 3]

Moves through every stage of the sample session (mediated) and of a finished self-guided couples
session, back to the start and forward again with Next; types into the statement and reflection
fields a key at a time, and commits the debounced edits. Each
operation is timed until the event loop has processed it and the window has repainted.
Targets: median under 5 ms, none over 16 ms. As a baseline from the same run, a key typed
into a bare QPlainTextEdit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

TEXT = "When the car came back on empty I felt let down "


def timed(app: QApplication, action) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()
    # widgets let go with deleteLater go when the event loop next turns; processEvents alone
    # would keep them, and a long run would measure a growing heap of hidden widgets
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return (time.perf_counter() - started) * 1000


def forward(presenter) -> None:
    if not presenter.advance():
        raise SystemExit(f"could not move on: {presenter.runner.missing()}")


def couple(presenter) -> int:
    """A self-guided couples session between invented people, walked to its last step."""
    sys.path.insert(0, str(ROOT / "tests"))
    from steps import satisfy

    from facilitator.runner import Runner

    runner = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                          mode="self-guided", a="Sam", b="Alex", title="Weekends")
    while not runner.at_end:
        satisfy(runner)
        runner.advance()
    return runner.session.id


def summary(name: str, samples: list[float]) -> str:
    return (f"{name}: median {statistics.median(samples):.2f} ms, max {max(samples):.2f} ms "
            f"({len(samples)} samples)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from facilitator.demo import add_demo
    from ui import style
    from ui.app import build

    style.apply(app)
    bare = QPlainTextEdit()
    bare.resize(600, 200)
    bare.show()
    baseline = [timed(app, lambda c=c: QTest.keyClick(bare, c)) for c in TEXT * 2]

    with tempfile.TemporaryDirectory() as folder:
        presenter, window = build(Path(folder))
        window.resize(1280, 800)
        window.show()
        view = window.session_view
        moves, keys, commits = [], [], []
        for session_id in (add_demo(presenter.store, presenter.library, review=False),
                           couple(presenter)):
            presenter.open_session(session_id)
            last = presenter.runner.position
            for index in range(last, -1, -1):  # build every screen once, as a person would
                presenter.go_to(index)
            while presenter.runner.position < last:
                forward(presenter)
            app.processEvents()
            for _ in range(options.rounds):
                for index in range(last - 1, -1, -1):
                    moves.append(timed(app, lambda i=index: presenter.go_to(i)))
                while presenter.runner.position < last:
                    moves.append(timed(app, lambda: forward(presenter)))
                for kind, name in (("statement", "observation"), ("reflection", "validation")):
                    index = next(s.index for s in presenter.runner.stages if s.kind == kind)
                    presenter.go_to(index)
                    app.processEvents()
                    field = getattr(view.screen(kind), name)
                    field.setFocus()
                    QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
                    for character in TEXT:
                        keys.append(timed(app, lambda c=character, f=field: QTest.keyClick(f, c)))
                    commits.append(timed(app, presenter.flush))
                    while presenter.runner.position < last:
                        forward(presenter)
            presenter.close_session()
        presenter.store.close()

    print(summary("baseline, a key in a bare text field", baseline))
    print(summary("moving between steps", moves))
    print(summary("typing a key", keys))
    print(summary("committing the typed text", commits))
    worst = max(moves + keys + commits)
    met = (statistics.median(moves) < 5 and statistics.median(keys) < 5 and worst <= 16)
    print(f"targets: moving median {statistics.median(moves):.2f} ms and typing median "
          f"{statistics.median(keys):.2f} ms (each < 5), worst of all {worst:.2f} ms (≤ 16): "
          f"{'met' if met else 'NOT met'}; typing is "
          f"{statistics.median(keys) / statistics.median(baseline):.1f}× the bare field")


if __name__ == "__main__":
    main()
