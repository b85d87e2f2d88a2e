"""Undo as a Library operation: every step puts back exactly what it changed, in one go."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import SMALL_LIST

from readlist.core.models import Priority, Status
from readlist.library import Library


def _lib(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.import_text(SMALL_LIST)
    return lib


def test_status_priority_tags_undo_and_redo(tmp_path: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.mark([2], "reading")
        changes = lib.undoable("read", lambda lib: lib.mark([1, 2], "read"), entries=[1, 2])
        assert changes.entries == {1, 2}
        lib.undoable("prio", lambda lib: lib.set_priority([1], "high"), entries=[1])
        lib.undoable("tag", lambda lib: lib.tag([1, 3], ["rlhf"]), entries=[1, 3])
        assert lib.undo_label() == "tag"
        back = lib.undo()
        assert back.entries == {1, 3} and lib.get(1).tags == [] and lib.get(3).tags == []
        lib.undo()
        assert lib.get(1).priority == Priority.NORMAL
        lib.undo()
        assert lib.get(1).status == Status.UNREAD and lib.get(2).status == Status.READING
        assert lib.undo().empty  # nothing left
        lib.redo()
        assert lib.get(1).status == Status.READ and lib.get(2).status == Status.READ
        assert lib.redo_label() == "prio"


def test_queue_create_rename_delete_are_undone(tmp_path: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.undoable("new", lambda lib: lib.queue_new("Next up"), queues=["Next up"])
        lib.undoable("add", lambda lib: lib.queue_add("Next up", [3, 1, 2]),
                     entries=[3, 1, 2], queues=["Next up"])
        assert lib.get(3).status == Status.TO_READ
        lib.undoable("move", lambda lib: lib.queue_move("Next up", 2, 1), queues=["Next up"])
        lib.undoable("rename", lambda lib: lib.queue_rename("Next up", "Later"),
                     queues=["Next up", "Later"])
        qid = next(q.id for q in lib.queues())
        lib.undoable("delete", lambda lib: lib.queue_delete("Later"), queues=["Later"])
        assert lib.queues() == []
        lib.undo()  # the delete: the queue is back, in its order
        assert lib.queue_ids("Later") == [2, 3, 1]
        lib.undo()  # the rename keeps the queue (same id)
        assert [q.name for q in lib.queues()] == ["Next up"]
        lib.redo()
        assert [(q.id, q.name) for q in lib.queues()] != [] and lib.queues()[0].name == "Later"
        lib.undo()
        lib.undo()  # the move
        assert lib.queue_ids("Next up") == [3, 1, 2]
        lib.undo()  # the add: out of the queue, and unread again
        assert lib.queue_ids("Next up") == [] and lib.get(3).status == Status.UNREAD
        lib.undo()
        assert lib.queues() == []
        assert qid  # the rename was undone in place, not by delete and create


def test_a_token_only_undoes_its_own_step(tmp_path: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.undoable("a", lambda lib: lib.mark([1], "read"), entries=[1], token="a")
        assert lib.undo("b").empty  # step "b" never got recorded (it failed)
        assert lib.get(1).status == Status.READ
        assert not lib.undo("a").empty
        assert lib.get(1).status == Status.UNREAD
        assert lib.redo("b").empty and lib.get(1).status == Status.UNREAD
        assert not lib.redo("a").empty and lib.get(1).status == Status.READ


def test_undo_records_status_history(tmp_path: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.undoable("read", lambda lib: lib.mark([1], "read"), entries=[1])
        lib.undo()
        assert [c.status for c in lib.get(1).history] == [Status.READ, Status.UNREAD]
