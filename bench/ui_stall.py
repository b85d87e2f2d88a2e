"""UI-thread stalls while the app imports a big list (DESIGN.md §6, issue 14 point 1).

Opens the main window offscreen on a library holding a small list, then imports a generated
20,000-entry list through the app's own import dialog while a scripted reader keeps using
the window (every 150 ms: the next row, so the detail pane loads; every fourth time a status
change). A 10 ms QTimer heartbeat measures the UI thread: a stall is how much later than
its period a beat arrived. Measured from the click on Import until the worker is idle again
and every view has refreshed; two idle seconds before it give the machine's own noise.

    PYTHONPATH=src python bench/ui_stall.py [--entries 20000] [--json]

`--json` prints {"entries","max_stall_ms","p95_stall_ms","p99_stall_ms"}; target max stall < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

BEAT_MS = 10
ACT_MS = 150
#: Seconds of heartbeat with nothing going on, before the import: the machine's own noise.
IDLE_S = 2
#: Seconds the reader keeps going once the import and the refreshes it caused are done.
SETTLE_S = 1
BIG_NAME = "Big generated list"


def measure(entries: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import QElapsedTimer, QTimer

    from bench.generate import generate_list
    from readlist.core.models import Status
    from readlist.ui import import_runner
    from readlist.ui.app import application, open_window
    from readlist.ui.import_dialog import TAB_FILE

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "library.sqlite3"
        small = folder / "small.md"
        small.write_text(generate_list(300, seed=1), encoding="utf-8")
        big = folder / "big.md"
        big.write_text(generate_list(entries, seed=2), encoding="utf-8")
        from readlist.library import Library

        with Library(db) as lib:
            lib.import_source(str(small))
        session, window = open_window(str(db), None, None)
        window.show()
        session.wait()
        app.processEvents()

        clock = QElapsedTimer()
        clock.start()
        stalls: list[float] = []
        last = [clock.nsecsElapsed()]

        def beat() -> None:
            now = clock.nsecsElapsed()
            stalls.append(max(0.0, (now - last[0]) / 1e6 - BEAT_MS))
            last[0] = now

        acts = [0]

        def act() -> None:
            acts[0] += 1
            window.table.setFocus()
            window.move_current(1)
            if acts[0] % 4 == 0 and window.selected_ids():
                window.mark_selected(Status.READING if acts[0] % 8 else Status.TO_READ)

        done: list[object] = []
        dialog = window.open_import(TAB_FILE)
        dialog.path.setText(str(big))  # type: ignore[attr-defined]
        # named, so it is not asked about: it shares most titles with the small list, and an
        # unnamed import of a probable newer copy waits for the reader's answer forever
        dialog.name.setText(BIG_NAME)  # type: ignore[attr-defined]
        dialog.imported.connect(done.append)  # type: ignore[attr-defined]
        failed: list[str] = []
        dialog.failed.connect(failed.append)  # type: ignore[attr-defined]
        heart = QTimer()
        heart.setInterval(BEAT_MS)
        heart.timeout.connect(beat)
        user = QTimer()
        user.setInterval(ACT_MS)
        user.timeout.connect(act)
        app.processEvents()
        heart.start()
        idle_until = clock.nsecsElapsed() + IDLE_S * 1e9  # the machine's own noise first
        last[0] = clock.nsecsElapsed()
        while clock.nsecsElapsed() < idle_until:
            app.processEvents()
        idle = sorted(stalls)
        stalls.clear()
        user.start()
        dialog.start()  # type: ignore[attr-defined]
        settle_until = None
        while settle_until is None or clock.nsecsElapsed() < settle_until:
            app.processEvents()  # never session.wait(): that would block this thread itself
            if failed:  # an import that ends in a question or an error never succeeds
                window.close()
                session.close()
                import_runner.shutdown()
                raise SystemExit(f"the import failed: {failed[0]}")
            if settle_until is None and done and not session.pending():
                settle_until = clock.nsecsElapsed() + SETTLE_S * 1e9  # refreshes land too
        user.stop()
        heart.stop()
        total_s = clock.nsecsElapsed() / 1e9
        window.close()
        session.close()
        import_runner.shutdown()  # else the child outlives us, holding our stdout open
    stalls.sort()
    return {"entries": entries, "max_stall_ms": round(stalls[-1], 1),
            "p95_stall_ms": round(stalls[int(0.95 * (len(stalls) - 1))], 1),
            "p99_stall_ms": round(stalls[int(0.99 * (len(stalls) - 1))], 1),
            "beats": len(stalls), "seconds": round(total_s, 2), "actions": acts[0],
            "idle_max_stall_ms": round(idle[-1], 1) if idle else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.entries)
    if args.json:
        print(json.dumps({k: result[k] for k in ("entries", "max_stall_ms", "p95_stall_ms",
                                                 "p99_stall_ms")}))
    else:
        print(f"{result['entries']:,} entries imported in the app: UI thread max stall "
              f"{result['max_stall_ms']:.0f} ms, p95 {result['p95_stall_ms']:.0f} ms, "
              f"p99 {result['p99_stall_ms']:.0f} ms "
              f"(target max < 100) over {result['beats']:,} beats, {result['seconds']:.1f} s, "
              f"{result['actions']} reader actions; idle window beforehand: max stall "
              f"{result['idle_max_stall_ms']:.0f} ms")


if __name__ == "__main__":
    main()
