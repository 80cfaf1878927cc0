"""ASCII-only output for a terminal whose locale is not UTF-8 (``LC_ALL=C``, old consoles).

Everything the full-screen wizard draws goes through its driver's ``write``; this driver turns
every character outside ASCII into ASCII there, one cell for one cell so the layout stays as
Textual computed it: Textual's own borders and scroll bars (box and block characters become
``- | + #``), the wizard's symbols (``•`` becomes ``*``, ``—`` ``-``, ``«`` ``"``, ``€`` ``E``) and
the content's accented letters (``é`` becomes ``e``). The choice is made once at start-up from
the locale (see ``wizard/glyphs.utf8_locale``); escape sequences are ASCII already.
"""

from __future__ import annotations

import unicodedata
from typing import Any

# One cell each: the same width as the character replaced.
ONE_CELL = {
    "•": "*",
    "·": "-",
    "—": "-",
    "–": "-",
    "−": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "…": ".",
    "€": "E",
    "°": "o",
    "×": "x",
    "→": ">",
    "←": "<",
    "▶": ">",
    "▼": "v",
    "▲": "^",
    "◀": "<",
    "✓": "v",
    "✔": "v",
    "œ": "o",
    "Œ": "O",
    "æ": "a",
    "Æ": "A",
    "ß": "s",
}


def one_cell(char: str) -> str:
    """The ASCII text, as wide on screen as ``char``, that stands for it."""
    known = ONE_CELL.get(char)
    if known is not None:
        return known
    if char.isspace():
        return " "
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        return "-" if horizontal and not vertical else "|" if vertical and not horizontal else "+"
    if "BLOCK" in name or name.startswith("QUADRANT"):
        if "EIGHTH" in name or "QUARTER" in name:
            thin_side = any(w in name for w in ("LEFT", "RIGHT"))
            return (
                "|" if thin_side else "-" if ("UPPER ONE" in name or "LOWER ONE" in name) else "#"
            )
        return "#"
    if unicodedata.combining(char):
        return ""  # a combining mark takes no cell of its own
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    wide = unicodedata.east_asian_width(char) in ("W", "F")  # two cells
    return (base[:1] or "?") + ("?" if wide else "")


class _Cells(dict[int, str]):
    """``str.translate`` table computed on demand: ASCII stays, the rest is looked up once."""

    def __missing__(self, code: int) -> str:
        if code < 128:
            raise LookupError(code)
        replacement = self[code] = one_cell(chr(code))
        return replacement


CELLS = _Cells()


def to_ascii_cells(text: str) -> str:
    return text if text.isascii() else text.translate(CELLS)


def ascii_driver(base: type[Any]) -> type[Any]:
    """A subclass of the driver class ``base`` whose output is ASCII only."""

    def write(self: Any, data: str) -> None:
        base.write(self, to_ascii_cells(data))

    return type(f"Ascii{base.__name__}", (base,), {"write": write, "__module__": __name__})
