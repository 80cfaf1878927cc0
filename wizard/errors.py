"""One family of errors for what a person sends that cannot be used, and one for bad content.

``UserError`` (and its kinds: a bad answer, a place that cannot be found, a procedure or place the
authority look-up cannot use) carries its message in French and English and any suggestions, and
reads as one line. ``ContentError`` names the content file, table and record that is malformed.
"""

from __future__ import annotations

from .safe_text import one_line
from .text import Localised, tr

# Exit codes: 2 bad input (a UserError); 1 content that fails check-data (a DataError);
# 70 (EX_SOFTWARE) a bug of ours, reported in one line, never as a traceback; 141 (128 +
# SIGPIPE) the reader of the output went away.
BAD_INPUT = 2
BAD_CONTENT = 1
INTERNAL_ERROR = 70
CLOSED_OUTPUT = 141


class UserError(ValueError):
    """Input that cannot be used: a fr/en message, suggestions, and the question it concerns."""

    def __init__(
        self,
        message: Localised,
        suggestions: tuple[str, ...] = (),
        question: str | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message.get("en") or message.get("fr", ""))
        self.message: Localised = message
        self.suggestions = suggestions
        self.question = question  # as shown: shortened, control characters escaped
        self.key = key if key is not None else question  # the answer's key exactly as sent

    def text(self, lang: str) -> str:
        """One line, safe for a terminal: the question (if any), the problem, any suggestions."""
        head = f"question '{self.question}': " if self.question else ""
        tail = ""
        if self.suggestions:
            word = "suggestions" if lang == "fr" else "did you mean"
            tail = f" ({word}: {'; '.join(self.suggestions)})"
        return one_line(head + tr(self.message, lang) + tail)


class AnswerError(UserError):
    """One bad answer (or a bad answers document: then ``question`` is None)."""


class PlaceError(UserError):
    """A place that cannot be resolved to one département."""


class WhereError(UserError):
    """A procedure or place the authority look-up cannot use."""


class DataError(Exception):
    """The bundled content is missing or unreadable (an installation problem, not user input)."""


class ContentError(DataError):
    """A malformed content record: names the file, the table, the record and the problem."""

    def __init__(self, file: str | None, table: str, record: str | None, problem: str) -> None:
        where = ", ".join(p for p in (file, table) if p)
        if record is not None:
            where += f" '{record}'"
        super().__init__(f"{where}: {problem}")
        self.file, self.table, self.record, self.problem = file, table, record, problem
