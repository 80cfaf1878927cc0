"""The condition language: evaluation, explanation and validation."""

from __future__ import annotations

from datetime import date

import pytest
from parcours.wizard.conditions import (
    ConditionError,
    evaluate,
    explain,
    referenced_questions,
    split_ref,
    validate,
)
from parcours.wizard.geo import Place


def test_boolean_operators(today):
    answers = {"a": "x", "b": True}
    assert evaluate({"all": [{"equals": ["a", "x"]}, {"equals": ["b", True]}]}, answers, today)
    assert not evaluate({"all": [{"equals": ["a", "x"]}, {"equals": ["b", False]}]}, answers, today)
    assert evaluate({"any": [{"equals": ["a", "y"]}, {"equals": ["b", True]}]}, answers, today)
    assert not evaluate({"any": [{"equals": ["a", "y"]}, {"equals": ["b", False]}]}, answers, today)
    assert evaluate({"not": {"equals": ["a", "y"]}}, answers, today)
    assert evaluate(None, answers, today)


def test_in_contains_answered(today):
    answers = {"a": "x", "m": ("p", "q"), "n": None}
    assert evaluate({"in": ["a", ["x", "z"]]}, answers, today)
    assert not evaluate({"in": ["a", ["z"]]}, answers, today)
    assert evaluate({"contains": ["m", "q"]}, answers, today)
    assert not evaluate({"contains": ["m", "r"]}, answers, today)
    assert evaluate({"answered": "a"}, answers, today)
    # null ("I don't know") is not an answer a condition can rely on
    assert not evaluate({"answered": "n"}, answers, today)
    assert not evaluate({"answered": "missing"}, answers, today)


def test_unanswered_leaf_is_false_and_not_of_it_true(today):
    assert not evaluate({"equals": ["missing", 1]}, {}, today)
    assert evaluate({"not": {"equals": ["missing", 1]}}, {}, today)


def test_number_comparisons_at_the_boundary(today):
    for value, expected in ((3, False), (4, True), (5, True)):
        assert evaluate({"gte": ["n", 4]}, {"n": value}, today) is expected
    assert evaluate({"lt": ["n", 4]}, {"n": 3}, today)
    assert not evaluate({"lt": ["n", 4]}, {"n": 4}, today)
    assert evaluate({"lte": ["n", 4]}, {"n": 4}, today)
    assert evaluate({"gt": ["n", 4]}, {"n": 4.5}, today)


def test_dates_relative_to_today(today):
    # "at least 18 years old" on 2026-11-23: born on or before 2008-11-23
    adult = {"lte": ["birth", {"today": {"years": -18}}]}
    assert evaluate(adult, {"birth": date(2008, 11, 23)}, today)
    assert not evaluate(adult, {"birth": date(2008, 11, 24)}, today)
    assert evaluate({"gt": ["d", "2026-01-01"]}, {"d": date(2026, 1, 2)}, today)


def test_type_mismatch_is_false_not_an_error(today):
    assert not evaluate({"gt": ["n", 4]}, {"n": "five"}, today)
    assert not evaluate({"gt": ["d", "2026-01-01"]}, {"d": 5}, today)
    assert not evaluate({"gt": ["b", 0]}, {"b": True}, today)


def test_place_compares_by_departement_or_attribute(today):
    place = Place("91200", "91", "Essonne", "91200", "91027", "Athis-Mons")
    assert evaluate({"equals": ["p", "91"]}, {"p": place}, today)
    assert evaluate({"in": ["p", ["2A", "91"]]}, {"p": place}, today)
    assert evaluate({"equals": ["p.insee", "91027"]}, {"p": place}, today)
    assert not evaluate({"equals": ["p.insee", "75056"]}, {"p": place}, today)
    no_commune = Place("91", "91", "Essonne")
    assert not evaluate({"equals": ["p.insee", "91027"]}, {"p": no_commune}, today)
    assert split_ref("p.insee") == ("p", "insee")
    assert referenced_questions({"equals": ["p.insee", "1"]}) == {"p"}


def test_explain_cites_the_leaves_that_made_it_true(today):
    cond = {
        "all": [
            {"equals": ["a", "x"], "why": {"fr": "parce que"}},
            {"any": [{"equals": ["b", 1]}, {"equals": ["c", 2]}]},
        ]
    }
    leaves = explain(cond, {"a": "x", "b": 0, "c": 2}, today)
    assert [leaf.question for leaf in leaves] == ["a", "c"]
    assert leaves[0].why == {"fr": "parce que"}
    assert explain(cond, {"a": "y", "c": 2}, today) == []


def test_no_eval_and_unknown_operators_rejected(today):
    with pytest.raises(ConditionError):
        evaluate({"__import__": ["os", "x"]}, {}, today)
    with pytest.raises(ConditionError):
        evaluate({"equals": ["a", 1], "in": ["a", [1]]}, {"a": 1}, today)


def test_validate_reports_malformed_conditions():
    assert validate({"equals": ["a", 1]}) == []
    assert validate({"all": []})
    assert validate({"in": ["a", 3]})
    assert validate({"equals": "a"})
    assert validate({"equals": ["a.colour", 1]})
    assert validate({"lt": ["a", {"tomorrow": 1}]})
    assert validate(["not", "an", "object"])
    assert validate({"equals": ["a", 1], "extra": 2})
