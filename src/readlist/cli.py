"""The command line (DESIGN.md §4): the same verbs as the desktop app, for scripts.

Exit status 0 on success, 2 on bad usage or bad input with one clear line on stderr.
Commands live in topic modules (`cli_*.py`) that each add their subparsers with a handler;
they import the library only when a command runs, so `--help` and `--version` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from readlist import __version__, cli_entries, cli_io, cli_lists, cli_papers, cli_trust
from readlist.cli_output import EXIT_BAD_INPUT, fail
from readlist.core.errors import ReadlistError

if TYPE_CHECKING:
    from readlist.library import Library

__all__ = ["EXIT_BAD_INPUT", "build_parser", "main"]

#: Modules that register commands, in the order `--help` lists them.
_TOPICS = (cli_io, cli_entries, cli_lists)
#: Global options that take a value (they come before the command).
_GLOBAL_VALUED = frozenset({"--db", "--reader"})
#: Commands whose trailing words are a query that may begin with `-` (`ls -kind:paper`):
#: command words -> (their options that take a value, positionals before the query).
QUERY_COMMANDS: dict[tuple[str, ...], tuple[frozenset[str], int]] = {
    ("ls",): (frozenset({"--sort", "--limit"}), 0),
    ("search", "save"): (frozenset(), 1),
    ("fetch",): (frozenset(), 0),
    ("enrich",): (frozenset(), 0),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="readlist", description="Readlist: your reading layer over curated lists.")
    p.add_argument("--version", action="version", version=f"readlist {__version__}")
    p.add_argument("--db", help="library file or sqlite URL (default: $READLIST_DB, else the "
                                "user data dir)")
    p.add_argument("--reader", help="reader name (default: $READLIST_READER or 'me')")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    for topic in _TOPICS:
        topic.register(sub)
    cli_trust.add_parsers(sub)
    cli_papers.add_parsers(sub)
    sub.choices["imports"].set_defaults(handler=cli_trust.cmd_imports)
    return p


def query_argv(argv: Sequence[str]) -> list[str]:
    """Rewrite argv so a query's terms may begin with `-` and `--sort -FIELD` works.

    The query's terms keep their order after a `--`; the command's own options (words
    starting with `--`) move before it, a valued one as `--opt=VALUE` whatever its value.
    """
    args = list(argv)
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 2 if args[i] in _GLOBAL_VALUED else 1
    for words, (valued, positionals) in QUERY_COMMANDS.items():
        if tuple(args[i:i + len(words)]) != words:
            continue
        start = i + len(words) + positionals
        head, rest = args[:start], args[start:]
        if "--" in rest:
            return args
        options: list[str] = []
        terms: list[str] = []
        j = 0
        while j < len(rest):
            arg = rest[j]
            if arg in valued and j + 1 < len(rest):
                options.append(f"{arg}={rest[j + 1]}")
                j += 2
                continue
            (options if arg.startswith("--") or arg in ("-h",) else terms).append(arg)
            j += 1
        return head + options + (["--", *terms] if terms else [])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(query_argv(sys.argv[1:] if argv is None else argv))
    if args.db is not None and not args.db.strip():  # never fall back to the real library
        fail(cli_trust.EMPTY_DB)
    if args.command is None:
        from readlist.ui.app import run_app

        return run_app(db=args.db, reader=args.reader)
    try:
        return _dispatch(args)
    except ReadlistError as exc:
        fail(str(exc))
    except OverflowError:  # a number too large for SQLite's 64-bit integers
        fail("a number given is too large")
    except ValueError as exc:  # enum parsing: unknown status / priority
        fail(str(exc))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        fail("interrupted; nothing was changed by the unfinished command")
    return EXIT_BAD_INPUT


def _open(args: argparse.Namespace) -> Library:
    from readlist.library import Library
    from readlist.paths import default_db

    return Library(args.db or default_db(), reader=args.reader)


def _dispatch(args: argparse.Namespace) -> int:
    if getattr(args, "no_library", None) is not None:
        code: int = args.no_library(args)
        return code
    if args.command == "restore" and cli_trust.is_sqlite_file(args.file):
        from readlist.paths import default_db

        if args.merge:
            fail("--merge restores a JSON export; a backup file replaces the library whole")
        print(cli_trust.restore_backup_file(args.db or default_db(), args.file))
        return 0
    lib = _open(args)
    try:
        code = args.handler(lib, args)
        return code
    finally:
        lib.close()
