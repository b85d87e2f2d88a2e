"""Library files on disk: verified copies, backup names, integrity checks and their stamps.

A backup is written under a temporary name, checked with `PRAGMA quick_check` and only then
renamed into place, so a copy killed half-way is never mistaken for a good one. Backup names
are `<library stem>.<UTC stamp>.<reason>.sqlite3`; the stamp makes one library's backups
distinguishable from those of `lib.work.sqlite3` beside `lib.sqlite3`.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Automatic backups live in this folder beside the library file.
BACKUP_DIR = "backups"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"\.(\d{8}-\d{6}-\d{6})\.([a-z0-9-]+)\.sqlite3")
_PARTIAL = ".partial"
_REASON = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Backup:
    """One backup file of a library and when it was taken (UTC)."""

    path: Path
    taken: datetime
    reason: str


def backup_folder(library: Path) -> Path:
    return library.parent / BACKUP_DIR


def backup_path(library: Path, reason: str) -> Path:
    """A new backup's name: the library's stem, a UTC stamp, the reason."""
    tag = _REASON.sub("-", reason.lower()).strip("-")[:40] or "backup"
    stamp = datetime.now(UTC).strftime(_STAMP_FORMAT)
    return backup_folder(library) / f"{library.stem}.{stamp}.{tag}.sqlite3"


def quick_check(path: Path) -> str:
    """'ok', or what is wrong with the SQLite file at `path` (opened read-only, never changed)."""
    try:
        if path.stat().st_size == 0:
            return "the file is empty (0 bytes)"
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return "not an SQLite database"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        return str(exc)
    problems = [" ".join(str(r[0]).replace("*** in database main ***", "").split())
                for r in rows if r[0] != "ok"]
    return "ok" if not problems else problems[0]


def copy_verified(src: Path, dest: Path) -> None:
    """Copy a live library with SQLite's online backup API, check the copy, then name it.

    Raises:
        OSError: the copy failed its check (it is deleted) or could not be written.
    """
    dest.parent.mkdir(exist_ok=True)
    partial = dest.with_name(dest.name + _PARTIAL)
    try:
        source = sqlite3.connect(str(src), timeout=10)
        try:
            target = sqlite3.connect(str(partial))
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        verdict = quick_check(partial)
        if verdict != "ok":
            raise OSError(f"the backup copy failed its check ({verdict})")
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)


def list_backups(library: Path) -> list[Backup]:
    """This library's backups that look whole (named as ours, not empty, SQLite), newest first."""
    folder = backup_folder(library)
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    prefix = library.stem
    for path in folder.iterdir():
        name = path.name
        if not name.startswith(prefix):
            continue
        match = _NAME.fullmatch(name[len(prefix):])
        if match is None or not _looks_whole(path):
            continue
        taken = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append(Backup(path, taken, match.group(2)))
    found.sort(key=lambda b: b.taken, reverse=True)
    return found


def _looks_whole(path: Path) -> bool:
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def newest_intact(library: Path) -> Path | None:
    """The newest backup of `library` that passes `quick_check`."""
    for backup in list_backups(library):
        if quick_check(backup.path) == "ok":
            return backup.path
    return None


# ---------------- integrity stamps ----------------
# A quick_check reads the whole file (~100 ms at 100,000 entries). Once a file passed it, or
# Readlist itself closed it after writing, its size, inode and modification time are noted
# beside the backups; while they still match, the check is skipped. The noted time is set one
# nanosecond back first: file clocks are coarse (a few ms), so a write by another program just
# after ours would otherwise keep the very same time.


def _stamp_file(library: Path) -> Path:
    return backup_folder(library) / f".{library.name}.checked"


def _file_stamp(library: Path) -> list[int] | None:
    """Size, inode and time of the file; None while it has a write-ahead log in use."""
    wal = library.with_name(library.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    info = library.stat()
    return [info.st_size, info.st_ino, info.st_mtime_ns]


def is_stamped(library: Path) -> bool:
    try:
        now = _file_stamp(library)
        return now is not None and bool(json.loads(_stamp_file(library).read_text()) == now)
    except (OSError, ValueError):
        return False


def stamp_intact(library: Path) -> None:
    """Note that `library` as it is now is known to be intact."""
    try:
        info = library.stat()
        os.utime(library, ns=(info.st_atime_ns, info.st_mtime_ns - 1))
        now = _file_stamp(library)
        if now is None:
            return
        stamp = _stamp_file(library)
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(json.dumps(now))
    except OSError:
        pass  # no stamp only means the next open checks again
