"""What the parse benchmarks share; standard library only, so the floor bench can run in a
throwaway venv that has no Readlist dependencies."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

REAL = (Path(__file__).resolve().parent.parent.parent / "shared" / "data"
        / "awesome-transformer-nlp" / "README.2024-10-27.594ec55.md")


def median_ms(fn: Callable[[], object], runs: int) -> str:
    """Median wall time, plus the fastest run (closest to an unloaded machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return f"{statistics.median(times):8.1f} ms (fastest {min(times):.1f})"
