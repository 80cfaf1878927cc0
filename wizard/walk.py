"""Walk every path through the flow with representative answers.

For each reachable question the walker tries every option (choice), both answers (yes/no), and
for dates and numbers the values on each side of every threshold the content compares them with,
so that every branch of every condition is taken. Used by ``check-data`` and the path tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .answers import bound
from .conditions import COMPARISONS, find_conditions, leaves, literal, operator, split_ref
from .content import Content, Question
from .flow import next_question
from .geo import PlaceError

DEFAULT_PLACES = ("93", "75")  # one ordinary département, and Paris (which has its own préfecture)


@dataclass(frozen=True)
class Path:
    answers: Mapping[str, Any]  # typed answers, in the order asked
    order: tuple[str, ...]


def _all_conditions(content: Content) -> Iterator[Mapping[str, Any]]:
    """Every condition of the current flow's questions and pathways (items included)."""
    mine = {q.id for q in content.questions}
    records = [r for r in content.tables["questions"] if r["id"] in mine]
    for rec in (*records, *content.pathways):
        for _, cond in find_conditions(rec):
            yield cond


def thresholds(content: Content, today: date) -> dict[str, set[Any]]:
    """Every literal each question is compared with, per question id."""
    out: dict[str, set[Any]] = {}
    for cond in _all_conditions(content):
        for leaf in leaves(cond):
            op = operator(leaf)
            if op == "answered":
                continue
            ref, operand = leaf[op]
            qid, attr = split_ref(ref)
            values = operand if op == "in" else [operand]
            bucket = out.setdefault(qid, set())
            for v in values:
                v = literal(v, today)
                if op in COMPARISONS:
                    bucket.add(("cmp", v))
                elif attr == "insee":
                    bucket.add(("insee", v))
                else:
                    bucket.add(("eq", v))
    return out


def representatives(
    content: Content, question: Question, today: date, marks: Mapping[str, set[Any]]
) -> list[Any]:
    """Typed answers that together take every branch the content has for ``question``."""
    values: list[Any] = []
    kind = question.type
    points = marks.get(question.id, set())
    if kind == "single_choice":
        values = [o.id for o in question.options]
    elif kind == "multiple_choice":
        ids = [o.id for o in question.options]
        values = [(), *[(i,) for i in ids], tuple(ids)]
    elif kind == "yes_no":
        values = [True, False]
    elif kind == "date":
        low = bound(question.min, today) or date(1900, 1, 1)
        high = bound(question.max, today) or date(2100, 12, 31)
        cuts = sorted(v for tag, v in points if tag == "cmp" and isinstance(v, date))
        candidates = [c + timedelta(days=d) for c in cuts for d in (-1, 1)] or [today]
        values = sorted({c for c in candidates if low <= c <= high})
    elif kind == "number":
        low, high = bound(question.min, today), bound(question.max, today)
        cuts = sorted(v for tag, v in points if tag == "cmp")
        candidates = [c + d for c in cuts for d in (-1, 0, 1)] or [low if low is not None else 0]
        values = sorted(
            {c for c in candidates if (low is None or c >= low) and (high is None or c <= high)}
        )
    elif kind == "place":
        codes = [*DEFAULT_PLACES, *sorted(str(v) for tag, v in points if tag == "eq")]
        for code in dict.fromkeys(codes):
            try:
                place = content.geo.resolve(code)
            except PlaceError:
                continue
            if question.precision == "commune" and place.insee is None:
                # A commune is needed: the département's préfecture town stands for it.
                dep = content.geo.departement(place.departement)
                place = content.geo.place_for_insee(dep.prefecture_insee)
            if place is not None:
                values.append(place)
        for insee in sorted(str(v) for tag, v in points if tag == "insee"):
            place = content.geo.place_for_insee(insee)
            if place is not None:
                values.append(place)
    elif kind == "text":
        values = ["texte"]
    if question.optional:
        values.append(None)
    return values


def walk(content: Content, today: date, limit: int | None = None) -> Iterator[Path]:
    """Every complete path (a set of answers after which no question remains), depth first."""
    marks = thresholds(content, today)
    reps: dict[str, list[Any]] = {}
    count = 0

    def visit(answers: dict[str, Any], order: tuple[str, ...]) -> Iterator[Path]:
        nonlocal count
        if limit is not None and count >= limit:
            return
        q = next_question(content, answers, today)
        if q is None:
            count += 1
            yield Path(dict(answers), order)
            return
        if q.id not in reps:
            reps[q.id] = representatives(content, q, today, marks)
        for value in reps[q.id]:
            answers[q.id] = value
            yield from visit(answers, (*order, q.id))
            del answers[q.id]

    yield from visit({}, ())
