"""Walk every path through the flow with representative answers.

For each reachable question the walker tries every option (choice), both answers (yes/no), and
for dates and numbers the values on each side of every threshold the content compares them with,
so that every branch of every condition is taken. Used by ``check-data`` and the path tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from .conditions import COMPARISONS, leaves, literal, operator, split_ref
from .content import Content
from .flow import next_question_from
from .model import Question, conditions_of
from .record import Record, record


@record
class Path(Record):
    answers: Mapping[str, Any]  # typed answers, in the order asked
    order: tuple[str, ...]


def _all_conditions(content: Content) -> Iterator[Mapping[str, Any]]:
    """Every condition of the current flow's questions and pathways (items included)."""
    for rec in (*content.questions, *content.pathways):
        for _, cond in conditions_of(rec):
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
    points = marks.get(question.id, set())
    values = list(question.kind.representatives(question, points, today, content.geo))
    if question.optional:
        values.append(None)
    return values


def walk(
    content: Content,
    today: date,
    limit: int | None = None,
    marks: Mapping[str, set[Any]] | None = None,
) -> Iterator[Path]:
    """Every complete path (a set of answers after which no question remains), depth first;
    ``marks``: the ``thresholds`` when the caller has them already."""
    if marks is None:
        marks = thresholds(content, today)
    reps: dict[str, list[Any]] = {}
    count = 0

    def visit(answers: dict[str, Any], order: tuple[str, ...], start: int) -> Iterator[Path]:
        nonlocal count
        if limit is not None and count >= limit:
            return
        # Continue from the question just answered, not from the first question.
        q, at = next_question_from(content, answers, today, start)
        if q is None:
            count += 1
            yield Path(dict(answers), order)
            return
        if q.id not in reps:
            reps[q.id] = representatives(content, q, today, marks)
        for value in reps[q.id]:
            answers[q.id] = value
            yield from visit(answers, (*order, q.id), at + 1)
            del answers[q.id]

    yield from visit({}, (), 0)
