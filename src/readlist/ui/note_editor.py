"""The note editor: Markdown source beside a live, sanitised preview, saved automatically.

A note is never lost: edits are saved after a pause in typing (debounced), and `flush()` saves
at once — the detail pane calls it before switching entries and the window before closing.
Autosaves coalesce into one version (Library.set_note(autosave=True)); earlier versions can be
viewed and restored from the History dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readlist.core.models import NoteVersion
from readlist.ui.icons import icon
from readlist.ui.markdown_view import MarkdownView
from readlist.ui.tasks import Session

AUTOSAVE_MS = 800


class NoteEditor(QWidget):
    """Edits the note of one entry at a time."""

    note_saved = Signal(int)
    escaped = Signal()  # Esc in the source: the window gives the keyboard back to the table

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._entry: int | None = None
        self._saved_body = ""
        #: bodies handed to the worker and not yet written: what a reload must show
        self._unwritten: dict[int, str] = {}
        self.source = QPlainTextEdit(self)
        self.source.setPlaceholderText("Write a note in Markdown… (saved automatically)")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.source.setFont(mono)
        self.source.setTabChangesFocus(True)
        self.preview = MarkdownView(self)
        self.preview.setPlaceholderText("Preview")
        self.state = QLabel(self)
        self.state.setEnabled(False)
        self.history_button = QPushButton(icon("history"), "History…", self)
        self.history_button.setFlat(True)
        self.history_button.clicked.connect(self._on_history_button_clicked)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("noteSplitter")
        split.addWidget(self.source)
        split.addWidget(self.preview)
        split.setChildrenCollapsible(False)
        self.splitter = split
        title = QLabel("Note", self)
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.state)
        head.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.source.textChanged.connect(self._on_source_text_changed)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.source)
        leave.setContext(Qt.ShortcutContext.WidgetShortcut)
        leave.activated.connect(self._on_leave_activated)
        self.setEnabled(False)

    def entry(self) -> int | None:
        return self._entry

    def is_dirty(self) -> bool:
        return self._entry is not None and self.source.toPlainText() != self._saved_body

    def set_entry(self, entry: int | None) -> None:
        """Save the current note, then show the note of `entry` (None: nothing)."""
        self.flush()
        self._entry = entry
        if entry is None:
            body = ""
        elif entry in self._unwritten:
            body = self._unwritten[entry]
        else:
            body = self._session.call(lambda lib: lib.note(entry))
        self._saved_body = body
        self.source.blockSignals(True)
        self.source.setPlainText(body)
        self.source.blockSignals(False)
        self.preview.set_markdown_text(body, "No note yet.")
        self.state.setText("")
        self.setEnabled(entry is not None)

    def flush(self) -> bool:
        """Save now if there are unsaved edits; True if something was written."""
        self._timer.stop()
        if not self.is_dirty() or self._entry is None:
            return False
        entry, body = self._entry, self.source.toPlainText()
        self._unwritten[entry] = body
        self._session.mutate(lambda lib: lib.set_note(entry, body, autosave=True),
                             lambda _c: self._on_note_written(entry, body))
        self._saved_body = body
        self.state.setText("Saved")
        self.note_saved.emit(entry)
        return True

    def focus_source(self) -> None:
        self.source.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.source.moveCursor(self.source.textCursor().MoveOperation.End)

    def _on_source_text_changed(self) -> None:
        self.preview.set_markdown_text(self.source.toPlainText(), "No note yet.")
        self.state.setText("Editing…" if self.is_dirty() else "")
        self._timer.start()

    def _on_note_written(self, entry: int, body: str) -> None:
        if self._unwritten.get(entry) == body:
            del self._unwritten[entry]

    def _on_leave_activated(self) -> None:
        self.flush()
        self.escaped.emit()

    def _on_history_button_clicked(self) -> None:
        if self._entry is None:
            return
        self.flush()
        entry = self._entry  # read on the worker: after the save just queued
        self._session.submit(lambda lib: lib.note_versions(entry),
                             lambda versions: self._on_versions_loaded(entry, versions))

    def _on_versions_loaded(self, entry: int, versions: list[NoteVersion]) -> None:
        if entry != self._entry:
            return
        dialog = NoteHistoryDialog([(v.saved_at, v.body) for v in versions], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.source.setPlainText(dialog.chosen)
            self.flush()


class NoteHistoryDialog(QDialog):
    """Earlier versions of a note, newest first, each viewable and restorable."""

    def __init__(self, versions: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note history")
        self.resize(760, 460)
        self.chosen: str | None = None
        self.list = QListWidget(self)
        self.view = MarkdownView(self)
        for saved_at, body in versions:
            first = next((ln for ln in body.splitlines() if ln.strip()), "(empty)")
            item = QListWidgetItem(f"{saved_at[:16].replace('T', ' ')}\n{first[:40]}")
            item.setData(Qt.ItemDataRole.UserRole, body)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore = buttons.addButton("Restore this version",
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore.setEnabled(False)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(self.view)
        split.setSizes([240, 520])
        layout = QVBoxLayout(self)
        if not versions:
            layout.addWidget(QLabel("This note has no earlier versions yet.", self))
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        if versions:
            self.list.setCurrentRow(0)

    def _on_list_current_item_changed(self, item: QListWidgetItem | None,
                                      _prev: QListWidgetItem | None) -> None:
        body = str(item.data(Qt.ItemDataRole.UserRole)) if item else ""
        self.view.set_markdown_text(body, "(empty)")
        self.restore.setEnabled(item is not None)

    def _on_buttons_accepted(self) -> None:
        item = self.list.currentItem()
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.accept()
