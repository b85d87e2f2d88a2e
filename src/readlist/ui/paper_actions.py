"""The window's paper verbs: make papers available offline, arXiv details, read, free space.

A mixin for `MainWindow`, like `WindowIO`: it owns a `PaperJobs` runner, a progress bar and a
Cancel button in the status bar, a Papers menu, and the reader windows it opened. When the
network is unreachable the actions stay (to try again) and say why they did not work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QProgressBar, QToolButton

from readlist.core.models import Changes
from readlist.core.papers import PaperReport
from readlist.ui.paper_jobs import PaperJobs
from readlist.ui.pdf_reader import PdfReader

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow, QTableView

    from readlist.ui.detail_pane import DetailPane
    from readlist.ui.entry_model import EntryTableModel
    from readlist.ui.queue_panel import QueuePanel
    from readlist.ui.tasks import Session

    _Base = QMainWindow
else:
    _Base = object

KEEP_OFFLINE_KEY = "papers/keep_offline"
FREE_DAYS = 30


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


class PaperActions(_Base):
    session: Session
    settings: QSettings | None
    detail: DetailPane
    model: EntryTableModel
    verbs: dict[str, QAction]

    if TYPE_CHECKING:  # provided by the window and WindowActions
        queue_panel: QueuePanel

        def selected_ids(self) -> list[int]: ...

        def current_view(self) -> QTableView: ...

        def _action(self, name: str, text: str, slot: Callable[[], object],
                    icon_name: str = "") -> QAction: ...

    def _build_paper_actions(self) -> None:
        self.paper_jobs = PaperJobs(self.session, self)
        self.readers: list[PdfReader] = []
        self.fetch_bar = QProgressBar(self)
        self.fetch_bar.setMaximumWidth(160)
        self.fetch_bar.setTextVisible(False)
        self.fetch_bar.hide()
        self.cancel_fetch = QToolButton(self)
        self.cancel_fetch.setText("Cancel")
        self.cancel_fetch.clicked.connect(self.paper_jobs.cancel)
        self.cancel_fetch.hide()
        self.statusBar().addPermanentWidget(self.fetch_bar)
        self.statusBar().addPermanentWidget(self.cancel_fetch)
        self._action("offline", "Make available offline", self.fetch_selected, "download")
        self._action("offline_shown", "Make this list or queue available offline",
                     self.fetch_shown, "download")
        self._action("offline_queue", "Make the to-read queue available offline",
                     self.fetch_queue, "download")
        keep = self._action("keep_offline", "Keep my queues offline", self._on_keep_toggled)
        keep.setCheckable(True)
        keep.setChecked(self._keep_offline())
        self._action("read_pdf", "Read the PDF", self.read_pdf, "offline")
        self._action("enrich", "Fetch arXiv details", self.enrich_selected)
        self._action("free_space", "Free space…", self.free_space)
        self._network_note = ""
        menu = QMenu("&Papers", self)
        for name in ("read_pdf", "offline", "offline_shown", "offline_queue", "keep_offline",
                     "enrich"):
            menu.addAction(self.verbs[name])
        menu.addSeparator()
        menu.addAction(self.verbs["free_space"])
        self.menuBar().insertMenu(self.menuBar().actions()[-1], menu)
        self.paper_jobs.fetch_started.connect(self._on_paper_jobs_fetch_started)
        self.paper_jobs.fetch_progressed.connect(self._on_paper_jobs_fetch_progressed)
        self.paper_jobs.run_finished.connect(self._on_paper_jobs_run_finished)
        self.paper_jobs.run_failed.connect(self._on_paper_jobs_run_failed)
        self.detail.paper.read_requested.connect(self.read_pdf)
        self.detail.paper.fetch_requested.connect(self.fetch_selected)
        self.detail.match_query = lambda: self.model.query
        self.session.library_changed.connect(self._on_session_library_changed_papers)
        self.model.results_loaded.connect(self._on_model_results_loaded_papers)
        if self._keep_offline():
            QTimer.singleShot(0, self.fetch_queue)

    def add_paper_actions(self, menu: QMenu) -> None:
        """The paper verbs of the table's context menu."""
        menu.addSeparator()
        for name in ("read_pdf", "offline", "enrich"):
            menu.addAction(self.verbs[name])

    # ---- verbs ----

    def fetch_selected(self) -> None:
        current = self.detail.entry()
        ids = self.selected_ids() or ([current] if current is not None else [])
        if not ids:
            self.statusBar().showMessage("Select an entry first.", 3000)
        elif not self.paper_jobs.fetch(ids=ids):
            self.statusBar().showMessage("A download is already running.", 3000)

    def fetch_queue(self) -> None:
        self.paper_jobs.fetch()

    def fetch_shown(self) -> None:
        """Everything the centre lists: the queue on show, else the table's query."""
        if self.current_view() is self.queue_panel.view:
            name = self.queue_panel.model.name()
            ids = self.session.call(lambda lib: lib.queue_ids(name))
        else:
            query = self.model.query
            ids = self.session.call(lambda lib: lib.find(query, prefix_last=True))
        if not self.paper_jobs.fetch(ids=ids):
            self.statusBar().showMessage("A download is already running.", 3000)

    def enrich_selected(self) -> None:
        ids = self.selected_ids()
        if not self.paper_jobs.enrich(ids=ids or None):
            self.statusBar().showMessage("A download is already running.", 3000)
        else:
            self.statusBar().showMessage("Asking arXiv…")

    def read_pdf(self) -> PdfReader | None:
        entry = self.detail.entry()
        if entry is None:
            self.statusBar().showMessage("Select an entry first.", 3000)
            return None
        view = self.session.call(lambda lib: lib.get(entry))
        if view.pdf is None:
            self.statusBar().showMessage(
                "This paper is not available offline yet: Papers → Make available offline.",
                5000)
            return None
        reader = PdfReader(self.session, view)
        if not reader.loaded:
            reader.open_externally()  # QtPdf could not read it: the system viewer may
            reader.deleteLater()
            return None
        reader.destroyed.connect(lambda: self.readers.remove(reader)
                                 if reader in self.readers else None)
        self.readers.append(reader)
        reader.show()
        return reader

    def free_space(self) -> None:
        days, ok = QInputDialog.getInt(self, "Free space", "Delete the PDFs of entries read "
                                       "more than this many days ago:", FREE_DAYS, 0, 3650)
        if ok:
            self.free_space_now(days)

    def free_space_now(self, days: int,
                       on_done: Callable[[int, int], None] | None = None) -> None:
        """Delete the PDFs on the worker (a write); say what went, then call `on_done`."""
        def done(result: tuple[int, int, Changes]) -> None:
            count, size, changes = result
            self.session.announce(changes)
            self.statusBar().showMessage(f"Removed {count} PDFs ({_mb(size)}).", 5000)
            if on_done is not None:
                on_done(count, size)

        def failed(exc: Exception) -> None:
            self.statusBar().showMessage(str(exc), 5000)

        self.session.submit(lambda lib: lib.free_space(days), done, failed)

    def _on_model_results_loaded_papers(self, _total: int) -> None:
        self.detail.refresh_paper()

    # ---- progress and outcomes ----

    def _on_paper_jobs_fetch_started(self, ids: list[int]) -> None:
        self.model.set_fetching(ids)
        if ids:
            self.fetch_bar.setRange(0, len(ids))
            self.fetch_bar.setValue(0)
            self.fetch_bar.show()
            self.cancel_fetch.show()
            self.statusBar().showMessage(f"Downloading {len(ids)} papers…")

    def _on_paper_jobs_fetch_progressed(self, done: int, total: int, size: int) -> None:
        self.fetch_bar.setValue(done)
        self.statusBar().showMessage(f"Downloading papers: {done}/{total} · {_mb(size)}")

    def _on_paper_jobs_run_finished(self, report: PaperReport) -> None:
        self._end_run()
        self._set_network_note("")
        noun = "available offline" if report.verb == "fetched" else "enriched from arXiv"
        size = f" ({_mb(report.bytes)})" if report.bytes else ""
        failed = [o for o in report.outcomes if o.result == "failed"]
        n = report.count(report.verb)
        text = (f"{n} {'paper' if n == 1 else 'papers'} {noun}{size}; "
                f"{report.count('skipped')} skipped, {len(failed)} failed"
                + (" (cancelled)" if report.cancelled else "")
                + (f" — {failed[0].title[:40]}: {failed[0].reason}" if failed else "") + ".")
        self.statusBar().showMessage(text, 10000)

    def _on_paper_jobs_run_failed(self, message: str, network: bool) -> None:
        self._end_run()
        if network:
            self._set_network_note(message)
        self.statusBar().showMessage(("Unavailable offline: " if network else "") + message,
                                     10000)

    def _end_run(self) -> None:
        self.model.set_fetching([])
        self.fetch_bar.hide()
        self.cancel_fetch.hide()

    def _set_network_note(self, message: str) -> None:
        """Tell on the network actions why they did not work (or clear it)."""
        self._network_note = message
        for name in ("offline", "offline_shown", "offline_queue", "enrich"):
            action = self.verbs[name]
            note = f"Unavailable offline: {message}" if message else action.text()
            action.setToolTip(note)
            action.setStatusTip(note if message else "")

    # ---- keep my queues offline ----

    def _keep_offline(self) -> bool:
        if self.settings is None:
            return False
        return str(self.settings.value(KEEP_OFFLINE_KEY, "false")).lower() == "true"

    def _on_keep_toggled(self) -> None:
        on = self.verbs["keep_offline"].isChecked()
        if self.settings is not None:
            self.settings.setValue(KEEP_OFFLINE_KEY, "true" if on else "false")
        if on:
            self.fetch_queue()

    def _on_session_library_changed_papers(self, changes: Changes) -> None:
        if (self.verbs["keep_offline"].isChecked() and (changes.queues or changes.statuses)
                and not self.paper_jobs.running):
            self.fetch_queue()
