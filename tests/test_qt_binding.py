"""Guards against a Qt binding that would crash a long session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Probe(QObject):
    pinged = Signal(str)


def test_emitting_signals_keeps_reference_counts_balanced():
    """PySide6 6.12.0 lost a reference to True on each emit; Python 3.11 then aborts with
    "bool_dealloc" after about a thousand keystrokes. pyproject.toml excludes that version."""
    probe = Probe()
    probe.pinged.connect(lambda text: None)
    before = sys.getrefcount(True)
    for _ in range(100):
        probe.pinged.emit("x")
    assert sys.getrefcount(True) - before > -50
