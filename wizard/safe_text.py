"""Text from input or files, made safe to quote in a message a terminal will show.

``visible`` is the one sanitiser for every message that echoes what someone sent (CLI errors,
TUI notices and error lines): control characters (C0, DEL, C1), bidirectional overrides and other
invisible format characters are written as visible escapes (``\\x1b``, ``\\u202e``), never sent
raw, and the text is bounded in length. ``json_text`` does the same for JSON output.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

QUOTE_LIMIT = 60  # characters of a value quoted inside a message
LINE_LIMIT = 1000  # characters of one whole message line
# Control (C0, DEL, C1), format (bidi embeddings, overrides and isolates, zero-width characters,
# BOM...), line and paragraph separators, unassigned and private-use code points.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def is_unsafe(char: str) -> bool:
    """Whether ``char`` must not reach a terminal raw (control or invisible format character)."""
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds any character ``visible`` would escape."""
    return any(is_unsafe(c) for c in set(text))  # each distinct character looked up once


def visible(text: object, limit: int | None = QUOTE_LIMIT) -> str:
    """``text`` with every control or invisible format character shown as an escape, cut to
    ``limit`` characters (with "…"); None: no limit."""
    raw = str(text)
    if limit is not None and len(raw) > limit:
        raw = raw[: max(limit - 1, 0)]
        cut = True
    else:
        cut = False
    out = "".join(_escape_char(c) for c in raw)
    return out + "…" if cut else out


def _escape_char(char: str) -> str:
    if not is_unsafe(char):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def one_line(text: object, limit: int = LINE_LIMIT) -> str:
    """A message as one safe line: runs of white space (line breaks too) become one space."""
    return visible(" ".join(str(text).split()), limit)


def json_text(document: Any) -> str:
    """``document`` as indented JSON (non-ASCII letters kept) where no control or invisible
    format character appears raw: they are written as ``\\uXXXX`` escapes, same JSON value."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # json.dumps already escapes C0 inside strings: a raw line break is the indentation's.
    unsafe = {c for c in set(text) if c != "\n" and is_unsafe(c)}
    if not unsafe:  # the usual case: a plan's few hundred distinct characters, looked up once
        return text
    return "".join(_json_escape(c) if c in unsafe else c for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP, JSON spells a character as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
