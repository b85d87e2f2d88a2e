"""Offline-paper benchmark: downloads, text indexing, and search with papers' text indexed.

1. 200 PDFs of 1 MB from a local `python -m http.server` (another process, on 127.0.0.1):
   seconds, and the Python heap's peak while downloading (tracemalloc) — compared with 50
   PDFs of 4 MB to show it does not grow with file size.
2. `Library.fetch` end to end on a list of 200 such papers (plan, download, text, index),
   and the text + index part alone.
3. Search at 100,000 entries (bench/search.py's library) with 2,000 papers' text in
   paper_fts: median and p95 of its typical queries (first 200 ids + count).

    PYTHONPATH=src:. python bench/fetch.py [--files 200] [--papers 2000] [--entries 100000]
                                           [--words 4000] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.pdfs import make_pdf
from bench.search import QUERIES, READER, _time, _vocabulary, _words, build
from readlist.core.models import Status
from readlist.library import Library
from readlist.papers.download import Downloader, Job
from readlist.papers.pdftext import pdf_text
from readlist.store import statistics as planner_stats
from readlist.store.db import open_engine
from readlist.store.search import count_matches, search_ids

MB = 2**20


def _pdfs(folder: Path, n: int, size: int, seed: int) -> None:
    rng = random.Random(seed)
    vocab = _vocabulary()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        pages = [_words(rng, vocab, 400) for _ in range(10)]
        (folder / f"p{i}.pdf").write_bytes(make_pdf(pages, pad_to=size, seed=i))


def _serve(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1", "--directory", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port}"


def _download(base: str, sub: str, n: int, dest: Path) -> tuple[float, float, int]:
    dest.mkdir(parents=True, exist_ok=True)
    jobs = [Job(i, f"{base}/{sub}/p{i}.pdf", dest / f"p{i}.pdf") for i in range(n)]
    tracemalloc.start()
    start = time.perf_counter()
    results = Downloader().run(jobs)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert all(r.ok for r in results), [r.reason for r in results if not r.ok][:3]
    return seconds, peak / MB, sum(r.size for r in results)


def downloads(tmp: Path, files: int) -> None:
    served = tmp / "served"
    _pdfs(served / "one", files, MB, 1)
    _pdfs(served / "four", max(1, files // 4), 4 * MB, 2)
    proc, base = _serve(served)
    try:
        for sub, n, label in (("one", files, "1 MB"), ("four", max(1, files // 4), "4 MB")):
            seconds, peak, size = _download(base, sub, n, tmp / f"got-{sub}")
            print(f"download {n} × {label}: {seconds:6.2f} s ({size / MB / seconds:6.1f} MB/s), "
                  f"Python heap peak {peak:5.2f} MB")
        lib_dir = tmp / "lib"
        lib_dir.mkdir()
        lines = ["# Bench Papers", "", "## Papers", ""]
        lines += [f"- [Paper {i}]({base}/one/p{i}.pdf) - a paper." for i in range(files)]
        with Library(lib_dir / "library.sqlite3") as lib:
            lib.import_text("\n".join(lines) + "\n")
            lib.mark(lib.find(""), Status.TO_READ)
            start = time.perf_counter()
            report = lib.fetch()
            total = time.perf_counter() - start
            assert report.count("fetched") == files, report.to_json()
        got = sorted((tmp / "got-one").glob("*.pdf"))
        start = time.perf_counter()
        for path in got:
            pdf_text(path)
        text = time.perf_counter() - start
        print(f"fetch end to end, {files} PDFs (plan, download, text, index): {total:6.2f} s; "
              f"text alone: {text:5.2f} s ({1000 * text / len(got):.0f} ms a PDF, pypdf)")
    finally:
        proc.terminate()
        proc.wait()


def _queries(conn: Any, runs: int) -> dict[str, tuple[float, float]]:
    out = {}
    for label, query, prefix in QUERIES + [("has:pdf", "has:pdf", False),
                                           ("word + has:pdf", "attention has:pdf", False)]:
        def one(q: str = query, p: bool = prefix) -> object:
            search_ids(conn, READER, q, limit=200, prefix_last=p)
            return count_matches(conn, READER, q, prefix_last=p)

        out[label] = _time(one, runs)
    return out


def search(tmp: Path, entries: int, papers: int, words: int, runs: int) -> None:
    """Each query (first 200 ids + count) before and after the papers' text is indexed."""
    path = tmp / "search.sqlite3"
    start = time.perf_counter()
    build(path, entries)
    engine = open_engine(path)
    with engine.connect() as conn:
        planner_stats.refresh(conn)
        conn.commit()
        before = _queries(conn, runs)
    rng = random.Random(11)
    vocab = _vocabulary()
    raw = engine.raw_connection()
    cur = raw.cursor()
    cur.execute("BEGIN")  # the connection hook leaves autocommit on: one transaction
    ids = rng.sample(range(1, entries + 1), papers)
    cur.executemany("INSERT INTO paper_fts (rowid, abstract, authors, body) VALUES (?, ?, '', ?)",
                    [(i, _words(rng, vocab, 150), _words(rng, vocab, words)) for i in ids])
    cur.executemany("INSERT INTO paper_files VALUES (?, ?, 1000000, 'x', '2026')",
                    [(i, f"p{i}.pdf") for i in ids])
    cur.execute("COMMIT")
    raw.close()
    print(f"built {entries:,} entries, then {papers:,} papers' text ({words} words each): "
          f"{time.perf_counter() - start:.0f} s")
    print(f"  {'query':<22} {'no paper text':>22}   {'with paper text':>22}")
    worst = (0.0, "")
    with engine.connect() as conn:
        after = _queries(conn, runs)
    for label, (med, p95) in after.items():
        b_med, b_p95 = before[label]
        print(f"  {label:<22} {b_med:7.1f} ms (p95 {b_p95:5.1f})   "
              f"{med:7.1f} ms (p95 {p95:5.1f})")
        worst = max(worst, (p95, label))
    engine.dispose()
    print(f"search at {entries:,} entries with {papers:,} PDFs' text: worst p95 "
          f"{worst[0]:.1f} ms ({worst[1]}); target < 30 ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--papers", type=int, default=2000)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=4000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--skip-downloads", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("READLIST_ARXIV_PDF_DELAY", "0")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_downloads:
            downloads(Path(tmp), args.files)
        search(Path(tmp), args.entries, args.papers, args.words, args.runs)


if __name__ == "__main__":
    main()
