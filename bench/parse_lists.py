"""What the parser finds on every real list beside the checkout (issue #13): entries
(resources, after merging a paper's placements), items, and how many have authors, a year,
a venue and a list note, with the parse time (median CPU ms of 5).

Run: PYTHONPATH=src:. python -m bench.parse_lists
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from readlist.importing.markdown import parse_markdown
from readlist.importing.sync import merge_occurrences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
RUNS = 5


def main() -> int:
    files = sorted((DATA / "lists").glob("*.md")) + sorted(
        (DATA / "awesome-transformer-nlp").glob("*.md"))
    if not files:
        print(f"no lists under {DATA}; skipped")
        return 0
    print(f"{'list':<48}{'items':>6}{'entries':>8}{'authors':>8}{'years':>6}{'venues':>7}"
          f"{'notes':>6}{'ms':>6}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        times = []
        for _ in range(RUNS):
            start = time.process_time()
            parsed = parse_markdown(text)
            times.append((time.process_time() - start) * 1000)
        entries = merge_occurrences(parsed)
        print(f"{path.name[:47]:<48}{len(parsed.entries):>6}{len(entries):>8}"
              f"{sum(1 for e in entries if e.authors or e.organization):>8}"
              f"{sum(1 for e in entries if e.year):>6}{sum(1 for e in entries if e.venue):>7}"
              f"{sum(1 for e in entries if e.list_note):>6}{statistics.median(times):>6.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
