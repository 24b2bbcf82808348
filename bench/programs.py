"""The two programs the start-up and memory benches launch, and how: a bare PySide6 window
with one label (the baseline) and the app's main window over a data folder (`sys.argv[1]`).
Each bench adds its own ending: what to measure once the window is up.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Facilitator")
label.show()
"""

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui import style
from ui.app import build
style.apply(app)
presenter, window = build(Path(sys.argv[1]))
window.show()
"""


def environment() -> dict[str, str]:
    """Offscreen unless told otherwise, and with bytecode written: an installed copy starts
    from compiled bytecode (pip compiles it; a source checkout writes it on the first run),
    and a machine that turns that off would time the compiler."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
