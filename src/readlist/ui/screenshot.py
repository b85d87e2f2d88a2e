"""`readlist screenshot OUT.png`: render the main window offscreen and save it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from readlist.core.errors import BadInputError
from readlist.ui.main_window import MainWindow


def parse_size(size: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise BadInputError(f"--size is WIDTHxHEIGHT, like 1280x800, not {size!r}") from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise BadInputError(f"--size {size} is out of range (320x240 to 8000x8000)")
    return w, h


def settle(window: MainWindow, app: QApplication) -> None:
    """Let queued jobs finish and their results arrive, then lay out and paint."""
    for _ in range(20):
        window.session.wait()
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
        if not window.session.pending():
            break
    app.processEvents()


def save_screenshot(db: str | None, reader: str | None, out: str, *, query: str = "",
                    select: int | None = None, size: str = "1280x800",
                    sidebar: str = "") -> Path:
    """Render the window on library `db` (with `query` typed, entry `select` chosen) to `out`.

    `sidebar` picks a sidebar item by key first ("progress", "queue:Next up", "new"…).
    """
    width, height = parse_size(size)
    target = Path(out)
    if not target.parent.is_dir():
        raise BadInputError(f"folder {target.parent} does not exist")
    if QApplication.instance() is None and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from readlist.ui.app import application, open_window

    app = application()
    session, window = open_window(db, reader, None)
    try:
        window.resize(width, height)
        window.show()
        if sidebar and not window.sidebar.select_key(sidebar):
            raise BadInputError(f"no sidebar item {sidebar!r}")
        if query:
            window.search_bar.set_text(query, emit=True)
        settle(window, app)
        if select is not None and not window.select_entry(select):
            raise BadInputError(f"entry {select} is not in the table (check --query)")
        settle(window, app)
        if not window.grab().save(str(target)):
            raise BadInputError(f"cannot write {target}")
    finally:
        window.close()
        session.close()
    return target
