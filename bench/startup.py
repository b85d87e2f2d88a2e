"""Start-up as a user meets it: whole `readlist` processes, timed from outside (medians).

Times `readlist --help`, `readlist ls --limit 20` and `readlist ls attention --limit 20`
on a library (build one with `bench/generate.py` + `readlist import`), and `readlist ls` on
a library that does not exist yet (created at the current schema). Each `--tree SRC=DB`
is a checkout's src/ and a library its code can open; several are compared in one run,
interleaved.

    python bench/startup.py --tree src=LIB.sqlite3 [--tree ../main/src=OLD.sqlite3] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(src: str, args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": src}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "readlist", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", action="append", required=True, help="SRC=DB")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    trees = [tuple(t.split("=", 1)) for t in args.tree]
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.runs):
            for src, db in trees:
                cases: dict[str, list[str]] = {
                    "--help": ["--help"],
                    "ls --limit 20": ["--db", db, "ls", "--limit", "20"],
                    "ls attention --limit 20": ["--db", db, "ls", "attention", "--limit", "20"],
                }
                for label, case in cases.items():
                    times.setdefault((src, label), []).append(_run(src, case))
                new = str(Path(folder) / f"new-{n}-{trees.index((src, db))}.sqlite3")
                times.setdefault((src, "new library + ls"), []).append(
                    _run(src, ["--db", new, "ls"]))
    for (src, label), samples in times.items():
        print(f"{src:<40} {label:<26} median {statistics.median(samples):7.1f} ms  "
              f"min {min(samples):7.1f} ms")


if __name__ == "__main__":
    main()
