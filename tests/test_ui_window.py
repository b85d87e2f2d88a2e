"""The real window, driven as a reader would, on the real list imported through the dialog."""

from __future__ import annotations

from pathlib import Path

from conftest import MD_2024
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from ui_helpers import SMALL_LIST, open_window

from readlist.core.models import Priority, Status
from readlist.library import Library
from readlist.ui.import_dialog import TAB_FILE, TAB_TEXT
from readlist.ui.main_window import PAGE_ENTRIES, PAGE_QUEUE, PAGE_WELCOME, MainWindow, combine


def _import_through_dialog(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    dialog = window.open_import(TAB_FILE)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.added > 200
    assert "added" in dialog.message.text()
    assert dialog.new_button.isVisible()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.total > 200 and window.session.pending() == 0,
                    timeout=30000)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=30000)


def _key(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """Type `key` into the table and wait for the write it queued (writes are jobs)."""
    QTest.keyClicks(window.table, key)
    _settle(qtbot, window)


def _undo(qtbot: QtBot, window: MainWindow, redo: bool = False) -> None:
    (window.undo_stack.redo if redo else window.undo_stack.undo)()
    _settle(qtbot, window)


def test_real_list_import_triage_note_search_undo(qtbot: QtBot, tmp_path: Path,
                                                  real_list_dir: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        qtbot.waitExposed(window)
        assert window.center.currentIndex() == PAGE_WELCOME  # empty library
        _import_through_dialog(qtbot, window, real_list_dir / MD_2024)
        assert window.center.currentIndex() == PAGE_ENTRIES
        assert window.sidebar.current_key() == "new"
        window.sidebar.select_key("status:all")
        _settle(qtbot, window)
        total = window.model.total
        unread = window.sidebar.sidebar_model.index_of("status:unread").siblingAtColumn(1)
        assert unread.data() == f"{total:,}"

        # triage with the keyboard: r marks read and moves on, j/k move, 3 sets priority
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.table.setFocus()
        window.table.setCurrentIndex(window.model.index(0, 0))
        first, second = window.selected_ids()[0], int(window.model.entry_at(1).id)
        _key(qtbot, window, "r")
        assert window.selected_ids() == [second]
        _key(qtbot, window, "k")
        assert window.selected_ids() == [first]
        _key(qtbot, window, "3")
        _key(qtbot, window, "j")
        _key(qtbot, window, "s")
        lib = window.session.library
        assert lib.get(first).status == Status.READ
        assert lib.get(first).priority == Priority.HIGH
        assert lib.get(second).status == Status.SKIPPED
        _settle(qtbot, window)
        assert unread.data() == f"{total - 2:,}"  # live sidebar count
        assert window.model.entry_at(0).status == Status.READ  # the row updated in place

        # undo and redo (Ctrl+Z / Ctrl+Shift+Z)
        QTest.keySequence(window.table, "Ctrl+Z")
        _settle(qtbot, window)
        assert lib.get(second).status == Status.UNREAD
        QTest.keySequence(window.table, "Ctrl+Z")
        _settle(qtbot, window)
        assert lib.get(first).priority == Priority.NORMAL
        QTest.keySequence(window.table, "Ctrl+Shift+Z")
        _settle(qtbot, window)
        assert lib.get(first).priority == Priority.HIGH

        # a note, typed and then left by switching entries, is in the database
        window.select_entry(first)
        _key(qtbot, window, "n")
        editor = window.detail.note_editor
        assert editor.source.hasFocus()
        QTest.keyClicks(editor.source, "Read **twice**; see [paper](https://arxiv.org).")
        assert "<strong>twice</strong>" in editor.preview.toHtml() or \
            "twice" in editor.preview.toPlainText()
        window.select_entry(second)
        _settle(qtbot, window)
        assert lib.note(first) == "Read **twice**; see [paper](https://arxiv.org)."

        # search with the query language, as typed in the bar
        window.search_bar.edit.setFocus()
        with qtbot.waitSignal(window.model.results_loaded, timeout=10000):
            QTest.keyClicks(window.search_bar.edit, "status:read")
        assert window.model.total == 1 and int(window.model.entry_at(0).id) == first
        window.search_bar.edit.clear()
        with qtbot.waitSignal(window.model.results_loaded, timeout=10000):
            QTest.keyClicks(window.search_bar.edit, "twice has:note")
        assert window.model.total == 1
        with qtbot.waitSignal(window.model.query_failed, timeout=10000):
            window.search_bar.set_text("colour:red", emit=True)
        assert window.search_bar.error.isVisible() and "colour" in window.search_bar.error.text()
        with qtbot.waitSignal(window.model.results_loaded, timeout=10000):
            window.search_bar.set_text("", emit=True)
        assert not window.search_bar.error.isVisible()


def test_queue_drop_reorder_keyboard_and_undo(qtbot: QtBot, tmp_path: Path,
                                              real_list_dir: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    Library(db).import_source(str(real_list_dir / MD_2024))
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        lib = window.session.library
        window.session.mutate(lambda lib: lib.queue_new("Next up"))
        _settle(qtbot, window)
        ids = [int(window.model.entry_at(r).id) for r in range(4)]

        # drag entries from the table onto the queue in the sidebar
        mime = window.model.mimeData([window.model.index(r, 0) for r in range(4)])
        target = window.sidebar.sidebar_model.index_of("queue:Next up")
        window.sidebar.sidebar_model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1,
                                                  target)
        _settle(qtbot, window)
        assert lib.queue_ids("Next up") == ids
        assert lib.get(ids[0]).status == Status.TO_READ  # unread → to-read

        window.sidebar.select_key("queue:Next up")
        assert window.center.currentIndex() == PAGE_QUEUE
        model = window.queue_panel.model
        assert model.ids() == ids

        # drag the last item to the top (the view's drop calls the model's dropMimeData)
        drag = model.mimeData([model.index(3, 0)])
        model.dropMimeData(drag, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        _settle(qtbot, window)
        assert lib.queue_ids("Next up") == [ids[3], ids[0], ids[1], ids[2]]
        assert model.ids() == lib.queue_ids("Next up")

        # keyboard: Ctrl+Down moves the current item one place down
        view = window.queue_panel.view
        view.setFocus()
        view.setCurrentIndex(model.index(0, 0))
        QTest.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        _settle(qtbot, window)
        assert lib.queue_ids("Next up") == [ids[0], ids[3], ids[1], ids[2]]

        _undo(qtbot, window)
        _undo(qtbot, window)
        assert lib.queue_ids("Next up") == ids
        _undo(qtbot, window)  # the drop onto the queue
        assert lib.queue_ids("Next up") == []
        assert lib.get(ids[0]).status == Status.UNREAD


def test_paste_import_and_next_up(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        dialog = window.open_import(TAB_TEXT)
        dialog.text.setPlainText(SMALL_LIST)
        with qtbot.waitSignal(dialog.imported, timeout=30000):
            dialog.start()
        _settle(qtbot, window)
        assert window.model.total == 6
        lib = window.session.library
        lib.queue_new("A")
        window.session.mutate(lambda lib: lib.queue_add("A", [1, 2], priority="urgent")
                              | lib.queue_add("A", [3]))
        _settle(qtbot, window)
        assert window.sidebar.select_key("next")
        qtbot.waitUntil(lambda: window.model.query.startswith("has:queue"), timeout=10000)
        _settle(qtbot, window)
        assert [int(window.model.entry_at(r).id) for r in range(3)][:2] == [1, 2]


def test_settings_remember_query_and_scope(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    Library(db).import_text(SMALL_LIST)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        window.search_bar.set_text("attention", emit=True)
        window.sidebar.select_key("status:unread")
        _settle(qtbot, window)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        assert window.search_bar.text() == "attention"
        assert window.sidebar.current_key() == "status:unread"
        assert window.model.query == combine("status:unread", "attention")[0]


def test_screenshot_command(tmp_path: Path) -> None:
    from readlist.cli import main

    db = tmp_path / "lib.sqlite3"
    Library(db).import_text(SMALL_LIST)
    out = tmp_path / "shot.png"
    assert main(["--db", str(db), "screenshot", str(out), "--query", "attention",
                 "--select", "1", "--size", "1000x700"]) == 0
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() == 1000 and image.height() == 700
