"""QR codes of the plan's summary: drawn in a terminal with half blocks, or as SVG for print.

A terminal cell is about twice as tall as it is wide, so one character holds two modules, one above
the other (``▀`` ``▄`` ``█``). Both colours are drawn explicitly — dark modules black, light ones
white, the quiet zone included — so the code reads the same on a dark or a light terminal and
with ``NO_COLOR`` (Textual turns colours to greys; black and white stay black and white).
segno is imported only when a code is made.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text

from .sections import PlanSections, Summary, summary

if TYPE_CHECKING:
    import segno

BORDER = 2  # quiet zone in modules around the terminal code (one text row above and below)
PRINT_BORDER = 4  # the standard quiet zone, on paper
ERROR = "L"  # a screen or a printed page is clean: the lowest correction holds the most text
DARK = Style(color="#000000", bgcolor="#ffffff")
LIGHT = Style(color="#ffffff", bgcolor="#000000")  # a full block drawn white: no reliance on bg
GLYPHS = {(True, True): ("█", DARK), (True, False): ("▀", DARK), (False, True): ("▄", DARK)}
GLYPHS[(False, False)] = ("█", LIGHT)


def make(text: str, max_side: int | None = None) -> segno.QRCode | None:
    """The QR code of ``text``, or None if it is wider than ``max_side`` modules.

    UTF-8 with an ECI marker that says so: without it, readers guess the encoding and zbar reads
    "après" as Shift-JIS.
    """
    import segno

    try:
        code = segno.make(
            text, error=ERROR, micro=False, encoding="utf-8", eci=True, boost_error=False
        )
    except segno.DataOverflowError:
        return None
    if max_side is not None and code.symbol_size(border=0)[0] > max_side:
        return None
    return code


@lru_cache(maxsize=64)
def capacity(max_side: int) -> int:
    """How many UTF-8 bytes the biggest code no wider than ``max_side`` modules holds (byte
    mode with the UTF-8 ECI marker, low error correction)."""
    import segno

    version = min((max_side - 17) // 4, 40)
    if version < 1:
        return 0
    try:  # segno's table of data bits per version: instant
        from segno import consts

        table: Any = consts.SYMBOL_CAPACITY
        bits = table[version][consts.ERROR_MAPPING[ERROR]]
        # ECI header (4 + 8 bits), byte-mode indicator (4) and character count (8 or 16 bits).
        return int((bits - 12 - 4 - (8 if version < 10 else 16)) // 8)
    except (ImportError, AttributeError, KeyError, TypeError):
        pass
    low, high = 0, 3000  # else the longest text of that version, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        try:
            segno.make("a" * mid, version=version, error=ERROR, encoding="utf-8", eci=True)
        except segno.DataOverflowError:
            high = mid - 1
        else:
            low = mid
    return low


def fits_in(max_side: int) -> Callable[[str], bool]:
    """A test: does this text make a code no wider than ``max_side`` modules? (The summary has
    lower-case letters, so it is coded byte by byte: its UTF-8 length decides.)"""
    room = capacity(max_side)
    return lambda text: len(text.encode("utf-8")) <= room


def side_for(width: int, height: int, border: int = BORDER) -> int:
    """The widest code (in modules, without quiet zone) a width x height cell area can show."""
    return min(width, 2 * height) - 2 * border


def matrix(code: segno.QRCode, border: int = BORDER) -> list[list[bool]]:
    """The modules, quiet zone included, True for dark."""
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]


def half_blocks(modules: list[list[bool]]) -> Text:
    """The modules as lines of half blocks, two module rows per text line, both colours drawn."""
    rows = [*modules, [False] * len(modules[0])] if len(modules) % 2 else modules
    out = Text(no_wrap=True, overflow="crop", end="")
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        for pair in zip(top, bottom, strict=True):
            glyph, style = GLYPHS[pair]
            out.append(glyph, style)
        out.append("\n")
    out.rstrip()
    return out


def terminal_code(
    plan: PlanSections, width: int, height: int, short: bool = False
) -> tuple[Summary, Text | None]:
    """The summary that fits a width x height area, and its code drawn in half blocks."""
    side = side_for(width, height)
    found = summary(plan, fits_in(side), short) if side >= 21 else None
    if found is None or not found.text:
        return Summary("", found.left_out if found else None, short), None
    code = make(found.text, side)
    assert code is not None  # the summary was cut to fit
    return found, half_blocks(matrix(code))


def svg(text: str, title: str = "") -> str:
    """The code as an inline SVG element for HTML (black on white, standard quiet zone)."""
    code = make(text)
    if code is None:
        return ""
    # omitsize: a viewBox instead of a fixed size, so the page scales the code without cropping.
    kwargs: dict[str, Any] = {
        "scale": 3,
        "border": PRINT_BORDER,
        "dark": "#000",
        "light": "#fff",
        "omitsize": True,
    }
    if title:
        kwargs["title"] = title
    return str(code.svg_inline(**kwargs))
