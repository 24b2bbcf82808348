"""The writer that tests/test_crash.py kills: edits a store as fast as it can until killed.

    python tests/crash_writer.py DB BUNDLE ROUND SEED

It opens the store at DB, resumes (or starts) the notebook session, prints "ready", then loops:
each turn either adds a note "edit-rRR-NNNNNN" to the notebook through the runner, or imports
the bundle in BUNDLE with its title changed to "import-rRR-NNNNNN". Only after the operation
has returned (the runner and import_bundle commit by themselves) does it print the marker and
flush, so every line the parent reads names something that was committed before the kill.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from facilitator.bundle import dumps, import_bundle
from facilitator.library import Library
from facilitator.runner import Runner
from facilitator.store import Store

NOTEBOOK = "Crash notebook for the kettle rota"
IMPORT_SHARE = 0.25  # the rest of the turns add a note


def notebook(store: Store, library: Library) -> Runner:
    """The session the notes go to: resumed if an earlier round made it, else started."""
    for row in store.list_sessions(NOTEBOOK):
        if row["title"] == NOTEBOOK:
            return Runner.resume(store, library, row["id"])
    return Runner.start(store, library, guide_id="mediated-two-party", mode="mediated",
                        a="Quillon Bray", b="Odile Fenwick", mediator="Tamsin Yarrow",
                        title=NOTEBOOK)


def main(argv: list[str]) -> None:
    db_path, bundle_path, round_number, seed = argv
    template = json.loads(Path(bundle_path).read_text(encoding="utf-8"))
    rng = random.Random(int(seed))
    store = Store.open(db_path)
    runner = notebook(store, Library.load())
    print("ready", flush=True)
    turn = 0
    while True:
        if rng.random() < IMPORT_SHARE:
            marker = f"import-r{int(round_number):02d}-{turn:06d}"
            template["session"]["title"] = marker
            import_bundle(store, dumps(template).encode("utf-8"), marker)
        else:
            marker = f"edit-r{int(round_number):02d}-{turn:06d}"
            runner.add_note(marker)
        # committed: only now may the parent count on it
        print(marker, flush=True)
        turn += 1


if __name__ == "__main__":
    main(sys.argv[1:])
