"""The use-case API shared by the desktop app and the command line.

Every mutation validates all of its input before writing, runs in one transaction and returns
a `Changes` value saying what it touched, so views refresh from it (Anki's OpChanges).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from readlist.core.errors import (
    AnnotatedRetireError,
    BadInputError,
    ImportRefusedError,
    NotFoundError,
    UncertainSourceError,
)
from readlist.core.lazy import lazy_module
from readlist.core.models import (
    ChangeKind,
    Changes,
    EntryId,
    EntryRow,
    EntryView,
    ImportReport,
    NoteVersion,
    Priority,
    QueueView,
    RunReport,
    RunSummary,
    SavedSearch,
    SectionProgress,
    SourceSummary,
    Status,
)
from readlist.core.scope import Scope
from readlist.library_io import LibraryIO
from readlist.library_papers import LibraryPapers
from readlist.library_personal import LibraryPersonal
from readlist.library_provenance import LibraryProvenance
from readlist.library_undo import LibraryUndo
from readlist.store.repository import Store
from readlist.store.timeutil import now_iso

if TYPE_CHECKING:
    from readlist.importing.download import Progress
    from readlist.importing.sync import ImportPlan
    from readlist.store import importer, personal, queues, runs, search, sources, views
else:  # loaded on first use: listing entries never loads the importer's libraries
    importer, personal, queues, runs, search, sources, views = (
        lazy_module(f"readlist.store.{name}")
        for name in ("importer", "personal", "queues", "runs", "search", "sources", "views"))

DEFAULT_READER = "me"
#: An import may retire at most this share of a source's live entries without --force.
RETIRE_LIMIT = 0.5
#: How many annotated entries a refused import names.
ANNOTATED_SHOWN = 5
#: A list sharing at least this share of its entries with a known source is a version of it.
SAME_LIST_SHARE = 0.5


class Library(LibraryIO, LibraryPersonal, LibraryPapers, LibraryUndo, LibraryProvenance):
    """A library file opened for one reader."""

    def __init__(self, db: str | os.PathLike[str], reader: str | None = None) -> None:
        self.store = Store(db, reader or os.environ.get("READLIST_READER") or DEFAULT_READER)

    @property
    def path(self) -> Path | None:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------- import ----------------

    def import_source(self, spec: str, *, name: str | None = None, fmt: str = "auto",
                      dry_run: bool = False, force: bool = False,
                      stdin: BinaryIO | None = None, backup: bool = True,
                      progress: Progress | None = None,
                      ask_if_unsure: bool = False) -> ImportReport:
        """Import a list from a path, `-` (stdin) or an https URL.

        The very bytes last imported into a source are not parsed again: the run is recorded
        as unchanged and "What's new" stays as it was.

        Args:
            backup: keep an automatic backup of a non-empty library first, when the import
                changes something (see `LibraryIO.auto_backup`).
            progress: called with (bytes, total or None) as a download arrives.
            ask_if_unsure: see `import_text`.
        """
        from readlist.importing.sources import read_raw

        started = time.perf_counter()
        raw = read_raw(spec, stdin=stdin, progress=progress)
        content_hash = raw.content_hash
        if not force:
            same = self._same_content(content_hash, name, fmt, dry_run, started)
            if same is not None:
                return same
        src = raw.decoded()
        return self.import_text(src.text, name=name, fmt=fmt, dry_run=dry_run, force=force,
                                origin=src.origin, suggested_name=src.suggested_name,
                                content_hash=content_hash, backup=backup,
                                ask_if_unsure=ask_if_unsure)

    def _same_content(self, content_hash: str, name: str | None, fmt: str, dry_run: bool,
                      started: float) -> ImportReport | None:
        """The report of re-importing bytes identical to a source's last import, if they are."""
        wanted = (name or "").strip() or None
        with self.store.read() as conn:
            found = runs.same_content_source(conn, content_hash, wanted)
        if found is None or fmt not in ("auto", found[2]):
            return None
        sid, source_name, _fmt = found
        with self.store.write() as conn:
            run_id, entries = runs.record_unchanged(conn, sid, content_hash, now_iso())
            report = ImportReport(source=source_name, entries=entries, unchanged=entries,
                                  run_id=run_id, seconds=time.perf_counter() - started)
            runs.set_seconds(conn, report)
            if dry_run:
                report.dry_run, report.run_id = True, None
                conn.rollback()
        return report

    def import_text(self, text: str, *, name: str | None = None, fmt: str = "auto",
                    dry_run: bool = False, force: bool = False, origin: str = "text",
                    suggested_name: str = "", content_hash: str = "",
                    backup: bool = False, ask_if_unsure: bool = False) -> ImportReport:
        """Import list text in one transaction: all of it or none of it.

        A copied page of a list imported from Markdown only adds and enriches: it retires
        nothing and the list stays a Markdown list.

        Args:
            backup: keep an automatic backup of a non-empty library first, when the import
                changes something (the faces pass True; off by default so scripts and
                benchmarks measure the import alone).
            ask_if_unsure: a list only probably a known one (by its content or a similar
                title) is not imported; the app asks which list it is, then passes `name`.

        Raises:
            BadInputError: no entries, unknown format, or the backup could not be taken.
            UncertainSourceError: with `ask_if_unsure`, the list is only probably known.
            AnnotatedRetireError: it would retire an annotated entry, without `force`.
            ImportRefusedError: it would retire more than half of the source without `force`.
        """
        from readlist.importing.identity import identify
        from readlist.importing.sources import parse_text
        from readlist.importing.sync import merge_occurrences, plan_import

        started = time.perf_counter()
        parsed = parse_text(text, fmt, known_sections=self._known_sections)
        incoming = merge_occurrences(parsed)
        with self.store.write() as conn:
            chosen, why = identify(
                parsed.title, sources.source_titles(conn),
                sources.source_by_origin(conn, origin) if origin not in ("-", "text") else None,
                sources.source_overlap(conn, incoming), SAME_LIST_SHARE,
                sources.earlier_titles(conn))
            source_name = (name or "").strip() or chosen or suggested_name or "list"
            why = "" if (name or "").strip() else why
            if ask_if_unsure and why and not why.startswith("same "):
                raise UncertainSourceError(source_name, why, parsed.title.strip())
            sid = sources.source_id_for(conn, source_name)
            candidates = importer.gather_candidates(conn, sid, incoming)
            list_format = sources.source_format(conn, sid) or parsed.format
            plan = plan_import(parsed, candidates, incoming, enrich_only=(
                parsed.format == "rendered" and list_format == "markdown"), source_id=sid)
            if not force:
                _refuse_risky(plan, set(personal.annotated_ids(conn, _retiring(plan))),
                              source_name)
            if (backup and not dry_run and self.path is not None and candidates
                    and _writes_entries(plan)):  # only what the library already had can be lost
                self.auto_backup("before import")  # reads the last commit: this one is open
            sid = sources.upsert_source(conn, source_name, parsed.title, origin, list_format,
                                         follow_title=not (name or "").strip())
            sections = importer.sync_sections(conn, sid, parsed)
            report = importer.apply_plan(conn, sid, plan, sections, content_hash, force,
                                         source_name)
            report.recognised_by = why
            report.seconds = time.perf_counter() - started
            runs.set_seconds(conn, report)
            if dry_run:
                report.dry_run = True
                report.run_id = None
                conn.rollback()
        return report

    def _known_sections(self, title: str) -> list[tuple[str, ...]]:
        """Heading paths of the known source that a copied page titled `title` is."""
        with self.store.read() as conn:
            return sources.known_sections(conn, title)

    def changes(self, run: int | None = None) -> RunReport:
        with self.store.read() as conn:
            return runs.run_report(conn, run)

    def runs(self) -> list[RunSummary]:
        with self.store.read() as conn:
            return runs.list_runs(conn)

    # ---------------- reading ----------------

    def find(self, query: str = "", *, include_retired: bool = False, sort: str | None = None,
             limit: int | None = None, offset: int = 0, prefix_last: bool = False,
             scope: Scope | None = None) -> list[int]:
        """Ids matching `query` within `scope` (a view's source/heading, beside the text)."""
        with self.store.read_lite() as conn:
            return search.search_ids(conn, self.store.reader_id, query,
                                     include_retired=include_retired, sort=sort, limit=limit,
                                     offset=offset, prefix_last=prefix_last, scope=scope)

    def count(self, query: str = "", *, include_retired: bool = False,
              prefix_last: bool = False, scope: Scope | None = None) -> int:
        with self.store.read_lite() as conn:
            return search.count_matches(conn, self.store.reader_id, query,
                                        include_retired=include_retired, prefix_last=prefix_last,
                                        scope=scope)

    def count_many(self, queries: dict[str, str]) -> dict[str, int]:
        with self.store.read_lite() as conn:
            return search.count_many(conn, self.store.reader_id, queries)

    def list_entries(self, query: str = "", **kwargs: object) -> list[EntryView]:
        ids = self.find(query, **kwargs)  # type: ignore[arg-type]
        with self.store.read_lite() as conn:
            return views.entry_views(conn, self.store.reader_id, ids)

    def rows(self, ids: Sequence[int]) -> list[EntryRow]:
        with self.store.read_lite() as conn:
            return views.entry_rows(conn, self.store.reader_id, ids)

    def get(self, entry_id: int) -> EntryView:
        with self.store.read_lite() as conn:
            found = views.entry_views(conn, self.store.reader_id, [entry_id])
        if not found:
            raise NotFoundError(f"no entry with id {entry_id}")
        return found[0]

    def views(self, ids: Sequence[int]) -> list[EntryView]:
        with self.store.read_lite() as conn:
            return views.entry_views(conn, self.store.reader_id, ids)

    def note_versions(self, entry_id: int) -> list[NoteVersion]:
        self._check_ids([entry_id])
        with self.store.read() as conn:
            return personal.note_versions(conn, self.store.reader_id, entry_id)

    def queues(self) -> list[QueueView]:
        with self.store.read() as conn:
            return queues.list_queues(conn, self.store.reader_id)

    def queue_entries(self, name: str) -> list[EntryView]:
        with self.store.read() as conn:
            ids = queues.queue_entry_ids(conn, self.store.reader_id, name)
            return views.entry_views(conn, self.store.reader_id, ids)

    def queue_ids(self, name: str) -> list[int]:
        with self.store.read() as conn:
            return queues.queue_entry_ids(conn, self.store.reader_id, name)

    def saved_searches(self) -> list[SavedSearch]:
        with self.store.read() as conn:
            return queues.list_searches(conn, self.store.reader_id)

    def sources(self) -> list[SourceSummary]:
        with self.store.read() as conn:
            return runs.list_sources(conn, self.store.reader_id)

    def section_progress(self, source: str | None = None) -> list[SectionProgress]:
        with self.store.read() as conn:
            return runs.section_progress(conn, self.store.reader_id, source)

    # ---------------- mutations ----------------

    def _check_ids(self, ids: Sequence[int]) -> list[int]:
        if not ids:
            raise BadInputError("no entry id given")
        wanted = [int(i) for i in ids]
        with self.store.read_lite() as conn:
            found = views.existing_ids(conn, wanted)
        missing = [i for i in wanted if i not in found]
        if missing:
            raise NotFoundError(f"no entry with id {', '.join(map(str, missing))}")
        return list(dict.fromkeys(wanted))

    def mark(self, ids: Sequence[int], status: Status | str) -> Changes:
        status = status if isinstance(status, Status) else Status.parse(status)
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            changed = personal.set_status(conn, self.store.reader_id, checked, status)
        return Changes(entries=_ids(changed), statuses=bool(changed))

    def set_priority(self, ids: Sequence[int], priority: Priority | str) -> Changes:
        priority = priority if isinstance(priority, Priority) else Priority.parse(priority)
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            personal.set_priority(conn, self.store.reader_id, checked, priority)
        return Changes(entries=_ids(checked))

    def rate(self, ids: Sequence[int], rating: int | None) -> Changes:
        if rating is not None and not 0 <= rating <= 5:
            raise BadInputError(f"a rating is 0 to 5, not {rating}")
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            personal.set_rating(conn, self.store.reader_id, checked, rating or None)
        return Changes(entries=_ids(checked))

    def note(self, entry_id: int) -> str:
        self._check_ids([entry_id])
        with self.store.read() as conn:
            return personal.get_note(conn, self.store.reader_id, entry_id)

    def set_note(self, entry_id: int, body: str, *, autosave: bool = False) -> Changes:
        self._check_ids([entry_id])
        with self.store.write() as conn:
            changed = personal.set_note(conn, self.store.reader_id, entry_id, body,
                                        coalesce_versions=autosave)
        return Changes(entries=_ids([entry_id]) if changed else frozenset(), notes=changed)

    def share_notes(self, ids: Sequence[int], shared: bool = True) -> Changes:
        """Let the group see (or stop seeing) the reader's notes on `ids`; all or none."""
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            missing = personal.set_shared(conn, self.store.reader_id, checked, shared)
        if missing:
            raise BadInputError(
                f"entry {missing[0]} has no note to share; nothing was changed"
                if len(missing) == 1 else
                f"entries {', '.join(map(str, missing))} have no note to share; "
                "nothing was changed")
        return Changes(entries=_ids(checked), notes=True)

    def append_note(self, entry_id: int, text: str) -> Changes:
        self._check_ids([entry_id])
        with self.store.write() as conn:
            old = personal.get_note(conn, self.store.reader_id, entry_id)
            body = f"{old.rstrip()}\n\n{text}" if old.strip() else text
            personal.set_note(conn, self.store.reader_id, entry_id, body)
        return Changes(entries=_ids([entry_id]), notes=True)

    def queue_new(self, name: str) -> Changes:
        with self.store.write() as conn:
            queues.create_queue(conn, self.store.reader_id, name)
        return Changes(queues=True)

    def queue_rename(self, name: str, new_name: str) -> Changes:
        with self.store.write() as conn:
            queues.rename_queue(conn, self.store.reader_id, name, new_name)
        return Changes(queues=True)

    def queue_delete(self, name: str) -> Changes:
        with self.store.write() as conn:
            ids = queues.queue_entry_ids(conn, self.store.reader_id, name)
            queues.delete_queue(conn, self.store.reader_id, name)
        return Changes(entries=_ids(ids), queues=True)

    def queue_add(self, name: str, ids: Sequence[int],
                  priority: Priority | str | None = None) -> Changes:
        """Append to a queue; an unread entry put in a queue becomes to-read."""
        checked = self._check_ids(ids)
        prio = None if priority is None else (
            priority if isinstance(priority, Priority) else Priority.parse(priority))
        with self.store.write() as conn:
            reader = self.store.reader_id
            queues.add_items(conn, reader, name, checked)
            old = personal.statuses(conn, reader, checked)
            unread = [i for i in checked if old[i] == Status.UNREAD]
            personal.set_status(conn, reader, unread, Status.TO_READ)
            if prio is not None:
                personal.set_priority(conn, reader, checked, prio)
        return Changes(entries=_ids(checked), queues=True, statuses=bool(unread))

    def queue_move(self, name: str, entry_id: int, position: int) -> Changes:
        checked = self._check_ids([entry_id])
        with self.store.write() as conn:
            queues.move_item(conn, self.store.reader_id, name, checked[0], position)
        return Changes(entries=_ids(checked), queues=True)

    def queue_remove(self, name: str, ids: Sequence[int]) -> Changes:
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            queues.queue_id(conn, self.store.reader_id, name)
            queues.remove_items(conn, self.store.reader_id, name, checked)
        return Changes(entries=_ids(checked), queues=True)

    def search_save(self, name: str, query: str) -> Changes:
        with self.store.read() as conn:
            search.count_matches(conn, self.store.reader_id, query)  # raises QueryError if bad
        with self.store.write() as conn:
            queues.save_search(conn, self.store.reader_id, name, query)
        return Changes(searches=True)

    def search_remove(self, name: str) -> Changes:
        with self.store.write() as conn:
            queues.remove_search(conn, self.store.reader_id, name)
        return Changes(searches=True)

    def backup(self, dest: str | os.PathLike[str]) -> Path:
        target = Path(dest)
        if target.exists():
            raise BadInputError(f"{target} exists; choose a new file name")
        if not target.parent.is_dir():
            raise BadInputError(f"folder {target.parent} does not exist")
        self.store.backup(target)
        return target


def _writes_entries(plan: ImportPlan) -> bool:
    return any(d.changes or d.fields for d in plan.decisions)


def _retiring(plan: ImportPlan) -> list[int]:
    return [int(d.existing.id) for d in plan.decisions
            if d.existing is not None and ChangeKind.RETIRED in d.changes]


def _refuse_risky(plan: ImportPlan, annotated: set[int], source_name: str) -> None:
    """Stop an import that would retire annotated entries, or most of a list."""
    retiring = [d.existing for d in plan.decisions
                if d.existing is not None and ChangeKind.RETIRED in d.changes]
    if annotated:
        named = [(int(e.id), e.title) for e in retiring if int(e.id) in annotated]
        shown = "; ".join(f"{i} {t[:60]}" for i, t in named[:ANNOTATED_SHOWN])
        more = f" and {len(named) - ANNOTATED_SHOWN} more" if len(named) > ANNOTATED_SHOWN else ""
        raise AnnotatedRetireError(
            f"this import would retire {len(named)} annotated entr"
            f"{'y' if len(named) == 1 else 'ies'} of {source_name!r} ({shown}{more}); "
            "check the list, or use --force", named)
    if plan.live_before and len(retiring) > RETIRE_LIMIT * plan.live_before:
        raise ImportRefusedError(
            f"this import would retire {len(retiring)} of the {plan.live_before} live entries "
            f"of {source_name!r} (a truncated file?); check it, or use --force")


def _ids(ids: Sequence[int]) -> frozenset[EntryId]:
    return frozenset(EntryId(int(i)) for i in ids)

