"""Scopes are structured filters: a heading lists exactly what sits under it (issue 14.3)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_helpers import open_window

from readlist.core.scope import Scope
from readlist.library import Library
from readlist.ui.main_window import MainWindow

NESTED = """# Awesome Nested

## Models

### BERT

- [BERT](https://arxiv.org/abs/1810.04805) - Devlin et al.

#### Distilled

- [DistilBERT](https://arxiv.org/abs/1910.01108) - Sanh et al.

### BERT variants

- [RoBERTa](https://arxiv.org/abs/1907.11692) - Liu et al.

## Other

- [A BERT tutorial](https://example.org/bert-tutorial) - about Models > BERT.
"""


def _titles(lib: Library, ids: list[int]) -> list[str]:
    return [v.title for v in lib.views(ids)]


def test_section_scope_is_that_heading_and_its_subheadings(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.import_text(NESTED, name="nested")
        bert = Scope(source="nested", section="Models > BERT")
        assert _titles(lib, lib.find(scope=bert)) == ["BERT", "DistilBERT"]
        assert lib.count(scope=bert) == 2
        assert _titles(lib, lib.find("distil", scope=bert, prefix_last=True)) == ["DistilBERT"]
        assert lib.count("-status:read", scope=bert) == 2
        models = Scope(source="nested", section="Models")
        assert _titles(lib, lib.find(scope=models)) == ["BERT", "DistilBERT", "RoBERTa"]
        assert lib.count(scope=Scope(source="nested")) == 4
        assert lib.count(scope=Scope(source="another list")) == 0
        # the text query of old matched the heading's words anywhere
        assert lib.count('section:"Models > BERT"') == 3


def test_sidebar_heading_lists_exactly_its_entries(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_text(NESTED, name="nested")
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=30000)
        assert window.sidebar.select_key("source:nested>Models > BERT")
        qtbot.waitUntil(lambda: window.model.scope is not None
                        and window.session.pending() == 0, timeout=30000)
        titles = [window.model.entry_at(r).title for r in range(window.model.rowCount())]
        assert titles == ["BERT", "DistilBERT"]
        with qtbot.waitSignal(window.model.results_loaded, timeout=30000):
            window.search_bar.set_text("distil", emit=True)
        assert window.model.total == 1 and window.model.entry_at(0).title == "DistilBERT"
