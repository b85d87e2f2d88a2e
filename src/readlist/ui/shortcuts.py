"""The keyboard map (one table, used to bind actions and to draw the Help sheet)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

#: action name → (key sequences, description); the first sequence shows in menus.
SHORTCUTS: dict[str, tuple[tuple[str, ...], str]] = {
    "next": (("J",), "Next entry (or ↓)"),
    "previous": (("K",), "Previous entry (or ↑)"),
    "open": (("Return", "Enter"), "Open the entry's link in the browser"),
    "mark_read": (("R",), "Mark as read"),
    "mark_unread": (("U",), "Mark as unread"),
    "mark_to-read": (("T",), "Mark as to read"),
    "mark_reading": (("G",), "Mark as reading"),
    "mark_skipped": (("S",), "Mark as skipped"),
    "priority_low": (("1",), "Priority: low"),
    "priority_normal": (("2",), "Priority: normal"),
    "priority_high": (("3",), "Priority: high"),
    "priority_urgent": (("4",), "Priority: urgent"),
    "rate_0": (("Alt+0",), "Rating: none"),
    "rate_1": (("Alt+1",), "Rating: ★"),
    "rate_2": (("Alt+2",), "Rating: ★★"),
    "rate_3": (("Alt+3",), "Rating: ★★★"),
    "rate_4": (("Alt+4",), "Rating: ★★★★"),
    "rate_5": (("Alt+5",), "Rating: ★★★★★"),
    "new_queue": (("Ctrl+Shift+Q",), "New queue…"),
    "focus_sidebar": (("Ctrl+1",), "Go to the sidebar"),
    "focus_table": (("Ctrl+2",), "Go to the list of entries"),
    "focus_detail": (("Ctrl+3",), "Go to the entry's details"),
    "queue": (("Q",), "Add to a queue…"),
    "note": (("N",), "Edit the note"),
    "tags": (("Ctrl+T",), "Edit tags…"),
    "search": (("/", "Ctrl+F"), "Search"),
    "undo": (("Ctrl+Z",), "Undo a status, queue, tag or priority change"),
    "redo": (("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    "copy_link": (("Ctrl+Shift+C",), "Copy link"),
    "copy_markdown": (("Ctrl+Shift+M",), "Copy as Markdown"),
    "import": (("Ctrl+I",), "Import a list…"),
    "backup": (("Ctrl+Shift+B",), "Back up the library…"),
    "restore": (("Ctrl+Shift+R",), "Restore from backup…"),
    "export": (("Ctrl+E",), "Export as JSON…"),
    "whats_new": (("Ctrl+Shift+N",), "What's new"),
    "progress": (("Ctrl+Shift+P",), "Progress: what you have read, by list and section"),
    "shortcuts": (("F1", "?"), "This sheet"),
    "read_pdf": (("P",), "Read the PDF, with the note beside it"),
    "offline": (("Ctrl+Shift+O",), "Make the selection available offline"),
}
EXTRA = [("Ctrl+↑ / Ctrl+↓", "Move a queue item up / down (in a queue)"),
         ("Delete", "Remove from the queue (in a queue)"),
         ("Esc", "Leave the search bar / clear it; leave the note for the list")]


def shortcut_rows() -> list[tuple[str, str]]:
    rows = [(" or ".join(k.replace("Return", "Enter") for k in dict.fromkeys(
        "Enter" if k in ("Return", "Enter") else k for k in keys)), text)
        for keys, text in SHORTCUTS.values()]
    return rows + EXTRA


class ShortcutSheet(QDialog):
    """Help → Keyboard shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        body = "".join(
            f"<tr><td style='padding:2px 14px 2px 0'><b><code>{html.escape(keys)}</code></b>"
            f"</td><td>{html.escape(text)}</td></tr>" for keys, text in shortcut_rows())
        label = QLabel(f"<table>{body}</table>", self)
        label.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
