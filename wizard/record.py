"""The base of the typed records: frozen value objects that cost little to define.

``@record`` makes a class a dataclass (its ``fields()``, ``replace()`` and ``is_dataclass`` work
as usual, and type checkers read it as a frozen dataclass through ``dataclass_transform``), but
generates no method when the module is imported:

- A frozen dataclass compiles ``__init__``, ``__setattr__``, ``__delattr__``, ``__eq__``,
  ``__hash__`` and ``__repr__`` from source for every class, about 0.15 ms each: the 51 classes a
  ``parcours step`` defines spent ~30 ms of a 140 ms call there.
- Here ``Record`` gives every record the same ``__eq__``, ``__hash__`` and ``__repr__`` (over the
  fields a generated one would compare or show) and refuses assignment like a frozen dataclass.
- ``__init__`` is compiled on a class's first instantiation only, so a class that a command
  never instantiates costs nothing; the compiled one is what a dataclass would generate.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import Any, ClassVar, TypeVar, dataclass_transform

_COMPARED: dict[type, tuple[str, ...]] = {}  # per record class: its compared field names
_FACTORY = object()  # a parameter's default when the field has a default_factory

R = TypeVar("R", bound=type)


def _compared(cls: type) -> tuple[str, ...]:
    names = _COMPARED.get(cls)
    if names is None:
        names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)
    return names


def _compile_init(cls: type) -> Any:
    """The ``__init__`` a frozen dataclass would generate for ``cls``, compiled once."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _FACTORY}
    params, body = ["self"], []
    for f in fields(cls):
        if not f.init:
            if f.default_factory is not MISSING:
                scope[f"_f_{f.name}"] = f.default_factory
                body.append(f"_set(self, {f.name!r}, _f_{f.name}())")
            elif f.default is not MISSING:
                scope[f"_d_{f.name}"] = f.default
                body.append(f"_set(self, {f.name!r}, _d_{f.name})")
            continue
        if f.default_factory is not MISSING:
            scope[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(f"if {f.name} is _FACTORY: {f.name} = _f_{f.name}()")
        elif f.default is not MISSING:
            scope[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        else:
            params.append(f.name)
        body.append(f"_set(self, {f.name!r}, {f.name})")
    source = f"def __init__({', '.join(params)}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, scope)  # noqa: S102 - our own field names, checked by dataclass() already
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Compile this class's ``__init__``, put it in place, and run it."""
    init = _compile_init(type(self))
    setattr(type(self), "__init__", init)  # noqa: B010 - on the class, for the next ones
    init(self, *args, **kwargs)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: R) -> R:
    """Make ``cls`` (a ``Record`` subclass) a frozen record: see the module's docstring."""
    if not cls.__doc__:
        # Else dataclass() writes one from inspect.signature(), which imports tokenize and
        # compiles its regular expressions (~8 ms).
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__dict__.get('__annotations__', {}))})"
    dataclass(init=False, repr=False, eq=False)(cls)  # fields only: nothing compiled
    # Its own __init__, so a subclass never runs its parent's (compiled for other fields).
    setattr(cls, "__init__", _first_init)  # noqa: B010
    return cls


class Record:
    """Value semantics for a record: equal when of the same class with equal fields; frozen."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _compared(type(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
