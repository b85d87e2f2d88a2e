"""Shared helpers for the UI tests: a small list, and a window on a library in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings

SMALL_LIST = """# Awesome Tiny

A tiny list for tests.

## Papers

- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) - Vaswani et al. 2017. The Transformer.
- [BERT: Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805) - Devlin et al. 2018.
- [Language Models are Few-Shot Learners](https://arxiv.org/abs/2005.14165) - Brown et al. 2020.

## Articles

### Attention

- [The Illustrated Transformer](https://jalammar.github.io/illustrated-transformer/) - Jay Alammar.
- [Attention? Attention!](https://lilianweng.github.io/posts/2018-06-24-attention/) - Lilian Weng.

## Code

- [huggingface/transformers](https://github.com/huggingface/transformers) - State-of-the-art NLP.
"""


def big_list(n: int) -> str:
    lines = ["# Awesome Many", "", "## Papers", ""]
    lines += [f"- [Paper number {i} about topic{i % 7}](https://example.org/p/{i}) - Author {i}."
              for i in range(n)]
    return "\n".join(lines) + "\n"


@contextmanager
def open_window(db: Path, tmp: Path) -> Iterator[object]:
    from readlist.library import Library
    from readlist.ui.app import application
    from readlist.ui.main_window import MainWindow
    from readlist.ui.tasks import Session

    application()
    session = Session(Library(db))
    window = MainWindow(session, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window.start()
    window.show()
    try:
        yield window
    finally:
        window.close()
        session.close()
