"""Per-heading progress (the sidebar's "12 / 39") is exact, with repeated placements."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MD_2024

from readlist.library import Library

LIST = """# Repeats

## Code

### PyTorch and TensorFlow

- [kimiyoung/transformer-xl](https://github.com/kimiyoung/transformer-xl) - XL.
- [huggingface/transformers](https://github.com/huggingface/transformers) - HF.

### PyTorch

- [kimiyoung/transformer-xl](https://github.com/kimiyoung/transformer-xl) - XL again.
- [pytorch/fairseq](https://github.com/pytorch/fairseq) - fairseq.

## Papers

1. [BERT](https://arxiv.org/abs/1810.04805) by J. Devlin.
"""


def test_entry_listed_twice_counts_once_under_its_parent(db_path: Path) -> None:
    lib = Library(db_path)
    lib.import_text(LIST)
    xl = lib.find("transformer-xl")[0]
    lib.mark([xl], "read")
    progress = {p.path: (p.total, p.read) for p in lib.section_progress()}
    assert progress["Code"] == (3, 1)
    assert progress["Code > PyTorch"] == (2, 1)
    assert progress["Code > PyTorch and TensorFlow"] == (2, 1)
    assert progress["Papers"] == (1, 0)
    lib.close()


def test_matches_the_stats_rollup_on_the_real_list(db_path: Path, real_list_dir: Path) -> None:
    lib = Library(db_path)
    lib.import_text((real_list_dir / MD_2024).read_text(encoding="utf-8"))
    ids = lib.find("")
    lib.mark(ids[::7], "read")
    lib.mark(ids[3::11], "skipped")
    stats = {(g.source, g.path): (g.counts.total, g.counts.read) for g in lib.stats().sections}
    mine = {(p.source, p.path): (p.total, p.read) for p in lib.section_progress()}
    assert mine == stats
    assert sum(1 for total, _ in mine.values() if total) > 30
    lib.close()
