"""Answers: check a raw protocol answer against its question, and show a typed answer in words.

What each type accepts, and how it reads back, lives in the question-type registry
(``qtypes``); this module applies it to one answer or a whole answers document.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import AnswerError
from .model import Question
from .qtypes import bound, err, short
from .text import word

if TYPE_CHECKING:
    from .content import Content
    from .geo import Geography

__all__ = ["AnswerError", "bound", "coerce", "display", "parse_answers", "to_raw"]


def coerce(question: Question, value: Any, geo: Geography, today: date) -> Any:
    """Check ``value`` for ``question``; return the typed value or raise AnswerError."""
    if value is None:
        if question.optional:
            return None
        raise err(question, "une réponse est nécessaire", "an answer is required")
    return question.kind.coerce(question, value, geo, today)


def parse_answers(content: Content, raw: Any, today: date) -> dict[str, Any]:
    """Check a whole answers document; return typed answers keyed by question id."""
    if not isinstance(raw, Mapping):
        raise AnswerError(
            {
                "fr": "les réponses doivent être un objet JSON {question: valeur}",
                "en": "answers must be a JSON object {question_id: value}",
            }
        )
    by_id = content.question_by_id
    typed: dict[str, Any] = {}
    for qid, value in raw.items():
        question = by_id.get(qid)
        if question is None:
            near = tuple(q for q in by_id if qid and (qid in q or q in qid))[:5]
            raise AnswerError(
                {"fr": "question inconnue", "en": "unknown question id"}, near, short(qid), qid
            )
        typed[qid] = coerce(question, value, content.geo, today)
    return typed


def display(question: Question, value: Any, lang: str) -> str:
    """An answer in words, as the person would read it back."""
    if value is None:
        return word("unknown", lang)
    return question.kind.display(question, value, lang)


def to_raw(question: Question, value: Any) -> Any:
    """The protocol form of a typed answer (inverse of ``coerce`` up to normalisation)."""
    return None if value is None else question.kind.to_raw(question, value)
