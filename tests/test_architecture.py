"""House rules that keep the core usable without a GUI."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import facilitator

ROOT = Path(__file__).resolve().parents[1]


def test_importing_every_core_module_loads_no_qt_widgets():
    modules = [f"facilitator.{m.name}" for m in pkgutil.iter_modules(facilitator.__path__)]
    assert "facilitator.runner" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6.QtWidgets')"
        " or m == 'PySide6.QtNetwork')\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_command_line_starts_without_heavy_imports(tmp_path: Path):
    """Listing sessions needs neither Qt nor Jinja2: start-up stays quick."""
    code = (
        "import sys\n"
        "from facilitator.cli import main\n"
        "main(['sessions', '--data-dir', sys.argv[1]])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'jinja2'))\n"
        "print('heavy:', ','.join(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "heavy:"


def test_the_home_screen_waits_for_a_session_to_load_the_writing_library(tmp_path: Path,
                                                                         library):
    """sqlite-utils (and the memory it takes) is loaded once a session opens, not before: the
    home screen only reads."""
    from facilitator.demo import add_demo
    from facilitator.store import Store

    store = Store.open(tmp_path / "facilitator.db")  # an existing store: nothing to migrate
    session_id = add_demo(store, library)
    store.close()
    code = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui import app as entry\n"
        "presenter, window = entry.build(Path(sys.argv[1]))\n"
        "presenter.session_opened.connect(entry._prepare_writes)  # as entry.run does\n"
        "window.show(); app.processEvents()\n"
        "print('at home:', 'sqlite_utils' in sys.modules)\n"
        "presenter.open_session(int(sys.argv[2]))\n"
        "for thread in threading.enumerate():\n"
        "    if thread is not threading.main_thread(): thread.join()\n"
        "print('with a session:', 'sqlite_utils' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(session_id)],
                            cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "at home: False" in result.stdout
    assert "with a session: True" in result.stdout
