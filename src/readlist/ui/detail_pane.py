"""The detail pane: one entry in full, its reading controls, and its note.

Controls (status, priority, rating, tags) push undoable commands; the pane reloads its
fields from `library_changed` when its entry is touched, but never reloads the note editor's
text under the reader's fingers (the editor owns the note until the entry changes).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from readlist.core.errors import ReadlistError
from readlist.core.models import Changes, EntryView, Priority, Status, StatusChange
from readlist.ui.markdown_view import MarkdownView, is_web_url, open_web_url
from readlist.ui.note_editor import NoteEditor
from readlist.ui.paper_detail import PaperInfo
from readlist.ui.tasks import Session
from readlist.ui.undo import MarkCommand, PriorityCommand, RateCommand, TagCommand

#: Status changes the timeline lists (newest first); older ones are summed up in a line.
TIMELINE_ROWS = 8


def when(at: str) -> str:
    """A status change's time, in the reader's local time zone, to the minute."""
    try:
        moment = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return moment.strftime("%d %b %Y, %H:%M").lstrip("0")


def days_text(days: float) -> str:
    if days < 1 / 24:
        return "under an hour"
    if days < 1:
        hours = round(days * 24)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    whole = round(days)
    return f"{whole} day{'s' if whole != 1 else ''}"


def reading_days(history: list[StatusChange]) -> float | None:
    """Days from the first move to *reading* to the first *read* after it (None: not yet)."""
    started = next((c.at for c in history if c.status == Status.READING), None)
    done = next((c.at for c in history if c.status == Status.READ and started is not None
                 and c.at >= started), None)
    if started is None or done is None:
        return None
    delta = datetime.fromisoformat(done) - datetime.fromisoformat(started)
    return delta.total_seconds() / 86400


def timeline_html(history: list[StatusChange]) -> str:
    """The entry's statuses, newest first, with how long reading took once it is read."""
    if not history:
        return "<span style='color: palette(mid)'>No status changes yet</span>"
    rows = [f"<tr><td style='padding-right: 10px'><b>{html.escape(c.status.value)}</b></td>"
            f"<td>{html.escape(when(c.at))}</td></tr>"
            for c in reversed(history[-TIMELINE_ROWS:])]
    older = len(history) - TIMELINE_ROWS
    if older > 0:
        rows.append(f"<tr><td colspan='2'>… and {older} earlier</td></tr>")
    took = reading_days(history)
    head = f"<p style='margin: 0 0 3px 0'>Read in {days_text(took)}</p>" if took is not None \
        else ""
    return f"{head}<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"


def parse_tags(text: str) -> list[str]:
    return list(dict.fromkeys(t.strip().lstrip("#") for t in text.replace(",", " ").split()
                              if t.strip().lstrip("#")))


class DetailPane(QStackedWidget):
    """Shows the entry chosen in the table (or a hint when none is)."""

    def __init__(self, session: Session, undo: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._undo = session, undo
        self._view: EntryView | None = None
        self._history: list[StatusChange] = []
        empty = QLabel("Select an entry to see its details and notes.", self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setEnabled(False)
        empty.setWordWrap(True)
        self.addWidget(empty)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # list text is never markup
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sections = QLabel(self)
        self.sections.setTextFormat(Qt.TextFormat.PlainText)
        self.sections.setWordWrap(True)
        self.sections.setEnabled(False)
        self.cited = QLabel(self)  # which lists cite it, when more than one does
        self.cited.setTextFormat(Qt.TextFormat.PlainText)
        self.cited.setWordWrap(True)
        self.cited.setEnabled(False)
        self.links = QLabel(self)
        self.links.setWordWrap(True)
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.setOpenExternalLinks(False)
        self.links.linkActivated.connect(self._on_links_link_activated)
        self.status = QComboBox(self)
        self.status.addItems([s.value for s in Status])
        self.status.activated.connect(self._on_status_activated)
        self.priority = QComboBox(self)
        self.priority.addItems([p.value for p in Priority])
        self.priority.activated.connect(self._on_priority_activated)
        self.rating = QComboBox(self)
        self.rating.addItems(["—"] + ["★" * n for n in range(1, 6)])
        self.rating.activated.connect(self._on_rating_activated)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("tags, separated by spaces")
        self.tags.editingFinished.connect(self._on_tags_editing_finished)
        self.queues = QLabel(self)
        self.queues.setTextFormat(Qt.TextFormat.PlainText)
        self.queues.setWordWrap(True)
        self.history = QLabel(self)
        self.history.setObjectName("statusHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Status", self.status)
        form.addRow("Priority", self.priority)
        form.addRow("Rating", self.rating)
        form.addRow("Tags", self.tags)
        form.addRow("Queues", self.queues)
        form.addRow("History", self.history)
        self.description = MarkdownView(self)
        self.description.setFrameShape(MarkdownView.Shape.NoFrame)
        self.description.setMinimumHeight(60)
        self.paper = PaperInfo(self)
        #: the query the entries were found by, to say where it matched (set by the window)
        self.match_query: Callable[[], str] | None = None
        info = QWidget(self)
        top = QVBoxLayout(info)
        top.setContentsMargins(10, 10, 10, 6)
        top.addWidget(self.title)
        top.addWidget(self.meta)
        top.addWidget(self.sections)
        top.addWidget(self.cited)
        top.addWidget(self.links)
        top.addWidget(self.description)
        top.addWidget(self.paper)
        top.addSpacing(6)
        top.addLayout(form)
        top.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(info)
        self.note_editor = NoteEditor(session, self)
        holder = QWidget(self)
        note_layout = QVBoxLayout(holder)
        note_layout.setContentsMargins(10, 4, 10, 10)
        note_layout.addWidget(self.note_editor)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(holder)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([340, 360])  # the note gets room to write in
        self.addWidget(self.splitter)
        session.library_changed.connect(self._on_session_library_changed)
        session.mutation_failed.connect(self._on_session_mutation_failed)

    def entry(self) -> int | None:
        return int(self._view.id) if self._view else None

    def set_entry(self, entry: int | None) -> None:
        """Show `entry` (saving the note being edited first)."""
        self.note_editor.flush()
        if entry is not None and self._view is not None and int(self._view.id) == entry:
            return
        self._view = self._load(entry)
        self._fill()
        self.note_editor.set_entry(int(self._view.id) if self._view else None)

    def flush(self) -> None:
        self.note_editor.flush()

    def _load(self, entry: int | None) -> EntryView | None:
        if entry is None:
            return None
        try:
            view = self._session.call(lambda lib: lib.get(entry))
        except ReadlistError:
            return None
        self._history = list(view.history)
        return view

    def _fill(self) -> None:
        v = self._view
        self.setCurrentIndex(0 if v is None else 1)
        if v is None:
            return
        self.title.setText(v.title + ("  (retired upstream)" if v.retired else ""))
        who = v.authors or v.organization
        when = " ".join(b for b in (v.venue, str(v.year) if v.year else "") if b)
        bits = [b for b in (who, v.organization if v.authors and v.organization else "",
                            when, v.kind, v.list_note) if b]
        self.meta.setText(" · ".join(bits))
        self.sections.setText("\n".join(v.sections))
        self.sections.setVisible(bool(v.sections))
        self._fill_cited(v)
        host = QUrl(v.url).host().removeprefix("www.") or "Link" if v.url else ""
        links = ([(host, v.url)] if v.url else []) + [(ln.label, ln.url) for ln in v.links]
        parts = []
        for label, url in links:
            shown = html.escape(label or url)
            parts.append(f'<a href="{html.escape(url, quote=True)}">{shown}</a>'
                         if is_web_url(url) else f"{shown} ({html.escape(url)})")
        self.links.setText(" · ".join(parts))
        self.links.setToolTip("\n".join(url for _, url in links))
        self.links.setVisible(bool(parts))
        self.description.set_markdown_text(v.description)
        self.description.setVisible(bool(v.description.strip()))
        self._fit_description()
        self.status.setCurrentText(v.status.value)
        self.priority.setCurrentText(v.priority.value)
        self.rating.setCurrentIndex(v.rating or 0)
        self.tags.setText(" ".join(v.tags))
        self.queues.setText(", ".join(v.queues) or "—")
        self.paper.set_view(v, self._match_places(v))
        self.history.setText(timeline_html(self._history))

    def _fill_cited(self, v: EntryView) -> None:
        """"Cited by A; B", and where the lists disagree, what each says (the tooltip)."""
        try:
            cited = self._session.call(lambda lib: lib.cited_by(int(v.id)))
        except ReadlistError:
            cited = []
        self.cited.setVisible(len(cited) > 1)
        self.cited.setText("Cited by " + "; ".join(name for name, _ in cited))
        differ = []
        for field in dict.fromkeys(f for _, said in cited for f in said):
            values = [(name, said[field]) for name, said in cited if field in said]
            if len({str(value) for _, value in values}) > 1:
                differ.append(html.escape(field.replace("_", " ") + ": " + "; ".join(
                    f"{str(value)[:120]} ({name})" for name, value in values)))
        self.cited.setToolTip("<br>".join(differ))

    def refresh_paper(self) -> None:
        """Say again where the (new) query matched the shown entry."""
        if self._view is not None:
            self.paper.set_view(self._view, self._match_places(self._view))

    def _match_places(self, v: EntryView) -> list[str]:
        query = self.match_query() if self.match_query is not None else ""
        if not query.strip():
            return []
        try:
            return self._session.call(lambda lib: lib.match_places(int(v.id), query))
        except ReadlistError:
            return []

    def _fit_description(self) -> None:
        doc = self.description.document()
        doc.setTextWidth(self.description.viewport().width())
        height = int(doc.size().height()) + 2 * self.description.frameWidth() + 4
        self.description.setFixedHeight(max(24, min(height, 280)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._view is not None:
            self._fit_description()

    def _ids(self) -> list[int]:
        return [int(self._view.id)] if self._view else []

    def _on_session_library_changed(self, changes: Changes) -> None:
        if self._view is not None and int(self._view.id) in changes.entries:
            fresh = self._load(int(self._view.id))
            if fresh is not None and fresh != self._view:
                self._view = fresh
                if not self.tags.hasFocus():
                    self._fill()

    def _on_session_mutation_failed(self, _exc: object) -> None:
        if self._view is not None:  # a refused edit: show what the library holds
            self._view = self._load(int(self._view.id)) or self._view
            self._fill()

    def _on_links_link_activated(self, url: str) -> None:
        open_web_url(url)

    def _on_status_activated(self, index: int) -> None:
        status = list(Status)[index]
        if self._view and status != self._view.status:
            self._undo.push(MarkCommand(self._session, self._ids(), status))

    def _on_priority_activated(self, index: int) -> None:
        priority = list(Priority)[index]
        if self._view and priority != self._view.priority:
            self._undo.push(PriorityCommand(self._session, self._ids(), priority))

    def _on_rating_activated(self, index: int) -> None:
        if self._view and (index or None) != self._view.rating:
            self._undo.push(RateCommand(self._session, self._ids(), index or None))

    def _on_tags_editing_finished(self) -> None:
        if self._view is None:
            return
        wanted = parse_tags(self.tags.text())
        have = list(self._view.tags)
        add = [t for t in wanted if t.lower() not in {h.lower() for h in have}]
        remove = [t for t in have if t.lower() not in {w.lower() for w in wanted}]
        if add or remove:
            try:
                self._undo.push(TagCommand(self._session, self._ids(), add, remove))
            except ReadlistError:
                self._fill()
