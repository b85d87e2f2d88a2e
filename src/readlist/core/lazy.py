"""Modules loaded on first use, so a command pays only for the code it runs (issue 14.12)."""

from __future__ import annotations

import importlib
from types import ModuleType


class _LazyModule(ModuleType):
    """Stands for a module until one of its attributes is first read, then imports it.

    Unlike importlib's LazyLoader this is safe when two threads touch it first at once:
    `importlib.import_module` holds the import lock while the module runs.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._loaded: ModuleType | None = None

    def __getattr__(self, attr: str) -> object:
        module = self._loaded
        if module is None:
            module = self._loaded = importlib.import_module(self.__name__)
        return getattr(module, attr)


def lazy_module(name: str) -> ModuleType:
    """`name` as a module imported when one of its attributes is first read.

    Import it for type checkers under `if TYPE_CHECKING:` and bind this at run time.
    """
    return _LazyModule(name)
