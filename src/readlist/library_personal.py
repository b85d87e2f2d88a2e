"""The reader's tags, reading times, saved searches to run and what to read next; mixed
into `Library`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from readlist.core.errors import BadInputError, NotFoundError
from readlist.core.lazy import lazy_module
from readlist.core.models import Changes, EntryId, EntryView, ReadingTime

if TYPE_CHECKING:
    from readlist.store import history, queues, search, tags, views
    from readlist.store.repository import Store
else:  # loaded on first use, like Library's
    history, queues, search, tags, views = (
        lazy_module(f"readlist.store.{name}")
        for name in ("history", "queues", "search", "tags", "views"))

#: *Next up*: what sits in a queue and is neither read nor skipped, listed with NEXT_SORT.
NEXT_UP_QUERY = "has:queue -status:read -status:skipped"
#: Priority first, then the entry's place in the queues (the first queue it is in), then
#: list order.
NEXT_SORT = "next"
#: `readlist next` also considers to-read entries that sit in no queue (after queued ones
#: of the same priority), as DESIGN §2's to-read queue does.
_NEXT_CANDIDATES = "(has:queue OR status:to-read) -status:read -status:skipped"


class LibraryPersonal:
    """Methods here reach the database only through `self.store`, like `Library`'s own."""

    store: Store

    if TYPE_CHECKING:
        def _check_ids(self, ids: Sequence[int]) -> list[int]: ...

    # ---------------- tags ----------------

    def tags(self) -> list[tuple[str, int]]:
        """Every tag of the reader with how many entries carry it, by name."""
        with self.store.read() as conn:
            return tags.tag_counts(conn, self.store.reader_id)

    def tag(self, ids: Sequence[int], names: Sequence[str]) -> Changes:
        """Tag entries; `rlhf` after `RLHF` is the same tag (the first spelling stays)."""
        clean = tag_names(names)
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            changed = tags.add_tags(conn, self.store.reader_id, checked, clean)
        return Changes(entries=_ids(checked) if changed else frozenset(), tags=changed)

    def untag(self, ids: Sequence[int], names: Sequence[str]) -> Changes:
        """Remove tags (any case) from entries.

        Raises:
            NotFoundError: a name is no tag at all (nothing is changed).
        """
        clean = tag_names(names)
        checked = self._check_ids(ids)
        with self.store.write() as conn:
            changed = tags.remove_tags(conn, self.store.reader_id, checked, clean)
        return Changes(entries=_ids(checked) if changed else frozenset(), tags=changed)

    def tag_rename(self, old: str, new: str) -> Changes:
        """Respell (`rlhf` → `RLHF`) or rename a tag.

        Raises:
            NotFoundError: no tag `old`.
            BadInputError: another tag is already called `new` (merge them instead).
        """
        old_name, new_name = tag_names([old])[0], tag_names([new])[0]
        reader = self.store.reader_id
        with self.store.write() as conn:
            tid = tags.existing(conn, reader, old_name)
            clash = tags.tag_id(conn, reader, new_name)
            if clash is not None and clash != tid:
                raise BadInputError(f"a tag named {new_name!r} exists; merge the two instead "
                                    f"(`readlist tags merge {old_name} --into {new_name}`)")
            tags.set_name(conn, tid, new_name)
            touched = tags.tagged_ids(conn, [tid])
        return Changes(entries=_ids(touched), tags=True)

    def tag_merge(self, names: Sequence[str], into: str) -> Changes:
        """Every entry tagged with one of `names` is tagged `into` instead. `into` may be a
        new name: then the first of `names` takes it and the others fold into that one.

        Raises:
            NotFoundError: one of `names` is no tag (nothing is changed).
        """
        sources = tag_names(names)
        target_name = tag_names([into])[0]
        reader = self.store.reader_id
        with self.store.write() as conn:
            tids = list(dict.fromkeys(tags.existing(conn, reader, n) for n in sources))
            touched = tags.tagged_ids(conn, tids)
            target = tags.tag_id(conn, reader, target_name)
            if target is None:
                target = tids[0]
                tags.set_name(conn, target, target_name)
            tags.fold_into(conn, tids, target)
        return Changes(entries=_ids(touched), tags=True)

    # ---------------- history ----------------

    def reading_times(self) -> list[ReadingTime]:
        """Per entry started and finished: first *reading* → first *read* after it."""
        with self.store.read_lite() as conn:
            return history.reading_times(conn, self.store.reader_id)

    def median_reading_seconds(self) -> float | None:
        """The median of `reading_times` (None before any entry was read that way)."""
        import statistics

        times = [t.seconds for t in self.reading_times()]
        return statistics.median(times) if times else None

    # ---------------- saved searches ----------------

    def saved_query(self, name: str) -> str:
        """The query saved as `name` (exact name first, else any case).

        Raises:
            NotFoundError: no saved search of that name (the message lists them).
        """
        with self.store.read() as conn:
            saved = queues.list_searches(conn, self.store.reader_id)
        for s in saved:
            if s.name == name:
                return s.query
        for s in saved:
            if s.name.casefold() == name.casefold():
                return s.query
        names = ", ".join(repr(s.name) for s in saved) or "none yet"
        raise NotFoundError(f"no saved search named {name!r} (saved searches: {names})")

    # ---------------- what to read next ----------------

    def next_up(self, limit: int | None = None) -> list[int]:
        """Ids of *Next up* in reading order: by priority, then place in the queues."""
        with self.store.read_lite() as conn:
            return search.search_ids(conn, self.store.reader_id, NEXT_UP_QUERY,
                                     sort=NEXT_SORT, limit=limit)

    def next_entry(self) -> EntryView | None:
        """The entry to read next: the first of *Next up*, else the first to-read entry
        (by priority, then list order); None when there is nothing left to read."""
        with self.store.read_lite() as conn:
            ids = search.search_ids(conn, self.store.reader_id, _NEXT_CANDIDATES,
                                    sort=NEXT_SORT, limit=1)
            found = views.entry_views(conn, self.store.reader_id, ids)
        return found[0] if found else None


def _ids(ids: Sequence[int]) -> frozenset[EntryId]:
    return frozenset(EntryId(int(i)) for i in ids)


def tag_names(names: Sequence[str]) -> list[str]:
    """Tag names as typed (`#` and spaces around dropped), each once whatever its case.

    Raises:
        BadInputError: no name, or a name with a space inside.
    """
    clean = [n.strip().lstrip("#") for n in names if n.strip().lstrip("#")]
    if not clean:
        raise BadInputError("no tag given")
    bad = [n for n in clean if any(ch.isspace() for ch in n)]
    if bad:
        raise BadInputError(f"a tag is one word: {bad[0]!r} (use - or _ instead of spaces)")
    first: dict[str, str] = {}
    for name in clean:
        first.setdefault(name.casefold(), name)
    return list(first.values())
