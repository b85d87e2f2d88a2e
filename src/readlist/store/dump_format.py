"""Check a Readlist JSON export before anything is written: shape, version, references.

Pure Python (no database): `restore` calls `check_export` first, so a bad file changes nothing
and gets one clear message naming the first problem found.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from readlist.core.errors import BadInputError
from readlist.core.models import Priority, Status

FORMAT = "readlist-export"
FORMAT_VERSION = 1
#: More tags than this on one entry is not a reading layer; each costs an index rewrite.
MAX_TAGS_PER_ENTRY = 1000
_SQLITE_INT = 2**63 - 1


def _fail(where: str, message: str) -> BadInputError:
    return BadInputError(f"not a usable Readlist export: {where}: {message}")


def _list(obj: dict[str, Any], name: str, where: str) -> list[Any]:
    value = obj.get(name, [])
    if not isinstance(value, list):
        raise _fail(where, f"{name!r} must be a list")
    return value


def _dicts(obj: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    items = _list(obj, name, where)
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise _fail(f"{where} {name}[{n}]", "must be an object")
    return items


def _text(obj: dict[str, Any], name: str, where: str, *, optional: bool = False,
          nonempty: bool = False) -> None:
    value = obj.get(name)
    if value is None and optional:
        return
    if not isinstance(value, str) or (nonempty and not value.strip()):
        raise _fail(where, f"{name!r} must be {'a non-empty ' if nonempty else 'a '}string")


def _time(obj: dict[str, Any], name: str, where: str, *, optional: bool = True) -> None:
    _text(obj, name, where, optional=optional)
    value = obj.get(name)
    if value is not None:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise _fail(where, f"{name!r} is not an ISO timestamp: {value!r}") from None


def _int(obj: dict[str, Any], name: str, where: str, *, optional: bool = True,
         low: int | None = None, high: int | None = None) -> None:
    value = obj.get(name)
    if value is None and optional:
        return
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > _SQLITE_INT or (
            low is not None and value < low) or (high is not None and value > high):
        bounds = f" from {low} to {high}" if low is not None and high is not None else ""
        raise _fail(where, f"{name!r} must be a whole number{bounds}")


def _choice(obj: dict[str, Any], name: str, where: str, allowed: set[str]) -> None:
    if obj.get(name) not in allowed:
        raise _fail(where, f"{name!r} must be one of {', '.join(sorted(allowed))}")


def check_header(data: object) -> dict[str, Any]:
    """The export as a dict, if its header says it is a Readlist export this code can read."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInputError("this file is not a Readlist export (no \"format\": "
                            f"\"{FORMAT}\" field); export one with `readlist export --format json`")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadInputError("this Readlist export has no valid format_version")
    if version > FORMAT_VERSION:
        raise BadInputError(f"this export was written by a newer Readlist (format version "
                            f"{version}; this Readlist reads up to {FORMAT_VERSION}); "
                            "upgrade Readlist to restore it")
    return data


def check_export(data: object) -> dict[str, Any]:
    """Validate a whole export; returns it typed as a dict. Raises BadInputError."""
    doc = check_header(data)
    statuses = {s.value for s in Status}
    priorities = {p.value for p in Priority}
    source_names: set[str] = set()
    for n, src in enumerate(_dicts(doc, "sources", "file")):
        where = f"source #{n + 1}"
        _text(src, "name", where, nonempty=True)
        if src["name"].lower() in source_names:
            raise _fail(where, f"source {src['name']!r} appears twice")
        source_names.add(src["name"].lower())
        for m, sec in enumerate(_dicts(src, "sections", where)):
            _text(sec, "path", f"{where} section #{m + 1}", nonempty=True)
            _int(sec, "position", f"{where} section #{m + 1}", optional=False)
    keys: set[str] = set()
    ids: set[int] = set()
    for n, entry in enumerate(_dicts(doc, "entries", "file")):
        where = f"entry #{n + 1}"
        _text(entry, "key", where, nonempty=True)
        where = f"entry {entry['key']!r}"
        if entry["key"] in keys:
            raise _fail(where, "the same key appears twice")
        keys.add(entry["key"])
        _int(entry, "id", where, low=1, high=2**62)
        if entry.get("id") is not None:
            if entry["id"] in ids:
                raise _fail(where, f"id {entry['id']} appears twice")
            ids.add(entry["id"])
        _text(entry, "title", where)
        _text(entry, "url", where, optional=True)
        _int(entry, "year", where)
        _int(entry, "rating", where, low=0, high=5)
        _choice(entry, "status", where, statuses)
        _choice(entry, "priority", where, priorities)
        for name in ("first_seen", "last_seen", "retired_at", "started_at", "finished_at",
                     "status_changed_at", "note_created_at", "note_updated_at"):
            _time(entry, name, where)
        _text(entry, "note", where, optional=True)
        for link in _dicts(entry, "links", where):
            _text(link, "label", f"{where} link")
            _text(link, "url", f"{where} link")
        for place in _dicts(entry, "placements", where):
            _text(place, "source", f"{where} placement", nonempty=True)
            _text(place, "section", f"{where} placement", optional=True)
            _int(place, "position", f"{where} placement", optional=False)
            if place["source"].lower() not in source_names:
                raise _fail(where, f"placement in unknown source {place['source']!r}")
        for ev in _dicts(entry, "events", where):
            _choice(ev, "old", f"{where} event", statuses)
            _choice(ev, "new", f"{where} event", statuses)
            _time(ev, "at", f"{where} event", optional=False)
        for ver in _dicts(entry, "note_versions", where):
            _text(ver, "body", f"{where} note version")
            _time(ver, "saved_at", f"{where} note version", optional=False)
        tags = _list(entry, "tags", where)
        if len(tags) > MAX_TAGS_PER_ENTRY:
            raise _fail(where, f"has {len(tags):,} tags; at most {MAX_TAGS_PER_ENTRY:,} are "
                        "allowed on one entry")
        if not all(isinstance(t, str) and t.strip() and not any(c.isspace() for c in t)
                   for t in tags):
            raise _fail(where, "tags must be one-word strings")
    for n, queue in enumerate(_dicts(doc, "queues", "file")):
        where = f"queue #{n + 1}"
        _text(queue, "name", where, nonempty=True)
        for key in _list(queue, "items", where):
            if key not in keys:
                raise _fail(f"queue {queue['name']!r}", f"item {key!r} is not an entry of "
                                                         "this file")
    for n, search in enumerate(_dicts(doc, "saved_searches", "file")):
        _text(search, "name", f"saved search #{n + 1}", nonempty=True)
        _text(search, "query", f"saved search #{n + 1}")
    for n, run in enumerate(_dicts(doc, "import_runs", "file")):
        where = f"import run #{n + 1}"
        _int(run, "id", where, optional=False, low=1, high=2**62)
        _text(run, "source", where, nonempty=True)
        if run["source"].lower() not in source_names:
            raise _fail(where, f"unknown source {run['source']!r}")
        _time(run, "started_at", where, optional=False)
        for change in _dicts(run, "changes", where):
            if change.get("key") not in keys:
                raise _fail(where, f"change of unknown entry {change.get('key')!r}")
            _text(change, "change", where, nonempty=True)
    return doc
