"""Application start-up: the QApplication, the library session and the main window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from readlist.core.errors import LibraryDamagedError, ReadlistError
from readlist.library import Library
from readlist.paths import default_db, resources_dir
from readlist.ui import import_runner
from readlist.ui.icons import app_icon
from readlist.ui.main_window import MainWindow
from readlist.ui.platform_check import platform_problem
from readlist.ui.recover import recover
from readlist.ui.single_instance import InstanceServer, forward_to_running
from readlist.ui.tasks import Session


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication (created if needed), named for QSettings and the desktop file."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QGuiApplication.setDesktopFileName("readlist")
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("Readlist")
    app.setOrganizationName("readlist")
    app.setApplicationDisplayName("Readlist")
    app.setWindowIcon(app_icon())
    style = resources_dir() / "style.qss"
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def open_window(db: str | None, reader: str | None,
                settings: QSettings | None) -> tuple[Session, MainWindow]:
    """Open the library and build the window (not shown yet)."""
    target = db or default_db()
    library = Library(target, reader)
    session = Session(library, opener=lambda: Library(target, reader))
    window = MainWindow(session, settings)
    window.start()
    # Everything built so far lives as long as the window: keep it out of the cyclic
    # collector's full passes, which otherwise walk it all (~150 ms, holding the
    # interpreter lock: the window froze that long, bench/ui_stall.py).
    gc.freeze()
    return session, window


def bring_forward(window: MainWindow) -> None:
    """Show the window on top (a second start on the same library asked for it)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def run_app(db: str | None = None, reader: str | None = None) -> int:
    """Start the desktop app; returns the exit status.

    A window already open on the same library is brought forward instead (status 0).
    Missing system libraries or no display: one line on stderr, status 2.
    """
    problem = platform_problem()
    if problem is not None:
        print(f"readlist: {problem}", file=sys.stderr)
        return 2
    app = application()
    target = db or default_db()
    if forward_to_running(target):
        return 0
    instance = InstanceServer(target)
    try:
        try:
            session, window = open_window(target, reader, QSettings())
        except LibraryDamagedError as exc:
            if not recover(exc):
                instance.close()
                return 2
            session, window = open_window(target, reader, QSettings())
    except ReadlistError as exc:
        instance.close()
        QMessageBox.critical(None, "Readlist", str(exc))
        return 2
    instance.activation_requested.connect(lambda: bring_forward(window))
    window.show()
    try:
        return int(app.exec())
    finally:
        instance.close()
        session.close()
        import_runner.shutdown()


def main() -> int:
    """The `readlist-gui` entry point."""
    import argparse

    parser = argparse.ArgumentParser(prog="readlist-gui")
    parser.add_argument("--db")
    parser.add_argument("--reader")
    args = parser.parse_args()
    return run_app(args.db, args.reader)


if __name__ == "__main__":
    raise SystemExit(main())
