"""What every command module shares: the exit status, one-line failures, JSON and entry lines."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from readlist.core.models import EntryView

EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2 (DESIGN §4)."""
    sys.stderr.write(f"readlist: {message}\n")
    raise SystemExit(EXIT_BAD_INPUT)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def entry_line(v: EntryView) -> str:
    who = v.authors or v.organization
    venue = " ".join(v.venue.split())
    when = venue + (f" {v.year}" if v.year and str(v.year) not in venue else "")
    year = f" ({when.strip()})" if when.strip() else ""
    flags = (" ✎" if v.note else "") + (" [retired]" if v.retired else "")
    return f"{v.id:>6}  {v.status.value:<8} {v.title}{' — ' + who if who else ''}{year}{flags}"
