"""Stats, exports, restore and backups of a Library (issue #7); mixed into `Library`.

Backups: `auto_backup(reason)` copies the open library into a `backups/` folder beside it,
checks the copy, and only then prunes older ones down to the newest `KEEP_BACKUPS` plus the
newest of each of the last `KEEP_DAYS` days. To restore one from the UI: list them with
`list_backups()`, let the reader pick, close the library (`Library.close()`, after stopping
any worker), call `restore_backup(chosen, library_path)`, then open a fresh
`Library(library_path)` and refresh every view. `restore_backup` first copies the current
file aside, so a restore is undoable.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readlist.core.errors import BadInputError, ReadlistError
from readlist.core.lazy import lazy_module
from readlist.core.stats import LibraryStats
from readlist.store import backups, db

if TYPE_CHECKING:
    from readlist.store import dump, restore, stats
    from readlist.store.repository import Store
else:  # loaded on first use (exports, restores and stats are not every command's)
    dump, restore, stats = (lazy_module(f"readlist.store.{name}")
                            for name in ("dump", "restore", "stats"))

#: Automatic backups kept per library: the newest ones, plus the newest of each recent day.
KEEP_BACKUPS = 10
KEEP_DAYS = 7
#: A JSON export larger than this is refused (100,000 annotated entries export to ~60 MB).
MAX_EXPORT_BYTES = 256 * 1024 * 1024
BACKUP_DIR = db.BACKUP_DIR


class LibraryIO:
    """Methods here reach the database only through `self.store`, like `Library`'s own."""

    store: Store

    # ---------------- progress ----------------

    def stats(self) -> LibraryStats:
        """Reading progress of the current reader (one read transaction)."""
        with self.store.read() as conn:
            return stats.library_stats(conn, self.store.reader_id)

    # ---------------- JSON export / restore ----------------

    def export_data(self) -> dict[str, Any]:
        """The complete export (shared entries + this reader's layer) as JSON-ready data."""
        with self.store.read() as conn:
            return dump.dump(conn, self.store.reader_id, self.store.reader_name)

    def restore_data(self, data: object, *, merge: bool = False) -> Counter[str]:
        """Restore an export in one transaction; returns what was written, by kind.

        Into an empty library everything comes back as exported (ids too). With `merge`,
        entries are matched by key; for each entry the reading state whose status changed
        last wins (a missing rating is filled from the other side); the note edited last is
        current and the other body is kept as a version; events, versions and tags are
        united; queues are matched by name and missing items appended; saved searches are
        added unless one of that name exists.

        Raises:
            BadInputError: not a Readlist export, a newer format, malformed content, or a
                non-empty library without `merge`. Nothing is changed.
        """
        try:
            with self.store.write() as conn:
                return restore.restore(conn, self.store.reader_id, data, merge)
        except ReadlistError:
            raise
        except Exception as exc:  # a constraint the checks missed: still one clear line
            raise BadInputError(f"cannot restore this export: {exc}") from exc

    def restore_json(self, path: str | Path, *, merge: bool = False) -> Counter[str]:
        """Read a JSON export file and restore it (see `restore_data`)."""
        return self.restore_data(read_export_file(Path(path)), merge=merge)

    # ---------------- backups ----------------

    def backup_dir(self) -> Path:
        if self.store.path is None:
            raise BadInputError("an in-memory library has no backups")
        return self.store.path.parent / BACKUP_DIR

    def auto_backup(self, reason: str) -> Path:
        """Copy the library (online backup API) before an import; once the copy passed
        `quick_check`, prune older backups (see `backups_to_prune`).

        Raises:
            BadInputError: the copy could not be written or failed its check; older backups
                are all kept.
        """
        self.backup_dir()
        assert self.store.path is not None
        target = backups.backup_path(self.store.path, reason)
        try:
            backups.copy_verified(self.store.path, target)
        except OSError as exc:
            raise BadInputError(f"could not back the library up first ({exc}); "
                                "nothing was changed") from exc
        for old in backups_to_prune(backups.list_backups(self.store.path),
                                    datetime.now(UTC)):
            old.unlink(missing_ok=True)
        return target

    def list_backups(self) -> list[Path]:
        """This library's whole-looking backups (not another library's), newest first."""
        self.backup_dir()
        assert self.store.path is not None
        return [b.path for b in backups.list_backups(self.store.path)]

    def newest_intact_backup(self) -> Path | None:
        """The newest backup that passes `PRAGMA quick_check`."""
        self.backup_dir()
        assert self.store.path is not None
        return backups.newest_intact(self.store.path)


def backups_to_prune(found: list[backups.Backup], now: datetime) -> list[Path]:
    """Backups beyond the newest `KEEP_BACKUPS` that are not the newest of one of the last
    `KEEP_DAYS` days (so a burst of imports cannot push out last week's copies)."""
    keep = {b.path for b in found[:KEEP_BACKUPS]}
    days: set[object] = set()
    for b in found:  # newest first: the first seen of each day is that day's newest
        if now - b.taken <= timedelta(days=KEEP_DAYS) and b.taken.date() not in days:
            days.add(b.taken.date())
            keep.add(b.path)
    return [b.path for b in found if b.path not in keep]


def read_export_file(path: Path) -> object:
    """Parse a JSON export file, with one clear message for every way it can be unusable."""
    try:
        with path.open("rb") as fh:  # capped: a device or pipe has no size to check first
            raw = fh.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise BadInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_EXPORT_BYTES:
        raise BadInputError(f"{path} is larger than {MAX_EXPORT_BYTES >> 20} MB; it is not a "
                            "Readlist export")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadInputError(f"{path} is not a Readlist export (not UTF-8 text)") from None
    except RecursionError:
        raise BadInputError(f"{path} is not a Readlist export (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        ends = raw.rstrip()[-1:]
        hint = " (the file looks truncated)" if ends not in (b"}", b"]") else ""
        raise BadInputError(f"{path} is not valid JSON{hint}: {exc.msg} at line {exc.lineno}"
                            ) from None


def restore_backup(backup: str | Path, library: str | Path) -> Path:
    """Replace a closed library file with a backup; returns where the old file was saved.

    Call it only while no `Library` has the file open. The current file is first copied to
    `backups/<name>.<time>.before-restore.sqlite3`, so this can be undone the same way.

    Raises:
        BadInputError: the backup is missing or is not a Readlist library.
    """
    return restore.replace_library_file(Path(backup), Path(library), BACKUP_DIR)


def restore_backup_to(target: str, backup: str | Path) -> tuple[Path, Path]:
    """`restore_backup` onto the library file behind `target` (a path or sqlite URL), which
    need not open (a damaged library is why one restores); returns (library, saved copy)."""
    library = db.resolve_path(target)
    if library is None:
        raise BadInputError("give the library file to restore into (--db PATH)")
    return library, restore_backup(backup, library)
