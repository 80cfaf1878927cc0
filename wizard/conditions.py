"""A small JSON condition language, evaluated without ``eval``.

A condition is one of:
- ``{"all": [c, ...]}``, ``{"any": [c, ...]}``, ``{"not": c}``
- ``{"answered": "q"}``: question ``q`` has an answer (``null`` for "I don't know" counts as none)
- ``{"equals": ["q", v]}``, ``{"in": ["q", [v, ...]]}``
- ``{"contains": ["q", v]}``: a multiple-choice answer includes option ``v``
- ``{"lt"|"lte"|"gt"|"gte": ["q", v]}`` on numbers and dates

``"q"`` names a question; a place answer compares by its département code, or by another of its
attributes with ``"q.insee"`` (commune INSEE code) or ``"q.postcode"``. ``v`` is a literal
(number, string, boolean, "YYYY-MM-DD") or a date relative to today, ``{"today": {"years": -18}}``.
A leaf may carry ``"why": {"fr": ..., "en": ...}``: the words used when the plan explains itself.
A leaf about an unanswered question is false.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from .dates import PERIOD_KEYS, parse_iso, shift
from .memo import by_identity
from .record import Record, record
from .safe_text import visible

BOOLEAN_OPS = ("all", "any", "not")
COMPARISONS = ("lt", "lte", "gt", "gte")
LEAF_OPS = ("answered", "equals", "in", "contains", *COMPARISONS)
OPS = (*BOOLEAN_OPS, *LEAF_OPS)


class ConditionError(ValueError):
    """A malformed condition in the content (found by check-data, never by a user)."""


@record
class Leaf(Record):
    """A leaf condition that helped make its condition true: what the plan's reasons cite."""

    question: str
    why: Mapping[str, str] | None
    option: str | None = None  # for "contains": the one ticked option that matched


OP_SET = frozenset(OPS)


def operator(cond: Mapping[str, Any]) -> str:
    """The one operator of a condition (its other key may only be "why")."""
    found = None
    for key in cond:
        if key in OP_SET:
            if found is not None:
                found = None
                break
            found = key
    if found is None:
        raise ConditionError(f"a condition needs exactly one operator, got {sorted(cond)}")
    return found


PLACE_ATTRIBUTES = ("departement", "insee", "postcode")


def split_ref(ref: str) -> tuple[str, str | None]:
    """ "residence.insee" -> ("residence", "insee"); "residence" -> ("residence", None)."""
    qid, _, attr = ref.partition(".")
    return qid, attr or None


def comparable(value: Any, attr: str | None = None) -> Any:
    """The value a leaf compares: a place by its département code (or ``attr``), others as is."""
    if attr is not None:
        return getattr(value, attr, None)
    return getattr(value, "departement", value)


def literal(value: Any, today: date) -> Any:
    """Resolve a literal operand: relative dates become dates, ISO strings become dates."""
    if isinstance(value, str):
        return _string_literal(value) if len(value) == 10 else value
    if isinstance(value, Mapping):
        if set(value) == {"today"} and set(value["today"]) <= PERIOD_KEYS:
            return shift(today, value["today"])
        raise ConditionError(f"unknown operand {value!r}")
    return value


@lru_cache(maxsize=4096)
def _string_literal(value: str) -> Any:
    """A "YYYY-MM-DD" operand as a date (parsed once), any other string as itself."""
    if value[4] == "-" and value[7] == "-":
        try:
            return parse_iso(value)
        except ValueError:
            return value
    return value


def _compare(op: str, left: Any, right: Any) -> bool:
    both_dates = isinstance(left, date) and isinstance(right, date)
    both_numbers = all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in (left, right)
    )
    if not (both_dates or both_numbers):
        return False
    if op == "lt":
        return left < right
    if op == "lte":
        return left <= right
    if op == "gt":
        return left > right
    return left >= right


def evaluate(cond: Mapping[str, Any] | None, answers: Mapping[str, Any], today: date) -> bool:
    """True when ``cond`` holds for the typed ``answers``; a missing condition always holds."""
    if cond is None:
        return True
    return compiled(cond)(answers, today)


Test = Callable[[Mapping[str, Any], date], bool]


def _compile(cond: Mapping[str, Any]) -> Test:
    """``cond`` as a function of (answers, today): the operator found, the question reference
    split and the literals read once, not at each evaluation."""
    op = operator(cond)
    arg = cond[op]
    if op in ("all", "any"):
        tests = [compiled(sub) for sub in arg]
        if op == "all":

            def all_hold(answers: Mapping[str, Any], today: date) -> bool:
                for test in tests:
                    if not test(answers, today):
                        return False
                return True

            return all_hold

        def any_holds(answers: Mapping[str, Any], today: date) -> bool:
            for test in tests:
                if test(answers, today):
                    return True
            return False

        return any_holds
    if op == "not":
        inner = compiled(arg)
        return lambda answers, today: not inner(answers, today)
    if op == "answered":
        return lambda answers, today: answers.get(arg) is not None
    ref, operand = arg
    qid, attr = split_ref(ref)
    operands = operand if op == "in" else [operand]
    # A literal is read once, unless it is a date relative to today.
    if any(isinstance(v, Mapping) for v in operands):
        return _relative_leaf(op, qid, attr, operand)
    values = [literal(v, date.min) for v in operands]
    value_of = _value_of(qid, attr)
    if op == "equals":  # the most frequent leaf by far: its own function
        (expected,) = values

        def equals(answers: Mapping[str, Any], today: date) -> bool:
            value = value_of(answers)
            return value is not None and bool(value == expected)

        return equals

    def holds(answers: Mapping[str, Any], today: date) -> bool:
        value = value_of(answers)
        return value is not None and _matches(op, value, values)

    return holds


# Content conditions live as long as the content: each is compiled once (see ``memo``).
compiled: Callable[[Mapping[str, Any]], Test] = by_identity(_compile)


def _value_of(qid: str, attr: str | None) -> Callable[[Mapping[str, Any]], Any]:
    """How a leaf reads its answer: ``comparable`` of it, with the attribute fixed."""
    if attr is not None:
        return lambda answers: getattr(answers.get(qid), attr, None)

    def value(answers: Mapping[str, Any]) -> Any:
        given = answers.get(qid)
        return getattr(given, "departement", given)

    return value


def _matches(op: str, value: Any, operands: list[Any]) -> bool:
    """Whether an answer (not None) meets a leaf's literals (one, or a list for "in")."""
    if op == "equals":
        return bool(value == operands[0])
    if op == "in":
        for v in operands:
            if value == v:
                return True
        return False
    if op == "contains":
        return isinstance(value, tuple | list) and operands[0] in value
    return _compare(op, value, operands[0])


def _relative_leaf(op: str, qid: str, attr: str | None, operand: Any) -> Test:
    """A leaf whose literal depends on the day (``{"today": {...}}``): read at each call."""
    value_of = _value_of(qid, attr)
    operands = operand if op == "in" else [operand]

    def test(answers: Mapping[str, Any], today: date) -> bool:
        value = value_of(answers)
        return value is not None and _matches(op, value, [literal(v, today) for v in operands])

    return test


def explain(cond: Mapping[str, Any] | None, answers: Mapping[str, Any], today: date) -> list[Leaf]:
    """The leaves that make a true ``cond`` true, in order, without repeats."""
    out: list[Leaf] = []

    def walk(c: Mapping[str, Any]) -> None:
        op = operator(c)
        if op == "all":
            for sub in c[op]:
                walk(sub)
        elif op == "any":
            for sub in c[op]:
                if evaluate(sub, answers, today):
                    walk(sub)
                    break
        elif op == "not":
            # "not X" holds because of the answers X looked at; cite them as given.
            for leaf in leaves(c[op]):
                out.append(Leaf(leaf_question(leaf), c.get("why")))
        else:
            option = c["contains"][1] if operator(c) == "contains" else None
            out.append(Leaf(leaf_question(c), c.get("why"), option))

    if cond is not None and evaluate(cond, answers, today):
        walk(cond)
    seen: set[tuple[str, str, str | None]] = set()
    unique = []
    for leaf in out:
        key = (leaf.question, repr(leaf.why), leaf.option)
        if key not in seen:
            seen.add(key)
            unique.append(leaf)
    return unique


def leaves(cond: Mapping[str, Any] | None) -> Iterator[Mapping[str, Any]]:
    """Every leaf condition inside ``cond``."""
    if cond is None:
        return
    op = operator(cond)
    if op in ("all", "any"):
        for sub in cond[op]:
            yield from leaves(sub)
    elif op == "not":
        yield from leaves(cond[op])
    else:
        yield cond


def leaf_question(leaf: Mapping[str, Any]) -> str:
    """The question id a leaf looks at (without any ``.attribute``)."""
    op = operator(leaf)
    return split_ref(leaf[op] if op == "answered" else leaf[op][0])[0]


def referenced_questions(cond: Mapping[str, Any] | None) -> set[str]:
    return {leaf_question(leaf) for leaf in leaves(cond)}


MAX_DEPTH = 32  # conditions nest a few levels; deeper is a broken file, not a rule


def validate(cond: Any, path: str = "", depth: int = 0) -> list[str]:
    """Structural problems in a condition (for check-data), as readable strings."""
    problems: list[str] = []
    if depth > MAX_DEPTH:
        return [f"{path}: nested more than {MAX_DEPTH} levels deep"]
    if not isinstance(cond, Mapping):
        return [f"{path}: condition must be an object, got {visible(repr(cond), 80)}"]
    try:
        op = operator(cond)
    except ConditionError as exc:
        return [f"{path}: {exc}"]
    extra = set(cond) - {op, "why"}
    if extra:
        problems.append(f"{path}: unknown keys {sorted(extra)}")
    arg = cond[op]
    if op in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            problems.append(f"{path}.{op}: needs a non-empty list")
        else:
            for i, sub in enumerate(arg):
                problems.extend(validate(sub, f"{path}.{op}[{i}]", depth + 1))
    elif op == "not":
        problems.extend(validate(arg, f"{path}.not", depth + 1))
    elif op == "answered":
        if not isinstance(arg, str):
            problems.append(f"{path}.answered: needs a question id")
    elif not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str)):
        problems.append(f"{path}.{op}: needs [question_id, value]")
    elif split_ref(arg[0])[1] not in (None, *PLACE_ATTRIBUTES):
        problems.append(f"{path}.{op}: unknown attribute in '{arg[0]}'")
    elif op == "in" and not isinstance(arg[1], list):
        problems.append(f"{path}.in: needs a list of values")
    else:
        try:
            for v in arg[1] if op == "in" else [arg[1]]:
                literal(v, date(2000, 1, 1))
        except ConditionError as exc:
            problems.append(f"{path}.{op}: {exc}")
    return problems
