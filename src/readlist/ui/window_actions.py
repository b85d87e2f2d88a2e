"""The window's verbs: menus, keyboard triage and the table's context menu.

A mixin for `MainWindow` so that file stays about layout and state. Every verb acts on the
selected entries of whichever list is showing (the entry table or a queue) and changes the
reading layer through an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from readlist.core.errors import ReadlistError
from readlist.core.models import EntryRow, Priority, Status
from readlist.ui.detail_pane import parse_tags
from readlist.ui.entry_model import as_markdown
from readlist.ui.icons import icon
from readlist.ui.markdown_view import open_web_url
from readlist.ui.shortcuts import SHORTCUTS, ShortcutSheet
from readlist.ui.undo import MarkCommand, PriorityCommand, RateCommand, TagCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow, QTableView

    from readlist.ui.detail_pane import DetailPane
    from readlist.ui.sidebar import Sidebar
    from readlist.ui.tasks import Session

    _Base = QMainWindow
else:
    _Base = object

STATUS_LABELS = {Status.READ: "Read", Status.UNREAD: "Unread", Status.TO_READ: "To read",
                 Status.READING: "Reading", Status.SKIPPED: "Skipped"}


class WindowActions(_Base):
    """Builds `self.verbs` (name → QAction) and the menus."""

    session: Session
    undo_stack: QUndoStack
    detail: DetailPane
    sidebar: Sidebar
    verbs: dict[str, QAction]

    def selected_ids(self) -> list[int]:
        raise NotImplementedError

    def current_view(self) -> QTableView:
        raise NotImplementedError

    def move_current(self, step: int) -> None:
        raise NotImplementedError

    def focus_search(self) -> None:
        raise NotImplementedError

    def open_import(self, tab: int = 0, url: str = "", start: bool = False) -> object:
        raise NotImplementedError

    def show_whats_new(self) -> None:
        raise NotImplementedError

    def show_progress(self) -> None:
        raise NotImplementedError

    def new_queue(self, ids: list[int] | None = None) -> None:
        raise NotImplementedError

    def _add_io_actions(self, menu: QMenu) -> None:
        raise NotImplementedError

    def queue_menu_for_selected(self, at: QPoint | None = None) -> None:
        raise NotImplementedError

    def _queue_menu(self, ids: list[int], parent: QWidget | None = None) -> QMenu:
        raise NotImplementedError

    if TYPE_CHECKING:  # from PaperActions, later in the window's MRO: no stub may shadow it
        def add_paper_actions(self, menu: QMenu) -> None: ...

    def _action(self, name: str, text: str, slot: Callable[[], object],
                icon_name: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self)
        keys = SHORTCUTS.get(name, ((), ""))[0]
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(_ignore_checked(slot))
        self.addAction(action)
        self.verbs[name] = action
        return action

    def _build_actions(self) -> None:
        self.verbs: dict[str, QAction] = {}
        for status, label in STATUS_LABELS.items():
            self._action(f"mark_{status.value}", label, partial(self.mark_selected, status),
                         f"status-{status.value}")
        for prio in Priority:
            self._action(f"priority_{prio.value}", prio.value.capitalize(),
                         partial(self.prioritise_selected, prio))
        self._action("next", "Next entry", lambda: self.move_current(1))
        self._action("previous", "Previous entry", lambda: self.move_current(-1))
        self._action("open", "Open link", self.open_selected, "link")
        self._action("queue", "Add to queue…", self.queue_menu_for_selected, "queue")
        self._action("note", "Edit note", self.edit_note, "note")
        self._action("tags", "Edit tags…", self.edit_tags_of_selected, "tag")
        self._action("search", "Search", self.focus_search, "search")
        self._action("copy_link", "Copy link", self.copy_link, "link")
        self._action("copy_markdown", "Copy as Markdown", self.copy_markdown)
        self._action("import", "Import a list…", lambda: self.open_import(), "import")
        self._action("whats_new", "What's new", self.show_whats_new, "new")
        self._action("progress", "Progress", self.show_progress, "stats")
        self._action("shortcuts", "Keyboard shortcuts", self.show_shortcuts, "keyboard")
        for stars in range(6):
            self._action(f"rate_{stars}", SHORTCUTS[f"rate_{stars}"][1].split(": ")[1],
                         partial(self.rate_selected, stars or None))
        self._action("new_queue", "New queue…", lambda: self.new_queue(), "plus")
        self._action("focus_sidebar", "Go to the sidebar", partial(self.focus_pane, "sidebar"))
        self._action("focus_table", "Go to the list", partial(self.focus_pane, "table"))
        self._action("focus_detail", "Go to the details", partial(self.focus_pane, "detail"))
        undo = self.undo_stack.createUndoAction(self, "Undo")
        redo = self.undo_stack.createRedoAction(self, "Redo")
        for name, action, icon_name in (("undo", undo, "undo"), ("redo", redo, "redo")):
            action.setIcon(icon(icon_name))
            action.setShortcuts([QKeySequence(k) for k in SHORTCUTS[name][0]])
            self.addAction(action)
            self.verbs[name] = action
        self._build_menus()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addAction(self.verbs["import"])
        self._add_io_actions(file)
        file.addSeparator()
        quit_action = file.addAction("Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        edit = bar.addMenu("&Edit")
        edit.addAction(self.verbs["undo"])
        edit.addAction(self.verbs["redo"])
        edit.addSeparator()
        edit.addAction(self.verbs["search"])
        edit.addAction(self.verbs["copy_link"])
        edit.addAction(self.verbs["copy_markdown"])
        entry = bar.addMenu("E&ntry")
        self._fill_entry_menu(entry)
        view = bar.addMenu("&View")
        view.addAction(self.verbs["whats_new"])
        view.addAction(self.verbs["progress"])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.verbs["shortcuts"])
        about = help_menu.addAction("About Readlist")
        about.triggered.connect(lambda: QMessageBox.about(
            self, "About Readlist", "Readlist — your reading layer over curated lists."))

    def _fill_entry_menu(self, menu: QMenu) -> None:
        menu.addAction(self.verbs["open"])
        mark = menu.addMenu(icon("status-read"), "Mark as")
        for status in STATUS_LABELS:
            mark.addAction(self.verbs[f"mark_{status.value}"])
        prio = menu.addMenu("Priority")
        for p in Priority:
            prio.addAction(self.verbs[f"priority_{p.value}"])
        rate = menu.addMenu("Rating")
        for stars in range(6):
            rate.addAction(self.verbs[f"rate_{stars}"])
        menu.addAction(self.verbs["queue"])
        menu.addAction(self.verbs["new_queue"])
        menu.addAction(self.verbs["tags"])
        menu.addAction(self.verbs["note"])
        menu.addSeparator()
        menu.addAction(self.verbs["copy_link"])
        menu.addAction(self.verbs["copy_markdown"])
        menu.addSeparator()
        menu.addAction(self.verbs["next"])
        menu.addAction(self.verbs["previous"])

    # ---- verbs ----

    def _selected_or_warn(self) -> list[int]:
        ids = self.selected_ids()
        if not ids:
            self.statusBar().showMessage("Select an entry first.", 3000)
        return ids

    def _push(self, make: Callable[[], object]) -> None:
        try:
            self.undo_stack.push(make())  # type: ignore[arg-type,unused-ignore]
        except ReadlistError as exc:
            self.statusBar().showMessage(str(exc), 5000)

    def mark_selected(self, status: Status) -> None:
        ids = self._selected_or_warn()
        if ids:
            self._push(lambda: MarkCommand(self.session, ids, status))
            if len(ids) == 1:
                self.move_current(1)

    def prioritise_selected(self, priority: Priority) -> None:
        ids = self._selected_or_warn()
        if ids:
            self._push(lambda: PriorityCommand(self.session, ids, priority))

    def rate_selected(self, rating: int | None) -> None:
        ids = self._selected_or_warn()
        if ids:
            self._push(lambda: RateCommand(self.session, ids, rating))

    def focus_pane(self, pane: str) -> None:
        """Move the keyboard to the sidebar, the centre's list, or the detail pane."""
        target = {"sidebar": self.sidebar, "table": self.current_view(),
                  "detail": self.detail.status}.get(pane)
        if target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def remove_saved_search(self, name: str) -> None:
        self.session.mutate(lambda lib: lib.search_remove(name))

    def edit_tags_of_selected(self) -> None:
        ids = self._selected_or_warn()
        if not ids:
            return
        text, ok = QInputDialog.getText(self, "Tags", "Add tags (space separated); "
                                        "prefix with - to remove:")
        if not ok:
            return
        words = parse_tags(text)
        add = [w for w in words if not w.startswith("-")]
        remove = [w[1:] for w in words if w.startswith("-") and len(w) > 1]
        if add or remove:
            self._push(lambda: TagCommand(self.session, ids, add, remove))

    def _selected_rows(self) -> list[EntryRow]:
        ids = self.selected_ids()
        return self.session.call(lambda lib: lib.rows(ids)) if ids else []

    def open_selected(self) -> None:
        for row in self._selected_rows()[:10]:
            if row.url:
                open_web_url(row.url)

    def copy_link(self) -> None:
        urls = [r.url for r in self._selected_rows() if r.url]
        if urls:
            QGuiApplication.clipboard().setText("\n".join(urls))
            self.statusBar().showMessage("Link copied.", 2000)

    def copy_markdown(self) -> None:
        rows = self._selected_rows()
        if rows:
            QGuiApplication.clipboard().setText("\n".join(as_markdown(r) for r in rows))
            self.statusBar().showMessage("Copied as Markdown.", 2000)

    def edit_note(self) -> None:
        if self.detail.entry() is not None:
            self.detail.note_editor.focus_source()

    def show_shortcuts(self) -> None:
        ShortcutSheet(self).exec()

    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        menu = QMenu(self)
        self._fill_entry_menu(menu)
        ids = self.selected_ids()
        if ids:
            menu.insertMenu(self.verbs["tags"], self._queue_menu(ids, menu))
            menu.removeAction(self.verbs["queue"])
        self.add_paper_actions(menu)
        view = self.current_view()
        menu.exec(view.viewport().mapToGlobal(pos))


def _ignore_checked(slot: Callable[[], object]) -> Callable[[bool], None]:
    """A `triggered(bool)` slot that calls `slot()` (QAction passes `checked`)."""
    def run(_checked: bool = False) -> None:
        slot()
    return run
