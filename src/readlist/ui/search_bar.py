"""The search bar: the query language typed live, with field-name completion and inline errors.

Typing restarts a short debounce timer; when it fires `query_edited` is emitted and the table
runs the query on the worker. Completion offers `field:` names from `readlist.query.FIELDS`
and the fixed values of enumerated fields; a parse error shows under the bar with a caret.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from readlist.query import FIELD_VALUES, FIELDS
from readlist.ui.icons import icon

DEBOUNCE_MS = 25
_PLACEHOLDER = 'Search: words, "phrases", status:unread, tag:rlhf, year:>=2022, -kind:video …'


def completions() -> list[str]:
    words = [f"{name}:" for name in FIELDS]
    for name, values in FIELD_VALUES.items():
        words.extend(f"{name}:{v}" for v in values)
    words.extend(["OR"])
    return sorted(words)


def token_at(text: str, cursor: int) -> tuple[int, str]:
    """The start and text of the word being typed at `cursor` (after any leading - or ()."""
    start = cursor
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "()":
        start -= 1
    while start < cursor and text[start] in "-":
        start += 1
    return start, text[start:cursor]


class _QueryEdit(QLineEdit):
    """A line edit whose Escape clears it and whose Down opens the completion list."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if event.key() == Qt.Key.Key_Escape and not (popup and popup.isVisible()):
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Emits `query_edited(text)` after typing pauses for DEBOUNCE_MS."""

    query_edited = Signal(str)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _QueryEdit(self)
        self.edit.setPlaceholderText(_PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.edit.setAccessibleName("Search")
        self.error = QLabel(self)
        self.error.setObjectName("queryError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d64545;")
        self.error.hide()
        self.count = QLabel(self)
        self.count.setObjectName("resultCount")
        self.count.setEnabled(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._completer = QCompleter(QStringListModel(completions(), self), self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self.edit)
        self._completer.activated.connect(self._on_completer_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.escaped.connect(self.escaped.emit)
        self.edit.returnPressed.connect(self._on_timer_timeout)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, *, emit: bool = False) -> None:
        self.edit.setText(text)
        if emit:
            self._on_timer_timeout()

    def show_error(self, message: str, position: int | None = None) -> None:
        """Show a query error under the bar (its message names the column)."""
        self.error.setText(message)
        self.error.setToolTip(message)
        self.error.setVisible(True)
        self.edit.setProperty("invalid", True)

    def clear_error(self) -> None:
        self.error.hide()
        self.edit.setProperty("invalid", False)

    def set_count(self, text: str) -> None:
        self.count.setText(text)

    def _on_edit_text_edited(self, text: str) -> None:
        self._timer.start()
        _start, word = token_at(text, self.edit.cursorPosition())
        if len(word) >= 2 and ":" not in word[:-1] or (word.endswith(":") and word[:-1] in
                                                         FIELD_VALUES):
            self._completer.setCompletionPrefix(word)
            if self._completer.completionCount() and not (
                    self._completer.completionCount() == 1
                    and self._completer.currentCompletion() == word):
                rect = self.edit.cursorRect()
                rect.setWidth(240)
                self._completer.complete(rect)
                return
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()

    def _on_completer_activated(self, choice: str) -> None:
        text, cursor = self.edit.text(), self.edit.cursorPosition()
        start, _ = token_at(text, cursor)
        new = text[:start] + choice + text[cursor:]
        self.edit.setText(new)
        self.edit.setCursorPosition(start + len(choice))
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._timer.stop()
        self.query_edited.emit(self.edit.text())
