"""The base of the content's typed records: value equality, hashing and a readable repr shared by
every record class instead of generated for each.

A frozen dataclass generates six methods per class, each compiled from source when the module is
imported (about 0.1 ms each: 19 record classes cost ~12 ms at every start). Records declare
``@dataclass(frozen=True, eq=False, repr=False)`` and inherit these three instead, which compare
the same fields a generated ``__eq__`` would (those with ``compare=True``), in order.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_COMPARED: dict[type, tuple[str, ...]] = {}  # per record class: its compared field names


def _compared(cls: type) -> tuple[str, ...]:
    names = _COMPARED.get(cls)
    if names is None:
        names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)
    return names


class Record:
    """Value semantics for a frozen dataclass: equal when of the same class with equal fields."""

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _compared(type(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}"
            for f in fields(self)  # type: ignore[arg-type]  # every Record is a dataclass
            if f.repr
        )
        return f"{type(self).__name__}({shown})"
