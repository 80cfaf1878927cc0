"""The condition language: evaluation, explanation and validation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


# -- compiled conditions against a plain reading of the language --------------------------------

_QUESTIONS = ("a", "b", "c")
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["x", "y", "2026-05-01", "2026-06-01"]),
    st.dates(date(2026, 4, 1), date(2026, 8, 31)),
    st.dates(date(2026, 4, 1), date(2026, 8, 31)),  # dates twice as often: relative limits
    st.lists(st.sampled_from(["x", "y", "z"]), max_size=3).map(tuple),
)
_LITERALS = st.one_of(
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["x", "y", "z", "2026-05-01", "2026-06-01"]),
    st.builds(lambda n: {"today": {"days": n}}, st.integers(-60, 60)),
)
_LEAVES = st.one_of(
    st.builds(lambda q: {"answered": q}, st.sampled_from(_QUESTIONS)),
    st.builds(
        lambda op, q, v: {op: [q, v]},
        st.sampled_from(["equals", "contains", "lt", "lte", "gt", "gte"]),
        st.sampled_from(_QUESTIONS),
        _LITERALS,
    ),
    st.builds(
        lambda q, vs: {"in": [q, vs]}, st.sampled_from(_QUESTIONS), st.lists(_LITERALS, max_size=3)
    ),
)
_CONDITIONS = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
    ),
    max_leaves=8,
)


def _reference(cond, answers, today) -> bool:
    """The language as its docstring says, read directly (no compilation, no caching)."""
    from datetime import timedelta

    def lit(v):
        if isinstance(v, dict):
            return today + timedelta(days=v["today"]["days"])
        if isinstance(v, str) and len(v) == 10 and v[4] == "-":
            return date.fromisoformat(v)
        return v

    (op,) = [k for k in cond if k != "why"]
    arg = cond[op]
    if op == "all":
        return all(_reference(c, answers, today) for c in arg)
    if op == "any":
        return any(_reference(c, answers, today) for c in arg)
    if op == "not":
        return not _reference(arg, answers, today)
    if op == "answered":
        return answers.get(arg) is not None
    value = answers.get(arg[0])
    if value is None:
        return False
    if op == "equals":
        return value == lit(arg[1])
    if op == "in":
        return any(value == lit(v) for v in arg[1])
    if op == "contains":
        return isinstance(value, tuple) and lit(arg[1]) in value
    right = lit(arg[1])
    dates = isinstance(value, date) and isinstance(right, date)
    numbers = all(isinstance(x, int) and not isinstance(x, bool) for x in (value, right))
    if not (dates or numbers):
        return False
    return {"lt": value < right, "lte": value <= right, "gt": value > right, "gte": value >= right}[
        op
    ]


@given(
    cond=_CONDITIONS,
    answers=st.fixed_dictionaries({}, optional={q: _VALUES for q in _QUESTIONS}),
    days=st.lists(st.dates(date(2026, 5, 1), date(2026, 7, 31)), min_size=2, max_size=3),
)
@settings(max_examples=400, deadline=None)
def test_a_compiled_condition_reads_as_the_language_says(cond, answers, days):
    """Conditions are compiled once (by identity) and evaluated on many answers and days: the
    same condition object gives, each time, what a direct reading of the language gives."""
    for today in days:  # one compiled function, several days: relative dates move with them
        assert evaluate(cond, answers, today) == _reference(cond, answers, today)


@given(
    op=st.sampled_from(["equals", "lt", "lte", "gt", "gte", "in"]),
    offset=st.integers(-30, 30),
    answer=st.dates(date(2026, 5, 1), date(2026, 7, 31)),
    days=st.lists(st.dates(date(2026, 5, 15), date(2026, 7, 15)), min_size=2, max_size=4),
)
@settings(max_examples=300, deadline=None)
def test_a_relative_date_moves_with_the_day_in_a_compiled_condition(op, offset, answer, days):
    relative = {"today": {"days": offset}}
    cond = {op: ["a", [relative] if op == "in" else relative]}
    for today in days:  # the same compiled condition, evaluated on several days
        assert evaluate(cond, {"a": answer}, today) == _reference(cond, {"a": answer}, today)
