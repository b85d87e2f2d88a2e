"""One item with very many links (issue #12 point 9): parse and whole-import time must grow
linearly with the number of links (it was quadratic: 32,000 links took 12 s).

Prints the CPU seconds of `parse_markdown` for items of 10,000 / 32,000 / 100,000 links, in
three shapes (a link-led item, a citation-shaped item, a paragraph of links), and of a whole
import of the 100,000-link item into a new library.
Run: PYTHONPATH=src:. python -m bench.parse_links
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from readlist.importing.markdown import parse_markdown
from readlist.library import Library

COUNTS = (10_000, 32_000, 100_000)


def _shapes(n: int) -> dict[str, str]:
    links = " ".join(f"[l{i}](https://x.org/{i})" for i in range(n))
    return {
        "link-led item": f"# L\n\n## S\n\n- [Title](https://example.org/t) - see {links}\n",
        "citation item": f"# L\n\n## S\n\n- **A Paper Title** (2015), G. Hinton et al. "
                         f"[[pdf]](https://arxiv.org/pdf/1503.02531) {links}\n",
        "paragraph of links": f"# L\n\n## S\n\nSee these: {links}\n",
    }


def main() -> int:
    for n in COUNTS:
        for name, text in _shapes(n).items():
            start = time.process_time()
            parse_markdown(text)
            print(f"{n:>7,} links, {name:<19} parse {time.process_time() - start:6.2f} s CPU")
    text = _shapes(COUNTS[-1])["link-led item"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "many-links.md"
        src.write_text(text, encoding="utf-8")
        lib = Library(Path(tmp) / "library.sqlite3")
        cpu, wall = time.process_time(), time.perf_counter()
        report = lib.import_source(str(src))
        print(f"{COUNTS[-1]:>7,} links, whole import      {time.process_time() - cpu:6.2f} s CPU"
              f" ({time.perf_counter() - wall:.2f} s wall, {report.entries} entry)")
        lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
