"""Reading a QR code back from what the terminal draws (not a test module).

The half-block text, with each cell's colours, is turned back into a module matrix, written as a
PNG with the standard library only, and decoded by zbarimg (Debian's zbar-tools).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

from rich.color import Color
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.color import Color as TextualColor

ZBARIMG = shutil.which("zbarimg")


def _dark(color: Color | None) -> bool:
    if color is None:
        raise AssertionError("a QR cell without an explicit colour relies on the terminal")
    r, g, b = color.get_truecolor()
    return (r + g + b) / 3 < 128


def modules(
    renderable: RenderableType, width: int = 200, line_filter: Any = None
) -> list[list[bool]]:
    """The module matrix (True = dark) of half-block lines, from the cells' glyphs and colours,
    after ``line_filter`` (a Textual filter, e.g. the one NO_COLOR turns on) if given."""
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    rows: list[list[bool]] = []
    for line in console.render_lines(renderable, pad=False):
        if line_filter is not None:
            line = line_filter.apply(line, TextualColor(0, 0, 0))
        top: list[bool] = []
        bottom: list[bool] = []
        for seg in line:
            if isinstance(seg, Segment) and seg.control:
                continue
            style = seg.style or Style()
            for ch in seg.text:
                fg, bg = style.color, style.bgcolor
                up = _dark(fg) if ch in "█▀" else _dark(bg)
                down = _dark(fg) if ch in "█▄" else _dark(bg)
                top.append(up)
                bottom.append(down)
        if top:
            rows += [top, bottom]
    return rows


def write_png(matrix: list[list[bool]], path: Path, scale: int = 6) -> Path:
    """An 8-bit greyscale PNG of the matrix (dark modules black), ``scale`` pixels a module."""
    width = len(matrix[0]) * scale
    raw = bytearray()
    for row in matrix:
        line = bytes(0 if dark else 255 for dark in row for _ in range(scale))
        for _ in range(scale):
            raw += b"\x00" + line

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, len(matrix) * scale, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


def decode(path: Path) -> str:
    """The text zbarimg reads from an image, or "" when it finds no code.

    The codes carry an ECI marker for UTF-8, so zbarimg (like a phone) needs no guess.
    """
    assert ZBARIMG, "zbarimg missing"
    done = subprocess.run(
        [ZBARIMG, "--raw", "-q", str(path)], capture_output=True, timeout=60, check=False
    )
    return done.stdout.decode("utf-8").removesuffix("\n")
