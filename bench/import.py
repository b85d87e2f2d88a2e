"""Import speed (issues #3, #4): prints medians over repeated runs, in-process.

Run: python bench/import.py [--runs N]   (reads ../shared/data beside the checkout)
Targets: real list parsed < 50 ms, imported < 300 ms; 20,000 generated entries < 5 s;
re-import unchanged < 150 ms; re-import with 50 entries changed < 300 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
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
    else:
        print(f"(real list not found at {REAL}; skipping its rows)")
    big = generate_list(20_000, seed=1)
    med, worst = median_ms(lambda: parse_text(big), max(3, runs // 3))
    rows.append(("parse generated 20,000 entries", med, worst, ""))
    libs2: list[Library] = []
    med, worst = median_ms(lambda: libs2[-1].import_text(big), max(3, runs // 3),
                           setup=lambda: libs2.append(fresh()))
    rows.append(("import generated 20,000 entries", med, worst, "< 5000"))
    print(f"{'benchmark':<44}{'median ms':>11}{'max ms':>10}  target ms")
    for name, med, worst, target in rows:
        print(f"{name:<44}{med:>11.1f}{worst:>10.1f}  {target}")


if __name__ == "__main__":
    main()
