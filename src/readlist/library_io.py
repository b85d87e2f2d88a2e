"""Stats, exports, restore and backups of a Library (issue #7); mixed into `Library`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readlist.store.repository import Store


class LibraryIO:
    """Methods here reach the database only through `self.store`, like `Library`'s own."""

    store: Store
