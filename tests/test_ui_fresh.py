"""Views never go stale: a re-import refreshes the detail pane from the import's Changes,
queue create/rename/delete are undone through the window, and the UI thread reads through
its own read-only connection while the worker writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import SMALL_LIST, open_window

from readlist.core.models import ChangeKind
from readlist.library import Library
from readlist.ui.import_dialog import TAB_FILE
from readlist.ui.main_window import MainWindow


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=60000)


def test_reimport_refreshes_the_detail_pane(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    first, second = tmp_path / "v1.md", tmp_path / "v2.md"
    first.write_text(SMALL_LIST, encoding="utf-8")
    second.write_text(SMALL_LIST.replace("The Transformer.", "The paper that introduced "
                                         "the Transformer."), encoding="utf-8")
    with Library(db) as lib:
        lib.import_source(str(first))
        preview = lib.import_source(str(second), dry_run=True)
    changed = [d for d in preview.details
               if d.change == ChangeKind.CHANGED and "description" in d.fields]
    assert len(changed) == 1
    entry = int(changed[0].entry_id)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        window.detail.set_entry(entry)
        old = window.detail.description.toPlainText()
        dialog = window.open_import(TAB_FILE)
        dialog.path.setText(str(second))
        with qtbot.waitSignal(dialog.imported, timeout=60000):
            dialog.start()
        _settle(qtbot, window)
        assert window.detail.entry() == entry
        fresh = window.session.library.get(entry).description
        assert window.detail._view is not None and window.detail._view.description == fresh
        assert window.detail.description.toPlainText() != old


def test_queue_new_rename_delete_undo_in_the_window(qtbot: QtBot, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(SMALL_LIST)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        lib = window.session.library
        answers = iter([("Next up", True), ("Soon", True)])
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: QMessageBox.StandardButton.Yes)
        window.new_queue([2, 1])
        _settle(qtbot, window)
        assert lib.queue_ids("Next up") == [2, 1]
        window.rename_queue("Next up")
        _settle(qtbot, window)
        assert [q.name for q in lib.queues()] == ["Soon"]
        window.delete_queue("Soon")
        _settle(qtbot, window)
        assert lib.queues() == []
        assert window.sidebar.sidebar_model.index_of("queue:Soon").isValid() is False
        window.undo_stack.undo()
        _settle(qtbot, window)
        assert lib.queue_ids("Soon") == [2, 1]
        assert window.sidebar.sidebar_model.index_of("queue:Soon").isValid()
        window.undo_stack.undo()
        _settle(qtbot, window)
        assert [q.name for q in lib.queues()] == ["Next up"]
        window.undo_stack.undo()  # the add
        window.undo_stack.undo()  # the new queue
        _settle(qtbot, window)
        assert lib.queues() == []
        assert lib.get(1).status.value == "unread"


def test_ui_thread_reads_without_the_worker_lock(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(SMALL_LIST)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        session = window.session
        _settle(qtbot, window)
        with session._lock:  # the worker busy with a long write: a read still answers
            assert session.call(lambda lib: lib.get(1)).title.startswith("Attention")
        # and a write in progress on the worker's connection does not hold a read up
        with session.library.store.write() as conn:
            conn.exec_driver_sql("UPDATE entries SET title = 'changing' WHERE id = 1")
            assert session.call(lambda lib: lib.get(1)).title.startswith("Attention")


def test_escape_in_the_note_returns_to_the_table(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(SMALL_LIST)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.table.setFocus()
        window.table.setCurrentIndex(window.model.index(0, 0))
        QTest.keyClicks(window.table, "n")
        editor = window.detail.note_editor
        assert editor.source.hasFocus()
        QTest.keyClicks(editor.source, "draft")
        QTest.keyClick(editor.source, Qt.Key.Key_Escape)
        assert window.table.hasFocus()
        QTest.keyClicks(window.table, "j")  # lands in the table, not in the note
        _settle(qtbot, window)
        assert window.session.library.note(1) == "draft"
        assert window.selected_ids() == [2]


def test_every_pane_and_verb_has_a_key_and_focus_shows(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QPalette

    from readlist.ui.shortcuts import SHORTCUTS

    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(SMALL_LIST)
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        assert all(keys for keys, _ in SHORTCUTS.values())
        bound = {a.shortcut().toString() for a in window.findChildren(type(window.verbs["next"]))
                 if not a.shortcut().isEmpty()}
        for name in ("rate_3", "new_queue", "focus_sidebar", "backup", "restore", "export"):
            assert SHORTCUTS[name][0][0] in bound, name
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.table.setFocus()
        window.table.setCurrentIndex(window.model.index(0, 0))
        role = QPalette.ColorRole.Highlight
        bright = window.table.palette().color(QPalette.ColorGroup.Active, role)
        QTest.keySequence(window, "Ctrl+1")
        assert window.sidebar.hasFocus()
        assert window.table.palette().color(QPalette.ColorGroup.Active, role) != bright
        assert window.sidebar.palette().color(QPalette.ColorGroup.Active, role) == bright
        QTest.keySequence(window, "Ctrl+2")
        assert window.table.hasFocus()
        QTest.keySequence(window.table, "Alt+3")
        _settle(qtbot, window)
        assert window.session.library.get(1).rating == 3


def test_titles_and_names_show_as_plain_text(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text("# L\n\n## <b>Bold</b> heading\n\n- [<i>Tilted</i> & <b>bold</b>]"
                        "(https://example.org/x) - a title with markup.\n")
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        entry = window.session.library.get(1)
        window.detail.set_entry(1)
        assert window.detail.title.textFormat() == Qt.TextFormat.PlainText
        assert window.detail.title.text().startswith(entry.title)
        assert "<" in entry.title or "&" in entry.title
        assert window.detail.sections.textFormat() == Qt.TextFormat.PlainText


def test_refused_import_in_the_child_offers_import_anyway(qtbot: QtBot, tmp_path: Path) -> None:
    """An import runs in a child process; its refusal still comes back as the same error."""
    from ui_helpers import big_list

    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(big_list(10), name="many")
    short = tmp_path / "short.md"
    short.write_text(big_list(2), encoding="utf-8")
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        dialog = window.open_import(TAB_FILE)
        dialog.path.setText(str(short))
        dialog.name.setText("many")
        dialog.start()
        qtbot.waitUntil(dialog.force_button.isVisible, timeout=60000)
        assert "retire 8 of the 10" in dialog.message.text()
        assert window.session.library.count("") == 10  # nothing changed
        with qtbot.waitSignal(dialog.imported, timeout=60000):
            qtbot.mouseClick(dialog.force_button, Qt.MouseButton.LeftButton)
        _settle(qtbot, window)
        assert dialog.report is not None and dialog.report.retired == 8
        assert window.model.total == 2


def test_detail_pane_timeline_and_progress_median(qtbot: QtBot, tmp_path: Path) -> None:
    from readlist.core.models import Status
    from readlist.store import personal

    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(SMALL_LIST)
        day = "2026-01-{:02d}T12:00:00.000000+00:00"
        for entry, steps in ((1, ((Status.TO_READ, 1), (Status.READING, 2), (Status.READ, 5))),
                             (2, ((Status.READING, 2), (Status.READ, 3)))):
            for status, on in steps:
                with lib.store.write() as conn:
                    personal.set_status(conn, lib.store.reader_id, [entry], status,
                                        at=day.format(on))
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        window.select_entry(1)
        text = window.detail.history.text()
        assert "Read in 3 days" in text
        assert text.index("read</b>") < text.index("reading</b>") < text.index("to-read</b>")
        window.select_entry(3)
        assert "No status changes yet" in window.detail.history.text()
        with qtbot.waitSignal(window.progress.stats_loaded, timeout=30000):
            window.show_progress()
        median = window.progress.reading_time.text()
        assert "2.0 days" in median and "over 2 entries" in median  # median of 3 and 1 days
