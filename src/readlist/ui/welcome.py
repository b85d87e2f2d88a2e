"""The welcome panel shown on an empty library: import a list from a file, a URL or text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from readlist.ui.icons import app_icon, icon
from readlist.ui.import_dialog import SUGGESTED_URL


class WelcomePanel(QWidget):
    """Emits `file_requested`, `url_requested(url)` or `paste_requested`."""

    file_requested = Signal()
    url_requested = Signal(str)
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(QSize(72, 72)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Welcome to Readlist", self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel("Readlist keeps your reading layer — status, notes, tags, queues — over a "
                      "curated “awesome list”. Import one to begin; re-import it later to see "
                      "what changed, without losing a note.", self)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url = QLineEdit(SUGGESTED_URL, self)
        self.url.setMinimumWidth(420)
        self.url.setCursorPosition(0)
        from_url = QPushButton(icon("import"), "Import from URL", self)
        from_url.setDefault(True)
        from_url.clicked.connect(lambda: self.url_requested.emit(self.url.text().strip()))
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(from_url)
        suggestion = QLabel("Suggested: the Awesome Transformer & Transfer Learning in NLP "
                            "list (raw README).", self)
        suggestion.setEnabled(False)
        suggestion.setAlignment(Qt.AlignmentFlag.AlignCenter)
        from_file = QPushButton(icon("source"), "Import a file…", self)
        from_file.clicked.connect(self.file_requested.emit)
        paste = QPushButton(icon("note"), "Paste a list…", self)
        paste.clicked.connect(self.paste_requested.emit)
        others = QHBoxLayout()
        others.addStretch(1)
        others.addWidget(from_file)
        others.addWidget(paste)
        others.addStretch(1)
        box = QWidget(self)
        box.setMaximumWidth(640)
        inner = QVBoxLayout(box)
        inner.setSpacing(14)
        for widget in (logo, title, text):
            inner.addWidget(widget)
        inner.addSpacing(8)
        inner.addLayout(url_row)
        inner.addWidget(suggestion)
        inner.addLayout(others)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
