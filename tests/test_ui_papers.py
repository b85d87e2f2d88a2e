"""Papers in the app: make them available offline, read one beside its note, arXiv details.

Real window, real library file, downloads from a real server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.pdfs import make_pdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from tests.paper_server import FEED, PaperServer, unreachable
from ui_helpers import SMALL_LIST, open_window

from readlist.core.models import Status
from readlist.library import Library
from readlist.ui.main_window import MainWindow
from readlist.ui.pdf_reader import PdfReader

PAGES = ["Page one of the Transformer paper with a wombatword in it.",
         "Page two: multi-head attention explained.", "Page three: results and discussion."]


@pytest.fixture
def library(tmp_path: Path, paper_server: PaperServer) -> Path:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(SMALL_LIST)
        papers = lib.find("kind:paper")
        lib.mark(papers[:2], Status.TO_READ)
        lib.set_note(papers[0], "My note: **attention** is the key idea.")
    paper_server.routes.update({"/pdf/1706.03762": make_pdf(PAGES),
                                "/pdf/1810.04805": make_pdf(["BERT."]),
                                "/api/query": FEED.read_bytes()})
    return db


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=30000)


def _select(qtbot: QtBot, window: MainWindow, title: str) -> None:
    rows = [r for r in range(window.model.rowCount())
            if window.model.index(r, 0).data().startswith(title)]
    window.table.setCurrentIndex(window.model.index(rows[0], 0))
    window.table.selectRow(rows[0])
    qtbot.waitUntil(lambda: window.detail.entry() is not None)


def test_make_queue_offline_marks_rows_and_reads_in_app(qtbot: QtBot, tmp_path: Path,
                                                        library: Path,
                                                        qtmodeltester: ModelTester) -> None:
    with open_window(library, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        with qtbot.waitSignal(window.paper_jobs.fetch_started) as started:
            window.verbs["offline_queue"].trigger()
        assert len(started.args[0]) == 2
        assert window.model.fetching == set(started.args[0])
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000) as done:
            pass
        assert done.args[0].count("fetched") == 2
        assert "2 papers available offline" in window.statusBar().currentMessage()
        _settle(qtbot, window)
        assert window.model.fetching == set()
        qtmodeltester.check(window.model)
        marked = [window.model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
                  for r in range(window.model.rowCount())]
        assert sum("Available offline" in t for t in marked) == 2
        assert not window.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
        assert not window.fetch_bar.isVisible()

        _select(qtbot, window, "Attention Is All")
        assert "Read the PDF" in window.detail.paper.offline.text()
        reader = window.read_pdf()
        assert isinstance(reader, PdfReader)
        qtbot.waitExposed(reader)
        assert reader.document.pageCount() == 3
        assert "attention" in reader.note_editor.source.toPlainText()
        assert reader.page_label.text() == "1 / 3"
        reader.activateWindow()
        qtbot.waitUntil(reader.isActiveWindow)
        reader.pdf.setFocus()
        QTest.keyClick(reader.pdf, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: reader.page() == 1)
        assert reader.page_label.text() == "2 / 3"
        zoom = reader.pdf.zoomFactor()
        QTest.keyClick(reader.pdf, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert reader.pdf.zoomFactor() == pytest.approx(zoom * 1.2)
        reader.close()
        qtbot.waitUntil(lambda: window.session.call(
            lambda lib: lib.pdf_page(window.detail.entry() or 0)) == 1)
        again = window.read_pdf()
        assert again is not None
        qtbot.waitUntil(lambda: again.page() == 1)  # reopened where it was left
        assert again.page_label.text() == "2 / 3"
        with qtbot.waitSignal(again.marked_read):
            qtbot.mouseClick(again.read_button, Qt.MouseButton.LeftButton)
        assert window.session.call(lambda lib: lib.get(again.entry())).status == Status.READ
        assert not again.read_button.isEnabled()
        again.close()
        # Free space: the read paper's PDF goes, its row loses the offline mark
        freed: list[tuple[int, int]] = []
        window.free_space_now(0, lambda count, size: freed.append((count, size)))
        qtbot.waitUntil(lambda: bool(freed))
        assert freed == [(1, len(make_pdf(PAGES)))]
        _settle(qtbot, window)
        marked = [window.model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
                  for r in range(window.model.rowCount())]
        assert sum("Available offline" in t for t in marked) == 1


def test_words_inside_the_pdf_and_abstract_say_where_they_matched(
        qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    with open_window(library, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000):
            window.verbs["offline_queue"].trigger()
        _select(qtbot, window, "Attention Is All")
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000) as done:
            window.verbs["enrich"].trigger()  # the selection
        assert done.args[0].count("enriched") == 1
        window.search_bar.set_text("wombatword", emit=True)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.session.pending() == 0)
        _select(qtbot, window, "Attention Is All")
        assert window.detail.paper.matched.text() == "Matched in: PDF"
        window.search_bar.set_text("quokkaword", emit=True)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.session.pending() == 0)
        _select(qtbot, window, "Attention Is All")
        assert window.detail.paper.matched.text() == "Matched in: abstract"
        assert window.detail.paper.abstract.text().startswith("The dominant sequence")
        assert window.detail.paper.abstract.isVisible()


def test_offline_the_actions_say_why(qtbot: QtBot, tmp_path: Path, library: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    unreachable(monkeypatch)
    with open_window(library, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        with qtbot.waitSignal(window.paper_jobs.run_failed, timeout=10000) as failed:
            window.verbs["offline_queue"].trigger()
        assert failed.args[1] is True
        assert window.statusBar().currentMessage().startswith("Unavailable offline:")
        assert "Unavailable offline" in window.verbs["offline"].toolTip()
        assert window.session.call(lambda lib: lib.offline_totals()) == (0, 0)
        assert not window.paper_jobs.running


def test_keep_my_queues_offline_fetches_what_gets_queued(qtbot: QtBot, tmp_path: Path,
                                                         library: Path) -> None:
    with open_window(library, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000) as first:
            window.verbs["keep_offline"].trigger()  # on: fetches the queues now
        assert first.args[0].count("fetched") == 2
        assert window.settings is not None
        assert window.settings.value("papers/keep_offline") == "true"
        third = window.session.call(lambda lib: lib.find("kind:paper"))[2]
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000):
            window.session.mutate(lambda lib: lib.queue_new("Train ride"))  # nothing new
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000) as second:
            window.session.mutate(lambda lib: lib.queue_add("Train ride", [third]))
        assert second.args[0].count("failed") == 1  # it tried the newly queued paper (404)
        assert second.args[0].count("skipped") == 2  # the others are already offline


def test_make_what_is_shown_available_offline(qtbot: QtBot, tmp_path: Path,
                                              library: Path) -> None:
    with open_window(library, tmp_path) as window:
        assert isinstance(window, MainWindow)
        window.search_bar.set_text("bert", emit=True)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.session.pending() == 0)
        with qtbot.waitSignal(window.paper_jobs.run_finished, timeout=30000) as done:
            window.verbs["offline_shown"].trigger()
        assert done.args[0].to_json()["fetched"] == 1
        assert done.args[0].outcomes[0].title.startswith("BERT")
