"""What the window remembers between runs (QSettings): geometry, splitters, the table's
columns, the typed query and the sidebar item. The sidebar item is applied by
`MainWindow.start`, which must know it before the first page of rows is fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from readlist.ui.main_window import MainWindow

_State = tuple[str, Callable[[], QByteArray], Callable[[QByteArray], object]]


def _layout_states(window: MainWindow) -> list[_State]:
    """(settings key, save, restore) of every piece of layout kept as a byte array."""
    note = window.detail.note_editor.splitter
    header = window.table.horizontalHeader()
    return [("window/geometry", window.saveGeometry, window.restoreGeometry),
            ("window/state", window.saveState, window.restoreState),
            ("splitters/main", window.splitter.saveState, window.splitter.restoreState),
            ("splitters/detail", window.detail.splitter.saveState,
             window.detail.splitter.restoreState),
            ("splitters/note", note.saveState, note.restoreState),
            ("table/header", header.saveState, header.restoreState)]


def restore_layout(window: MainWindow, settings: QSettings) -> None:
    """Put the window back as it was left (the query is typed back without running it)."""
    for key, _save, restore in _layout_states(window):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            restore(value)
    window.search_bar.set_text(str(settings.value("search/query", "") or ""))


def save_layout(window: MainWindow, settings: QSettings) -> None:
    for key, save, _restore in _layout_states(window):
        settings.setValue(key, save())
    settings.setValue("search/query", window.search_bar.text())
    settings.setValue("sidebar/current", window.sidebar.current_key())
    settings.sync()
