"""File → Export, Back up and Restore from backup: the window's file verbs (issue #7).

A mixin for `MainWindow`. Every export runs `readlist.export.run_export` — the same code as
`readlist export` — as one job on the session's worker, so a 100,000-entry export never
freezes the window; when it is done the status bar names the file, and an error is shown in
a message box. Restoring a backup swaps the library file under the window through
`Session.reopen` (drain the worker, close, `restore_backup`, reopen) and then reloads every
view; the file it replaced is kept as a backup itself, so a restore can be undone the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from readlist.core.errors import ReadlistError
from readlist.export import run_export
from readlist.library import Library
from readlist.library_io import restore_backup
from readlist.ui.icons import icon
from readlist.ui.shortcuts import SHORTCUTS

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from readlist.ui.tasks import Session

    _Base = QMainWindow
else:
    _Base = object


@dataclass(frozen=True)
class ExportFormat:
    """One entry of File → Export."""

    key: str  # menu / test handle
    label: str
    fmt: str  # readlist.export format
    suffix: str
    file_filter: str
    annotated: bool = False

    @property
    def folder(self) -> bool:
        return self.fmt == "notes"


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", "JSON (everything, restorable)…", "json", ".json", "JSON (*.json)"),
    ExportFormat("csv", "CSV (spreadsheet)…", "csv", ".csv", "CSV (*.csv)"),
    ExportFormat("markdown", "Markdown…", "markdown", ".md", "Markdown (*.md)"),
    ExportFormat("markdown_annotated", "Markdown (annotated entries only)…", "markdown",
                 ".md", "Markdown (*.md)", annotated=True),
    ExportFormat("bibtex", "BibTeX…", "bibtex", ".bib", "BibTeX (*.bib)"),
    ExportFormat("notes", "Notes folder (one Markdown file per note)…", "notes", "", ""),
)

_BACKUP_NAME = re.compile(r"\.(\d{8}-\d{6})-\d+\.([a-z0-9-]+)\.sqlite3$")


def backup_label(path: Path) -> str:
    """'2024-11-26 12:31 UTC · before import · 3.2 MB' for an automatic backup's file name."""
    m = _BACKUP_NAME.search(path.name)
    try:
        size = f"{path.stat().st_size / 1e6:.1f} MB"
    except OSError:
        size = "?"
    if m is None:
        return f"{path.name} · {size}"
    when = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    local = when.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{local} · {m.group(2).replace('-', ' ')} · {size}"


class WindowIO(_Base):
    """Adds File → Export ▸, Back up… and Restore from backup… to the window."""

    session: Session
    undo_stack: QUndoStack

    def _before_reopen(self) -> None:
        raise NotImplementedError

    def _after_reopen(self) -> None:
        raise NotImplementedError

    def _add_io_actions(self, menu: QMenu) -> None:
        export = menu.addMenu(icon("export"), "Export")
        export.setObjectName("exportMenu")
        self.export_actions: dict[str, QAction] = {}
        for spec in EXPORT_FORMATS:
            action = export.addAction(spec.label)
            action.triggered.connect(lambda _checked=False, s=spec: self.export_as(s))
            self.export_actions[spec.key] = action
        menu.addSeparator()
        backup = menu.addAction("Back up the library…")
        backup.triggered.connect(self._on_backup_triggered)
        self.restore_action = menu.addAction("Restore from backup…")
        self.restore_action.triggered.connect(self._on_restore_triggered)
        keyed = {"backup": backup, "restore": self.restore_action}
        if "json" in self.export_actions:
            keyed["export"] = self.export_actions["json"]
        for name, keyed_action in keyed.items():
            keyed_action.setShortcuts([QKeySequence(k) for k in SHORTCUTS[name][0]])

    # ---- export ----

    def export_as(self, spec: ExportFormat) -> bool:
        """Ask where, then export on the worker; False if the reader cancelled."""
        if spec.folder:
            target = QFileDialog.getExistingDirectory(self, "Export notes to a folder")
        else:
            name = "readlist-annotated" if spec.annotated else "readlist"
            target, _ = QFileDialog.getSaveFileName(self, "Export", name + spec.suffix,
                                                    spec.file_filter)
            if target and spec.suffix and not Path(target).suffix:
                target += spec.suffix
        if not target:
            return False

        def job(lib: Library) -> str:
            said = run_export(lib, spec.fmt, target, annotated=spec.annotated)
            return said[0].upper() + said[1:] if spec.folder else \
                f"Exported {spec.label.split(' (')[0].rstrip('…')} to {target}"

        self.statusBar().showMessage(f"Exporting to {target}…")
        self.session.submit(job, self._on_export_job_done,
                            lambda exc: self._io_failed("Export", exc))
        return True

    def _on_export_job_done(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def _io_failed(self, title: str, exc: Exception) -> None:
        self.statusBar().clearMessage()
        QMessageBox.warning(self, title, str(exc) or exc.__class__.__name__)

    # ---- backup / restore ----

    def _on_backup_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Back up the library",
                                              "readlist-backup.sqlite3",
                                              "Readlist library (*.sqlite3)")
        if not path:
            return
        self.statusBar().showMessage(f"Backing up to {path}…")
        self.session.submit(lambda lib: lib.backup(path),
                            lambda saved: self.statusBar().showMessage(
                                f"Backed up to {saved}", 10000),
                            lambda exc: self._io_failed("Back up", exc))

    def _on_restore_triggered(self) -> None:
        self.restore_from_backup()

    def restore_from_backup(self) -> Path | None:
        """Let the reader pick an automatic backup and put it in place of the library."""
        try:
            backups = self.session.call(lambda lib: lib.list_backups())
        except ReadlistError as exc:
            QMessageBox.information(self, "Restore from backup", str(exc))
            return None
        if not backups:
            QMessageBox.information(self, "Restore from backup",
                                    "There are no backups yet. Readlist takes one before "
                                    "every import and every upgrade of the library.")
            return None
        labels = [backup_label(p) for p in backups]
        choice, ok = QInputDialog.getItem(
            self, "Restore from backup",
            "Put this backup in place of the library (newest first).\n"
            "The library as it is now is kept as a backup, so this can be undone.",
            labels, 0, False)
        if not ok or choice not in labels:
            return None
        chosen = backups[labels.index(choice)]
        self._before_reopen()
        try:
            saved = self.session.reopen(lambda path: restore_backup(chosen, path))
        except (ReadlistError, OSError) as exc:
            QMessageBox.warning(self, "Restore from backup", str(exc))
            self._after_reopen()
            return None
        self._after_reopen()
        self.statusBar().showMessage(f"Restored the backup of {choice.split(' · ')[0]}; "
                                     f"the previous library is kept as {saved.name}", 15000)
        return saved
