"""Commands that move lists and libraries in and out: import, changes, export, restore,
backup, stats, screenshot."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from readlist import cli_papers, cli_trust
from readlist.cli_output import print_json

if TYPE_CHECKING:
    from readlist.library import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import", help="import or re-import a list")
    imp.add_argument("source", help="file path, - for stdin, or an https:// URL")
    imp.add_argument("--name")
    imp.add_argument("--format", default="auto", choices=["auto", "markdown", "rendered"])
    imp.add_argument("--dry-run", action="store_true")
    imp.add_argument("--force", action="store_true")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=_cmd_import)

    ch = sub.add_parser("changes", help="what the last (or a given) import changed")
    ch.add_argument("run", nargs="?", type=int)
    ch.add_argument("--json", action="store_true")
    ch.set_defaults(handler=_cmd_changes)

    ex = sub.add_parser("export", help="export the library")
    ex.add_argument("--format", required=True, choices=["json", "csv", "markdown", "bibtex",
                                                        "notes"])
    ex.add_argument("-o", "--output")
    ex.add_argument("--annotated", action="store_true", help="markdown: only annotated entries")
    ex.add_argument("--all-kinds", action="store_true",
                    help="bibtex: every entry, non-papers as @misc with url and urldate")
    ex.set_defaults(handler=_cmd_export)
    rs = sub.add_parser("restore", help="restore a JSON export")
    rs.add_argument("file")
    rs.add_argument("--merge", action="store_true")
    rs.set_defaults(handler=_cmd_restore)
    bk = sub.add_parser("backup", help="copy the library safely")
    bk.add_argument("file", nargs="?")
    bk.set_defaults(handler=_cmd_backup)
    st = sub.add_parser("stats", help="reading progress")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=_cmd_stats)
    sh = sub.add_parser("screenshot", help="render the main window to a PNG")
    sh.add_argument("out")
    sh.add_argument("--query", default="")
    sh.add_argument("--select", type=int)
    sh.add_argument("--size", default="1280x800")
    sh.set_defaults(no_library=_cmd_screenshot)


def _cmd_import(lib: Library, args: argparse.Namespace) -> int:
    report = lib.import_source(args.source, name=args.name, fmt=args.format,
                               dry_run=args.dry_run, force=args.force, stdin=sys.stdin.buffer)
    if args.json:
        print_json(report.to_json())
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


def _cmd_changes(lib: Library, args: argparse.Namespace) -> int:
    rep = lib.changes(args.run)
    if args.json:
        print_json(rep.to_json())
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


def _cmd_backup(lib: Library, args: argparse.Namespace) -> int:
    from datetime import datetime

    dest = args.file or f"readlist-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    print(lib.backup(dest))
    cli_papers.files_note(lib, "the backup")
    return 0


def _cmd_export(lib: Library, args: argparse.Namespace) -> int:
    from readlist import export

    cli_trust.check_output_path(args.output, lib.path)
    export.run_export(lib, args.format, args.output, annotated=args.annotated,
                      all_kinds=args.all_kinds)
    cli_papers.files_note(lib, "the export")
    return 0


def _cmd_restore(lib: Library, args: argparse.Namespace) -> int:
    from readlist import export

    summary = export.run_restore(lib, args.file, merge=args.merge)
    relinked = lib.relink_files()
    print(summary + (f"; {relinked} offline PDFs found again in files/" if relinked else ""))
    return 0


def _cmd_stats(lib: Library, args: argparse.Namespace) -> int:
    from readlist import export

    export.print_stats(lib, as_json=args.json)
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from readlist.ui.screenshot import save_screenshot

    save_screenshot(args.db, args.reader, args.out, query=args.query, select=args.select,
                    size=args.size)
    return 0
