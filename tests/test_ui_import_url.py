"""The import dialog on a URL: a GitHub address fetched from a local server, progress shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.http_helpers import LIST, _Server, raw_host, server  # noqa: F401
from ui_helpers import open_window

from readlist.ui.import_dialog import TAB_URL
from readlist.ui.main_window import MainWindow


def test_url_import_shows_download_progress(qtbot: QtBot, tmp_path: Path,
                                            raw_host: _Server) -> None:  # noqa: F811
    with open_window(tmp_path / "lib.sqlite3", tmp_path) as win:
        assert isinstance(win, MainWindow)
        dialog = win.open_import(TAB_URL, "https://github.com/owner/repo")
        seen: list[tuple[int, int | None]] = []
        dialog.download_progressed.connect(lambda got, total: seen.append((got, total)))
        with qtbot.waitSignal(dialog.imported, timeout=30000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        size = len(LIST.encode())
        assert seen and seen[-1] == (size, size)
        assert dialog.report is not None and dialog.report.added == 2
        assert "Imported" in dialog.message.text() and not dialog.progress.isVisible()
        dialog.grab().save("/tmp/fetchbib-url-dialog.png")
        win.session.wait()


def test_url_tab_offers_the_last_address_again(qtbot: QtBot, tmp_path: Path,
                                               raw_host: _Server) -> None:  # noqa: F811
    with open_window(tmp_path / "lib.sqlite3", tmp_path) as win:
        assert isinstance(win, MainWindow)
        # writes are worker jobs (session.call reads through a read-only connection)
        win.session.mutate(lambda lib: lib.import_source("https://github.com/owner/repo")
                           .changes())
        qtbot.waitUntil(lambda: win.session.pending() == 0, timeout=30000)
        dialog = win.open_import(TAB_URL)
        assert dialog.url.text() == "https://github.com/owner/repo"
