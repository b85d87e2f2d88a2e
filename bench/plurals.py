"""Plural folding's cost: bench/search.py's queries with folding on and off, interleaved.

Builds (or reuses, with --keep) bench/search.py's synthetic library once, then times every
query's first 200 ids with English plural folding and with words matched as typed,
alternating run by run so machine noise falls on both alike. Prints medians and p95s.

    PYTHONPATH=src python bench/plurals.py [--size 10000] [--runs 25] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.search import QUERIES, READER, build
from readlist.query import fts
from readlist.store.db import open_engine
from readlist.store.search import search_ids


def _p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=25)
    ap.add_argument("--keep", type=Path, help="folder to keep (and reuse) the built library")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="readlist-plurals-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"search-{args.size}.sqlite3"
    if not path.exists():
        build(path, args.size)
    folding = fts.word_forms
    plain = lambda text, *, prefix=False: fts.phrase(text, prefix=prefix)  # noqa: E731
    engine = open_engine(path)
    worst = {"folded": 0.0, "as typed": 0.0}
    print(f"{'query':<22} {'text':<40} | folded med/p95 ms   | as typed med/p95 ms")
    with engine.connect() as conn:
        for label, query, prefix in QUERIES:
            times: dict[str, list[float]] = {"folded": [], "as typed": []}
            for _ in range(args.runs):
                for mode, fn in (("folded", folding), ("as typed", plain)):
                    fts.word_forms = fn
                    start = time.perf_counter()
                    search_ids(conn, READER, query, limit=200, prefix_last=prefix)
                    times[mode].append((time.perf_counter() - start) * 1000)
            fts.word_forms = folding
            cells = []
            for mode in ("folded", "as typed"):
                p95 = _p95(times[mode])
                worst[mode] = max(worst[mode], p95)
                cells.append(f"{statistics.median(times[mode]):7.2f} / {p95:7.2f}")
            print(f"{label:<22} {query[:40]:<40} | {cells[0]:<19} | {cells[1]}")
    engine.dispose()
    print(f"\nworst p95 at {args.size} entries: folded {worst['folded']:.1f} ms, "
          f"as typed {worst['as typed']:.1f} ms")


if __name__ == "__main__":
    main()
