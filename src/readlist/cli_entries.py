"""Commands over entries: ls, next, show, and the reader's marks (status, priority, rating,
note, tags)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING

from readlist.cli_output import entry_line, fail, print_json

if TYPE_CHECKING:
    from readlist.library import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ls = sub.add_parser("ls", help="list entries matching a query")
    ls.add_argument("query", nargs="*")
    ls.add_argument("--all", action="store_true", help="include retired entries")
    ls.add_argument("--sort")
    ls.add_argument("--limit", type=int)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_cmd_ls)

    nxt = sub.add_parser("next", help="the entry to read next (by priority, then queue place)")
    nxt.add_argument("--json", action="store_true")
    nxt.set_defaults(handler=_cmd_next)

    show = sub.add_parser("show", help="one entry in full")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_cmd_show)

    mark = sub.add_parser("mark", help="set reading status")
    mark.add_argument("status")
    mark.add_argument("ids", nargs="+", type=int)
    mark.set_defaults(handler=_cmd_mark)

    pr = sub.add_parser("priority", help="set priority")
    pr.add_argument("priority")
    pr.add_argument("ids", nargs="+", type=int)
    pr.set_defaults(handler=_cmd_priority)

    rate = sub.add_parser("rate", help="rate 0-5 (0 clears)")
    rate.add_argument("rating", type=int)
    rate.add_argument("ids", nargs="+", type=int)
    rate.set_defaults(handler=_cmd_rate)

    note = sub.add_parser("note", help="print, set, append to, edit or share a note")
    note.add_argument("ids", nargs="+", type=int, metavar="ID")
    group = note.add_mutually_exclusive_group()
    group.add_argument("--share", action="store_true",
                       help="let the group see the note (several ids allowed)")
    group.add_argument("--unshare", action="store_true", help="make the note private again")
    group.add_argument("--set", dest="set_text")
    group.add_argument("--append")
    group.add_argument("--edit", action="store_true")
    note.set_defaults(handler=_cmd_note)

    for verb, handler in (("tag", _cmd_tag), ("untag", _cmd_untag)):
        t = sub.add_parser(verb, help=f"{verb} entries: ids first, then tags (the last word "
                                      "is always a tag)")
        t.add_argument("words", nargs="+", metavar="ID… TAG")
        t.set_defaults(handler=handler)


def _cmd_ls(lib: Library, args: argparse.Namespace) -> int:
    print_entries(lib, " ".join(args.query), args)
    return 0


def print_entries(lib: Library, query: str, args: argparse.Namespace) -> None:
    """`ls`'s output for `query` with its --all, --sort, --limit and --json; the last word
    matches as a prefix, as in the app's search bar (`ls atten`)."""
    if args.limit is not None and args.limit < 0:
        fail("--limit must be 0 or more")
    items = lib.list_entries(query, include_retired=args.all, sort=args.sort, limit=args.limit,
                             prefix_last=True)
    if args.json:
        print_json([v.to_json() for v in items])
    else:
        for v in items:
            print(entry_line(v))


def _cmd_next(lib: Library, args: argparse.Namespace) -> int:
    entry = lib.next_entry()
    if args.json:
        print_json(None if entry is None else entry.to_json())
    elif entry is None:
        sys.stderr.write("readlist: nothing left to read: no queued or to-read entry\n")
    else:
        print(entry_line(entry))
    return 0


def _cmd_show(lib: Library, args: argparse.Namespace) -> int:
    v = lib.get(args.id)
    cited = lib.cited_by(args.id)
    if args.json:
        print_json({**v.to_json(), "cited_by": [name for name, _ in cited],
                    "provenance": provenance_json(cited)})
        return 0
    print(v.title)
    for label, value in (("url", v.url), ("authors", v.authors), ("organization",
                         v.organization), ("year", v.year), ("venue", v.venue),
                         ("list note", v.list_note), ("kind", v.kind),
                         ("sections", "; ".join(v.sections)), ("status", v.status.value),
                         ("priority", v.priority.value), ("rating", v.rating),
                         ("queues", ", ".join(v.queues)), ("tags", ", ".join(v.tags))):
        if value not in (None, ""):
            print(f"  {label:<13}{value}")
    for link in v.links:
        print(f"  link         {link.label}: {link.url}")
    if cited:
        print(f"  {'cited by':<13}{'; '.join(name for name, _ in cited)}")
    if v.retired:
        print("  retired      (no longer in the list upstream)")
    for n, change in enumerate(v.history):
        label = "history" if n == 0 else ""
        print(f"  {label:<13}{_local(change.at)}  {change.status.value}")
    if v.pdf:
        print(f"  pdf          {v.pdf}")
    if v.description:
        print("\n" + v.description)
    if v.arxiv is not None:
        a = v.arxiv
        print(f"\n--- arXiv {a.arxiv_id} · {a.published[:10]} · {', '.join(a.categories)} ---")
        print("authors: " + ", ".join(a.authors))
        for label, value in (("doi", a.doi), ("journal", a.journal_ref)):
            if value:
                print(f"{label}: {value}")
        print("\n" + a.abstract)
    if v.note:
        print("\n--- note ---\n" + v.note)
    return 0


def provenance_json(cited: list[tuple[str, dict[str, object]]]) -> dict[str, object]:
    """{field: [{"source", "value"}]}: what each list citing the entry says of each field."""
    out: dict[str, list[dict[str, object]]] = {}
    for name, said in cited:
        for field, value in said.items():
            out.setdefault(field, []).append({"source": name, "value": value})
    return dict(out)


def _local(at: str) -> str:
    """A stored UTC time as the reader's local time, to the minute."""
    from datetime import datetime

    return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")


def _cmd_mark(lib: Library, args: argparse.Namespace) -> int:
    lib.mark(args.ids, args.status)
    return 0


def _cmd_priority(lib: Library, args: argparse.Namespace) -> int:
    lib.set_priority(args.ids, args.priority)
    return 0


def _cmd_rate(lib: Library, args: argparse.Namespace) -> int:
    lib.rate(args.ids, args.rating)
    return 0


def _cmd_note(lib: Library, args: argparse.Namespace) -> int:
    if args.share or args.unshare:
        lib.share_notes(args.ids, shared=args.share)
        return 0
    if len(args.ids) > 1:
        fail("one ID at a time, except with --share or --unshare")
    args.id = args.ids[0]
    if args.set_text is not None:
        lib.set_note(args.id, args.set_text)
    elif args.append is not None:
        lib.append_note(args.id, args.append)
    elif args.edit:
        lib.set_note(args.id, _edit_text(lib.note(args.id)))
    else:
        body = lib.note(args.id)
        if body:
            print(body)
    return 0


def _edit_text(initial: str) -> str:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w+", suffix=".md", delete=False, encoding="utf-8") as fh:
        fh.write(initial)
        name = fh.name
    try:
        if subprocess.call([*editor.split(), name]) != 0:
            fail(f"the editor ({editor}) failed; the note was not changed")
        with open(name, encoding="utf-8") as fh:
            return fh.read()
    finally:
        os.unlink(name)


def ids_then_tags(words: list[str]) -> tuple[list[int], list[str]]:
    """`1 2 rlhf survey` → ([1, 2], ["rlhf", "survey"]); a numeric last word is a tag."""
    n = 0
    while n < len(words) - 1 and words[n].isdigit():
        n += 1
    if n == 0:
        fail(f"give entry ids before the tags, as in `tag 12 14 {words[-1]}`")
    return [int(w) for w in words[:n]], words[n:]


def _cmd_tag(lib: Library, args: argparse.Namespace) -> int:
    lib.tag(*ids_then_tags(args.words))
    return 0


def _cmd_untag(lib: Library, args: argparse.Namespace) -> int:
    lib.untag(*ids_then_tags(args.words))
    return 0
