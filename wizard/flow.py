"""The flow: which question comes next, which answers still apply, and the step protocol's value.

Pure functions of (content, answers, today): no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .answers import parse_answers
from .conditions import evaluate
from .content import Content
from .model import Question
from .record import Record, record

if TYPE_CHECKING:
    from .plan import ActionPlan


@record
class Step(Record):
    """Either the next question to ask, or the finished plan."""

    done: bool
    question: Question | None
    plan: ActionPlan | None
    answers: Mapping[str, Any]  # typed answers that still apply
    dropped: tuple[str, ...]  # answers given that no longer apply


def applicable(
    content: Content, typed: Mapping[str, Any], today: date
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Keep the answers whose question is still asked given the earlier kept answers.

    Questions are walked in order, so changing an early answer drops every later answer that
    depended on it (and only those).
    """
    kept: dict[str, Any] = {}
    for q in content.questions:
        if q.id in typed and evaluate(q.when, kept, today):
            kept[q.id] = typed[q.id]
    dropped = tuple(qid for qid in typed if qid not in kept)
    return kept, dropped


def next_question(content: Content, kept: Mapping[str, Any], today: date) -> Question | None:
    """The first question, in order, that applies and has no answer yet."""
    return next_question_from(content, kept, today, 0)[0]


def next_question_from(
    content: Content, kept: Mapping[str, Any], today: date, start: int
) -> tuple[Question | None, int]:
    """The next question at or after position ``start``, and its position.

    A question's condition only looks at earlier questions, so one passed over stays passed over
    while the earlier answers stay the same: a walk may continue from where it is.
    """
    questions = content.questions
    for i in range(start, len(questions)):
        q = questions[i]
        if q.id not in kept and evaluate(q.when, kept, today):
            return q, i
    return None, len(questions)


def asked(content: Content, kept: Mapping[str, Any], today: date) -> list[Question]:
    """The questions answered so far, in the order they were asked (for review screens)."""
    return [q for q in content.questions if q.id in kept]


def step_typed(content: Content, typed: Mapping[str, Any], today: date) -> Step:
    kept, dropped = applicable(content, typed, today)
    question = next_question(content, kept, today)
    if question is not None:
        return Step(False, question, None, kept, dropped)
    from .plan import build_plan  # only once a plan is due: questions come first

    return Step(True, None, build_plan(content, kept, today), kept, dropped)


def step(content: Content, raw_answers: Any, today: date) -> Step:
    """Validate raw protocol answers, then return the next question or the language-neutral
    plan (``sections`` puts it into words).

    Raises ``AnswerError`` for any bad answer (unknown id, wrong type, unknown option, bad date).
    """
    return step_typed(content, parse_answers(content, raw_answers, today), today)
