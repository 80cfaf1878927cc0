"""Localised strings: every string a person reads is stored as {"fr": ..., "en": ...}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


def tr(value: Any, lang: str) -> str:
    """Pick the string for ``lang``; French is the fallback (it is required, English follows)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return value.get(lang) or value.get(DEFAULT_LANG) or ""
    raise TypeError(f"not a localised string: {value!r}")


def has_lang(value: Any, lang: str) -> bool:
    return isinstance(value, Mapping) and bool(value.get(lang))


UI = {
    "yes": {"fr": "Oui", "en": "Yes"},
    "no": {"fr": "Non", "en": "No"},
    "unknown": {"fr": "Je ne sais pas", "en": "I don't know"},
    "none": {"fr": "Aucune case cochée", "en": "Nothing ticked"},
}


def ui(key: str, lang: str) -> str:
    return tr(UI[key], lang)


def colon(lang: str) -> str:
    """French puts a space before a colon; English does not."""
    return " : " if lang == "fr" else ": "
