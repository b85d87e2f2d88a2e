"""Read and write the personal state an undo step records (no policy: it writes what it is
given, through the same functions as every other write, so status events are recorded)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, text

from readlist.core.models import EntryId, Priority, Status
from readlist.core.undo import EntryState, PersonalState
from readlist.store import personal, queues, tags


def capture(conn: Connection, reader: int, entries: Sequence[int],
            queue_names: Sequence[str]) -> PersonalState:
    """The current state of `entries` and of the queues named `queue_names`."""
    ids = list(dict.fromkeys(int(i) for i in entries))
    inl = ",".join(str(i) for i in ids) or "NULL"
    rows = {int(r[0]): r for r in conn.execute(text(
        "SELECT entry_id, status, priority, rating FROM reading_state "
        f"WHERE reader_id = :r AND entry_id IN ({inl})"), {"r": reader})}
    tag_names: dict[int, list[str]] = defaultdict(list)
    for eid, name in conn.execute(text(
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            f"WHERE t.reader_id = :r AND et.entry_id IN ({inl}) ORDER BY t.name"),
            {"r": reader}):
        tag_names[int(eid)].append(str(name))
    state: dict[EntryId, EntryState] = {}
    for i in ids:
        row = rows.get(i)
        state[EntryId(i)] = EntryState(
            Status(row[1]) if row else Status.UNREAD,
            Priority.from_rank(int(row[2])) if row else Priority.NORMAL,
            row[3] if row else None, tuple(tag_names.get(i, ())))
    return PersonalState(state, {name: _queue_items(conn, reader, name)
                                 for name in dict.fromkeys(queue_names)})


def _queue_items(conn: Connection, reader: int, name: str) -> tuple[EntryId, ...] | None:
    if not _queue_exists(conn, reader, name):
        return None
    return tuple(EntryId(i) for i in queues.queue_entry_ids(conn, reader, name))


def _queue_exists(conn: Connection, reader: int, name: str) -> bool:
    return conn.execute(text("SELECT 1 FROM queues WHERE reader_id = :r AND name = :n"),
                        {"r": reader, "n": name}).first() is not None


def apply(conn: Connection, reader: int, state: PersonalState) -> None:
    """Make the database hold `state` (queues first: adding to one may change a status)."""
    _apply_queues(conn, reader, state.queues)
    current = capture(conn, reader, list(state.entries), ())
    by_status: dict[Status, list[int]] = defaultdict(list)
    by_priority: dict[Priority, list[int]] = defaultdict(list)
    by_rating: dict[int | None, list[int]] = defaultdict(list)
    for eid, want in state.entries.items():
        have = current.entries[eid]
        if have.status != want.status:
            by_status[want.status].append(eid)
        if have.priority != want.priority:
            by_priority[want.priority].append(eid)
        if have.rating != want.rating:
            by_rating[want.rating].append(eid)
        wanted_names = {t.casefold() for t in want.tags}  # one tag per name, any case
        had_names = {t.casefold() for t in have.tags}
        extra = [t for t in have.tags if t.casefold() not in wanted_names]
        missing = [t for t in want.tags if t.casefold() not in had_names]
        if extra:
            tags.remove_tags(conn, reader, [eid], extra)
        if missing:
            tags.add_tags(conn, reader, [eid], missing)
    for status, ids in by_status.items():
        personal.set_status(conn, reader, ids, status)
    for priority, ids in by_priority.items():
        personal.set_priority(conn, reader, ids, priority)
    for rating, ids in by_rating.items():
        personal.set_rating(conn, reader, ids, rating)


def _apply_queues(conn: Connection, reader: int,
                  wanted: Mapping[str, tuple[EntryId, ...] | None]) -> None:
    exists = {name: _queue_exists(conn, reader, name) for name in wanted}
    gone = [n for n, items in wanted.items() if items is None and exists[n]]
    back = [n for n, items in wanted.items() if items is not None and not exists[n]]
    if len(gone) == 1 and len(back) == 1:  # a rename: the queue keeps its place and id
        queues.rename_queue(conn, reader, gone[0], back[0])
        gone, back = [], []
    for name in gone:
        queues.delete_queue(conn, reader, name)
    for name in back:
        queues.create_queue(conn, reader, name)
    for name, items in wanted.items():
        if items is None:
            continue
        have = queues.queue_entry_ids(conn, reader, name)
        drop = [i for i in have if i not in items]
        if drop:
            queues.remove_items(conn, reader, name, drop)
        queues.add_items(conn, reader, name, [i for i in items if i not in have])
        for position, entry in enumerate(items, start=1):
            if queues.queue_entry_ids(conn, reader, name).index(entry) + 1 != position:
                queues.move_item(conn, reader, name, entry, position)
