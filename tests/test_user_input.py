"""Typed text -> raw protocol values (the TUI's inputs), checked afterwards by the engine."""

from __future__ import annotations

import pytest
from parcours.wizard.content import Question
from parcours.wizard.user_input import raw_from_text, text_from_raw


def q(kind: str) -> Question:
    return Question("x", 1, kind, {"fr": "s"}, {"fr": "l"}, {"fr": "t"})


@pytest.mark.parametrize(
    ("kind", "text", "raw"),
    [
        ("date", "31/05/2027", "2027-05-31"),
        ("date", "1.5.2027", "2027-05-01"),
        ("date", " 2027-05-31 ", "2027-05-31"),
        ("date", "31/02/2027", "2027-02-31"),  # kept as is: coerce says it is not a real date
        ("date", "demain", "demain"),
        ("number", "3", 3),
        ("number", "3,5", 3.5),
        ("number", "-2", -2),
        ("number", "trois", "trois"),
        ("place", " 93200 ", "93200"),
        ("text", "  bonjour ", "bonjour"),
        ("date", "   ", None),
        ("text", "", None),
    ],
)
def test_raw_from_text(kind, text, raw):
    assert raw_from_text(q(kind), text) == raw


def test_text_from_raw_shows_dates_day_first_in_french():
    assert text_from_raw(q("date"), "2027-05-31", "fr") == "31/05/2027"
    assert text_from_raw(q("date"), "2027-05-31", "en") == "2027-05-31"
    assert text_from_raw(q("place"), None, "fr") == ""
    assert text_from_raw(q("number"), 4, "fr") == "4"
