"""Where things live: the default library file and the bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def default_db() -> str:
    """`$READLIST_DB`, else `library.sqlite3` in the user data dir (created if missing)."""
    env = os.environ.get("READLIST_DB")
    if env:
        return env
    folder = Path(user_data_dir("readlist", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "library.sqlite3")


def resources_dir() -> Path:
    """Resources ship inside the wheel; in a source checkout they sit at the repo root."""
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"
