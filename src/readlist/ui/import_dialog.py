"""Import a list from a file, a URL or pasted text, off the UI thread, and show the report.

The import runs as one job on the session's worker (the window stays responsive; the
progress bar pulses meanwhile). It ends with the report — added / changed / moved / retired /
revived / unchanged — and a "Show what's new" button. An import refused for safety (it
would retire most of the list, or entries the reader annotated, which it lists) can be
confirmed with "Import anyway". When a list is only probably a newer copy of a known one (it
holds most of that list's entries under another title or file), the dialog asks first:
"Update “X”" or "Import as a new list".
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readlist.core.errors import AnnotatedRetireError, ImportRefusedError, UncertainSourceError
from readlist.core.models import ImportReport
from readlist.library import Library
from readlist.ui.icons import icon
from readlist.ui.import_runner import run_import
from readlist.ui.tasks import Session

SUGGESTED_URL = ("https://raw.githubusercontent.com/cedrickchee/awesome-transformer-nlp/"
                 "master/README.md")
TAB_FILE, TAB_URL, TAB_TEXT = range(3)


def report_html(report: ImportReport) -> str:
    """The report as the dialog shows it: a headline, then every figure (zeros greyed)."""
    figures = [("added", report.added), ("changed", report.changed), ("moved", report.moved),
               ("retired", report.retired), ("revived", report.revived),
               ("unchanged", report.unchanged)]
    cells = "".join(
        f'<td align="center" style="padding: 4px 14px;{"" if n else " color: #999;"}">'
        f'<span style="font-size: large; font-weight: bold;">{n:,}</span><br>{label}</td>'
        for label, n in figures)
    return (f"<p><b>Imported “{html.escape(report.source)}”</b> — {report.entries:,} entries "
            f"in {report.seconds:.1f} s.</p><table><tr>{cells}</tr></table>")


def report_text(report: ImportReport) -> str:
    figures = [("added", report.added), ("changed", report.changed), ("moved", report.moved),
               ("retired", report.retired), ("revived", report.revived),
               ("unchanged", report.unchanged)]
    shown = ", ".join(f"{n:,} {label}" for label, n in figures if n or label == "added")
    return (f"Imported “{report.source}”: {report.entries:,} entries in "
            f"{report.seconds:.1f} s — {shown}.")


def _size(n: int) -> str:
    return f"{n:,} bytes" if n < 10_000 else f"{n / 1024:,.0f} KB"


def _last_address(session: Session) -> str:
    """The web address of the most recently imported source, to re-import it."""
    imported = [s for s in session.call(lambda lib: lib.sources())
                if s.origin.startswith(("https://", "http://")) and s.imported_at]
    return max(imported, key=lambda s: s.imported_at or "").origin if imported else ""


#: How many annotated entries a refused import lists by title.
ANNOTATED_LISTED = 8


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


class ImportDialog(QDialog):
    """A modeless-friendly dialog; `imported(report)` fires when an import succeeds."""

    imported = Signal(object)
    #: the message shown when an import ends without importing (an error or a question)
    failed = Signal(str)
    whats_new_requested = Signal()
    #: (bytes received, total or None), emitted from the worker as a URL download arrives
    download_progressed = Signal(int, object)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 tab: int = TAB_FILE, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a list")
        self.setWindowIcon(icon("import"))
        self.resize(640, 380)
        self._session = session
        self.report: ImportReport | None = None
        self.tabs = QTabWidget(self)
        file_page = QWidget(self)
        self.path = QLineEdit(file_page)
        self.path.setPlaceholderText("A Markdown file (README.md) or a saved page as text")
        browse = QPushButton("Browse…", file_page)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_hint = QLabel("Import a newer version of a list you already have to see what "
                           "changed upstream: new entries are marked, vanished ones are "
                           "retired, and your statuses, notes, tags and queues stay.",
                           file_page)
        file_hint.setWordWrap(True)
        file_hint.setEnabled(False)
        file_layout = QVBoxLayout(file_page)
        file_layout.addLayout(row)
        file_layout.addWidget(file_hint)
        file_layout.addStretch(1)
        url_page = QWidget(self)
        self.url = QLineEdit(url or _last_address(session) or SUGGESTED_URL, url_page)
        url_layout = QVBoxLayout(url_page)
        url_layout.addWidget(self.url)
        hint = QLabel("An https:// link to a list's raw Markdown, or a GitHub repository's "
                      "address (https://github.com/owner/name) to import its README. The "
                      "address of your last URL import is filled in to re-import it.", url_page)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        url_layout.addWidget(hint)
        url_layout.addStretch(1)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("Paste the Markdown of a list here…")
        self.tabs.addTab(file_page, "File")
        self.tabs.addTab(url_page, "URL")
        self.tabs.addTab(self.text, "Paste")
        self.tabs.setCurrentIndex(tab)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("optional: defaults to the list's title")
        form = QFormLayout()
        form.addRow("Name", self.name)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.hide()  # shown while an import runs
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.fontMetrics().height() * 4)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setIcon(icon("import"))
        self.import_button.setDefault(True)
        self.force_button = self.buttons.addButton("Import anyway",
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.force_button.hide()
        self.new_button = self.buttons.addButton("Show what's new",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.new_button.setIcon(icon("new"))
        self.new_button.hide()
        self.update_button = self.buttons.addButton("Update",
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.separate_button = self.buttons.addButton("Import as a new list",
                                                      QDialogButtonBox.ButtonRole.ActionRole)
        self.update_button.hide()
        self.separate_button.hide()
        self._guess: UncertainSourceError | None = None  # the list we ask about
        self.update_button.clicked.connect(self._on_update_button_clicked)
        self.separate_button.clicked.connect(self._on_separate_button_clicked)
        self.import_button.clicked.connect(lambda: self.start())
        self.force_button.clicked.connect(lambda: self.start(force=True))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.buttons.rejected.connect(self.reject)
        self.download_progressed.connect(self._on_download_progressed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def start(self, *, force: bool = False, as_name: str | None = None) -> bool:
        """Validate the form and queue the import; False (with a message) if incomplete.

        Args:
            as_name: the source the reader chose (update it, or a new list of this name);
                otherwise a list only probably known is asked about before it is imported.
        """
        tab = self.tabs.currentIndex()
        name = as_name or self.name.text().strip() or None
        ask = name is None
        spec = (self.path.text().strip() if tab == TAB_FILE else
                self.url.text().strip() if tab == TAB_URL else "")
        body = self.text.toPlainText()
        if (tab != TAB_TEXT and not spec) or (tab == TAB_TEXT and not body.strip()):
            self._show("Choose a file, enter a URL, or paste a list first.", error=True)
            return False

        def job(lib: Library) -> ImportReport:
            if tab == TAB_TEXT:
                return run_import(lib, text=body, name=name, force=force, ask_if_unsure=ask)
            return run_import(lib, spec=spec, name=name, force=force, progress=progress,
                              ask_if_unsure=ask)

        progress = self.download_progressed.emit if tab == TAB_URL else None
        self._busy(True)
        self._show("Downloading…" if tab == TAB_URL else "Importing…")
        self._session.submit(job, self._on_job_done, self._on_job_failed)
        return True

    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setValue(0 if busy else 1)
        self.progress.setVisible(busy)
        self.import_button.setEnabled(not busy)
        self.force_button.hide()
        self.update_button.hide()
        self.separate_button.hide()
        self.tabs.setEnabled(not busy)
        self.name.setEnabled(not busy)

    def _show(self, text: str, *, error: bool = False, rich: bool = False) -> None:
        self.message.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.message.setText(text)
        self.message.setStyleSheet("color: #d64545;" if error else "")

    def _on_job_done(self, report: ImportReport) -> None:
        self._busy(False)
        self.report = report
        self._show(report_html(report), rich=True)
        self.message.setToolTip(report_text(report))
        self.new_button.setVisible(bool(report.added or report.changed or report.moved
                                        or report.revived))
        self.import_button.setText("Import again")
        self._session.announce(report.changes())
        self.imported.emit(report)

    def _on_job_failed(self, exc: Exception) -> None:
        self._busy(False)
        self.progress.setValue(0)
        if isinstance(exc, UncertainSourceError):
            self._ask_which_list(exc)
            self.failed.emit(self.message.text())
            return
        self._show(str(exc) or exc.__class__.__name__, error=True)
        if isinstance(exc, AnnotatedRetireError):
            listed = "\n".join(f"  • {title}" for _id, title in exc.entries[:ANNOTATED_LISTED])
            more = len(exc.entries) - ANNOTATED_LISTED
            self._show(f"This import would retire {len(exc.entries)} "
                       f"entr{'y' if len(exc.entries) == 1 else 'ies'} you annotated "
                       f"(status, note, tags, rating or queue):\n{listed}"
                       + (f"\n  … and {more} more" if more > 0 else "")
                       + "\nThey would be kept with your notes, but hidden as retired.",
                       error=True)
        self.force_button.setText("Retire them anyway" if isinstance(
            exc, AnnotatedRetireError) else "Import anyway")
        self.force_button.setVisible(isinstance(exc, ImportRefusedError))
        self.failed.emit(self.message.text())

    def _on_download_progressed(self, got: int, total: int | None) -> None:
        if not self.progress.isVisible():
            return  # a late report of a job that already ended
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(got)
            self._show(f"Downloading… {_size(got)} of {_size(total)}"
                       if got < total else "Importing…")
        else:
            self._show(f"Downloading… {_size(got)}")


    def _ask_which_list(self, guess: UncertainSourceError) -> None:
        self._guess = guess
        self._show(f"This looks like a newer copy of “{guess.source}”: it "
                   f"{guess.why}. Update that list (your annotations stay, new "
                   "entries are marked), or import this one as a separate list?")
        self.update_button.setText(f"Update “{_short(guess.source)}”".replace("&", "&&"))
        self.update_button.show()
        self.separate_button.show()

    def _on_update_button_clicked(self) -> None:
        if self._guess is not None:
            self.start(as_name=self._guess.source)

    def _on_separate_button_clicked(self) -> None:
        if self._guess is not None:
            self.start(as_name=self._guess.list_title or "New list")

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a list", "",
                                              "Lists (*.md *.markdown *.txt);;All files (*)")
        if path:
            self.path.setText(path)

    def _on_new_button_clicked(self) -> None:
        self.whats_new_requested.emit()
        self.accept()
