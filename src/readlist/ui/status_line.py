"""What the status bar says: one true line about the page in the centre, and the library's
running totals beside it. Pure functions of plain values, so they are easy to test and the
window only picks which one applies.
"""

from __future__ import annotations

from collections.abc import Sequence

from readlist.core.models import EntryRow, Status
from readlist.core.stats import LibraryStats
from readlist.library import Library


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def table_status(total: int, counted: bool, selected: int) -> str:
    """'1,234 shown · 3 selected' for the entry table."""
    shown = f"{total:,} shown" if counted else "counting…"
    return shown + (f" · {selected:,} selected" if selected > 1 else "")


def queue_status(name: str, rows: Sequence[EntryRow]) -> str:
    """'Queue “Next up”: 4 items, 1 read or skipped' for the queue panel."""
    text = f"Queue “{name}”: {_plural(len(rows), 'item', 'items')}"
    if not rows:
        return text + " — drag entries onto it in the sidebar"
    done = sum(1 for r in rows if r.status in (Status.READ, Status.SKIPPED))
    return text + f", {done:,} read or skipped"


def progress_status(stats: LibraryStats | None) -> str:
    """'Progress: 12 of 254 read (5%) · 2 reading · 7 to read' for the Progress page."""
    if stats is None:
        return "Progress: adding up…"
    t = stats.totals
    if not t.total:
        return "Progress: no list imported yet"
    return (f"Progress: {t.read:,} of {t.total:,} read ({100 * t.read / t.total:.0f}%) · "
            f"{t.reading:,} reading · {t.to_read:,} to read")


def library_summary(lib: Library) -> str:
    """The permanent right-hand figures: totals and what the last import did (worker)."""
    counts = lib.count_many({"all": "", "unread": "status:unread", "read": "status:read"})
    runs = lib.runs()
    if not counts["all"] and not runs:
        return ""  # the welcome page says it
    text = (f"{counts['all']:,} entries · {counts['unread']:,} unread · "
            f"{counts['read']:,} read")
    if runs:
        last = runs[0]
        text += (f"  ·  last import {last.started_at[:16].replace('T', ' ')}: "
                 f"+{last.added} new, {last.changed} changed, {last.retired} retired")
    return text
