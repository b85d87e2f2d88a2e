"""Trust benchmarks (issue 12): print medians and counts.

    python bench/trust.py kill [--entries 5000] [--trials 20]
        SIGKILL an import at a random moment, N times; count libraries found holding the old
        state, the new state, or anything else (a half state: must be 0).
    python bench/trust.py check [--entries 100000]
        what `PRAGMA quick_check` and a verified backup cost on the real list's library and
        on a generated one, and a real re-import with its verified backup against one without.
    python bench/trust.py unchanged [--entries 100000]
        re-importing the very same file (no parse, no backup): median over runs.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.generate import generate_list  # noqa: E402
from bench.timing import REAL  # noqa: E402
from readlist.library import Library  # noqa: E402
from readlist.store import backups  # noqa: E402


def _ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:8.1f} ms (fastest {min(times) * 1000:.1f})"


def _state(db: Path) -> tuple[int, int]:
    with Library(db) as lib:  # opening runs the integrity check: a damaged file raises
        return len(lib.runs()), lib.count("", include_retired=True)


def kill(entries: int, trials: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="readlist-kill-"))
    old_list, new_list = work / "v1.md", work / "v2.md"
    old_list.write_text(generate_list(entries, seed=1), encoding="utf-8")
    new_list.write_text(generate_list(entries + entries // 5, seed=2), encoding="utf-8")
    base = work / "base.sqlite3"
    with Library(base) as lib:
        lib.import_source(str(old_list))
    old = _state(base)
    command = [sys.executable, "-m", "readlist", "--db", str(work / "lib.sqlite3"), "import",
               str(new_list), "--force"]
    env = {"PYTHONPATH": str(ROOT / "src")}

    def fresh() -> Path:
        db = work / "lib.sqlite3"
        for leftover in work.glob("lib.sqlite3*"):
            leftover.unlink()
        shutil.rmtree(work / "backups", ignore_errors=True)
        shutil.copy(base, db)
        return db

    db = fresh()
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    whole = time.perf_counter() - started
    new = _state(db)
    counts = {"old": 0, "new": 0, "half": 0}
    rng = random.Random(12)
    for _ in range(trials):
        db = fresh()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, whole * 1.5))  # some land after the commit
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        try:
            found = _state(db)
        except Exception as exc:  # a damaged or unreadable library is a half state
            print(f"  half: {exc}")
            counts["half"] += 1
            continue
        key = "old" if found == old else "new" if found == new else "half"
        if key == "half":
            print(f"  half: runs/entries {found} (old {old}, new {new})")
        counts[key] += 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"kill -9 during an import of {entries:,} -> {entries + entries // 5:,} entries "
          f"({whole:.1f} s each), {trials} trials: old {counts['old']} / new {counts['new']} "
          f"/ half {counts['half']}")


def _import_times(text_a: str, text_b: str, backup: bool, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        work = Path(tempfile.mkdtemp(prefix="readlist-check-"))
        with Library(work / "lib.sqlite3") as lib:
            lib.import_text(text_a, force=True)
            started = time.perf_counter()
            lib.import_text(text_b, force=True, backup=backup)
            times.append(time.perf_counter() - started)
        shutil.rmtree(work, ignore_errors=True)
    return times


def check(entries: int) -> None:
    """quick_check and the verified backup on both sizes; whole re-imports on the real list
    (at 100,000 entries a re-import takes long enough that the check is lost in its noise)."""
    real_dir = REAL.parent
    old = (real_dir / "README.2023-03-09.5ff2fb6.md").read_text(encoding="utf-8")
    new = REAL.read_text(encoding="utf-8")
    plain = _import_times(old, new, False, 7)
    safe = _import_times(old, new, True, 7)
    print(f"real list 2023 -> 2024 re-import: no backup {_ms(plain)}; with a verified backup "
          f"{_ms(safe)}")
    for label, text, runs in (("real list (294 items)", new, 7),
                              (f"{entries:,} entries", generate_list(entries), 3)):
        work = Path(tempfile.mkdtemp(prefix="readlist-check-"))
        db = work / "lib.sqlite3"
        with Library(db) as lib:
            lib.import_text(text)
        checks, copies = [], []
        for n in range(runs):
            started = time.perf_counter()
            assert backups.quick_check(db) == "ok"
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            backups.copy_verified(db, work / f"copy{n}.sqlite3")
            copies.append(time.perf_counter() - started)
        size = db.stat().st_size / 1e6
        shutil.rmtree(work, ignore_errors=True)
        print(f"{label}: library {size:.1f} MB; quick_check {_ms(checks)}; verified backup "
              f"(copy + its quick_check) {_ms(copies)}")


def unchanged(entries: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="readlist-same-"))
    source = work / "list.md"
    source.write_text(generate_list(entries), encoding="utf-8")
    db = work / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_source(str(source))
    times = []
    opened = []
    for _ in range(7):
        started = time.perf_counter()
        lib = Library(db)
        opened.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = lib.import_source(str(source))
        times.append(time.perf_counter() - started)
        assert report.unchanged == entries and report.added == 0
        lib.close()
    assert not backups.list_backups(db)
    shutil.rmtree(work, ignore_errors=True)
    print(f"unchanged re-import at {entries:,} entries: {_ms(times)} (opening the library "
          f"first: {_ms(opened)}); no backup taken")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["kill", "check", "unchanged"])
    parser.add_argument("--entries", type=int)
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args()
    if args.what == "kill":
        kill(args.entries or 5000, args.trials)
    elif args.what == "check":
        check(args.entries or 100_000)
    else:
        unchanged(args.entries or 100_000)


if __name__ == "__main__":
    main()
