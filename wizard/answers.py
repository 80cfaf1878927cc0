"""Answers: check a raw JSON answer against its question and turn it into a typed value.

Raw answers are what the protocol carries (option id, list of ids, true/false, "YYYY-MM-DD",
place string, number, string, or null for an optional question). Typed answers are what the
conditions compare (str, tuple, bool, date, Place, int/float, str).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .conditions import literal
from .content import Content, Question
from .dates import format_date, parse_iso

if TYPE_CHECKING:
    from .geo import Geography
from .text import tr, ui

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


class AnswerError(ValueError):
    """One bad answer (or a bad answers document); ``question`` is None for the document itself."""

    def __init__(
        self, question: str | None, message: Mapping[str, str], suggestions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message["en"])
        self.question = question
        self.message = message
        self.suggestions = suggestions

    def text(self, lang: str) -> str:
        """One line: the question, the problem and any suggestions."""
        head = f"question '{self.question}': " if self.question else ""
        tail = ""
        if self.suggestions:
            word = "suggestions" if lang == "fr" else "did you mean"
            tail = f" ({word}: {'; '.join(self.suggestions)})"
        return head + tr(self.message, lang) + tail


def short(value: object, limit: int = 40) -> str:
    """A value echoed in an error message: one line, at most ``limit`` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _err(qid: str | None, fr: str, en: str, suggestions: tuple[str, ...] = ()) -> AnswerError:
    return AnswerError(qid, {"fr": fr, "en": en}, suggestions)


def bound(value: Any, today: date) -> Any:
    """A question's min/max as a concrete value (dates may be relative to today)."""
    return None if value is None else literal(value, today)


def has_control_chars(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cf") for c in text)


def coerce(question: Question, value: Any, geo: Geography, today: date) -> Any:
    """Check ``value`` for ``question``; return the typed value or raise AnswerError."""
    qid, kind = question.id, question.type
    if value is None:
        if question.optional:
            return None
        raise _err(qid, "une réponse est nécessaire", "an answer is required")
    if kind == "single_choice":
        if not isinstance(value, str):
            raise _err(qid, "attendu : un identifiant d'option", "expected an option id")
        if question.option(value) is None:
            ids = tuple(o.id for o in question.options)
            raise _err(
                qid, f"option inconnue « {short(value)} »", f"unknown option '{short(value)}'", ids
            )
        return value
    if kind == "multiple_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _err(
                qid, "attendu : une liste d'identifiants d'options", "expected a list of option ids"
            )
        for v in value:
            if question.option(v) is None:
                ids = tuple(o.id for o in question.options)
                raise _err(
                    qid, f"option inconnue « {short(v)} »", f"unknown option '{short(v)}'", ids
                )
        if len(set(value)) != len(value):
            raise _err(qid, "option répétée", "an option is repeated")
        return tuple(o.id for o in question.options if o.id in value)
    if kind == "yes_no":
        if not isinstance(value, bool):
            raise _err(qid, "attendu : true ou false", "expected true or false")
        return value
    if kind == "date":
        try:
            d = parse_iso(value)
        except ValueError as exc:
            raise _err(qid, "attendu : une date réelle au format AAAA-MM-JJ", f"{exc}") from None
        low = bound(question.min, today) or EARLIEST
        high = bound(question.max, today) or LATEST
        if not low <= d <= high:
            raise _err(
                qid,
                f"date hors limites : entre {format_date(low, 'fr')} et {format_date(high, 'fr')}",
                f"date out of range: between {low.isoformat()} and {high.isoformat()}",
            )
        return d
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _err(qid, "attendu : un nombre", "expected a number")
        if not math.isfinite(value):
            raise _err(qid, "nombre invalide", "not a finite number")
        if question.integer and value != int(value):
            raise _err(qid, "attendu : un nombre entier", "expected a whole number")
        low, high = bound(question.min, today), bound(question.max, today)
        if (low is not None and value < low) or (high is not None and value > high):
            raise _err(
                qid,
                f"nombre hors limites : entre {low} et {high}",
                f"number out of range: between {low} and {high}",
            )
        return int(value) if question.integer else value
    if kind == "place":
        if isinstance(value, str) and has_control_chars(value):
            raise _err(qid, "caractères de contrôle interdits", "control characters not allowed")
        from .geo import PlaceError  # loaded by the lookup anyway; keeps start-up light

        try:
            place = geo.resolve(value)
        except PlaceError as exc:
            raise AnswerError(qid, exc.message, exc.suggestions) from None
        if question.precision == "commune" and place.insee is None:
            raise AnswerError(qid, *commune_needed(geo, place))
        return place
    if kind == "text":
        if not isinstance(value, str):
            raise _err(qid, "attendu : du texte", "expected text")
        text = value.strip()
        if has_control_chars(text):
            raise _err(qid, "caractères de contrôle interdits", "control characters not allowed")
        if not text and not question.optional:
            raise _err(qid, "texte vide", "empty text")
        if len(text) > question.max_length:
            raise _err(
                qid,
                f"texte trop long (au plus {question.max_length} caractères)",
                f"text too long (at most {question.max_length} characters)",
            )
        return text or None
    raise _err(qid, f"type de question inconnu {kind}", f"unknown question type {kind}")


def commune_needed(geo: Geography, place: Any) -> tuple[dict[str, str], tuple[str, ...]]:
    """The message and choices when a question needs a commune and ``place`` names none."""
    where = place.display("fr")
    message = {
        "fr": f"« {place.query} » ({where}) ne désigne pas une seule commune : tapez le nom de "
        "votre commune ou choisissez-la",
        "en": f"'{place.query}' ({place.display('en')}) does not name one commune: type your "
        "commune's name or choose it",
    }
    return message, geo.commune_choices(place)


def parse_answers(content: Content, raw: Any, today: date) -> dict[str, Any]:
    """Check a whole answers document; return typed answers keyed by question id."""
    if not isinstance(raw, Mapping):
        raise _err(
            None,
            "les réponses doivent être un objet JSON {question: valeur}",
            "answers must be a JSON object {question_id: value}",
        )
    by_id = content.question_by_id
    typed: dict[str, Any] = {}
    for qid, value in raw.items():
        question = by_id.get(qid)
        if question is None:
            near = tuple(q for q in by_id if qid and (qid in q or q in qid))[:5]
            raise AnswerError(
                short(qid), {"fr": "question inconnue", "en": "unknown question id"}, near
            )
        typed[qid] = coerce(question, value, content.geo, today)
    return typed


def display(question: Question, value: Any, lang: str) -> str:
    """An answer in words, as the person would read it back."""
    if value is None:
        return ui("unknown", lang)
    if question.type == "single_choice":
        option = question.option(value)
        return tr(option.label, lang) if option else str(value)
    if question.type == "multiple_choice":
        labels = [tr(o.label, lang) for o in question.options if o.id in value]
        # Option labels hold commas of their own: a semicolon keeps the choices apart.
        sep = " ; " if lang == "fr" else "; "
        return sep.join(labels) if labels else ui("none", lang)
    if question.type == "yes_no":
        return ui("yes" if value else "no", lang)
    if question.type == "date":
        return format_date(value, lang)
    if question.type == "place":
        return value.display(lang)
    return str(value)


def to_raw(question: Question, value: Any) -> Any:
    """The protocol form of a typed answer (inverse of ``coerce`` up to normalisation)."""
    if value is None:
        return None
    if question.type == "multiple_choice":
        return list(value)
    if question.type == "date":
        return value.isoformat()
    if question.type == "place":
        return value.query
    return value
