"""A fresh desktop: missing X11 libraries get one clear line instead of Qt's plugin abort."""

from __future__ import annotations

from pathlib import Path

import pytest

from readlist.cli import main
from readlist.ui import platform_check
from readlist.ui.platform_check import XCB_LIBRARIES, platform_problem, uses_xcb


def test_xcb_is_used_only_on_x11() -> None:
    assert uses_xcb({"DISPLAY": ":0"})
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"})
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"})
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"})


def test_missing_libraries_are_named_by_package() -> None:
    gone = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    line = platform_problem({"DISPLAY": ":0"}, loads=lambda lib: lib not in gone)
    assert line is not None and "\n" not in line
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1 " in line
    assert platform_problem({"DISPLAY": ":0"}, loads=lambda lib: True) is None
    assert "DISPLAY" in (platform_problem({}, loads=lambda lib: True) or "")
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, loads=lambda lib: False) is None
    assert set(XCB_LIBRARIES.values()) >= {"libxcb-cursor0", "libxcb-icccm4"}


def test_app_start_without_the_libraries_exits_2_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(platform_check, "_loads", lambda lib: lib != "libxcb-cursor.so.0")
    db = tmp_path / "lib.sqlite3"
    assert main(["--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "libxcb-cursor0" in err[0] and "could not load" not in err[0]
    assert not db.exists()  # nothing was opened or created
