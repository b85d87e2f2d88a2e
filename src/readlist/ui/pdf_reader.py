"""Read a paper inside Readlist: the PDF (QtPdf's QPdfView) with the entry's note beside it.

The reader reopens each paper at the page where it was left, pages with PageDown/PageUp,
Space and the arrow keys, zooms with Ctrl+= / Ctrl+- (Ctrl+0 fits the width), marks the
entry read, and hands the file to the system's viewer when asked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readlist.core.models import EntryView, Status
from readlist.ui.icons import icon
from readlist.ui.note_editor import NoteEditor
from readlist.ui.tasks import Session

ZOOM_STEP = 1.2
ZOOM_MIN, ZOOM_MAX = 0.25, 6.0


class PdfReader(QWidget):
    """A window for one entry's PDF and note."""

    marked_read = Signal(int)

    def __init__(self, session: Session, view: EntryView, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        assert view.pdf is not None
        self._session = session
        self._entry = int(view.id)
        self._path = Path(view.pdf)
        self.setWindowTitle(f"{view.title} — Readlist")
        self.document = QPdfDocument(self)
        self.pdf = QPdfView(self)
        self.pdf.setDocument(self.document)
        self.pdf.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page_label = QLabel(self)
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        prev_button = _tool("◀", "Previous page (PageUp)", self)
        prev_button.clicked.connect(lambda: self.go_to(self.page() - 1))
        next_button = _tool("▶", "Next page (PageDown, Space)", self)
        next_button.clicked.connect(lambda: self.go_to(self.page() + 1))
        zoom_out = _tool("−", "Zoom out (Ctrl+-)", self)
        zoom_out.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        zoom_in = _tool("+", "Zoom in (Ctrl+=)", self)
        zoom_in.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        fit = _tool("Fit width", "Fit the page to the width (Ctrl+0)", self)
        fit.clicked.connect(self.fit_width)
        self.read_button = QPushButton(icon("status-read"), "Mark read", self)
        self.read_button.clicked.connect(self.mark_read)
        system = QPushButton(icon("link"), "Open in system viewer", self)
        system.clicked.connect(self.open_externally)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.setSpacing(4)
        for w in (prev_button, self.page_label, next_button, zoom_out, zoom_in, fit):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.read_button)
        bar.addWidget(system)
        self.note_editor = NoteEditor(session, self)
        title = QLabel(f"<b>{_escape(view.title)}</b>", self)
        title.setWordWrap(True)
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(8, 8, 8, 8)
        side_box.addWidget(title)
        side_box.addWidget(self.note_editor, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("readerSplitter")
        self.splitter.addWidget(self.pdf)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([820, 480])  # the page gets most of the width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        for keys, slot in ((("PgDown", "Space", "Right"), lambda: self.go_to(self.page() + 1)),
                           (("PgUp", "Shift+Space", "Left"), lambda: self.go_to(self.page() - 1)),
                           (("Ctrl+=", "Ctrl++"), lambda: self.zoom_by(ZOOM_STEP)),
                           (("Ctrl+-",), lambda: self.zoom_by(1 / ZOOM_STEP)),
                           (("Ctrl+0",), self.fit_width), (("Home",), lambda: self.go_to(0)),
                           (("End",), lambda: self.go_to(self.document.pageCount() - 1)),
                           (("Esc",), self.close)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self.pdf)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.pdf.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self.resize(1300, 860)
        #: False when QtPdf cannot read the file (the caller offers the system viewer)
        self.loaded = self.document.load(str(self._path)) == QPdfDocument.Error.None_
        self.note_editor.set_entry(self._entry)
        self._update_read(view.status)
        self._start: int | None = session.call(lambda lib: lib.pdf_page(self._entry))
        self._show_page(0)

    def entry(self) -> int:
        return self._entry

    def page(self) -> int:
        return int(self.pdf.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        last = self.document.pageCount() - 1
        target = max(0, min(page, last))
        self.pdf.pageNavigator().jump(target, QPointF(), self.pdf.pageNavigator().currentZoom())
        self._show_page(target)

    def zoom_by(self, factor: float) -> None:
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, self.pdf.zoomFactor() * factor))
        self.pdf.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf.setZoomFactor(zoom)

    def fit_width(self) -> None:
        self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def mark_read(self) -> None:
        entry = self._entry
        self._update_read(Status.READ)
        self._session.mutate(lambda lib: lib.mark([entry], Status.READ),
                             lambda _changes: self.marked_read.emit(entry))

    def open_externally(self) -> bool:
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path))))

    def _update_read(self, status: Status) -> None:
        done = status == Status.READ
        self.read_button.setEnabled(not done)
        self.read_button.setText("Read" if done else "Mark read")

    def _show_page(self, page: int) -> None:
        self.page_label.setText(f"{page + 1} / {max(1, self.document.pageCount())}")

    def _on_navigator_page_changed(self, page: int) -> None:
        self._show_page(page)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._start is not None:  # once laid out: the view starts at page 0 before that
            start, self._start = self._start, None
            QTimer.singleShot(0, lambda: self.go_to(start))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.note_editor.flush()
        page = self.page()
        self._session.mutate(lambda lib: lib.set_pdf_page(self._entry, page))
        super().closeEvent(event)


def _tool(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
