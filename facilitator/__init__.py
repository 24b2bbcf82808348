"""Facilitator's core: guides, sessions, the store and the command line, free of Qt widgets."""

__version__ = "0.1.0"
