"""Fetch PDFs and arXiv metadata from the app without holding the library while waiting.

Each run is three jobs through `Session`: a plan (one read on the worker), the network part
(`submit_free`: no library, no lock, so the window keeps working), and a record (one write on
the worker) whose `Changes` are announced. Progress crosses from the download threads as
queued signals. With the network unreachable the run fails with the library's one line.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from readlist.core.errors import NetworkError
from readlist.core.models import Changes
from readlist.core.papers import PaperReport
from readlist.library_papers import EnrichPlan, FetchPlan, ask_arxiv, download
from readlist.papers.arxiv import ArxivAnswer
from readlist.papers.download import Progress, Result
from readlist.ui.tasks import Session


class PaperJobs(QObject):
    """One fetch or enrichment at a time; `cancel()` stops it between chunks."""

    fetch_started = Signal(object)  # ids being downloaded
    fetch_progressed = Signal(int, int, int)  # done, total, bytes
    run_finished = Signal(object)  # PaperReport
    run_failed = Signal(str, bool)  # message, the network was unreachable

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cancel = threading.Event()
        self.running = False

    def cancel(self) -> None:
        self._cancel.set()

    # ---- fetch ----

    def fetch(self, query: str | None = None, ids: Sequence[int] | None = None) -> bool:
        """Start fetching (`ids`, else `query`, else queued and to-read); False if busy."""
        if self.running:
            return False
        self.running = True
        self._cancel = threading.Event()
        wanted = None if ids is None else list(ids)
        self._session.submit(lambda lib: lib.plan_fetch(query, wanted), self._on_fetch_planned,
                             self._on_job_failed)
        return True

    def _on_fetch_planned(self, plan: FetchPlan) -> None:
        self.fetch_started.emit([j.entry_id for j in plan.jobs])
        cancel = self._cancel

        def progress(p: Progress) -> None:  # on a download thread: a queued signal
            self.fetch_progressed.emit(p.done, p.total, p.bytes)

        self._session.submit_free(lambda: download(plan, cancel=cancel, progress=progress),
                                  lambda results: self._on_fetch_downloaded(plan, results),
                                  self._on_job_failed)

    def _on_fetch_downloaded(self, plan: FetchPlan, results: list[Result]) -> None:
        cancelled = self._cancel.is_set()
        self._session.submit(lambda lib: lib.record_fetch(plan, results, cancelled=cancelled),
                             self._on_recorded, self._on_job_failed)

    # ---- enrich ----

    def enrich(self, query: str | None = None, ids: Sequence[int] | None = None) -> bool:
        if self.running:
            return False
        self.running = True
        self._cancel = threading.Event()
        wanted = None if ids is None else list(ids)
        self._session.submit(lambda lib: lib.plan_enrich(query, wanted),
                             self._on_enrich_planned, self._on_job_failed)
        return True

    def _on_enrich_planned(self, plan: EnrichPlan) -> None:
        cancel = self._cancel
        self._session.submit_free(lambda: ask_arxiv(plan, cancel=cancel),
                                  lambda answer: self._on_enrich_answered(plan, answer),
                                  self._on_job_failed)

    def _on_enrich_answered(self, plan: EnrichPlan, answer: ArxivAnswer) -> None:
        cancelled = self._cancel.is_set()
        self._session.submit(lambda lib: lib.record_enrich(plan, answer, cancelled=cancelled),
                             self._on_recorded, self._on_job_failed)

    # ---- outcomes ----

    def _on_recorded(self, outcome: tuple[PaperReport, Changes]) -> None:
        report, changes = outcome
        self.running = False
        self._session.announce(changes)
        self.run_finished.emit(report)

    def _on_job_failed(self, exc: Exception) -> None:
        self.running = False
        self.run_failed.emit(str(exc), isinstance(exc, NetworkError))
