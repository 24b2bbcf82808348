"""Shared fixtures: the shipped library, stores in memory and in temporary files, a CLI runner."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.library import Library
from facilitator.runner import Runner
from facilitator.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def library() -> Library:
    return Library.load()


@pytest.fixture
def store() -> Store:
    store = Store.memory()
    yield store
    store.close()


@pytest.fixture
def file_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "data" / "facilitator.db")
    yield store
    store.close()


@pytest.fixture
def start(store: Store, library: Library):
    """Start a session: start("couples-self-guided") or start(mode="mediated")."""

    def start(guide_id: str = "mediated-two-party", *, mode: str | None = None,
              a: str = "Avery", b: str = "Blake", mediator: str | None = "Morgan") -> Runner:
        mode = mode or ("mediated" if guide_id == "mediated-two-party" else "self-guided")
        return Runner.start(store, library, guide_id=guide_id, mode=mode, a=a, b=b,
                            mediator=mediator if mode == "mediated" else None)

    return start


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    """Run the command line in-process with its own data folder; returns code, out and err."""
    data = tmp_path / "data"
    monkeypatch.delenv("FACILITATOR_DATA_DIR", raising=False)

    def run(*args: str, stdin: str = "", data_dir: Path | None = data) -> Result:
        out, err = io.StringIO(), io.StringIO()
        argv = [*args, "--data-dir", str(data_dir)] if data_dir is not None else list(args)
        code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    run.data = data
    return run


@pytest.fixture
def app_window(qtbot, tmp_path: Path):
    """The real main window over a store in a temporary folder: (presenter, window)."""
    from ui.app import build

    presenter, window = build(tmp_path)
    qtbot.addWidget(window)
    window.show()
    yield presenter, window
    presenter.close_session()
    presenter.store.close()


@pytest.fixture(autouse=True, scope="session")
def _one_application(qapp):
    """One QApplication for the whole run, made first: the PDF writer would otherwise make a
    plain QGuiApplication (as it does from the command line) and the widget tests need more.
    It wears the app's own look, as `ui.app.run` gives it."""
    from ui import style

    style.apply(qapp)
    return qapp
