"""Time from passphrase to the home screen of an encrypted store, and what the key
derivation costs, against opening the same store unencrypted in the same run.

    python bench/unlock.py [--runs 5] [--sessions 1000]

The target is under one second on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PASSPHRASE = "lantern orchard 42"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=1000)
    options = parser.parse_args()
    from make_sessions import fill
    from PySide6.QtWidgets import QApplication

    from facilitator import cipher, paths
    from ui.app import build

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as plain, tempfile.TemporaryDirectory() as locked:
        fill(Path(plain), options.sessions)
        shutil.copy(paths.database(Path(plain)), paths.database(Path(locked)))
        cipher.convert(paths.database(Path(locked)), None, PASSPHRASE)

        def home(folder: str, passphrase: str | None) -> float:
            started = time.perf_counter()
            presenter, window = build(Path(folder), passphrase)
            window.show()
            app.processEvents()
            elapsed = time.perf_counter() - started
            window.close()
            presenter.store.close()
            return elapsed

        def key_only() -> float:
            started = time.perf_counter()
            cipher.connect(paths.database(Path(locked)), PASSPHRASE).close()
            return time.perf_counter() - started

        home(plain, None), home(locked, PASSPHRASE)  # warm caches
        plain_ms = statistics.median(home(plain, None) for _ in range(options.runs)) * 1000
        locked_ms = statistics.median(home(locked, PASSPHRASE)
                                      for _ in range(options.runs)) * 1000
        key_ms = statistics.median(key_only() for _ in range(options.runs)) * 1000
    print(f"home screen, unencrypted store: {plain_ms:.0f} ms")
    print(f"passphrase to home screen, encrypted store: {locked_ms:.0f} ms "
          f"(target < 1000 ms; ratio {locked_ms / plain_ms:.1f}×)")
    print(f"of which SQLCipher's key derivation and first page: {key_ms:.0f} ms "
          "(PBKDF2-HMAC-SHA512, 256 000 iterations)")


if __name__ == "__main__":
    main()
