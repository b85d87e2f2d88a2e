"""Exports (JSON, CSV, Markdown, BibTeX, a notes folder), restore and stats for the CLI and UI.

Every format is built from `Library.export_data()` (one read transaction) by pure functions,
so the desktop app's File → Export calls the same `render`/`write_notes` as the CLI.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readlist.core.errors import BadInputError
from readlist.core.models import Status
from readlist.core.stats import GroupProgress, LibraryStats
from readlist.export_bib import to_bibtex
from readlist.export_notes import write_notes

if TYPE_CHECKING:
    from readlist.library import Library

FORMATS = ("json", "csv", "markdown", "bibtex", "notes")
CSV_COLUMNS = ("id", "key", "title", "url", "authors", "organization", "year", "venue",
               "kind", "sections", "status", "priority", "rating", "tags", "queues", "note",
               "started_at", "finished_at", "retired")

__all__ = ["FORMATS", "print_stats", "render", "run_export", "run_restore", "to_bibtex",
           "to_csv", "to_json", "to_markdown", "write_notes"]


def run_export(lib: Library, fmt: str, output: str | None, *, annotated: bool = False,
               all_kinds: bool = False) -> str:
    """Export in `fmt` to `output` (a file; a folder for `notes`; stdout when None).

    Returns:
        A one-line description of what was written.
    """
    if fmt not in FORMATS:
        raise BadInputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    data = lib.export_data()
    if fmt == "notes":
        if not output:
            raise BadInputError("--format notes writes one file per note: give a folder with -o")
        written = write_notes(data, Path(output))
        return f"wrote {len(written)} notes to {output}"
    body = render(data, fmt, annotated=annotated, all_kinds=all_kinds)
    if output is None or output == "-":
        sys.stdout.write(body)
        return f"wrote {fmt} to standard output"
    _write_atomic(Path(output), body)
    return f"wrote {fmt} to {output}"


def render(data: dict[str, Any], fmt: str, *, annotated: bool = False,
           all_kinds: bool = False) -> str:
    """One export document as text (`all_kinds`: BibTeX of non-papers too)."""
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return to_csv(data)
    if fmt == "markdown":
        return to_markdown(data, annotated=annotated)
    if fmt == "bibtex":
        return to_bibtex(data, all_kinds=all_kinds)
    raise BadInputError(f"format {fmt!r} is not a single document")


def _write_atomic(path: Path, body: str) -> None:
    if path.is_dir():
        raise BadInputError(f"{path} is a folder; give a file name")
    if not path.parent.resolve().is_dir():
        raise BadInputError(f"folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent.resolve())
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---------------- json / csv ----------------


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(data: dict[str, Any]) -> str:
    queues: dict[str, list[str]] = {}
    for q in data["queues"]:
        for key in q["items"]:
            queues.setdefault(key, []).append(q["name"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in data["entries"]:
        writer.writerow([
            e["id"], e["key"], e["title"], e["url"] or "", e["authors"], e["organization"],
            e["year"] if e["year"] is not None else "", e.get("venue") or "", e["kind"],
            "; ".join(e["sections"]),
            e["status"], e["priority"], e["rating"] if e["rating"] is not None else "",
            ", ".join(e["tags"]), ", ".join(queues.get(e["key"], [])), e["note"],
            e["started_at"] or "", e["finished_at"] or "", "yes" if e["retired_at"] else ""])
    return out.getvalue()


# ---------------- markdown ----------------


def is_annotated(e: dict[str, Any]) -> bool:
    """Has the reader touched it: a note, a tag, a rating or a status other than unread."""
    return bool(e["note"].strip() or e["tags"] or e["rating"] or e["status"] != "unread")


def _md_text(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "[]*_`<>|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def entry_line(e: dict[str, Any]) -> str:
    """One task-list item: checkbox, linked title, who/when, status, rating, tags, note."""
    box = "[x]" if e["status"] == Status.READ.value else "[ ]"
    title = _md_text(e["title"])
    parts = [f"- {box} " + (f"[{title}]({_md_url(e['url'])})" if e["url"] else title)]
    who = e["authors"] or e["organization"]
    if who or e["year"]:
        parts.append(" — " + _md_text(who) + (f" ({e['year']})" if e["year"] else ""))
    descr = " ".join(e["description"].split())
    if descr:
        parts.append(" — " + descr)
    extras = []
    if e["status"] != Status.UNREAD.value:
        extras.append(f"*{e['status']}*")
    if e["priority"] != "normal":
        extras.append(f"{e['priority']} priority")
    if e["rating"]:
        extras.append("★" * e["rating"] + "☆" * (5 - e["rating"]))
    if e["tags"]:
        extras.append(" ".join(f"`#{t}`" for t in e["tags"]))
    if e["retired_at"]:
        extras.append("*(no longer in the list)*")
    if extras:
        parts.append(" · " + " · ".join(extras))
    line = "".join(parts)
    note = e["note"].strip()
    if note:
        quoted = "\n".join(("    > " + ln).rstrip() for ln in note.splitlines())
        line += "\n\n" + quoted + "\n"
    return line


def to_markdown(data: dict[str, Any], *, annotated: bool = False) -> str:
    """The lists back as Markdown task lists, in their sections (GitHub renders checkboxes)."""
    keep = [e for e in data["entries"]
            if (is_annotated(e) if annotated else (not e["retired_at"] or is_annotated(e)))]
    blocks: list[str] = []
    for src in data["sources"]:
        name = src["name"]
        rows: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for e in keep:
            for p in e["placements"]:
                if p["source"] == name:
                    rows.setdefault(p["section"] or "", []).append((p["position"], e))
        if not rows:
            continue
        blocks.append(f"# {_md_text(src['title'] or name)}")
        paths = [s["path"] for s in src["sections"] if s["position"] >= 0]
        paths += sorted(p for p in rows if p and p not in paths)
        for path in ["", *paths]:
            below = [p for p in rows if p == path or p.startswith(path + " > ")] if path else \
                [""] if "" in rows else []
            if not below:
                continue
            if path:
                level = min(6, path.count(" > ") + 2)
                blocks.append("#" * level + " " + _md_text(path.split(" > ")[-1]))
            items = sorted(rows.get(path, []), key=lambda r: (r[0], r[1]["key"]))
            if items:
                blocks.append(_join_items(entry_line(e) for _pos, e in items))
    if not blocks:
        blocks.append("*No entries to export.*")
    return "\n\n".join(b.rstrip("\n") for b in blocks) + "\n"


def _join_items(lines: Iterable[str]) -> str:
    out: list[str] = []
    for line in lines:
        if out and ("\n" in line or "\n" in out[-1]):
            out.append("")
        out.append(line.rstrip("\n"))
    return "\n".join(out)


# ---------------- restore / stats ----------------


def run_restore(lib: Library, path: str, *, merge: bool = False) -> str:
    """Restore a JSON export; returns a one-line summary of what was written."""
    counts = lib.restore_json(path, merge=merge)
    order = ("entries created", "entries matched", "statuses", "events", "notes",
             "note versions", "tags", "queues", "queue items", "saved searches")
    parts = [f"{counts[k]} {k}" for k in order if counts[k]]
    return f"restored {path}: " + (", ".join(parts) if parts else "nothing new")


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else 0
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _group_line(g: GroupProgress, label: str) -> str:
    c = g.counts
    pct = f"{100 * c.read / c.total:3.0f}%" if c.total else "  -"
    return (f"  {label[:38]:<38} {_bar(c.read, c.total)} {pct}  {c.read}/{c.total} read, "
            f"{c.reading} reading, {c.to_read} to-read")


def stats_text(s: LibraryStats) -> str:
    t = s.totals
    lines = [f"{t.total} entries: {t.read} read, {t.reading} reading, {t.to_read} to-read, "
             f"{t.unread} unread, {t.skipped} skipped"]
    if s.sources:
        lines += ["", "Sources"] + [_group_line(g, g.source) for g in s.sources]
    if s.sections:
        lines += ["", "Sections"] + [_group_line(g, "  " * (g.depth - 1) + g.path.split(" > ")[-1])
                                     for g in s.sections]
    lines += ["", "Finished per month: " + (", ".join(f"{p.period}: {p.finished}"
                                                      for p in s.monthly if p.finished)
                                            or "nothing yet")]
    lines.append(f"Notes written: {s.notes_written} ({s.note_versions} earlier versions kept)")
    if s.to_read_to_read_days is not None:
        lines.append(f"To-read → read: median {s.to_read_to_read_days:.1f} days over "
                     f"{s.to_read_to_read_count} entries")
    lines.append(f"Latest import: {s.new_in_latest_import} new, {s.new_unread} not looked at yet")
    lines += [f"  {e.id:>6}  {e.title}" for e in s.new_unread_sample[:10]]
    return "\n".join(lines) + "\n"


def print_stats(lib: Library, *, as_json: bool = False) -> None:
    s = lib.stats()
    count, size = lib.offline_totals()
    data = {**s.to_json(), "files": {"count": count, "bytes": size}}
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if as_json
                     else stats_text(s) + f"offline PDFs: {count} ({size / 2**20:.1f} MB)\n")
