"""The shared record base: the value semantics a frozen dataclass would generate."""

from __future__ import annotations

import dataclasses

import pytest
from parcours.wizard.deadlines import SourceRef
from parcours.wizard.model import Notice, Option
from parcours.wizard.record import Record


def test_records_are_equal_by_value_and_hash_alike():
    a = Option("yes", {"fr": "Oui", "en": "Yes"})
    b = Option("yes", {"fr": "Oui", "en": "Yes"})
    assert a == b and a is not b
    assert a != Option("no", {"fr": "Non", "en": "No"})
    assert Notice("yes", {"fr": "Oui", "en": "Yes"}) != a  # same fields, another class
    ref = SourceRef("seed-001", "001.txt", "art. 1")
    assert hash(ref) == hash(SourceRef("seed-001", "001.txt", "art. 1"))
    assert len({ref, SourceRef("seed-001", "001.txt", "art. 1")}) == 1


def test_fields_left_out_of_comparison_stay_out():
    # SourceRef's title and date are words about the source, not its identity.
    one = SourceRef("seed-001", "001.txt", None, {"fr": "Titre"}, {"fr": "2024"})
    other = SourceRef("seed-001", "001.txt", None, {"fr": "Autre"}, None)
    assert one == other and hash(one) == hash(other)


def test_records_stay_frozen_and_readable():
    option = Option("yes", {"fr": "Oui", "en": "Yes"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        option.id = "no"  # type: ignore[misc]
    assert repr(option) == "Option(id='yes', label={'fr': 'Oui', 'en': 'Yes'})"
    assert isinstance(option, Record) and dataclasses.is_dataclass(option)


def test_a_record_class_behaves_as_the_frozen_dataclass_it_declares():
    """``@record`` compiles ``__init__`` on first use: defaults, factories, fields left out of
    ``__init__`` and a subclass with more fields all work as a dataclass's would."""
    from dataclasses import field

    from parcours.wizard.record import record

    @record
    class Base(Record):
        id: str
        tags: tuple[str, ...] = ()
        seen: list[str] = field(default_factory=list)
        kind: str = field(default="base", init=False)

    @record
    class Child(Base):
        extra: int = 0

    one, two = Base("a"), Base("a", ("x",))
    assert (one.id, one.tags, one.seen, one.kind) == ("a", (), [], "base")
    assert one.seen is not Base("b").seen  # a fresh list each time, as default_factory means
    assert two.tags == ("x",) and one != two and one == Base("a")
    child = Child("c", extra=3)
    assert (child.id, child.extra, child.kind) == ("c", 3, "base")
    assert Base("d").id == "d"  # the parent's compiled __init__ is not the child's
    assert dataclasses.replace(child, extra=4) == Child("c", extra=4)
    assert [f.name for f in dataclasses.fields(Child)] == ["id", "tags", "seen", "kind", "extra"]
    with pytest.raises(TypeError):
        Base()  # type: ignore[call-arg]  # a required field stays required
    with pytest.raises(TypeError):
        Base("a", unknown=1)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del child.id
    assert repr(child) == "Child(id='c', tags=(), seen=[], kind='base', extra=3)"


def test_the_generic_and_the_compiled_init_make_the_same_records():
    """A class's __init__ is generic for its first HOT instances, then compiled: both take the
    same calls, give the same records and refuse the same mistakes."""
    from dataclasses import field

    from parcours.wizard.record import HOT, record

    @record
    class Sample(Record):
        id: str
        count: int = 0
        seen: list[str] = field(default_factory=list)
        kind: str = field(default="sample", init=False)

    def calls(i: int) -> list[Sample]:
        return [
            Sample(f"s{i}"),
            Sample(f"s{i}", i),
            Sample(id=f"s{i}", count=i, seen=["x"]),
            Sample(f"s{i}", seen=["y"]),
        ]

    early = [calls(i) for i in range(3)]
    generic = Sample.__init__
    for i in range(HOT):
        calls(i)
    assert Sample.__init__ is not generic  # compiled by now
    assert [calls(i) for i in range(3)] == early
    for made in (early[0], calls(0)):
        assert [(s.count, s.seen, s.kind) for s in made] == [
            (0, [], "sample"),
            (0, [], "sample"),
            (0, ["x"], "sample"),
            (0, ["y"], "sample"),
        ]
        assert made[0].seen is not made[1].seen
    for bad in (lambda: Sample(), lambda: Sample("a", 1, [], "x"), lambda: Sample("a", id="b")):
        with pytest.raises(TypeError):
            bad()  # the compiled one raises as the generic one did
