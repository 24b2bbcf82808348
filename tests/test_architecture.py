"""House rules that keep the core usable without a GUI."""

from __future__ import annotations

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
