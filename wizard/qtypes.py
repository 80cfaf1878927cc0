"""Question types: one registry that knows, for each type, how an answer is checked, typed in,
shown, saved and tried by the path walker. Every front (CLI, TUI, tests) asks the registry
instead of comparing type names.

Raw answers are what the protocol carries (option id, list of ids, true/false, "YYYY-MM-DD",
place string, number, string, or null for an optional question). Typed answers are what the
conditions compare (str, tuple, bool, date, Place, int/float, str).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from .dates import EARLIEST, LATEST, format_date, format_datetime, parse_iso, parse_iso_datetime
from .errors import AnswerError, PlaceError
from .safe_text import has_unsafe, visible
from .text import tr, word

if TYPE_CHECKING:
    from .geo import Geography, Place
    from .model import Question

# Day first, as written in France: 31/05/2027, 31.05.2027, 31-05-2027 (also 1/5/2027).
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# 06/04/2026 14:30, 6/4/2026 14h30, 06.04.2026 à 9:05
DAY_FIRST_TIME = re.compile(
    r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s+|\s*[àaT,]\s*)(\d{1,2})\s*[:hH]\s*(\d{2})$"
)
ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")
ISO_TIME_LOOSE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s+|T)(\d{1,2})[:hH](\d{2})$")
MAX_NUMBER = 10**15  # larger whole numbers are no answer to any question (and overflow floats)
DEFAULT_PLACES = ("93", "75")  # one ordinary département, and Paris (which has its own préfecture)


def err(question: Question, fr: str, en: str, suggestions: tuple[str, ...] = ()) -> AnswerError:
    return AnswerError({"fr": fr, "en": en}, suggestions, question.id)


def short(value: object, limit: int = 40) -> str:
    """A value echoed in an error message: one line, at most ``limit`` characters, control
    and invisible characters shown as escapes (``safe_text.visible``)."""
    return visible(" ".join(str(value).split()), limit)


def has_control_chars(text: str) -> bool:
    return has_unsafe(text)


def bound(value: Any, today: date) -> Any:
    """A question's min/max as a concrete value (dates may be relative to today)."""
    from .conditions import literal

    return None if value is None else literal(value, today)


def date_limits(question: Question, today: date) -> tuple[date, date]:
    """The first and last day a date (or date-and-time) answer may hold."""
    return bound(question.min, today) or EARLIEST, bound(question.max, today) or LATEST


class QuestionType:
    """The behaviour shared by every question of one type."""

    name: ClassVar[str]
    choice: ClassVar[bool] = False  # answered by picking among options (the TUI shows a list)
    multiple: ClassVar[bool] = False  # several options may be ticked
    has_options: ClassVar[bool] = False  # its choices are the content's options (not yes/no)
    # Words of the interface for this type (screens/strings.py): the hint under the question,
    # the input's placeholder (None: the hint's first sentence), and the message for text typed
    # in a form the type cannot read (None: the engine's own message).
    hint: ClassVar[str] = "hint_single"
    placeholder: ClassVar[str | None] = None
    format_message: ClassVar[str | None] = None
    # How the text input behaves: places get suggestions as the person types; dates are checked
    # as soon as they look complete; free text is limited to the question's max_length.
    suggests_places: ClassVar[bool] = False
    checked_while_typing: ClassVar[bool] = False
    limits_length: ClassVar[bool] = False
    shows_range: ClassVar[bool] = False  # min/max are said in the hint
    # Comparisons the walker looks for in conditions ("cmp": lt/gt...; "eq": equals/in).
    walk_marks: ClassVar[tuple[str, ...]] = ()
    anchors: ClassVar[bool] = False  # a deadline can run from its answer (a date)
    has_time: ClassVar[bool] = False  # its answer holds a time of day (hour limits need one)

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        """Check a non-null raw ``value``; return the typed answer or raise AnswerError."""
        raise NotImplementedError

    def display(self, question: Question, value: Any, lang: str) -> str:
        """A non-null typed answer in words, as the person would read it back."""
        return str(value)

    def to_raw(self, question: Question, value: Any) -> Any:
        """The protocol form of a non-null typed answer (inverse of ``coerce``)."""
        return value

    def from_text(self, question: Question, text: str) -> Any:
        """The raw value for what a person typed (already stripped, not empty)."""
        return text

    def to_text(self, question: Question, raw: Any, lang: str) -> str:
        """What to put back in an input box for a saved raw answer."""
        return str(raw)

    def format_bound(self, value: Any, lang: str) -> str:
        """A min/max (already made concrete) as the person reads it."""
        return str(value)

    def choices(self, question: Question, lang: str) -> list[tuple[str, str]]:
        """(id, label) of each choice, for the types answered from a list."""
        return [(o.id, tr(o.label, lang)) for o in question.options]

    def choice_id(self, raw: Any) -> str | None:
        """Which choice a saved raw answer highlights."""
        return raw if isinstance(raw, str) else None

    def from_choice(self, question: Question, option_id: str, checked: Iterable[str]) -> Any:
        """The raw answer when a choice is made in a list (``checked``: ticked ids)."""
        return option_id

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        """Typed answers that together take every branch the content has for ``question``."""
        raise NotImplementedError


class SingleChoice(QuestionType):
    name = "single_choice"
    choice = True
    has_options = True
    walk_marks = ("eq",)

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        if not isinstance(value, str):
            raise err(question, "attendu : un identifiant d'option", "expected an option id")
        if question.option(value) is None:
            ids = tuple(o.id for o in question.options)
            raise err(
                question,
                f"option inconnue « {short(value)} »",
                f"unknown option '{short(value)}'",
                ids,
            )
        return value

    def display(self, question: Question, value: Any, lang: str) -> str:
        option = question.option(value)
        return tr(option.label, lang) if option else str(value)

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        return [o.id for o in question.options]


class MultipleChoice(QuestionType):
    name = "multiple_choice"
    choice = True
    has_options = True
    multiple = True
    hint = "hint_multiple"
    walk_marks = ("eq",)

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise err(
                question,
                "attendu : une liste d'identifiants d'options",
                "expected a list of option ids",
            )
        for v in value:
            if question.option(v) is None:
                ids = tuple(o.id for o in question.options)
                raise err(
                    question, f"option inconnue « {short(v)} »", f"unknown option '{short(v)}'", ids
                )
        if len(set(value)) != len(value):
            raise err(question, "option répétée", "an option is repeated")
        return tuple(o.id for o in question.options if o.id in value)

    def display(self, question: Question, value: Any, lang: str) -> str:
        labels = [tr(o.label, lang) for o in question.options if o.id in value]
        # Option labels hold commas of their own: a semicolon keeps the choices apart.
        sep = " ; " if lang == "fr" else "; "
        return sep.join(labels) if labels else word("none", lang)

    def to_raw(self, question: Question, value: Any) -> Any:
        return list(value)

    def choice_id(self, raw: Any) -> str | None:
        return None

    def from_choice(self, question: Question, option_id: str, checked: Iterable[str]) -> Any:
        ticked = set(checked)
        return [o.id for o in question.options if o.id in ticked]

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        ids = [o.id for o in question.options]
        return [(), *[(i,) for i in ids], tuple(ids)]


class YesNo(QuestionType):
    name = "yes_no"
    choice = True
    walk_marks = ("eq",)

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        if not isinstance(value, bool):
            raise err(question, "attendu : true ou false", "expected true or false")
        return value

    def display(self, question: Question, value: Any, lang: str) -> str:
        return word("yes" if value else "no", lang)

    def choices(self, question: Question, lang: str) -> list[tuple[str, str]]:
        return [("true", word("yes", lang)), ("false", word("no", lang))]

    def choice_id(self, raw: Any) -> str | None:
        return None if not isinstance(raw, bool) else ("true" if raw else "false")

    def from_choice(self, question: Question, option_id: str, checked: Iterable[str]) -> Any:
        return option_id == "true"

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        return [True, False]


class DateType(QuestionType):
    name = "date"
    hint = "hint_date"
    placeholder = "placeholder_date"  # the hint's first sentence is too wide at 80 columns
    format_message = "date_format"  # the engine names AAAA-MM-JJ; a person types JJ/MM/AAAA
    checked_while_typing = True
    shows_range = True
    walk_marks = ("cmp",)
    anchors = True

    def format_bound(self, value: Any, lang: str) -> str:
        return format_date(value, lang)

    def limits(self, question: Question, today: date) -> tuple[date, date]:
        return date_limits(question, today)

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        try:
            d = parse_iso(value)
        except ValueError as exc:
            raise err(
                question, "attendu : une date réelle au format AAAA-MM-JJ", f"{exc}"
            ) from None
        low, high = self.limits(question, today)
        if not low <= d <= high:
            raise err(
                question,
                f"date hors limites : entre {format_date(low, 'fr')} et {format_date(high, 'fr')}",
                f"date out of range: between {low.isoformat()} and {high.isoformat()}",
            )
        return d

    def display(self, question: Question, value: Any, lang: str) -> str:
        return format_date(value, lang)

    def to_raw(self, question: Question, value: Any) -> Any:
        return value.isoformat()

    def from_text(self, question: Question, text: str) -> Any:
        m = DAY_FIRST.match(text)
        if m:
            day, month, year = m.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return text

    def to_text(self, question: Question, raw: Any, lang: str) -> str:
        m = ISO.match(raw) if isinstance(raw, str) else None
        if m and lang == "fr":
            return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
        return str(raw)

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        low, high = self.limits(question, today)
        cuts = sorted(v for tag, v in marks if tag == "cmp" and isinstance(v, date))
        candidates = [c + timedelta(days=d) for c in cuts for d in (-1, 1)] or [today]
        return sorted({c for c in candidates if low <= c <= high})


class DateTimeType(QuestionType):
    """A date and a time of day ("YYYY-MM-DDTHH:MM"): for limits counted in hours."""

    name = "datetime"
    hint = "hint_datetime"
    placeholder = "placeholder_datetime"
    anchors = True
    has_time = True

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        try:
            moment = parse_iso_datetime(value)
        except ValueError as exc:
            raise err(
                question,
                "attendu : une date et une heure réelles, par exemple 06/04/2026 14:30 "
                "(ou 2026-04-06T14:30)",
                f"{exc} (for example 2026-04-06T14:30)",
            ) from None
        low, high = date_limits(question, today)
        if not low <= moment.date() <= high:
            raise err(
                question,
                f"date hors limites : entre {format_date(low, 'fr')} et {format_date(high, 'fr')}",
                f"date out of range: between {low.isoformat()} and {high.isoformat()}",
            )
        return moment

    def display(self, question: Question, value: Any, lang: str) -> str:
        return format_datetime(value, lang)

    def to_raw(self, question: Question, value: Any) -> Any:
        return value.strftime("%Y-%m-%dT%H:%M")

    def from_text(self, question: Question, text: str) -> Any:
        m = DAY_FIRST_TIME.match(text)
        if m:
            day, month, year, hour, minute = m.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}T{int(hour):02d}:{minute}"
        m = ISO_TIME_LOOSE.match(text)
        if m:
            return f"{m.group(1)}T{int(m.group(2)):02d}:{m.group(3)}"
        return text

    def to_text(self, question: Question, raw: Any, lang: str) -> str:
        m = ISO_TIME.match(raw) if isinstance(raw, str) else None
        if m and lang == "fr":
            year, month, day, hour, minute = m.groups()
            return f"{day}/{month}/{year} {hour}:{minute}"
        return str(raw).replace("T", " ")

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        low, high = date_limits(question, today)
        day = min(max(today, low), high)
        # Late in the evening: an hour limit then ends on another day.
        return [datetime.combine(day, time(22, 30))]


class NumberType(QuestionType):
    name = "number"
    hint = "hint_number"
    shows_range = True
    walk_marks = ("cmp",)

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise err(question, "attendu : un nombre", "expected a number")
        # A huge integer cannot even be compared with a float bound (OverflowError).
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise err(question, "nombre trop grand", "number too large")
        if not math.isfinite(value):
            raise err(question, "nombre invalide", "not a finite number")
        if question.integer and value != int(value):
            raise err(question, "attendu : un nombre entier", "expected a whole number")
        low, high = bound(question.min, today), bound(question.max, today)
        if (low is not None and value < low) or (high is not None and value > high):
            raise err(
                question,
                f"nombre hors limites : entre {low} et {high}",
                f"number out of range: between {low} and {high}",
            )
        return int(value) if question.integer else value

    def from_text(self, question: Question, text: str) -> Any:
        if not NUMBER.match(text):
            return text
        value = float(text.replace(",", "."))
        return int(value) if value.is_integer() else value

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        low, high = bound(question.min, today), bound(question.max, today)
        cuts = sorted(v for tag, v in marks if tag == "cmp")
        candidates = [c + d for c in cuts for d in (-1, 0, 1)] or [low if low is not None else 0]
        return sorted(
            {c for c in candidates if (low is None or c >= low) and (high is None or c <= high)}
        )


class PlaceType(QuestionType):
    name = "place"
    hint = "hint_place"
    suggests_places = True
    walk_marks = ("eq", "insee")

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        if isinstance(value, str) and has_control_chars(value):
            raise err(
                question, "caractères de contrôle interdits", "control characters not allowed"
            )
        try:
            place = geo.resolve(value)
        except PlaceError as exc:
            raise AnswerError(exc.message, exc.suggestions, question.id) from None
        if question.precision == "commune" and place.insee is None:
            raise AnswerError(*commune_needed(geo, place), question.id)
        return place

    def display(self, question: Question, value: Any, lang: str) -> str:
        return value.display(lang)

    def to_raw(self, question: Question, value: Any) -> Any:
        return value.query

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        values = []
        codes = [*DEFAULT_PLACES, *sorted(str(v) for tag, v in marks if tag == "eq")]
        for code in dict.fromkeys(codes):
            try:
                found: Place | None = geo.resolve(code)
            except PlaceError:
                continue
            if question.precision == "commune" and found is not None and found.insee is None:
                # A commune is needed: the département's préfecture town stands for it.
                dep = geo.departement(found.departement)
                found = geo.place_for_insee(dep.prefecture_insee)
            if found is not None:
                values.append(found)
        for insee in sorted(str(v) for tag, v in marks if tag == "insee"):
            found = geo.place_for_insee(insee)
            if found is not None:
                values.append(found)
        return values


class TextType(QuestionType):
    name = "text"
    hint = "hint_text"
    limits_length = True

    def coerce(self, question: Question, value: Any, geo: Geography, today: date) -> Any:
        if not isinstance(value, str):
            raise err(question, "attendu : du texte", "expected text")
        text = value.strip()
        if has_control_chars(text):
            raise err(
                question, "caractères de contrôle interdits", "control characters not allowed"
            )
        if not text and not question.optional:
            raise err(question, "texte vide", "empty text")
        if len(text) > question.max_length:
            raise err(
                question,
                f"texte trop long (au plus {question.max_length} caractères)",
                f"text too long (at most {question.max_length} characters)",
            )
        return text or None

    def representatives(
        self, question: Question, marks: set[Any], today: date, geo: Geography
    ) -> list[Any]:
        return ["texte"]


def commune_needed(geo: Geography, place: Any) -> tuple[dict[str, str], tuple[str, ...]]:
    """The message and choices when a question needs a commune and ``place`` names none."""
    message = {
        "fr": f"« {short(place.query)} » ({place.display('fr')}) ne désigne pas une seule "
        "commune : tapez le nom de votre commune ou choisissez-la",
        "en": f"'{short(place.query)}' ({place.display('en')}) does not name one commune: "
        "type your commune's name or choose it",
    }
    return message, geo.commune_choices(place)


TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        SingleChoice(),
        MultipleChoice(),
        YesNo(),
        DateType(),
        DateTimeType(),
        PlaceType(),
        NumberType(),
        TextType(),
    )
}
