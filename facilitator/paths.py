"""Where the data lives: `--data-dir`, else FACILITATOR_DATA_DIR, else the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from .store import DB_NAME

ENVIRONMENT = "FACILITATOR_DATA_DIR"


def data_dir(given: str | os.PathLike | None = None) -> Path:
    if given:
        return Path(given).expanduser()
    if os.environ.get(ENVIRONMENT):
        return Path(os.environ[ENVIRONMENT]).expanduser()
    import platformdirs  # only when no folder is given: it is not needed otherwise

    return Path(platformdirs.user_data_dir("Facilitator", appauthor=False))


def database(folder: Path) -> Path:
    return folder / DB_NAME


def user_guides(folder: Path) -> Path:
    return folder / "guides"
