"""Queue verbs of the window: add to a queue, new / rename / delete, drop, reorder, remove.

A mixin for `MainWindow` on top of `WindowActions` (whose `_push` makes every change an
undoable command). Dropping entries on a queue in the sidebar, dragging inside the queue
panel and Ctrl+Up / Ctrl+Down all end here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from readlist.ui.icons import icon
from readlist.ui.undo import (
    QueueAddCommand,
    QueueDeleteCommand,
    QueueMoveCommand,
    QueueNewCommand,
    QueueRemoveCommand,
    QueueRenameCommand,
)
from readlist.ui.window_actions import WindowActions

if TYPE_CHECKING:
    from readlist.ui.queue_panel import QueuePanel


class QueueActions(WindowActions):
    """Queue verbs; `queue_panel` is the window's panel showing one queue."""

    queue_panel: QueuePanel

    def add_selected_to_queue(self, queue: str, ids: list[int] | None = None) -> None:
        ids = ids if ids is not None else self._selected_or_warn()
        if ids:
            self._push(lambda: QueueAddCommand(self.session, queue, ids))
            self.statusBar().showMessage(f"Added to {queue}.", 3000)

    def queue_menu_for_selected(self, at: QPoint | None = None) -> None:
        ids = self._selected_or_warn()
        if not ids:
            return
        menu = self._queue_menu(ids)
        menu.exec(at or self.current_view().viewport().mapToGlobal(
            self.current_view().visualRect(self.current_view().currentIndex()).bottomLeft()))

    def _queue_menu(self, ids: list[int], parent: QWidget | None = None) -> QMenu:
        menu = QMenu("Add to queue", parent or self)
        menu.setIcon(icon("queue"))
        for q in self.session.call(lambda lib: lib.queues()):
            action = menu.addAction(icon("queue"), f"{q.name}  ({q.count})")
            action.triggered.connect(lambda _c=False, n=q.name: self.add_selected_to_queue(n, ids))
        menu.addSeparator()
        new = menu.addAction(icon("plus"), "New queue…")
        new.triggered.connect(lambda: self.new_queue(ids))
        return menu

    def _queue_name_taken(self, name: str, title: str, *, but: str = "") -> bool:
        """Warn (and say True) if another queue has `name` (queue names ignore case)."""
        taken = {q.name.casefold() for q in self.session.call(lambda lib: lib.queues())}
        if name.casefold() in taken - {but.casefold()}:
            QMessageBox.warning(self, title, f"a queue named {name!r} already exists")
            return True
        return False

    def new_queue(self, ids: list[int] | None = None) -> None:
        name, ok = QInputDialog.getText(self, "New queue", "Queue name:")
        name = name.strip()
        if not ok or not name or self._queue_name_taken(name, "New queue"):
            return
        self._push(lambda: QueueNewCommand(self.session, name))
        if ids:
            self.add_selected_to_queue(name, ids)

    def rename_queue(self, name: str) -> None:
        new, ok = QInputDialog.getText(self, "Rename queue", "New name:", text=name)
        new = new.strip()
        if ok and new and new != name and not self._queue_name_taken(new, "Rename queue",
                                                                     but=name):
            self._push(lambda: QueueRenameCommand(self.session, name, new))

    def delete_queue(self, name: str) -> None:
        answer = QMessageBox.question(self, "Delete queue",
                                      f"Delete the queue “{name}”? Its entries stay in the "
                                      "library with their status. (Undo brings it back.)")
        if answer == QMessageBox.StandardButton.Yes:
            self._push(lambda: QueueDeleteCommand(self.session, name))


    # ---- drops and reordering ----

    def _on_sidebar_entries_dropped(self, queue: str, ids: list[int]) -> None:
        self.add_selected_to_queue(queue, ids)

    def _on_queue_model_move_requested(self, entry: int, position: int) -> None:
        name = self.queue_panel.model.name()
        self._push(lambda: QueueMoveCommand(self.session, name, entry, position))
        row = self.queue_panel.model.ids().index(entry)
        self.queue_panel.view.selectRow(row)

    def _on_queue_model_add_requested(self, ids: list[int], position: int) -> None:
        name = self.queue_panel.model.name()
        self.undo_stack.beginMacro(f"Add to {name}")
        self._push(lambda: QueueAddCommand(self.session, name, ids))
        for offset, entry in enumerate(ids):
            self._push(partial(QueueMoveCommand, self.session, name, entry, position + offset))
        self.undo_stack.endMacro()

    def _on_queue_view_move_by(self, step: int) -> None:
        view, model = self.queue_panel.view, self.queue_panel.model
        row = view.currentIndex().row()
        if row < 0 or not 0 <= row + step < model.rowCount():
            return
        self._on_queue_model_move_requested(model.ids()[row], row + step + 1)

    def _on_queue_remove_activated(self) -> None:
        ids, name = self.selected_ids(), self.queue_panel.model.name()
        if ids and name:
            self._push(lambda: QueueRemoveCommand(self.session, name, ids))
