"""The desktop app (PySide6). It reaches the library only through `readlist.library.Library`."""
