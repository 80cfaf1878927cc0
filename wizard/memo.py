"""Values computed once per object, by the object's identity.

For content that lives as long as the process: a condition compiled into a function, a text's
sorting key. Each entry keeps its object alive, so an identity is never reused while it is in
the table; the table starts again past ``limit`` entries (objects made on the fly, in tests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

V = TypeVar("V")


def by_identity(make: Callable[[Any], V], limit: int = 20_000) -> Callable[[Any], V]:
    """``make(obj)``, computed once per ``obj`` (compared by identity, not by value)."""
    table: dict[int, tuple[Any, V]] = {}

    def get(obj: Any) -> V:
        known = table.get(id(obj))
        if known is not None and known[0] is obj:
            return known[1]
        value = make(obj)
        if len(table) >= limit:
            table.clear()
        table[id(obj)] = (obj, value)
        return value

    return get
