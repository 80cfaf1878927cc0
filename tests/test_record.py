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
