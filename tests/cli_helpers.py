"""Drive the real command line in-process, as a script would, and read its output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from readlist.cli import main


class Cli:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(["--db", str(self.db), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, f"{args}: exit {code}: {err}"
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def fails(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 2, f"{args}: expected exit 2, got {code} ({out}{err})"
        lines = err.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
        return lines[0]

    def id_of(self, title_part: str) -> int:
        matches = [e for e in self.json("ls", "--all") if title_part in e["title"]]
        assert len(matches) == 1, (title_part, [m["title"] for m in matches])
        return int(matches[0]["id"])


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "library.sqlite3", capsys)
