"""Stage packages whose main function has the package's name (`clean`, `reconcile`).

`from corroborate import clean` must give something callable whether or not the package
`corroborate.clean` was imported before (once it is, Python binds the package, not the function, to
`corroborate.clean`). The package module is made callable: calling it calls the function.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, function: Callable[..., Any]) -> None:
    class _StageModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    sys.modules[module_name].__class__ = _StageModule
