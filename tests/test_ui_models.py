"""Every UI model passes qtmodeltester; the table pages; Markdown is rendered safely."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from pytestqt.qtbot import QtBot
from ui_helpers import SMALL_LIST, big_list

from readlist.library import Library
from readlist.ui.entry_model import (
    COL_TITLE,
    ENTRY_IDS_MIME,
    FIRST_PAGE,
    PAGE,
    EntryTableModel,
    ids_from_mime,
    run_query,
)
from readlist.ui.markdown_view import MarkdownView, is_web_url, render_markdown
from readlist.ui.queue_panel import QueueModel, drop_position
from readlist.ui.sidebar import SidebarModel, gather
from readlist.ui.tasks import Session


def _session(db: Path, text: str) -> Session:
    lib = Library(db)
    lib.import_text(text)
    return Session(lib)


def test_entry_model_pages_and_passes_modeltester(qtbot: QtBot, qtmodeltester: object,
                                                  db_path: Path) -> None:
    session = _session(db_path, big_list(PAGE * 2 + 50))
    try:
        model = EntryTableModel(session)
        with qtbot.waitSignal(model.results_counted, timeout=10000) as blocker:
            model.set_query("")
        assert blocker.args == [PAGE * 2 + 50] and model.counted
        assert model.rowCount() == FIRST_PAGE and model.canFetchMore()
        model.fetchMore()
        assert model.rowCount() == FIRST_PAGE + PAGE
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        model.fetchMore()
        assert model.rowCount() == 2 * PAGE + 50 and not model.canFetchMore()
        first = model.index(0, COL_TITLE).data()
        assert first.startswith("Paper number 0")
        mime = model.mimeData([model.index(0, 0), model.index(1, 0)])
        assert mime.hasFormat(ENTRY_IDS_MIME) and len(ids_from_mime(mime)) == 2
    finally:
        session.close()


def test_entry_model_type_ahead_and_errors(qtbot: QtBot, db_path: Path) -> None:
    session = _session(db_path, SMALL_LIST)
    try:
        model = EntryTableModel(session)
        with qtbot.waitSignal(model.results_loaded, timeout=10000):
            model.set_query("atten")  # prefix of the last word while typing
        titles = {model.index(r, COL_TITLE).data() for r in range(model.rowCount())}
        assert "Attention Is All You Need" in titles
        with qtbot.waitSignal(model.query_failed, timeout=10000) as failed:
            model.set_query("nosuchfield:x")
        assert "nosuchfield" in str(failed.args[0])
    finally:
        session.close()


def test_superseded_queries_are_dropped(qtbot: QtBot, db_path: Path) -> None:
    session = _session(db_path, SMALL_LIST)
    try:
        model = EntryTableModel(session)
        results: list[int] = []
        model.results_loaded.connect(results.append)
        for text in ("a", "at", "att", "atte", "attention"):  # typed fast: only the last shows
            model.set_query(text)
        qtbot.waitUntil(lambda: session.pending() == 0, timeout=10000)
        assert model.query == "attention" and results[-1] == model.total == 2
    finally:
        session.close()


def test_sidebar_model(qtmodeltester: object, db_path: Path) -> None:
    session = _session(db_path, SMALL_LIST)
    try:
        session.library.queue_new("Next week")
        model = SidebarModel()
        nodes = session.call(gather)
        assert model.apply(nodes)
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        counts = {n.key: n.count for n in nodes}
        assert counts["status:unread"] == "6" and counts["new"] == "6"
        assert any(n.kind == "section" and n.count == "0 / 2" for n in nodes)
        session.library.mark([1], "read")
        assert not model.apply(session.call(gather))  # same shape: updated in place
        unread = model.index_of("status:unread")
        assert unread.siblingAtColumn(1).data() == "5"
        dropped: list[tuple[str, list[int]]] = []
        model.entries_dropped.connect(lambda q, ids: dropped.append((q, ids)))
        mime = EntryTableModel(session).mimeData([])
        mime.setData(ENTRY_IDS_MIME, b"[2, 3]")
        queue = model.index_of("queue:Next week")
        assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, queue)
        assert not model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, unread)
        model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, queue)
        assert dropped == [("Next week", [2, 3])]
    finally:
        session.close()


def test_queue_model(qtmodeltester: object, db_path: Path) -> None:
    session = _session(db_path, SMALL_LIST)
    try:
        session.library.queue_new("Q")
        session.library.queue_add("Q", [1, 2, 3])
        model = QueueModel(session)
        model.set_queue("Q")
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        assert model.ids() == [1, 2, 3]
        moves: list[tuple[int, int]] = []
        model.move_requested.connect(lambda e, p: moves.append((e, p)))
        mime = model.mimeData([model.index(2, 0)])
        model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        assert moves == [(3, 1)]
    finally:
        session.close()


def test_drop_position() -> None:
    assert drop_position(0, 3, 3) == 3   # first item dropped at the end
    assert drop_position(2, 0, 3) == 1   # last item dropped at the top
    assert drop_position(0, -1, 3) == 3  # dropped below the last row
    assert drop_position(1, 1, 3) == 2   # dropped on itself


def test_markdown_is_sanitised_and_never_fetches(qtbot: QtBot) -> None:
    html = render_markdown("[x](javascript:alert(1)) <script>bad()</script> **b** "
                           "[ok](https://example.org) ![i](http://evil.example/t.png)")
    assert "<script" not in html and "javascript:" not in html
    assert '<a href="https://example.org"' in html and "<strong>b</strong>" in html
    view = MarkdownView()
    qtbot.addWidget(view)
    assert view.loadResource(2, QUrl("http://evil.example/t.png")) is None
    assert view.loadResource(2, QUrl("file:///etc/passwd")) is None
    assert is_web_url("https://a.b") and not is_web_url("file:///etc/passwd")
    assert not is_web_url("javascript:alert(1)")


def test_run_query_counts_beyond_first_page(db_path: Path) -> None:
    session = _session(db_path, big_list(PAGE + 5))
    try:
        page = session.call(lambda lib: run_query(lib, "paper", None))
        assert page.total == PAGE + 5 and len(page.rows) == FIRST_PAGE
    finally:
        session.close()


def test_section_cell_shows_the_most_specific_heading(qtbot: QtBot, db_path: Path) -> None:
    from readlist.ui.entry_model import COL_SECTION

    session = _session(db_path, "# L\n\n## Articles\n\n### Attention Mechanism\n\n"
                                "1. [Attention? Attention!](https://example.org/a) by L. Weng.\n")
    try:
        model = EntryTableModel(session)
        with qtbot.waitSignal(model.results_loaded, timeout=10000):
            model.set_query("")
        cell = model.index(0, COL_SECTION)
        assert cell.data(Qt.ItemDataRole.DisplayRole) == "Attention Mechanism"
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Articles > Attention Mechanism"
    finally:
        session.close()
