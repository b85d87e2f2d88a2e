"""Search benchmark: typical queries and sidebar counts at 1k, 10k and 100k entries.

Builds each library with plain SQL inserts into a temp file opened by `open_engine`, the way
an import writes: one transaction, the search index filled in one statement after the
entries (the reader's notes and tags then go in through the triggers). It gathers no planner
statistics itself: every query is timed first as such a library stands (statistics from its
migrations only), then again after `store.statistics.refresh` — what an import now runs after
writing many rows — so a query class that the statistics slow down shows. `search_ids(limit=200)`
and `count_matches` run in process. Targets: p95 < 30 ms per query; sidebar counts < 100 ms.

    PYTHONPATH=src python bench/search.py [--sizes 1000,10000,100000] [--runs 25]
                                          [--index "CREATE INDEX …"] [--explain] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from readlist.store import statistics as planner_stats
from readlist.store.db import backup_file, open_engine
from readlist.store.search import count_many, count_matches, search_ids

READER = 1
TOPICS = ["model", "transformer", "language", "attention", "bert", "gpt", "pretraining",
          "distillation", "rlhf", "alignment", "retrieval", "translation", "summarization",
          "tokenizer", "embedding", "benchmark", "multilingual", "sparse", "efficient",
          "vision", "speech", "reasoning", "instruction", "tuning", "scaling", "survey"]
SECTIONS = ["Papers > Attention Mechanism", "Papers > Language Models > BERT",
            "Papers > Language Models > GPT", "Papers > Efficient Transformers",
            "Articles > Tutorials", "Articles > Explainers", "Code > Libraries",
            "Code > Implementations", "Videos > Lectures", "Books", "Tools > Serving",
            "Papers > Alignment > RLHF", "Papers > Retrieval", "Datasets", "Courses"]
SURNAMES = ["vaswani", "devlin", "radford", "brown", "raffel", "liu", "zhang", "wang", "smith",
            "chen", "li", "kim", "lewis", "clark", "lample", "conneau", "yang", "dai", "le"]
#: Entries per subsection, as in bench/generate.py's lists: 2,520 sections at 100,000 entries.
SECTION_SIZE = 40
KINDS = ["paper"] * 5 + ["article"] * 2 + ["code"] * 2 + ["video", "book", "tool", "other"]
STATUSES = ["to-read"] * 5 + ["reading"] + ["read"] * 10 + ["skipped"] * 2 + ["unread"] * 2
QUEUES = ["Next up", "This week", "Weekend", "Deep dives", "Later"]
TAGS = ["nlp", "rlhf", "survey", "must-read", "efficient", "vision", "code", "math",
        "classic", "todo", "slides", "dataset", "theory", "tooling", "llm", "agents", "eval",
        "speech", "multilingual", "retrieval"]

QUERIES: list[tuple[str, str, bool]] = [  # (label, query, prefix_last)
    ("everything (empty)", "", False),
    ("one word", "attention", False),
    ("common word", "model", False),
    ("prefix while typing", "atten", True),
    ("two words, prefix", "language mod", True),
    ("phrase", '"language model"', False),
    ("fields only", "status:unread kind:paper year:>=2022", False),
    ("fields + words", "bert kind:paper year:2019..2021", False),
    ("negation", "transformer -bert -status:read", False),
    ("OR of words", "bert OR gpt", False),
    ("OR words/fields", "status:reading OR queue:\"Next up\"", False),
    ("saved search", "(tag:rlhf OR section:alignment) -status:read priority:>=high", False),
    ("complex + words", "(rlhf OR alignment) has:note -is:new year:>=2020 -tag:todo", False),
    ("section:", "section:attention", False),
    ("author:", "author:vaswani", False),
    ("tag:", "tag:must-read", False),
    ("is:new", "is:new", False),
    ("status:read", "status:read", False),
    ("note words", "has:note reasoning", False),
]

SIDEBAR = {
    **{f"status {s}": f"status:{s}" for s in ("unread", "to-read", "reading", "read", "skipped")},
    **{f"queue {q}": f'queue:"{q}"' for q in QUEUES},
    "saved: rlhf todo": "(tag:rlhf OR section:alignment) -status:read",
    "saved: urgent": "priority:>=high -status:read",
    "saved: recent papers": "kind:paper year:>=2023 status:unread",
    "saved: annotated": "has:note",
    "saved: must read": "tag:must-read -status:read",
    "what's new": "is:new",
    "what changed": "is:changed",
}


def _vocabulary() -> tuple[list[str], list[float]]:
    """Filler words plus the topic words spread over Zipf ranks 3…~900, so `model` is in
    about 2/3 of entries, `attention` in ~15%, the tail words in well under 1%."""
    vocab = [f"w{i}{chr(97 + i % 26)}x" for i in range(4000)]
    for j, topic in enumerate(TOPICS):
        vocab.insert(int(3 * (j + 1) ** 1.75), topic)
    cum, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1.0 / (rank + 1)
        cum.append(total)
    return vocab, cum


def _words(rng: random.Random, vocab: tuple[list[str], list[float]], n: int) -> str:
    return " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=n))


def build(path: Path, n: int, seed: int = 7) -> None:
    """A synthetic library of `n` entries written with direct SQL (no importer)."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    engine = open_engine(path)
    raw = engine.raw_connection()
    try:
        cur: Any = raw.cursor()
        cur.execute("BEGIN")  # the connection hook leaves autocommit on: one row, one commit
        now = "2026-01-01T00:00:00"
        cur.execute("INSERT INTO readers(id, name) VALUES (1, 'me')")
        cur.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, 'markdown', ?, '')",
                        [(1, "awesome-nlp", "Awesome NLP", "a.md", now),
                         (2, "awesome-llm", "Awesome LLM", "b.md", now)])
        sections: list[tuple[int, int, int | None, str, str, int]] = []
        by_source: dict[int, list[int]] = {1: [], 2: []}
        subs = n // (SECTION_SIZE * len(SECTIONS) * 2)  # subsections per heading and source
        for src in (1, 2):
            for i, path_ in enumerate(SECTIONS):
                top = len(sections) + 1
                sections.append((top, src, None, path_.split(" > ")[-1], path_, i))
                by_source[src].append(top)
                for k in range(1, subs + 1):  # "### Topic k" under each heading, as lists grow
                    sections.append((len(sections) + 1, src, top, f"Topic {k}",
                                     f"{path_} > Topic {k}", k))
                    by_source[src].append(len(sections))
        cur.executemany("INSERT INTO sections(id, source_id, parent_id, title, path, position) "
                        "VALUES (?, ?, ?, ?, ?, ?)", sections)
        entries = []
        for i in range(1, n + 1):
            year = rng.choice([None, *range(2015, 2026)])
            entries.append((i, f"k{i}", _words(rng, vocab, rng.randint(4, 9)).title(), f"t{i}",
                            None if rng.random() < 0.03 else f"https://x.org/{i}",
                            ", ".join(rng.sample(SURNAMES, rng.randint(1, 3))),
                            rng.choice(["Google", "OpenAI", "Meta", "", "Stanford"]), year,
                            rng.choice(KINDS), _words(rng, vocab, rng.randint(10, 40)), i, now,
                            now, now if rng.random() < 0.02 else None, None))
        cur.execute("UPDATE fts_bulk SET active = 1")  # as an import: the index in one go
        cur.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','')", entries)
        placements = []
        for i in range(1, n + 1):
            src = 1 if i <= n * 0.6 else 2
            placements.append((i, src, rng.choice(by_source[src])))
            if rng.random() < 0.1:
                placements.append((i, 3 - src, rng.choice(by_source[3 - src])))
        cur.executemany("INSERT INTO placements(entry_id, source_id, section_id, position) "
                        "VALUES (?, ?, ?, 0)", placements)
        cur.executemany("INSERT INTO import_runs VALUES (?, ?, ?, 1.0, '', ?, 0,0,0,0,0,0,0, 0)",
                        [(1, 1, now, n), (2, 2, now, n), (3, 1, now, n), (4, 2, now, n)])
        changes = []
        for i in rng.sample(range(1, n + 1), n // 20):
            run = 3 if i <= n * 0.6 else 4
            changes.append((run, i, "added" if rng.random() < 0.6 else "changed"))
        cur.executemany("INSERT INTO entry_changes(run_id, entry_id, change, fields, detail) "
                        "VALUES (?, ?, ?, '', '')", changes)
        states = [(READER, i, rng.choice(STATUSES), rng.choice([0, 1, 1, 2, 3]),
                   rng.choice([None, None, 3, 4, 5]), now)
                  for i in rng.sample(range(1, n + 1), n // 5)]
        cur.executemany("INSERT INTO reading_state(reader_id, entry_id, status, priority, rating,"
                        " status_changed_at) VALUES (?, ?, ?, ?, ?, ?)", states)
        cur.executemany("INSERT INTO notes (reader_id, entry_id, body, created_at, updated_at) "
                        "VALUES (1, ?, ?, ?, ?)",
                        [(i, _words(rng, vocab, rng.randint(10, 60)), now, now)
                         for i in rng.sample(range(1, n + 1), n // 10)])
        cur.executemany("INSERT INTO tags(id, reader_id, name) VALUES (?, 1, ?)",
                        list(enumerate(TAGS, 1)))
        cur.executemany("INSERT OR IGNORE INTO entry_tags VALUES (?, ?)",
                        [(rng.randint(1, len(TAGS)), i)
                         for i in rng.sample(range(1, n + 1), (n * 15) // 100)])
        cur.executemany("INSERT INTO queues(id, reader_id, name, position) VALUES (?, 1, ?, ?)",
                        [(k, q, k) for k, q in enumerate(QUEUES, 1)])
        items = [(q, i, float(j), now) for q in range(1, 6)
                 for j, i in enumerate(rng.sample(range(1, n + 1), min(n, 20 + q * 60)))]
        cur.executemany("INSERT INTO queue_items VALUES (?, ?, ?, ?)", items)
        # the index rows last, notes and tags included: the notes and tags triggers look their
        # entry's rows up by entry_id, which no index leads with (a scan per row)
        cur.execute("INSERT INTO entry_fts (rowid, title, authors, organization, description, "
                    "notes, tags) SELECT e.id, e.title, e.authors, e.organization, "
                    "e.description, coalesce(n.body, ''), coalesce(t.names, '') FROM entries e "
                    "LEFT JOIN notes n ON n.entry_id = e.id AND n.reader_id = 1 "
                    "LEFT JOIN (SELECT et.entry_id, group_concat(tg.name, ' ') AS names "
                    "FROM entry_tags et JOIN tags tg ON tg.id = et.tag_id GROUP BY et.entry_id)"
                    " t ON t.entry_id = e.id")
        cur.execute("UPDATE fts_bulk SET active = 0")
        cur.execute("COMMIT")
    finally:
        raw.close()
        engine.dispose()


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm the page cache and the statement cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def _plans(conn: Any, fn: Callable[[], object]) -> str:
    """The query plans of every statement `fn` runs (to tell a new plan from noise)."""
    seen: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((sql, params))

    event.listen(conn, "before_cursor_execute", capture)
    try:
        fn()
    finally:
        event.remove(conn, "before_cursor_execute", capture)
    return "\n".join(str(row[-1]) for sql, params in seen
                     for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))


def _measure(conn: Any, runs: int, explain: bool) -> dict[str, Any]:
    results: dict[str, Any] = {"rows": {}, "plans": {}}
    for label, query, prefix in QUERIES:
        def fetch(q: str = query, p: bool = prefix) -> object:
            return search_ids(conn, READER, q, limit=200, prefix_last=p)

        def count(q: str = query, p: bool = prefix) -> object:
            return count_matches(conn, READER, q, prefix_last=p)

        results["rows"][label] = (query, count(), *_time(fetch, runs), *_time(count, runs))
        results["plans"][label] = _plans(conn, lambda f=fetch, c=count: (f(), c()))
        if explain:
            print(f"\n-- {query!r}\n{results['plans'][label]}")
    results["sidebar"] = _time(lambda: count_many(conn, READER, SIDEBAR), runs)
    results["sidebar_n"] = len(SIDEBAR)
    results["author_like"] = _time(lambda: conn.exec_driver_sql(
        "SELECT count(*) FROM entries WHERE authors LIKE '%vaswani%' "
        "AND retired_at IS NULL").scalar(), runs)
    return results


def bench(n: int, runs: int, indexes: list[str], explain: bool,
          keep: Path | None = None) -> dict[str, Any]:
    """Times every query on a copy of the built library, before and after a statistics
    refresh (the kept library stays as built, so a rerun measures the same "before")."""
    with tempfile.TemporaryDirectory() as tmp:
        path = (keep or Path(tmp)) / f"bench-{n}.sqlite3"
        start = time.perf_counter()
        if not path.exists():
            build(path, n)
        built = time.perf_counter() - start
        work = Path(tmp) / f"work-{n}.sqlite3"
        backup_file(path, work)
        engine = open_engine(work)
        out: dict[str, Any] = {"build": built}
        with engine.connect() as conn:
            for ddl in indexes:
                conn.exec_driver_sql(ddl)
            conn.commit()
            out["before"] = _measure(conn, runs, explain)
            start = time.perf_counter()
            planner_stats.refresh(conn)
            conn.commit()
            out["refresh_ms"] = (time.perf_counter() - start) * 1000
            out["after"] = _measure(conn, runs, explain)
        engine.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=25)
    ap.add_argument("--index", action="append", default=[], help="extra DDL to measure")
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--keep", type=Path, help="folder to keep (and reuse) the built libraries")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    for n in sizes:
        r = bench(n, args.runs, args.index, args.explain, args.keep)
        before, after = r["before"], r["after"]
        print(f"\n{n:,} entries: built in {r['build']:.1f} s; statistics refreshed in "
              f"{r['refresh_ms']:.0f} ms. Times in ms, median / p95, before -> after the "
              "refresh (a query without a note kept its plan: any difference is noise):")
        head = (f"{'query':22} {'text':44} {'matches':>8}  {'fetch 200 before':>17}  "
                f"{'after':>13}  {'count before':>15}  {'after':>13}")
        print(head)
        print("-" * len(head))
        worst = {"before": 0.0, "after": 0.0}
        for label, query, _prefix in QUERIES:
            _q, hits, fm, fp, cm, cp = before["rows"][label]
            _q, _h, afm, afp, acm, acp = after["rows"][label]
            worst["before"] = max(worst["before"], fp, cp)
            worst["after"] = max(worst["after"], afp, acp)
            same = before["plans"][label] == after["plans"][label]
            slower = max(afm, acm) > 1.2 * max(fm, cm) + 0.3  # medians: p95 is load noise
            note = "" if same else " new plan: " + ("SLOWER" if slower else "faster/same")
            print(f"{label:22} {query[:44]:44} {hits:>8}  {fm:7.2f} /{fp:7.2f}  "
                  f"{afm:6.2f} /{afp:6.2f}  {cm:6.2f} /{cp:7.2f}  {acm:6.2f} /{acp:6.2f}{note}")
        for name, res in (("before", before), ("after", after)):
            sm, sp = res["sidebar"]
            lm, _lp = res["author_like"]
            print(f"{name:>6}: sidebar ({res['sidebar_n']} counts) median {sm:.1f} ms, p95 "
                  f"{sp:.1f} ms (target < 100); worst query p95 {worst[name]:.1f} ms (target "
                  f"< 30); author LIKE scan (for comparison) median {lm:.1f} ms")


if __name__ == "__main__":
    main()
