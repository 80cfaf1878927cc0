"""Localised strings: every string a person reads is stored as {"fr": ..., "en": ...}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGS = ("fr", "en")  # the languages of the content and the interface; French first
DEFAULT_LANG = "fr"

Localised = Mapping[str, str]  # {"fr": ..., "en": ...}; French is required


def tr(value: Any, lang: str) -> str:
    """Pick the string for ``lang``; French is the fallback (it is required, English follows)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return value.get(lang) or value.get(DEFAULT_LANG) or ""
    raise TypeError(f"not a localised string: {value!r}")


def localised(make: Any) -> dict[str, str]:
    """``{lang: make(lang)}`` for every language: a text computed once per language."""
    return {lang: make(lang) for lang in LANGS}


WORDS: dict[str, Localised] = {
    "yes": {"fr": "Oui", "en": "Yes"},
    "no": {"fr": "Non", "en": "No"},
    "unknown": {"fr": "Je ne sais pas", "en": "I don't know"},
    "none": {"fr": "Aucune case cochée", "en": "Nothing ticked"},
}


def word(key: str, lang: str) -> str:
    """A word the engine itself uses when it shows an answer (yes, no, I don't know...)."""
    return tr(WORDS[key], lang)


def colon(lang: str) -> str:
    """French puts a space before a colon; English does not."""
    return " : " if lang == "fr" else ": "
