"""Offline papers (issue 15), mixed into `Library`: fetch PDFs, arXiv metadata, free space.

A fetch runs in three steps so that no database lock is held while the network is used:
`plan_fetch` (one read), `download` (no database: any thread), `record_fetch` (one write).
`fetch` runs all three for the command line; the app runs them as separate jobs.
Nothing is written before something was downloaded: with the network unreachable a fetch or
an enrichment raises `NetworkError` and changes nothing.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from readlist.core.errors import BadInputError, NetworkError
from readlist.core.lazy import lazy_module
from readlist.core.models import Changes, EntryId
from readlist.core.papers import Outcome, PaperReport
from readlist.papers import links
from readlist.query.fts import prune, split_conjuncts
from readlist.query.parse import parse_query
from readlist.store import enrichment, files, paper_index, views

if TYPE_CHECKING:
    from readlist.papers import arxiv
    from readlist.papers.download import Job, Progress, Result
    from readlist.store import search
    from readlist.store.repository import Store
else:  # loaded on first use: `ls` and `show` load neither the HTTP nor the PDF code
    arxiv = lazy_module("readlist.papers.arxiv")
    search = lazy_module("readlist.store.search")

#: What `fetch` takes without a query: the reader's queues and to-read entries.
DEFAULT_FETCH_QUERY = "has:queue OR status:to-read"
#: Seconds between two PDF requests to arXiv; `$READLIST_ARXIV_PDF_DELAY` overrides.
PDF_DELAY = 1.0
PDF_DELAY_ENV = "READLIST_ARXIV_PDF_DELAY"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: How the app names where a word matched, by index column.
MATCH_PLACES = {"title": "title", "authors": "authors", "organization": "organisation",
                "description": "description", "notes": "note", "tags": "tags",
                "venue": "venue", "list_note": "the list's note",
                "abstract": "abstract", "body": "PDF"}


@dataclass
class FetchPlan:
    """What a fetch will download, and what it already skipped (with reasons)."""

    folder: Path
    jobs: list[Job] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)
    skipped: list[Outcome] = field(default_factory=list)
    polite: dict[str, float] = field(default_factory=dict)


@dataclass
class EnrichPlan:
    """Entries to ask arXiv about, by arXiv id, and those skipped (with reasons)."""

    wanted: dict[str, list[tuple[EntryId, str]]] = field(default_factory=dict)
    skipped: list[Outcome] = field(default_factory=list)


def ask_arxiv(plan: EnrichPlan, *, cancel: threading.Event | None = None,
              progress: Callable[[int, int], None] | None = None) -> arxiv.ArxivAnswer:
    """Ask the arXiv API about a plan's ids (no database: run it on any thread)."""
    if not plan.wanted:
        return arxiv.ArxivAnswer()
    return arxiv.fetch_records(list(plan.wanted), cancel=cancel, progress=progress)


def file_name(key: str) -> str:
    """A stable, safe file name for an entry's PDF, derived from its key (ids may change
    across a restore; keys do not, so files can be found again by name)."""
    slug = _UNSAFE.sub("-", key.replace("arxiv:", "arxiv-")).strip("-.")[:80] or "paper"
    if key.startswith("arxiv:") and len(key) < 60:
        return f"{slug}.pdf"
    return f"{slug}-{sha1(key.encode()).hexdigest()[:8]}.pdf"


def _job(entry_id: int, url: str, dest: Path) -> Job:
    from readlist.papers.download import Job

    return Job(entry_id, url, dest)


def pdf_delay() -> float:
    try:
        return max(0.0, float(os.environ.get(PDF_DELAY_ENV, PDF_DELAY)))
    except ValueError:
        return PDF_DELAY


def download(plan: FetchPlan, *, cancel: threading.Event | None = None,
             progress: Callable[[Progress], None] | None = None) -> list[Result]:
    """Download a plan's PDFs and read their text (no database: run it on any thread)."""
    if not plan.jobs:
        return []
    from readlist.papers.download import Downloader
    from readlist.papers.pdftext import pdf_text

    plan.folder.mkdir(exist_ok=True)

    def with_text(result: Result) -> Result:
        return replace(result, text=pdf_text(result.job.dest))

    return Downloader(polite=plan.polite, cancel=cancel, progress=progress,
                      after=with_text).run(plan.jobs)


class LibraryPapers:
    """Methods here reach the database only through `self.store`, like `Library`'s own."""

    store: Store

    def files_dir(self) -> Path:
        if self.store.path is None:
            raise BadInputError("an in-memory library keeps no files")
        return self.store.path.parent / files.FILES_DIR

    # ---------------- fetch ----------------

    def plan_fetch(self, query: str | None = None,
                   ids: Sequence[int] | None = None) -> FetchPlan:
        """Which entries (`ids`, else those matching `query`, else the queued and to-read
        ones) need a download."""
        folder = self.files_dir()
        text = query if query and query.strip() else DEFAULT_FETCH_QUERY
        with self.store.read() as conn:
            if ids is None:
                ids = search.search_ids(conn, self.store.reader_id, text)
            found = views.entry_views(conn, self.store.reader_id, ids)
            known = files.paper_files(conn, ids)
        plan = FetchPlan(folder)
        base = links.arxiv_pdf_base()
        arxiv_host = urlsplit(base).hostname or ""
        plan.polite[arxiv_host] = pdf_delay()
        for v in found:
            if v.id in known and (folder / known[v.id].path).is_file():
                plan.skipped.append(Outcome(v.id, v.title, "skipped", "already offline"))
                continue
            address = links.pdf_address(v.key, v.url, [link.url for link in v.links], base)
            if address.url is None:
                plan.skipped.append(Outcome(v.id, v.title, "skipped", address.reason))
                continue
            plan.jobs.append(_job(int(v.id), address.url, folder / file_name(v.key)))
            plan.titles[int(v.id)] = v.title
        return plan

    def record_fetch(self, plan: FetchPlan, results: Sequence[Result], *,
                     cancelled: bool = False) -> tuple[PaperReport, Changes]:
        """Store what was downloaded (one write) and say what happened to each entry.

        Raises:
            NetworkError: nothing was downloaded because no host could be reached.
        """
        report = PaperReport("fetched", list(plan.skipped), cancelled=cancelled)
        done = [r for r in results if r.ok]
        if results and not done and all(r.unreachable for r in results):
            hosts = sorted({urlsplit(r.job.url).hostname or "?" for r in results})
            raise NetworkError(f"the network is unreachable ({results[0].reason}; tried "
                               f"{', '.join(hosts)}): nothing was fetched or changed")
        if done:
            with self.store.write() as conn:
                for r in done:
                    files.record_file(conn, r.job.entry_id, r.job.dest.name, r.size, r.job.url,
                                      r.text)
        for r in results:
            title = plan.titles.get(r.job.entry_id, "")
            report.outcomes.append(Outcome(EntryId(r.job.entry_id), title,
                                           "fetched" if r.ok else "failed", r.reason,
                                           r.size if r.ok else 0))
        return report, Changes(entries=frozenset(EntryId(r.job.entry_id) for r in done))

    def fetch(self, query: str | None = None, *, cancel: threading.Event | None = None,
              progress: Callable[[Progress], None] | None = None) -> PaperReport:
        """Plan, download and record in one call (the command line's `fetch`)."""
        plan = self.plan_fetch(query)
        results = download(plan, cancel=cancel, progress=progress)
        report, _ = self.record_fetch(plan, results,
                                      cancelled=cancel is not None and cancel.is_set())
        return report

    # ---------------- arXiv metadata ----------------

    def plan_enrich(self, query: str | None = None,
                    ids: Sequence[int] | None = None) -> EnrichPlan:
        """Which entries (`ids`, else those matching `query`) to ask arXiv about."""
        with self.store.read() as conn:
            if ids is None:
                ids = search.search_ids(conn, self.store.reader_id, query or "")
            found = views.entry_views(conn, self.store.reader_id, ids)
            done = enrichment.enriched_ids(conn, ids)
        plan = EnrichPlan()
        for v in found:
            aid = links.arxiv_id(v.key, [u for u in (v.url, *(x.url for x in v.links)) if u])
            if v.id in done:
                plan.skipped.append(Outcome(v.id, v.title, "skipped", "already enriched"))
            elif aid is None:
                plan.skipped.append(Outcome(v.id, v.title, "skipped", "not an arXiv paper"))
            else:
                plan.wanted.setdefault(aid.lower(), []).append((v.id, v.title))
        return plan

    def record_enrich(self, plan: EnrichPlan, answer: arxiv.ArxivAnswer, *,
                      cancelled: bool = False) -> tuple[PaperReport, Changes]:
        """Store arXiv's answer (one write) and say what happened to each entry."""
        records = {int(eid): answer.records[aid] for aid, entries in plan.wanted.items()
                   if aid in answer.records for eid, _ in entries}
        if records:
            with self.store.write() as conn:
                enrichment.save_records(conn, records)
        report = PaperReport("enriched", list(plan.skipped), cancelled=cancelled)
        for aid, entries in plan.wanted.items():
            for eid, title in entries:
                if aid in answer.records:
                    report.outcomes.append(Outcome(eid, title, "enriched"))
                else:
                    reason = answer.failed.get(aid, "cancelled")
                    report.outcomes.append(Outcome(eid, title, "failed", reason))
        return report, Changes(entries=frozenset(EntryId(i) for i in records))

    def enrich(self, query: str | None = None, *, cancel: threading.Event | None = None,
               progress: Callable[[int, int], None] | None = None) -> PaperReport:
        """Ask arXiv about the matching entries not enriched yet; store what it says.

        Raises:
            NetworkError: the API cannot be reached; nothing was changed.
        """
        plan = self.plan_enrich(query)
        answer = ask_arxiv(plan, cancel=cancel, progress=progress)
        report, _ = self.record_enrich(plan, answer,
                                       cancelled=cancel is not None and cancel.is_set())
        return report

    # ---------------- reading and storage ----------------

    def pdf_page(self, entry_id: int) -> int:
        with self.store.read() as conn:
            return files.page(conn, self.store.reader_id, entry_id)

    def set_pdf_page(self, entry_id: int, page: int) -> Changes:
        """Remember the reader's page (no view shows it, so nothing is announced)."""
        with self.store.write() as conn:
            files.set_page(conn, self.store.reader_id, entry_id, max(0, int(page)))
        return Changes()

    def offline_totals(self) -> tuple[int, int]:
        """(files, bytes) of the downloaded PDFs."""
        with self.store.read() as conn:
            return files.totals(conn)

    def free_space(self, days: float) -> tuple[int, int, Changes]:
        """Delete the PDFs of entries read more than `days` days ago: (files, bytes, changes)."""
        if days < 0:
            raise BadInputError(f"days must be 0 or more, not {days}")
        folder = self.files_dir()
        with self.store.write() as conn:
            ids = files.read_before(conn, self.store.reader_id, days)
            known = files.paper_files(conn, ids)
            files.forget_files(conn, ids)
        freed = 0
        for pf in known.values():
            path = folder / pf.path
            if path.is_file():
                freed += path.stat().st_size
                path.unlink()
        return len(known), freed, Changes(entries=frozenset(EntryId(i) for i in ids))

    def relink_files(self) -> int:
        """Re-attach PDFs found in `files/` by name to entries that lost their record (after
        restoring an export or a backup into a library beside its files); returns how many."""
        folder = self.files_dir()
        if not folder.is_dir():
            return 0
        with self.store.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, key FROM entries WHERE id NOT IN (SELECT entry_id FROM paper_files)"
            ).all()
        found = [(int(r[0]), folder / file_name(str(r[1]))) for r in rows]
        found = [(i, p) for i, p in found if p.is_file()]
        if found:
            from readlist.papers.pdftext import pdf_text

            texts = {i: pdf_text(p) for i, p in found}
            with self.store.write() as conn:
                for i, p in found:
                    files.record_file(conn, i, p.name, p.stat().st_size, "", texts[i])
        return len(found)

    def match_places(self, entry_id: int, query: str) -> list[str]:
        """Where the query's words matched one entry: title, abstract, PDF, note…"""
        root = prune(parse_query(query, prefix_last=True))  # as the search bar types
        match = split_conjuncts(root)[0] if root is not None else None
        if match is None:
            return []
        with self.store.read() as conn:
            columns = paper_index.entry_matches(conn, entry_id, match)
            columns += paper_index.paper_matches(conn, entry_id, match)
        return list(dict.fromkeys(MATCH_PLACES[c] for c in columns if c in MATCH_PLACES))
