"""One window per library: a second `readlist` on the same file brings the first forward."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from readlist.library import Library
from readlist.ui.app import application
from readlist.ui.single_instance import InstanceServer, forward_to_running, server_name

ROOT = Path(__file__).resolve().parent.parent


def test_names_follow_the_library_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert server_name(a) != server_name(b)
    assert server_name(a) == server_name(tmp_path / "." / "a.sqlite3")


def test_second_start_on_the_same_library_raises_the_first(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    application()
    db = tmp_path / "lib.sqlite3"
    Library(db).close()
    other = tmp_path / "other.sqlite3"
    assert not forward_to_running(db)  # nobody listens yet
    server = InstanceServer(db)
    try:
        assert server.listening()
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
        with qtbot.waitSignal(server.activation_requested, timeout=30000):
            proc = subprocess.Popen([sys.executable, "-m", "readlist", "--db", str(db)],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.wait(timeout=60) == 0
        assert not other.exists()
        assert not forward_to_running(other)  # another library: no window answers
    finally:
        server.close()
    assert not forward_to_running(db)  # closed: the next start opens its own window
