"""Command-line verbs that keep a library safe: `imports`, restoring a backup file, and the
checks that refuse a mistaken `--db` or export path before anything is opened or written."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readlist.core.errors import BadInputError

if TYPE_CHECKING:
    from readlist.library import Library

SQLITE_MAGIC = b"SQLite format 3\x00"
EMPTY_DB = "--db is empty; give a library file (or leave --db out for the default library)"
#: Old and new values longer than this are cut in `readlist changes`.
VALUE_SHOWN = 70


def add_parsers(sub: Any) -> None:
    """Register `imports` on the main parser's subcommands."""
    imp = sub.add_parser("imports", help="past import runs, newest first")
    imp.add_argument("--json", action="store_true")


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def check_output_path(output: str | None, library: Path | None) -> None:
    """Refuse an export over the library, its journal files or any SQLite database."""
    if not output or output == "-":
        return
    target = Path(output).expanduser()
    if library is not None:
        lib = library.resolve()
        guarded = {lib, lib.with_name(lib.name + "-wal"), lib.with_name(lib.name + "-shm")}
        if target.resolve() in guarded:
            raise BadInputError(f"{output} is the library itself; choose another output file")
    if target.is_file() and is_sqlite_file(target):
        raise BadInputError(f"{output} is an SQLite database (a library?); refusing to write "
                            "over it")


def restore_backup_file(db: str, backup: str) -> str:
    """Put a backup file in place of the library; the replaced file is kept aside."""
    from readlist.library_io import restore_backup_to

    library, saved = restore_backup_to(db, backup)
    return f"restored {library} from {backup} (the replaced file is kept as {saved})"


def cmd_imports(lib: Library, args: argparse.Namespace) -> int:
    found = lib.runs()
    if args.json:
        sys.stdout.write(json.dumps([r.to_json() for r in found], ensure_ascii=False,
                                    indent=2) + "\n")
        return 0
    for r in found:
        what = ("same content, nothing parsed" if r.same_content else
                f"{r.added} added, {r.changed} changed, {r.moved} moved, {r.retired} retired, "
                f"{r.revived} revived")
        print(f"run {r.id} · {r.source} · {r.started_at[:19].replace('T', ' ')} · "
              f"{r.entries} entries: {what}")
    return 0


def value_lines(values: tuple[tuple[str, str, str], ...]) -> list[str]:
    """`field: old → new` lines for a changed entry in `readlist changes`."""
    return [f"      {field}: {_cut(old)} → {_cut(new)}" for field, old, new in values]


def _cut(value: str) -> str:
    flat = " ".join(value.split()) or "(empty)"
    return flat if len(flat) <= VALUE_SHOWN else flat[:VALUE_SHOWN - 1] + "…"
