"""Typed text -> raw protocol value, for fronts where a person types an answer.

The protocol is strict (dates are "YYYY-MM-DD", numbers are JSON numbers); people type
"31/05/2027" or "3". This module turns what they typed into the protocol's value; the checking
itself stays in ``answers.coerce``.
"""

from __future__ import annotations

import re
from typing import Any

from .content import Question

# Day first, as written in France: 31/05/2027, 31.05.2027, 31-05-2027 (also 1/5/2027).
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def raw_from_text(question: Question, text: str) -> Any:
    """The raw value for typed ``text``; empty text means "I don't know" (None).

    Text that cannot be read is returned unchanged, so ``coerce`` explains what is wrong.
    """
    text = text.strip()
    if not text:
        return None
    if question.type == "date":
        m = DAY_FIRST.match(text)
        if m:
            day, month, year = m.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return text
    if question.type == "number":
        if not NUMBER.match(text):
            return text
        value = float(text.replace(",", "."))
        return int(value) if value.is_integer() else value
    return text


def text_from_raw(question: Question, raw: Any, lang: str) -> str:
    """What to put back in an input box for a saved raw answer."""
    if raw is None:
        return ""
    if question.type == "date" and isinstance(raw, str):
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", raw)
        if m and lang == "fr":
            return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    return str(raw)
