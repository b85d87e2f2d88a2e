"""The dialog at start when the library failed its integrity check: restore the newest
intact backup (the damaged file is kept aside) or quit without touching anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from readlist.core.errors import LibraryDamagedError, ReadlistError
from readlist.library_io import restore_backup_to


class DamagedLibraryDialog(QMessageBox):
    """Names the damage and the newest intact backup; `restore_button` is absent without one."""

    def __init__(self, error: LibraryDamagedError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("Readlist: the library is damaged")
        self.setText("The library is damaged, so Readlist has not opened or changed it.")
        self.setDetailedText(str(error))
        self.restore_button = None
        if error.backup:
            self.setInformativeText(
                f"Library:\n{error.library}\n\nNewest intact backup:\n{error.backup}\n\n"
                "Restoring it brings the library back as it was then; the damaged file is "
                "kept in the backups folder.")
            self.restore_button = self.addButton("Restore this backup",
                                                 QMessageBox.ButtonRole.AcceptRole)
            self.setDefaultButton(self.restore_button)
        else:
            self.setInformativeText(f"Library:\n{error.library}\n\nNo intact backup was "
                                    "found beside it.")
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)

    def restore_chosen(self) -> bool:
        return self.restore_button is not None and self.clickedButton() is self.restore_button


def recover(error: LibraryDamagedError, parent: QWidget | None = None) -> bool:
    """Ask; if the reader chose the backup, put it in place. True when the library may open."""
    dialog = DamagedLibraryDialog(error, parent)
    dialog.exec()
    if not dialog.restore_chosen() or error.backup is None:
        return False
    try:
        restore_backup_to(error.library, error.backup)
    except ReadlistError as exc:
        QMessageBox.critical(parent, "Readlist", f"The backup could not be restored: {exc}")
        return False
    return True
