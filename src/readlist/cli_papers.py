"""The command line's offline-paper verbs (issue 15): `fetch`, `enrich`, `free-space`.

Registered from cli.py; the same contract (DESIGN.md §4): `--json` prints
`{"fetched"|"enriched","skipped","failed","bytes"}`, bad input and an unreachable network
exit 2 with one line on stderr and change nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

from readlist.core.papers import PaperReport
from readlist.papers.download import Progress

_BAR = 24


def add_parsers(sub: Any) -> None:
    """Add the verbs to the main parser's subparsers."""
    f = sub.add_parser("fetch", help="download the papers' PDFs (default: queued and to-read)")
    f.add_argument("query", nargs="*")
    f.add_argument("--json", action="store_true")
    f.set_defaults(handler=_cmd_fetch)
    e = sub.add_parser("enrich", help="fill arXiv metadata (abstract, every author, date)")
    e.add_argument("query", nargs="*")
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=_cmd_enrich)
    fr = sub.add_parser("free-space", help="delete the PDFs of entries read long ago")
    fr.add_argument("--days", type=float, default=30.0,
                    help="read more than this many days ago (default 30)")
    fr.add_argument("--json", action="store_true")
    fr.set_defaults(handler=_cmd_free_space)


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


class _Bar:
    """A progress line on stderr, drawn only when stderr is a terminal."""

    def __init__(self, verb: str, stream: TextIO = sys.stderr) -> None:
        self.verb = verb
        self.stream = stream
        self.live = stream.isatty()
        self.lock = threading.Lock()

    def draw(self, done: int, total: int, size: int = 0) -> None:
        if not self.live or not total:
            return
        filled = round(_BAR * done / total)
        extra = f"  {_mb(size)}" if size else ""
        with self.lock:
            self.stream.write(f"\r{self.verb} [{'#' * filled}{'-' * (_BAR - filled)}] "
                              f"{done}/{total}{extra}")
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


def _run_cancellable(work: Callable[[threading.Event], PaperReport]) -> PaperReport:
    """Run `work` on a thread so Ctrl-C can cancel it cleanly (finished files are kept)."""
    cancel = threading.Event()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["report"] = work(cancel)
        except BaseException as exc:  # handed back to the main thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name="readlist-fetch", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.2)
    except KeyboardInterrupt:
        cancel.set()
        sys.stderr.write("\ncancelling: finished downloads are kept\n")
        thread.join()
    if "error" in box:
        raise box["error"]
    report: PaperReport = box["report"]
    return report


def _print_report(report: PaperReport, as_json: bool) -> int:
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
        return 0
    for o in report.outcomes:
        if o.result == "failed":
            print(f"  failed   {o.entry_id:>6}  {o.title[:60]}: {o.reason}")
    skipped = Counter(o.reason for o in report.outcomes if o.result == "skipped")
    for reason, n in skipped.most_common():
        print(f"  skipped  {n:>6}  {reason}")
    done = report.count(report.verb)
    size = f" ({_mb(report.bytes)})" if report.bytes else ""
    print(f"{report.verb} {done}{size}, skipped {report.count('skipped')}, "
          f"failed {report.count('failed')}" + (" — cancelled" if report.cancelled else ""))
    return 0


def _cmd_fetch(lib: Any, args: argparse.Namespace) -> int:
    bar = _Bar("fetching")

    def progress(p: Progress) -> None:
        bar.draw(p.done, p.total, p.bytes)

    try:
        report = _run_cancellable(lambda cancel: lib.fetch(" ".join(args.query), cancel=cancel,
                                                           progress=progress))
    finally:
        bar.close()
    return _print_report(report, args.json)


def _cmd_enrich(lib: Any, args: argparse.Namespace) -> int:
    bar = _Bar("asking arXiv")
    try:
        report = _run_cancellable(lambda cancel: lib.enrich(" ".join(args.query), cancel=cancel,
                                                            progress=bar.draw))
    finally:
        bar.close()
    return _print_report(report, args.json)


def _cmd_free_space(lib: Any, args: argparse.Namespace) -> int:
    count, size, _ = lib.free_space(args.days)
    if args.json:
        sys.stdout.write(json.dumps({"removed": count, "bytes": size}) + "\n")
    else:
        print(f"removed {count} PDFs ({_mb(size)}) of entries read more than "
              f"{args.days:g} days ago")
    return 0


def files_note(lib: Any, what: str) -> None:
    """Say on stderr that a backup or an export leaves the offline PDFs out (stdout stays
    the machine-readable part)."""
    count, size = lib.offline_totals()
    if count:
        sys.stderr.write(f"readlist: {what} does not include the {count} offline PDFs "
                         f"({_mb(size)}) in {lib.files_dir()}; copy that folder to keep "
                         "them\n")

