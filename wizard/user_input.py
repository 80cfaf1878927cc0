"""Typed text -> raw protocol value, for fronts where a person types an answer.

The protocol is strict (dates are "YYYY-MM-DD", numbers are JSON numbers); people type
"31/05/2027" or "3". The question's type turns what they typed into the protocol's value; the
checking itself stays in ``answers.coerce``.
"""

from __future__ import annotations

from typing import Any

from .model import Question


def raw_from_text(question: Question, text: str) -> Any:
    """The raw value for typed ``text``; empty text means "I don't know" (None).

    Text that cannot be read is returned unchanged, so ``coerce`` explains what is wrong.
    """
    text = text.strip()
    return question.kind.from_text(question, text) if text else None


def text_from_raw(question: Question, raw: Any, lang: str) -> str:
    """What to put back in an input box for a saved raw answer."""
    return "" if raw is None else question.kind.to_text(question, raw, lang)
