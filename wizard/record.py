"""The base of the typed records: frozen value objects that cost little to define.

``@record`` makes a class a dataclass (its ``fields()``, ``replace()`` and ``is_dataclass`` work
as usual, and type checkers read it as a frozen dataclass through ``dataclass_transform``), but
generates no method when the module is imported:

- A frozen dataclass compiles ``__init__``, ``__setattr__``, ``__delattr__``, ``__eq__``,
  ``__hash__`` and ``__repr__`` from source for every class, about 0.15 ms each: the 51 classes a
  ``parcours step`` defines spent ~30 ms of a 140 ms call there.
- Here ``Record`` gives every record the same ``__eq__``, ``__hash__`` and ``__repr__`` (over the
  fields a generated one would compare or show) and refuses assignment like a frozen dataclass.
- ``__init__`` is one generic function per class, made on its first instantiation from the
  class's fields: it takes the arguments a generated one would, fills defaults and factories,
  and sets the attributes in one step. A class only compiles its own ``__init__`` (as a
  dataclass would, ~0.15 ms) once it has made ``HOT`` instances: a command that makes a few
  compiles nothing, the path walk of check-data gets the fastest call for its hot classes.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import Any, ClassVar, TypeVar, dataclass_transform

_COMPARED: dict[type, tuple[str, ...]] = {}  # per record class: its compared field names

R = TypeVar("R", bound=type)


def _compared(cls: type) -> tuple[str, ...]:
    names = _COMPARED.get(cls)
    if names is None:
        names = _COMPARED[cls] = tuple(f.name for f in fields(cls) if f.compare)
    return names


class _InitPlan:
    """What a record's ``__init__`` does, read once from its fields: the one source of both the
    generic ``__init__`` and the compiled one."""

    def __init__(self, cls: type) -> None:
        self.name = cls.__qualname__
        params = [f for f in fields(cls) if f.init]
        self.names = tuple(f.name for f in params)
        self.defaults = {f.name: f.default for f in params if f.default is not MISSING}
        self.factories = {
            f.name: f.default_factory for f in params if f.default_factory is not MISSING
        }
        self.required = frozenset(self.names) - self.defaults.keys() - self.factories.keys()
        others = [f for f in fields(cls) if not f.init]  # set by __init__, never passed
        self.fixed = {f.name: f.default for f in others if f.default is not MISSING}
        self.made = {f.name: f.default_factory for f in others if f.default_factory is not MISSING}


def _make_init(plan: _InitPlan) -> Any:
    """The ``__init__`` of a record, with no code compiled: arguments matched to fields by
    position and name, defaults and factories fill the rest, and the values become the
    instance's attributes in one step. A wrong call raises the TypeError a generated
    ``__init__`` would."""
    name, names, defaults, required = plan.name, plan.names, plan.defaults, plan.required
    accepted = frozenset(names)
    factories, fixed, made = tuple(plan.factories.items()), plan.fixed, tuple(plan.made.items())
    count = len(names)
    set_dict = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(f"{name}() takes {count} arguments but {len(args)} were given")
        if kwargs:
            if not accepted.issuperset(kwargs):
                unknown = sorted(kwargs.keys() - accepted)[0]
                raise TypeError(f"{name}() got an unexpected keyword argument {unknown!r}")
            if args and not kwargs.keys().isdisjoint(names[: len(args)]):
                twice = sorted(kwargs.keys() & set(names[: len(args)]))[0]
                raise TypeError(f"{name}() got multiple values for argument {twice!r}")
        values = {**defaults, **dict(zip(names, args, strict=False)), **kwargs}
        if not required <= values.keys():
            missing = ", ".join(repr(n) for n in names if n in required and n not in values)
            raise TypeError(f"{name}() missing required arguments: {missing}")
        for key, factory in factories:
            if key not in values:
                values[key] = factory()
        if fixed or made:
            values.update(fixed)
            for key, factory in made:
                values[key] = factory()
        set_dict(self, "__dict__", values)

    __init__.__qualname__ = f"{name}.__init__"
    return __init__


_FACTORY = object()  # a compiled parameter's default when the field has a default_factory
HOT = 50  # instances of one class made through the generic __init__ before it is compiled


def _compile_init(plan: _InitPlan) -> Any:
    """The same ``__init__`` compiled from source (the fastest to call): for a class many
    instances are made of, e.g. the parts of every plan of check-data."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _FACTORY}
    params, body, values = ["self"], [], []
    for n in plan.names:
        if n in plan.factories:
            scope[f"_f_{n}"] = plan.factories[n]
            params.append(f"{n}=_FACTORY")
            body.append(f"if {n} is _FACTORY: {n} = _f_{n}()")
        elif n in plan.defaults:
            scope[f"_d_{n}"] = plan.defaults[n]
            params.append(f"{n}=_d_{n}")
        else:
            params.append(n)
        values.append(f"{n!r}: {n}")
    for n, value in plan.fixed.items():
        scope[f"_d_{n}"] = value
        values.append(f"{n!r}: _d_{n}")
    for n, factory in plan.made.items():
        scope[f"_f_{n}"] = factory
        values.append(f"{n!r}: _f_{n}()")
    body.append(f"_set(self, '__dict__', {{{', '.join(values)}}})")
    source = f"def __init__({', '.join(params)}):\n    " + "\n    ".join(body)
    exec(source, scope)  # noqa: S102 - our own field names, checked by dataclass() already
    init = scope["__init__"]
    init.__qualname__ = f"{plan.name}.__init__"
    return init


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Give this class its generic ``__init__`` (compiled once it has made ``HOT`` instances),
    and run it."""
    cls = type(self)
    plan = _InitPlan(cls)
    generic = _make_init(plan)
    made = 0

    def warming(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal made
        made += 1
        if made == HOT:
            setattr(cls, "__init__", _compile_init(plan))  # noqa: B010
        generic(self, *args, **kwargs)

    warming.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", warming)  # noqa: B010 - on the class, for the next ones
    warming(self, *args, **kwargs)


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
