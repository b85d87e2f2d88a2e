"""Shared fixtures: offscreen Qt, the real list data (skipped when absent), fresh libraries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_LIST = ROOT.parent / "shared" / "data" / "awesome-transformer-nlp"
MD_2021 = "README.2021-01-19.6eb45c8.md"
MD_2023 = "README.2023-03-09.5ff2fb6.md"
MD_2024 = "README.2024-10-27.594ec55.md"
RENDERED = "rendered-page.txt"


@pytest.fixture(scope="session")
def real_list_dir() -> Path:
    """The real list versions beside the checkout; tests using it skip where it is absent."""
    if not (SHARED_LIST / MD_2024).is_file():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_LIST


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


pytest_plugins = ["tests.paper_server"]  # the local PDF / arXiv server fixture
