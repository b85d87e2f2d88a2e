"""Status history: `show` prints it, `show --json` gives "history", reading times (14.5)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)

from readlist.core.models import Status
from readlist.library import Library
from readlist.store import personal


@pytest.fixture
def imported(cli: Cli, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    return cli


def test_show_json_gives_the_history_oldest_first(imported: Cli) -> None:
    bert = imported.id_of("BERT")
    assert imported.json("show", str(bert))["history"] == []
    for status in ("to-read", "reading", "read"):
        imported.ok("mark", status, str(bert))
    imported.ok("mark", "read", str(bert))  # no change: no new step
    history = imported.json("show", str(bert))["history"]
    assert [h["status"] for h in history] == ["to-read", "reading", "read"]
    assert [h["at"] for h in history] == sorted(h["at"] for h in history)
    assert imported.json("ls", "status:read")[0]["history"] == history


def test_show_prints_the_timeline(imported: Cli) -> None:
    bert = imported.id_of("BERT")
    imported.ok("mark", "reading", str(bert))
    imported.ok("mark", "skipped", str(bert))
    lines = [line for line in imported.ok("show", str(bert)).splitlines()
             if line.rstrip().endswith(("reading", "skipped")) and ":" in line]
    assert len(lines) == 2
    assert lines[0].split()[0] == "history" and lines[0].split()[-1] == "reading"
    assert lines[1].split()[-1] == "skipped"


def test_reading_time_runs_from_first_reading_to_read(tmp_path: Path,
                                                      fixtures_dir: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.import_source(str(fixtures_dir / "cli_list_v1.md"))
        a, b, c, d = lib.find("")[:4]
        reader = lib.store.reader_id
        steps = [  # (entry, status, time)
            (a, Status.READING, "2026-01-01T10:00:00+00:00"),
            (a, Status.TO_READ, "2026-01-01T11:00:00+00:00"),
            (a, Status.READING, "2026-01-02T10:00:00+00:00"),
            (a, Status.READ, "2026-01-03T10:00:00+00:00"),  # 2 days after the FIRST reading
            (b, Status.READING, "2026-01-05T08:00:00+00:00"),
            (b, Status.READ, "2026-01-05T09:30:00+00:00"),
            (c, Status.READ, "2026-01-06T09:00:00+00:00"),  # never reading: no time
            (d, Status.READING, "2026-01-07T09:00:00+00:00"),  # not finished: no time
        ]
        with lib.store.write() as conn:
            for entry, status, at in steps:
                personal.set_status(conn, reader, [entry], status, at=at)
        times = lib.reading_times()
        assert [(t.entry_id, t.seconds) for t in times] == [(a, 2 * 86400.0), (b, 5400.0)]
        assert times[0].started_at.startswith("2026-01-01T10")
        assert lib.median_reading_seconds() == statistics.median([2 * 86400.0, 5400.0])


def test_no_reading_time_before_anything_was_read(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        assert lib.reading_times() == [] and lib.median_reading_seconds() is None
