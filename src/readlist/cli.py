"""The command line (DESIGN.md §4): the same verbs as the desktop app, for scripts.

Exit status 0 on success, 2 on bad usage or bad input with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from readlist import cli_trust
from readlist.core.errors import ReadlistError
from readlist.core.models import EntryView, ImportReport, Priority, Status

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="readlist", description="Readlist: your reading layer over curated lists.")
    p.add_argument("--db", help="library file or sqlite URL (default: $READLIST_DB, else the "
                                "user data dir)")
    p.add_argument("--reader", help="reader name (default: $READLIST_READER or 'me')")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    imp = sub.add_parser("import", help="import or re-import a list")
    imp.add_argument("source", help="file path, - for stdin, or an https:// URL")
    imp.add_argument("--name")
    imp.add_argument("--format", default="auto", choices=["auto", "markdown", "rendered"])
    imp.add_argument("--dry-run", action="store_true")
    imp.add_argument("--force", action="store_true")
    imp.add_argument("--json", action="store_true")

    ch = sub.add_parser("changes", help="what the last (or a given) import changed")
    ch.add_argument("run", nargs="?", type=int)
    ch.add_argument("--json", action="store_true")

    ls = sub.add_parser("ls", help="list entries matching a query")
    ls.add_argument("query", nargs="*")
    ls.add_argument("--all", action="store_true", help="include retired entries")
    ls.add_argument("--sort")
    ls.add_argument("--limit", type=int)
    ls.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="one entry in full")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")

    mark = sub.add_parser("mark", help="set reading status")
    mark.add_argument("status")
    mark.add_argument("ids", nargs="+", type=int)

    pr = sub.add_parser("priority", help="set priority")
    pr.add_argument("priority")
    pr.add_argument("ids", nargs="+", type=int)

    rate = sub.add_parser("rate", help="rate 0-5 (0 clears)")
    rate.add_argument("rating", type=int)
    rate.add_argument("ids", nargs="+", type=int)

    note = sub.add_parser("note", help="print, set, append to or edit a note")
    note.add_argument("id", type=int)
    group = note.add_mutually_exclusive_group()
    group.add_argument("--set", dest="set_text")
    group.add_argument("--append")
    group.add_argument("--edit", action="store_true")

    for verb in ("tag", "untag"):
        t = sub.add_parser(verb, help=f"{verb} an entry")
        t.add_argument("id", type=int)
        t.add_argument("tags", nargs="+")

    q = sub.add_parser("queue", help="named, ordered queues")
    qs = q.add_subparsers(dest="queue_command", required=True, parser_class=_Parser)
    qs.add_parser("ls")
    qs.add_parser("new").add_argument("name")
    qa = qs.add_parser("add")
    qa.add_argument("name")
    qa.add_argument("ids", nargs="+", type=int)
    qa.add_argument("--priority")
    qm = qs.add_parser("move")
    qm.add_argument("name")
    qm.add_argument("id", type=int)
    qm.add_argument("position", type=int)
    qr = qs.add_parser("rm")
    qr.add_argument("name")
    qr.add_argument("ids", nargs="+", type=int)
    qsh = qs.add_parser("show")
    qsh.add_argument("name")
    qsh.add_argument("--json", action="store_true")
    qren = qs.add_parser("rename")
    qren.add_argument("name")
    qren.add_argument("new_name")
    qs.add_parser("delete").add_argument("name")

    s = sub.add_parser("search", help="saved searches")
    ss = s.add_subparsers(dest="search_command", required=True, parser_class=_Parser)
    sv = ss.add_parser("save")
    sv.add_argument("name")
    sv.add_argument("query", nargs="+")
    ss.add_parser("ls")
    ss.add_parser("rm").add_argument("name")

    ex = sub.add_parser("export", help="export the library")
    ex.add_argument("--format", required=True, choices=["json", "csv", "markdown", "bibtex",
                                                        "notes"])
    ex.add_argument("-o", "--output")
    ex.add_argument("--annotated", action="store_true", help="markdown: only annotated entries")
    ex.add_argument("--all-kinds", action="store_true",
                    help="bibtex: every entry, non-papers as @misc with url and urldate")
    rs = sub.add_parser("restore", help="restore a JSON export")
    rs.add_argument("file")
    rs.add_argument("--merge", action="store_true")
    sub.add_parser("backup", help="copy the library safely").add_argument("file", nargs="?")
    st = sub.add_parser("stats", help="reading progress")
    st.add_argument("--json", action="store_true")
    sh = sub.add_parser("screenshot", help="render the main window to a PNG")
    sh.add_argument("out")
    sh.add_argument("--query", default="")
    sh.add_argument("--select", type=int)
    sh.add_argument("--size", default="1280x800")
    cli_trust.add_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.db is not None and not args.db.strip():  # never fall back to the real library
        _fail(cli_trust.EMPTY_DB)
    if args.command is None:
        from readlist.ui.app import run_app

        return run_app(db=args.db, reader=args.reader)
    try:
        return _dispatch(args)
    except ReadlistError as exc:
        _fail(str(exc))
    except OverflowError:  # a number too large for SQLite's 64-bit integers
        _fail("a number given is too large")
    except ValueError as exc:  # enum parsing: unknown status / priority
        _fail(str(exc))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        _fail("interrupted; nothing was changed by the unfinished command")
    return EXIT_BAD_INPUT


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"readlist: {message}\n")
    raise SystemExit(EXIT_BAD_INPUT)


def _open(args: argparse.Namespace) -> Any:
    from readlist.library import Library
    from readlist.paths import default_db

    return Library(args.db or default_db(), reader=args.reader)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "screenshot":
        from readlist.ui.screenshot import save_screenshot

        save_screenshot(args.db, args.reader, args.out, query=args.query, select=args.select,
                        size=args.size)
        return 0
    if args.command == "restore" and cli_trust.is_sqlite_file(args.file):
        from readlist.paths import default_db

        if args.merge:
            _fail("--merge restores a JSON export; a backup file replaces the library whole")
        print(cli_trust.restore_backup_file(args.db or default_db(), args.file))
        return 0
    handler = _HANDLERS[args.command]
    lib = _open(args)
    try:
        return handler(lib, args)
    finally:
        lib.close()


def _cmd_import(lib: Any, args: argparse.Namespace) -> int:
    report: ImportReport = lib.import_source(args.source, name=args.name, fmt=args.format,
                                             dry_run=args.dry_run, force=args.force,
                                             stdin=sys.stdin.buffer)
    if args.json:
        _print_json(report.to_json())
        return 0
    prefix = "would import" if report.dry_run else "imported"
    print(f"{prefix} {report.source}: {report.entries} entries — {report.added} added, "
          f"{report.changed} changed, {report.moved} moved, {report.retired} retired, "
          f"{report.revived} revived, {report.unchanged} unchanged ({report.seconds:.2f} s)")
    if report.recognised_by and not report.recognised_by.startswith("same "):
        print(f"taken as a newer copy of {report.source!r}: it {report.recognised_by} "
              "(use --name NAME to import it as a new list instead)")
    if report.nothing_changed:
        print("nothing changed since the last import")
    return 0


def _cmd_changes(lib: Any, args: argparse.Namespace) -> int:
    rep = lib.changes(args.run)
    if args.json:
        _print_json(rep.to_json())
        return 0
    r = rep.run
    print(f"run {r.id} · {r.source} · {r.started_at[:19].replace('T', ' ')} · {r.entries} "
          f"entries: {r.added} added, {r.changed} changed, {r.moved} moved, "
          f"{r.retired} retired, {r.revived} revived")
    for c in rep.details:
        extra = f" ({', '.join(c.fields)})" if c.fields else (f" ({c.detail})" if c.detail else "")
        print(f"  {c.change.value:<8} {c.entry_id:>6}  {c.title}{extra}")
        for line in cli_trust.value_lines(c.values):
            print(line)
    return 0


def _line(v: EntryView) -> str:
    who = v.authors or v.organization
    year = f" ({v.year})" if v.year else ""
    flags = (" ✎" if v.note else "") + (" [retired]" if v.retired else "")
    return f"{v.id:>6}  {v.status.value:<8} {v.title}{' — ' + who if who else ''}{year}{flags}"


def _cmd_ls(lib: Any, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        _fail("--limit must be 0 or more")
    items = lib.list_entries(" ".join(args.query), include_retired=args.all, sort=args.sort,
                             limit=args.limit)
    if args.json:
        _print_json([v.to_json() for v in items])
    else:
        for v in items:
            print(_line(v))
    return 0


def _cmd_show(lib: Any, args: argparse.Namespace) -> int:
    v: EntryView = lib.get(args.id)
    if args.json:
        _print_json(v.to_json())
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
    if v.retired:
        print("  retired      (no longer in the list upstream)")
    if v.description:
        print("\n" + v.description)
    if v.note:
        print("\n--- note ---\n" + v.note)
    return 0


def _cmd_mark(lib: Any, args: argparse.Namespace) -> int:
    lib.mark(args.ids, Status.parse(args.status))
    return 0


def _cmd_priority(lib: Any, args: argparse.Namespace) -> int:
    lib.set_priority(args.ids, Priority.parse(args.priority))
    return 0


def _cmd_rate(lib: Any, args: argparse.Namespace) -> int:
    lib.rate(args.ids, args.rating)
    return 0


def _cmd_note(lib: Any, args: argparse.Namespace) -> int:
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
            _fail(f"the editor ({editor}) failed; the note was not changed")
        with open(name, encoding="utf-8") as fh:
            return fh.read()
    finally:
        os.unlink(name)


def _cmd_tag(lib: Any, args: argparse.Namespace) -> int:
    lib.tag([args.id], args.tags)
    return 0


def _cmd_untag(lib: Any, args: argparse.Namespace) -> int:
    lib.untag([args.id], args.tags)
    return 0


def _cmd_queue(lib: Any, args: argparse.Namespace) -> int:
    cmd = args.queue_command
    if cmd == "ls":
        for q in lib.queues():
            print(f"{q.name}\t{q.count} items\t{q.unread} to read")
    elif cmd == "new":
        lib.queue_new(args.name)
    elif cmd == "add":
        lib.queue_add(args.name, args.ids, args.priority)
    elif cmd == "move":
        lib.queue_move(args.name, args.id, args.position)
    elif cmd == "rm":
        lib.queue_remove(args.name, args.ids)
    elif cmd == "rename":
        lib.queue_rename(args.name, args.new_name)
    elif cmd == "delete":
        lib.queue_delete(args.name)
    elif cmd == "show":
        items = lib.queue_entries(args.name)
        name = next((q.name for q in lib.queues() if q.name.lower() == args.name.lower()),
                    args.name)
        if args.json:
            _print_json({"name": name, "items": [v.to_json() for v in items]})
        else:
            for n, v in enumerate(items, 1):
                print(f"{n:>3}. {_line(v)}")
    return 0


def _cmd_search(lib: Any, args: argparse.Namespace) -> int:
    if args.search_command == "save":
        lib.search_save(args.name, " ".join(args.query))
    elif args.search_command == "ls":
        for s in lib.saved_searches():
            print(f"{s.name}\t{s.query}")
    else:
        lib.search_remove(args.name)
    return 0


def _cmd_backup(lib: Any, args: argparse.Namespace) -> int:
    from datetime import datetime

    dest = args.file or f"readlist-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    print(lib.backup(dest))
    return 0


def _cmd_export(lib: Any, args: argparse.Namespace) -> int:
    from readlist import export

    cli_trust.check_output_path(args.output, lib.path)
    export.run_export(lib, args.format, args.output, annotated=args.annotated,
                      all_kinds=args.all_kinds)
    return 0


def _cmd_restore(lib: Any, args: argparse.Namespace) -> int:
    from readlist import export

    summary = export.run_restore(lib, args.file, merge=args.merge)
    print(summary)
    return 0


def _cmd_stats(lib: Any, args: argparse.Namespace) -> int:
    from readlist import export

    export.print_stats(lib, as_json=args.json)
    return 0


_HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "import": _cmd_import, "changes": _cmd_changes, "ls": _cmd_ls, "show": _cmd_show,
    "mark": _cmd_mark, "priority": _cmd_priority, "rate": _cmd_rate, "note": _cmd_note,
    "tag": _cmd_tag, "untag": _cmd_untag, "queue": _cmd_queue, "search": _cmd_search,
    "backup": _cmd_backup, "export": _cmd_export, "restore": _cmd_restore, "stats": _cmd_stats,
    "imports": cli_trust.cmd_imports,
}
