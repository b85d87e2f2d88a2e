"""Before the window opens: can Qt's X11 (xcb) plugin load? One clear line if not.

On a fresh Debian/Ubuntu desktop, pip's PySide6 brings Qt but not the X11 libraries its xcb
plugin links against; Qt then aborts with "could not load the Qt platform plugin" and a
page of advice. We try to load those libraries first and name the packages to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

#: Libraries Qt 6's xcb plugin needs that a minimal desktop may lack → their Debian package
#: (checked with `ldd` on PySide6's libqxcb.so and libQt6XcbQpa.so.6).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def uses_xcb(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether Qt will use its X11 plugin: Linux, no other platform asked for, no Wayland."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if not sys.platform.startswith("linux") or chosen not in ("", "xcb"):
        return False
    return chosen == "xcb" or not environ.get("WAYLAND_DISPLAY")


def platform_problem(environ: dict[str, str] | os._Environ[str] = os.environ,
                     loads: Callable[[str], bool] | None = None) -> str | None:
    """The one line to print instead of Qt's plugin error, or None if the window can open."""
    if not uses_xcb(environ):
        return None
    loads = loads or _loads
    missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if not loads(lib)]
    if missing:
        return ("the window needs system libraries that are missing: "
                f"sudo apt-get install {' '.join(missing)} (Debian/Ubuntu), then start again")
    if not environ.get("DISPLAY"):
        return ("no display to open the window on: run Readlist in a desktop session "
                "(DISPLAY is not set), or use the command line (readlist --help)")
    return None
