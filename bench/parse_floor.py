"""The parse floor (issue #3): markdown-it-pyrs (Rust markdown-it) against markdown-it-py.

Measures only the Markdown parser, not Readlist's walker: the median time to turn the real
2024 list and a generated 20,000-entry list into a full syntax tree (block + inline), with
markdown-it-pyrs's ``MarkdownIt("commonmark").enable("table").tree`` and markdown-it-py's
``MarkdownIt("commonmark").enable("table").parse``. The product does not depend on
markdown-it-pyrs (its tree is not markdown-it-py's token stream); this says how fast a
Rust-backed parser would be. Skips cleanly when markdown_it_pyrs is not importable.

Run (in a throwaway venv that has it):
    python3 -m venv /tmp/floorvenv
    /tmp/floorvenv/bin/pip install markdown-it-pyrs markdown-it-py
    cd /work/main && PYTHONPATH=src:. /tmp/floorvenv/bin/python -m bench.parse_floor [RUNS]
"""

from __future__ import annotations

import sys
from functools import partial

from bench.generate import generate_list
from bench.timing import REAL, median_ms


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    runs = int(args[0]) if args else 15
    try:
        import markdown_it_pyrs
    except ImportError:
        print("markdown_it_pyrs is not importable here; floor measurement skipped")
        return 0
    rust = markdown_it_pyrs.MarkdownIt("commonmark").enable("table")
    try:
        from markdown_it import MarkdownIt
        python = MarkdownIt("commonmark").enable("table")
    except ImportError:
        python = None
    texts: list[tuple[str, str, int]] = []
    if REAL.is_file():
        texts.append(("real list (2024)", REAL.read_text(encoding="utf-8"), runs))
    else:
        print(f"real list not found at {REAL}; skipped")
    texts.append(("generated 20,000 entries", generate_list(20_000, seed=1), max(3, runs // 5)))
    for name, text, n in texts:
        print(f"{name} ({len(text) // 1024} KB), median of {n}:")
        rust_ms = median_ms(partial(rust.tree, text), n)
        print(f"  markdown-it-pyrs tree (Rust)   {rust_ms}")
        if python is not None:
            python_ms = median_ms(partial(python.parse, text), n)
            print(f"  markdown-it-py parse (Python)  {python_ms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
