"""The detail pane's paper block: offline state, where a search matched, arXiv's abstract."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from readlist.core.models import EntryView

READ_LINK = "readlist:read-pdf"
FETCH_LINK = "readlist:fetch-pdf"


class PaperInfo(QWidget):
    """Shows what Readlist holds of an entry's paper; empty (hidden) when it holds nothing."""

    read_requested = Signal()
    fetch_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offline = QLabel(self)
        self.offline.setTextFormat(Qt.TextFormat.RichText)
        self.offline.linkActivated.connect(self._on_offline_link_activated)
        self.matched = QLabel(self)
        self.matched.setEnabled(False)
        self.arxiv = QLabel(self)
        self.arxiv.setWordWrap(True)
        self.arxiv.setEnabled(False)
        self.abstract = QLabel(self)
        self.abstract.setWordWrap(True)
        self.abstract.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.abstract.setTextFormat(Qt.TextFormat.PlainText)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        box.setSpacing(4)
        for w in (self.offline, self.matched, self.arxiv, self.abstract):
            box.addWidget(w)

    def set_view(self, v: EntryView | None, places: list[str]) -> None:
        if v is None:
            self.hide()
            return
        if v.pdf:
            self.offline.setText(f'Available offline · <a href="{READ_LINK}">Read the PDF</a> (P)')
        elif v.kind == "paper":
            self.offline.setText(f'Not available offline · <a href="{FETCH_LINK}">'
                                 "Make available offline</a>")
        self.offline.setVisible(bool(v.pdf) or v.kind == "paper")
        self.matched.setText("Matched in: " + ", ".join(places))
        self.matched.setVisible(bool(places))
        a = v.arxiv
        if a is not None:
            bits = [f"arXiv {a.arxiv_id}", a.published[:10], ", ".join(a.categories)]
            bits += [f"DOI {a.doi}"] if a.doi else []
            bits += [a.journal_ref] if a.journal_ref else []
            who = ", ".join(a.authors)
            self.arxiv.setText(html.escape(" · ".join(b for b in bits if b)) +
                               (f"<br>{html.escape(who)}" if who else ""))
            self.abstract.setText(a.abstract)
        self.arxiv.setVisible(a is not None)
        self.abstract.setVisible(a is not None and bool(a.abstract))
        self.setVisible(any(not w.isHidden() for w in (self.offline, self.matched, self.arxiv)))

    def _on_offline_link_activated(self, link: str) -> None:
        if link == READ_LINK:
            self.read_requested.emit()
        elif link == FETCH_LINK:
            self.fetch_requested.emit()
