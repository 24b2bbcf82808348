"""Searching 10 000 stored sessions from the home screen's filter box (SQLite FTS5).

    python bench/search.py [--sessions 10000] [--runs 15]

Times `Store.list_sessions(text)` for the first page the home screen shows (200 rows), for
words that match a few sessions, most of them, or none, against the same call with no
filter, measured in the same run. Target: median under 20 ms. Indexing all the sessions at
once, as the migration to the search index does, is timed too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_sessions import fill  # noqa: E402

from facilitator import paths  # noqa: E402
from facilitator.store import Store  # noqa: E402

PAGE = 200  # as the home screen's list asks
QUERIES = {
    "a name, by its start ('lindq')": "lindq",
    "two names ('avery okafor')": "avery okafor",
    "a word every session has ('earplugs')": "earplugs",
    "a topic and its number ('piano 5000')": "piano 5000",
    "a word no session has ('zanzibar')": "zanzibar",
}


def median_ms(runs: int, action) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        fill(Path(folder), options.sessions)
        store = Store.open(paths.database(Path(folder)))
        started = time.perf_counter()
        store.refresh_search()  # every session is new to the index
        print(f"indexing {options.sessions} sessions at once: "
              f"{time.perf_counter() - started:.2f} s")
        baseline = median_ms(options.runs, lambda: store.list_sessions(limit=PAGE))
        print(f"baseline, the first page with no filter: {baseline:.2f} ms")
        worst = 0.0
        for name, text in QUERIES.items():
            found = len(store.list_sessions(text))
            took = median_ms(options.runs, lambda t=text: store.list_sessions(t, limit=PAGE))
            worst = max(worst, took)
            print(f"{name}: {took:.2f} ms median, {took / baseline:.1f}× the baseline "
                  f"({found} sessions found)")
        print(f"slowest search median {worst:.2f} ms (target < 20): "
              f"{'met' if worst < 20 else 'NOT met'}")
        store.close()


if __name__ == "__main__":
    main()
