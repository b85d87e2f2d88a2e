"""Issue 12 in the app: untrusted text loads nothing and paints nothing; a damaged library is
offered its newest intact backup at start; the import dialog asks before it guesses a list or
retires annotated entries."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MD_2021, MD_2024
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import open_window

from readlist.core.errors import LibraryDamagedError
from readlist.library import Library
from readlist.ui.entry_model import COL_TITLE
from readlist.ui.import_dialog import TAB_FILE, ImportDialog
from readlist.ui.main_window import MainWindow
from readlist.ui.markdown_view import render_markdown
from readlist.ui.recover import DamagedLibraryDialog, recover

HOSTILE = """# Hostile list

## &lt;font color=red&gt;Papers&lt;/font&gt;

- [&lt;b style="color:red"&gt;YOUR LIBRARY IS INFECTED&lt;/b&gt; call now](https://x.org/a) \
- Read ![x](/dev/zero) and ![y](\\\\host\\share\\a.png) and ![z](file:///etc/passwd).
- [A fine paper](https://example.org/fine) - Inline ![ok](data:image/png;base64,iVBORw0KGgo=).
"""


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=30000)


def test_images_load_only_inline_data() -> None:
    html = render_markdown("![x](/dev/zero) ![y](\\\\host\\share\\a.png) ![z](file:///etc/p) "
                           "![w](https://tracker.example/p.gif) ![d](data:image/png;base64,AA==)")
    assert html.count("<img") == 1 and 'src="data:image/png;base64,AA=="' in html
    for gone in ("/dev/zero", "host", "file:", "tracker"):
        assert gone not in html
    assert "x y z w" in html  # the dropped images leave their alt text


def test_hostile_entry_opens_selected_and_shows_its_title_as_text(
        qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_text(HOSTILE)
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        window.table.setCurrentIndex(window.model.index(0, 0))
        qtbot.waitUntil(lambda: "INFECTED" in window.detail.title.text(), timeout=10000)
        assert window.detail.title.textFormat() == Qt.TextFormat.PlainText
        assert window.detail.title.text().startswith("<b style")  # shown, not obeyed
        tip = window.model.index(0, COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
        assert "&lt;b style" in tip and "<b style" not in tip
        assert window.detail.sections.textFormat() == Qt.TextFormat.PlainText
        assert window.detail.sections.text() == "<font color=red>Papers</font>"
        assert "/dev/zero" not in window.detail.description.toHtml()
        window.grab().save("/tmp/trust-hostile.png")


def _damaged_with_backup(tmp_path: Path, fixtures_dir: Path) -> tuple[Path, Path]:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_text((fixtures_dir / "cli_list_v1.md").read_text())
    lib.set_note(lib.find("BERT")[0], "my note")
    good = lib.auto_backup("by hand")
    lib.close()
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek((size // 4096 // 2) * 4096)
        fh.write(b"\x00junk" * 800)
    return db, good


def test_damaged_library_offers_its_newest_intact_backup(qtbot: QtBot, tmp_path: Path,
                                                         fixtures_dir: Path) -> None:
    db, good = _damaged_with_backup(tmp_path, fixtures_dir)
    try:
        Library(db)
    except LibraryDamagedError as exc:
        error = exc
    else:
        raise AssertionError("the damaged library opened")
    assert error.backup == str(good)
    shown = DamagedLibraryDialog(error)
    qtbot.addWidget(shown)
    assert shown.restore_button is not None and str(good) in shown.informativeText()
    shown.grab().save("/tmp/trust-damaged.png")

    def click_restore() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DamagedLibraryDialog) and dialog.restore_button is not None:
            dialog.restore_button.click()
        elif dialog is not None:
            dialog.close()  # not ours: fail below instead of hanging

    QTimer.singleShot(0, click_restore)
    assert recover(error)
    with Library(db) as lib:
        assert lib.note(lib.find("BERT")[0]) == "my note"


def test_import_dialog_asks_before_taking_a_list_for_a_known_one(
        qtbot: QtBot, tmp_path: Path, real_list_dir: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    old, new = tmp_path / "awesome-old.md", tmp_path / "awesome-new.md"
    shutil.copy(real_list_dir / MD_2021, old)
    shutil.copy(real_list_dir / MD_2024, new)
    lib = Library(db)
    lib.import_source(str(old))
    known = lib.sources()[0].name
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        dialog = window.open_import(TAB_FILE)
        assert isinstance(dialog, ImportDialog)
        dialog.path.setText(str(new))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.update_button.isVisible, timeout=30000)
        assert dialog.separate_button.isVisible() and known in dialog.message.text()
        assert dialog.report is None  # nothing imported while it asks
        dialog.grab().save("/tmp/trust-which-list.png")
        with qtbot.waitSignal(dialog.imported, timeout=30000):
            qtbot.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)
        assert dialog.report is not None and 140 <= dialog.report.added <= 170
        _settle(qtbot, window)
        assert len(window.session.call(lambda lib: lib.sources())) == 1


def test_import_dialog_lists_annotated_entries_before_retiring_them(
        qtbot: QtBot, tmp_path: Path, fixtures_dir: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_source(str(fixtures_dir / "cli_list_v1.md"))
    gpt3 = lib.find("Few-Shot")[0]
    lib.rate([gpt3], 4)
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        dialog = window.open_import(TAB_FILE)
        dialog.path.setText(str(fixtures_dir / "cli_list_v2.md"))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.force_button.isVisible, timeout=30000)
        assert "Language Models are Few-Shot Learners" in dialog.message.text()
        assert dialog.force_button.text() == "Retire them anyway"
        dialog.grab().save("/tmp/trust-retire.png")
        with qtbot.waitSignal(dialog.imported, timeout=30000):
            qtbot.mouseClick(dialog.force_button, Qt.MouseButton.LeftButton)
        assert dialog.report is not None and dialog.report.retired == 1
        _settle(qtbot, window)
        assert window.session.call(lambda lib: lib.get(gpt3)).rating == 4


def test_the_app_keeps_reading_while_another_process_writes(qtbot: QtBot, tmp_path: Path,
                                                            fixtures_dir: Path) -> None:
    import sqlite3

    db = tmp_path / "lib.sqlite3"
    lib = Library(db)
    lib.import_source(str(fixtures_dir / "cli_list_v1.md"))
    lib.mark(lib.find("BERT")[:1], "read")
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        writer = sqlite3.connect(db, timeout=0)
        try:
            writer.execute("BEGIN IMMEDIATE")  # the command line importing, say
            writer.execute("UPDATE entries SET title = 'half-written'")
            window.sidebar.select_key("status:read")
            qtbot.waitUntil(lambda: window.model.total == 1, timeout=10000)
            window.sidebar.select_key("status:all")
            qtbot.waitUntil(lambda: window.model.total == 7, timeout=10000)
            titles = [window.model.index(r, COL_TITLE).data() for r in range(7)]
            assert "half-written" not in titles
        finally:
            writer.rollback()
            writer.close()


def test_import_dialog_can_keep_a_probable_copy_as_a_new_list(
        qtbot: QtBot, tmp_path: Path, real_list_dir: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    old, new = tmp_path / "awesome-old.md", tmp_path / "awesome-new.md"
    shutil.copy(real_list_dir / MD_2021, old)
    shutil.copy(real_list_dir / MD_2024, new)
    lib = Library(db)
    lib.import_source(str(old))
    lib.close()
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        _settle(qtbot, window)
        dialog = window.open_import(TAB_FILE)
        dialog.path.setText(str(new))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.separate_button.isVisible, timeout=30000)
        with qtbot.waitSignal(dialog.imported, timeout=30000):
            qtbot.mouseClick(dialog.separate_button, Qt.MouseButton.LeftButton)
        assert dialog.report is not None
        assert dialog.report.source == "Awesome Transformer & Transfer Learning in NLP"
        _settle(qtbot, window)
        names = {s.name for s in window.session.call(lambda lib: lib.sources())}
        assert names == {"Awesome BERT & Transfer Learning in NLP", dialog.report.source}
