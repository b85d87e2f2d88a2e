"""Which lists cite an entry and what each says of it (issue 12.1); mixed into `Library`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from readlist.importing.provenance import CLAIM_FIELDS
from readlist.store import claims

if TYPE_CHECKING:
    from readlist.store.repository import Store


class LibraryProvenance:
    store: Store

    if TYPE_CHECKING:
        def _check_ids(self, ids: Sequence[int]) -> list[int]: ...

    def cited_by(self, entry_id: int) -> list[tuple[str, dict[str, object]]]:
        """(list name, {field: value it states}) of every list that lists the entry now,
        the list imported first first; a retired entry has none."""
        self._check_ids([entry_id])
        with self.store.read_lite() as conn:
            found = claims.cited_by(conn, entry_id)
        return [(name, {f: c.value(f) for f in CLAIM_FIELDS if c.states(f)})
                for name, c in found]
