"""Fill a store with many realistic sessions through the core, for the start-up and search benches.

    python bench/make_sessions.py DATA_DIR [COUNT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator import paths  # noqa: E402
from facilitator.demo import add_demo  # noqa: E402
from facilitator.library import Library  # noqa: E402
from facilitator.store import Store  # noqa: E402

FIRST = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jules", "Kai", "Lane"]
LAST = ["Okafor", "Lindqvist", "Whitfield", "Moreau", "Tanaka", "Novak", "Reyes", "Osei"]


def fill(folder: Path, count: int) -> float:
    """Add `count` sessions (copies of the demo with other names and titles); seconds taken."""
    library = Library.load()
    store = Store.open(paths.database(folder))
    started = time.perf_counter()
    template = store.load_session(add_demo(store, library))
    with store.db.atomic():
        for n in range(count - 1):
            session = template.clone()
            session.id = None
            session.title = f"{template.title} #{n + 2}"
            session.parties[0].name = f"{FIRST[n % 10]} {LAST[n % 8]}"
            session.parties[1].name = f"{FIRST[(n + 3) % 10]} {LAST[(n + 5) % 8]}"
            store.create_session(session)
    store.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    target = Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    seconds = fill(target, total)
    print(f"{total} sessions in {target} ({seconds:.1f} s)")
