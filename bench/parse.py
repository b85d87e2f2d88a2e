"""Parse timings: the real 2024 list (target < 50 ms) and a generated 20,000-entry list.

Prints the median over N runs of markdown-it-py's own full parse (block + inline, every
inline run), of the block parse as Readlist configures it (`parser_for`: no core inline
rule, only the block rules the text can trigger), and of the whole `parse_markdown`, so the
parser's share is visible. `bench/parse_floor.py` measures a Rust-backed parser for contrast.
With ``--100k`` it also parses 100,000 generated entries once and prints the CPU time and
the process's peak memory (target: the whole import < 12 s and < 300 MB).
Run: PYTHONPATH=src:. python -m bench.parse [RUNS] [--100k]
"""

from __future__ import annotations

import resource
import sys
import time

from markdown_it import MarkdownIt

from bench.generate import generate_list
from bench.timing import REAL, median_ms
from readlist.importing.markdown import parse_markdown
from readlist.importing.tokens import parser_for


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    huge = "--100k" in args
    args = [a for a in args if a != "--100k"]
    runs = int(args[0]) if args else 15
    plain = MarkdownIt("commonmark").enable("table")
    if REAL.is_file():
        text = REAL.read_text(encoding="utf-8")
        entries = len(parse_markdown(text).entries)
        print(f"real list ({len(text) // 1024} KB, {entries} entries), median of {runs}:")
        print(f"  markdown-it-py parse alone   {median_ms(lambda: plain.parse(text), runs)}")
        block = parser_for(text)
        print(f"  block parse as configured    {median_ms(lambda: block.parse(text, {}), runs)}")
        print(f"  parse_markdown (whole)       {median_ms(lambda: parse_markdown(text), runs)}"
              "   target < 50 ms")
    else:
        print(f"real list not found at {REAL}; skipped")
    big = generate_list(20_000, seed=1)
    big_runs = max(3, runs // 5)
    print(f"generated 20,000 entries ({len(big) // 1024} KB), median of {big_runs}:")
    print(f"  markdown-it-py parse alone   {median_ms(lambda: plain.parse(big), big_runs)}")
    big_block = parser_for(big)
    print(f"  block parse as configured    {median_ms(lambda: big_block.parse(big, {}), big_runs)}")
    print(f"  parse_markdown (whole)       {median_ms(lambda: parse_markdown(big), big_runs)}")
    if huge:
        del big
        text = generate_list(100_000, seed=1)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.process_time()
        parsed = parse_markdown(text)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"generated 100,000 entries ({len(text) // 2**20} MB): parse_markdown "
              f"{time.process_time() - start:.1f} s CPU, {len(parsed.entries):,} entries, "
              f"peak RSS {peak:.0f} MB ({before:.0f} MB before)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
