"""One screen per step kind. `make` builds the screen for a kind; nothing is registered globally."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtWidgets import QWidget

from ui.step import StepWidget

_MODULES = {
    "agreement": ("agreement", "AgreementStep"),
    "screening": ("screening", "ScreeningStep"),
    "checkin": ("checkin", "CheckinStep"),
    "statement": ("statement", "StatementStep"),
    "reflection": ("reflection", "ReflectionStep"),
    "needs": ("needs", "NeedsStep"),
    "options": ("options", "OptionsStep"),
    "actions": ("actions", "ActionsStep"),
    "closing": ("closing", "ClosingStep"),
    "review": ("review", "ReviewStep"),
}


def make(kind: str, presenter, parent: QWidget | None = None) -> StepWidget:
    """The screen for `kind`; its module is imported the first time a session needs it."""
    module_name, class_name = _MODULES[kind]
    module = import_module(f"ui.steps.{module_name}")
    return getattr(module, class_name)(presenter, parent)
