"""The window's Progress page, File → Export, Restore from backup, and the status line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import MD_2024
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import SMALL_LIST, open_window

from readlist.library import Library
from readlist.ui.main_window import PAGE_ENTRIES, PAGE_PROGRESS, PAGE_QUEUE, MainWindow


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=30000)


def _menu_action(window: MainWindow, menu_title: str, text: str) -> object:
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu_title and top.menu() is not None:
            for action in top.menu().actions():
                if action.text() == text:
                    return action
    raise AssertionError(f"no {menu_title} → {text}")


def test_progress_opens_from_view_menu_on_real_list(qtbot: QtBot, tmp_path: Path,
                                                    real_list_dir: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_source(str(real_list_dir / MD_2024))
    ids = lib.find("", limit=5)
    lib.mark(ids[:2], "read")
    lib.mark(ids[2:3], "reading")
    total = lib.count("")
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        action = _menu_action(window, "View", "Progress")
        with qtbot.waitSignal(window.progress.stats_loaded, timeout=30000):
            action.trigger()  # type: ignore[attr-defined]
        assert window.center.currentIndex() == PAGE_PROGRESS
        assert window.sidebar.current_key() == "progress"
        assert not window.detail.isVisible()
        cards = window.progress.view.cards
        assert cards["read"].value.text() == "2" and cards["reading"].value.text() == "1"
        assert f"of {total}" in cards["read"].caption.text()
        assert window.progress.view.sections.index(0, 2).data() == f"2 / {total}"
        assert window.view_status.text().startswith(f"Progress: 2 of {total:,} read")
        assert window.selected_ids() == []  # triage keys do nothing on this page

        # a change made elsewhere shows up while the page is open
        with qtbot.waitSignal(window.progress.stats_loaded, timeout=30000):
            window.session.mutate(lambda lib: lib.mark(ids[3:4], "read"))
        assert cards["read"].value.text() == "3"

        # double-clicking a new entry shows it in the table
        new_list = window.progress.view.new_list
        item = new_list.item(0)
        entry = item.data(256)
        assert isinstance(entry, int)
        with qtbot.waitSignal(window.model.results_loaded, timeout=30000):
            new_list.itemActivated.emit(item)
        _settle(qtbot, window)
        assert window.center.currentIndex() == PAGE_ENTRIES and window.detail.isVisible()
        assert window.selected_ids() == [entry] and window.detail.entry() == entry


def test_export_menu_writes_every_format(qtbot: QtBot, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_text(SMALL_LIST)
    lib.mark([1], "read")
    lib.set_note(1, "The **Transformer**.")
    lib.tag([2], ["pretraining"])
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        out: dict[str, Path] = {}
        for key, name in (("json", "all.json"), ("csv", "all.csv"), ("markdown", "all.md"),
                          ("markdown_annotated", "annotated"), ("bibtex", "refs.bib")):
            target = tmp_path / name
            monkeypatch.setattr(QFileDialog, "getSaveFileName",
                                lambda *_a, t=target, **_k: (str(t), ""))
            window.export_actions[key].trigger()
            _settle(qtbot, window)
            written = target if target.suffix else target.with_suffix(".md")
            assert str(written) in window.statusBar().currentMessage()
            out[key] = written
        notes = tmp_path / "notes"
        notes.mkdir()
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(notes))
        window.export_actions["notes"].trigger()
        _settle(qtbot, window)
        assert "1 notes" in window.statusBar().currentMessage()

    data = json.loads(out["json"].read_text(encoding="utf-8"))
    assert len(data["entries"]) == 6
    rows = list(csv.DictReader(io.StringIO(out["csv"].read_text(encoding="utf-8"))))
    assert len(rows) == 6 and {r["status"] for r in rows} >= {"read", "unread"}
    markdown = out["markdown"].read_text(encoding="utf-8")
    assert markdown.count("- [x] ") == 1 and markdown.count("- [ ] ") == 5
    annotated = out["markdown_annotated"].read_text(encoding="utf-8")
    assert annotated.count("- [") == 2 and "> The **Transformer**." in annotated
    bib = out["bibtex"].read_text(encoding="utf-8")
    assert bib.count("@") >= 3 and "Attention Is All You Need" in bib
    files = list(notes.glob("*.md"))
    assert len(files) == 1 and "The **Transformer**." in files[0].read_text(encoding="utf-8")


def test_export_error_is_shown_in_a_message_box(qtbot: QtBot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "lib.sqlite3"
    Library(db).import_text(SMALL_LIST)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(tmp_path / "missing" / "x.json"), ""))
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        window.export_actions["json"].trigger()
        qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "does not exist" in shown[0]


def test_restore_from_backup_swaps_the_library_under_the_window(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_text(SMALL_LIST)
    lib.auto_backup("before test")
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        window.session.mutate(lambda lib: lib.mark([1, 2], "read"))
        window.session.mutate(lambda lib: lib.queue_new("Later"))
        _settle(qtbot, window)
        offered: list[list[str]] = []

        def pick(_parent: object, _title: str, _label: str, items: list[str], *_a: object
                 ) -> tuple[str, bool]:
            offered.append(list(items))
            return items[0], True

        monkeypatch.setattr(QInputDialog, "getItem", pick)
        saved = window.restore_from_backup()
        assert saved is not None and saved.is_file()
        assert len(offered[0]) == 1 and "before test" in offered[0][0]
        _settle(qtbot, window)
        lib = window.session.library
        assert lib.get(1).status.value == "unread" and lib.queues() == []
        assert not window.sidebar.sidebar_model.index_of("queue:Later").isValid()
        read = window.sidebar.sidebar_model.index_of("status:read").siblingAtColumn(1)
        assert read.data() == "0"
        assert window.model.total == 6 and window.undo_stack.count() == 0
        assert "Restored" in window.statusBar().currentMessage()
        assert len(lib.list_backups()) == 2  # the replaced library is kept


def test_status_line_tells_what_the_centre_shows(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_text(SMALL_LIST)
    lib.queue_new("Next up")
    lib.queue_add("Next up", [1, 2, 3])
    lib.mark([2], "read")
    lib.queue_new("Empty")
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        assert window.view_status.text() == "6 shown"
        window.sidebar.select_key("queue:Next up")
        assert window.center.currentIndex() == PAGE_QUEUE
        assert window.view_status.text() == "Queue “Next up”: 3 items, 1 read or skipped"
        window.session.mutate(lambda lib: lib.queue_remove("Next up", [3]))
        _settle(qtbot, window)
        assert window.view_status.text() == "Queue “Next up”: 2 items, 1 read or skipped"
        window.sidebar.select_key("queue:Empty")
        assert window.view_status.text().startswith("Queue “Empty”: 0 items")
        window.sidebar.select_key("progress")
        qtbot.waitUntil(lambda: window.progress.stats() is not None, timeout=30000)
        assert window.view_status.text() == ("Progress: 1 of 6 read (17%) · 0 reading · "
                                             "2 to read")
        window.sidebar.select_key("status:all")
        _settle(qtbot, window)
        assert window.view_status.text() == "6 shown"
