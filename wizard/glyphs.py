"""Symbols and their ASCII forms, and whether the terminal can show anything else.

The wizard's own symbols (bullets, marks, dashes, quotes, box lines) each have an ASCII form.
When the locale's character set is not UTF-8 (``LC_ALL=C``, a serial console, an old terminal),
everything written is ASCII: the symbols take their ASCII form and the content's accented
letters lose their accents ("Préfecture" -> "Prefecture"), so nothing turns into mojibake.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping

# Every non-ASCII symbol the wizard, plain mode and text exports may write, and its ASCII form.
ASCII: dict[str, str] = {
    "\u00a0": " ",  # no-break space (French typography)
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "•": "(*)",
    "◦": "-",
    "✓": "[x]",
    "✔": "[x]",
    "☐": "[ ]",
    "☑": "[x]",
    "→": "->",
    "←": "<-",
    "▶": ">",
    "▼": "v",
    "▲": "^",
    "›": ">",
    "‹": "<",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "—": "-",
    "–": "-",
    "−": "-",
    "…": "...",
    "€": "EUR",
    "°": "o",
    "×": "x",
    "⚠": "!!",
    "²": "2",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
    "─": "-",
    "│": "|",
    "┌": "+",
    "┐": "+",
    "└": "+",
    "┘": "+",
    "├": "+",
    "┤": "+",
    "═": "=",
    "▀": "#",
    "▄": "#",
    "█": "#",
}


def utf8_locale(env: Mapping[str, str] | None = None) -> bool:
    """Whether the locale asks for UTF-8: the first of LC_ALL, LC_CTYPE, LANG that is set
    decides (POSIX order); none set at all counts as UTF-8 (today's default)."""
    environ = os.environ if env is None else env
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name)
        if value:
            lowered = value.lower().replace("-", "")
            return "utf8" in lowered
    return True


def to_ascii(text: str) -> str:
    """``text`` with every character outside ASCII replaced by its ASCII form: the symbols by
    the table above, accented letters by their letter, anything else by "?"."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        known = ASCII.get(char)
        if known is not None:
            out.append(known)
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        out.append(base or "?")
    return "".join(out)


def plain_text(text: str, ascii_only: bool) -> str:
    """What plain mode writes: ``text`` as is, or its ASCII form."""
    return to_ascii(text) if ascii_only else text


NBSP = "\u00a0"
_BEFORE = re.compile(r"(?<=\S) ([:;?!»€])")  # "délai : 1 mois", "réponse ?", "50 €", "x »"
_AFTER = re.compile(r"« (?=\S)")  # "« voies"
_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")  # "50 000", "12 500"


def keep_together(text: str) -> str:
    """French typography: a no-break space before : ; ? ! » and €, after «, and between the
    groups of a number ("50 000 €"), so that wrapping never leaves one of them alone at the
    start of a line. English text has none of these spaces and is unchanged."""
    if " " not in text:
        return text
    text = _GROUPS.sub(NBSP, text)
    text = _BEFORE.sub(NBSP + r"\1", text)
    return _AFTER.sub("«" + NBSP, text)
