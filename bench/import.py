"""Import speed (issues #3, #4, #13.7): prints medians over repeated runs, in-process.

Run: python bench/import.py [--runs N] [--100k] [--json]  (reads ../shared/data)
Targets: real list parsed < 50 ms, imported < 300 ms; 20,000 generated entries < 2,500 ms;
re-import unchanged < 100 ms; re-import with 50 entries changed < 300 ms; with --100k,
100,000 generated entries < 12 s with a peak RSS < 300 MB, each run in a fresh process
(peak RSS is per process), and their unchanged re-import by content hash < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.generate import generate_list  # noqa: E402
from readlist.importing.sources import parse_text  # noqa: E402
from readlist.library import Library  # noqa: E402

REAL = ROOT.parent / "shared" / "data" / "awesome-transformer-nlp" / "README.2024-10-27.594ec55.md"
HUGE = 100_000


def median_ms(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
              ) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        if setup:
            setup()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def change_50(text: str) -> str:
    """Reword 50 entry titles (a realistic weekly edit), keeping their URLs."""
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"{m.group(1)}[{m.group(2)} (revised)](" if count <= 50 else m.group(0)

    return re.sub(r"^(\d+\. )\[([^\]]+)\]\(", sub, text, flags=re.M)


def huge_once(folder: Path) -> dict[str, float]:
    """One fresh-process import of 100,000 generated entries from a file (the CLI's path),
    then its unchanged re-import: wall ms, CPU ms and peak RSS (MB) of the process."""
    md = folder / "huge.md"
    if not md.is_file():
        md.write_text(generate_list(HUGE, seed=1), encoding="utf-8")
    lib_path = folder / f"huge{time.monotonic_ns()}.sqlite3"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lib = Library(lib_path)
    start, cpu = time.perf_counter(), time.process_time()
    lib.import_source(str(md), backup=False)
    wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    again = lib.import_source(str(md), backup=False)
    unchanged = (time.perf_counter() - start) * 1000
    assert again.unchanged == HUGE, again
    lib.close()
    lib_path.unlink()
    return {"wall_ms": wall, "cpu_ms": cpu, "peak_rss_mb": peak, "rss_before_mb": before,
            "unchanged_ms": unchanged}


def huge_runs(runs: int, folder: Path) -> list[dict[str, float]]:
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--huge-once", str(folder)],
                              check=True, capture_output=True, text=True)
        out.append(json.loads(done.stdout))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--100k", dest="huge", action="store_true",
                    help="also import 100,000 entries, each run in a fresh process")
    ap.add_argument("--huge-runs", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    ap.add_argument("--huge-once", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.huge_once:
        print(json.dumps(huge_once(args.huge_once)))
        return
    runs = args.runs
    tmp = Path(tempfile.mkdtemp())
    rows: list[tuple[str, float, float, str]] = []
    counter = [0]

    def fresh() -> Library:
        counter[0] += 1
        return Library(tmp / f"lib{counter[0]}.sqlite3")

    if REAL.is_file():
        real = REAL.read_text(encoding="utf-8")
        med, worst = median_ms(lambda: parse_text(real), runs)
        rows.append(("parse real list (2024)", med, worst, "< 50"))
        libs: list[Library] = []
        med, worst = median_ms(lambda: libs[-1].import_text(real), runs,
                               setup=lambda: libs.append(fresh()))
        rows.append(("import real list, fresh library", med, worst, "< 300"))
        lib = fresh()
        lib.import_text(real)
        med, worst = median_ms(lambda: lib.import_text(real), runs)
        rows.append(("re-import real list, nothing changed", med, worst, "< 150"))
        changed = change_50(real)
        state = [real]

        def flip() -> None:
            state[0] = changed if state[0] is real else real

        med, worst = median_ms(lambda: lib.import_text(state[0]), runs, setup=flip)
        rows.append(("re-import real list, 50 entries changed", med, worst, "< 300"))
    elif not args.json:
        print(f"(real list not found at {REAL}; skipping its rows)")
    big = generate_list(20_000, seed=1)
    med, worst = median_ms(lambda: parse_text(big), max(3, runs // 3))
    rows.append(("parse generated 20,000 entries", med, worst, ""))
    libs2: list[Library] = []
    med, worst = median_ms(lambda: libs2[-1].import_text(big), max(3, runs // 3),
                           setup=lambda: libs2.append(fresh()))
    rows.append(("import generated 20,000 entries", med, worst, "< 2500"))
    if args.huge:
        found = huge_runs(args.huge_runs, tmp)
        for label, field, target in (
                ("import 100,000 entries (fresh process)", "wall_ms", "< 12000"),
                ("  its CPU time", "cpu_ms", ""),
                ("  its peak RSS (MB, not ms)", "peak_rss_mb", "< 300"),
                ("re-import 100,000 unchanged (same hash)", "unchanged_ms", "< 100")):
            values = [r[field] for r in found]
            rows.append((label, statistics.median(values), max(values), target))
    if args.json:
        print(json.dumps([{"benchmark": n, "median": m, "max": w, "target": t}
                          for n, m, w, t in rows], indent=1))
        return
    print(f"{'benchmark':<44}{'median ms':>11}{'max ms':>10}  target ms")
    for name, med, worst, target in rows:
        print(f"{name:<44}{med:>11.1f}{worst:>10.1f}  {target}")


if __name__ == "__main__":
    main()
