"""Localised strings: every string a person reads is stored as {"fr": ..., "en": ...}."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

LANGS = ("fr", "en")  # the languages of the content and the interface; French first
DEFAULT_LANG = "fr"

Localised = Mapping[str, str]  # {"fr": ..., "en": ...}; French is required


def tr(value: Any, lang: str) -> str:
    """Pick the string for ``lang``; French is the fallback (it is required, English follows)."""
    if type(value) is dict:  # the common case, without the cost of an ABC check
        return value.get(lang) or value.get(DEFAULT_LANG) or ""
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


class LazyText(Mapping[str, str]):
    """``{lang: make(lang)}``, each language computed when first read: a plan's texts are
    mostly read in one language. ``make`` must depend only on values that do not change."""

    __slots__ = ("_make", "_done")

    def __init__(self, make: Callable[[str], str]) -> None:
        self._make = make
        self._done: dict[str, str] = {}

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        done = self._done.get(lang)
        if done is None:
            done = self._done[lang] = self._make(lang)
        return done

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def __repr__(self) -> str:
        return repr(dict(self))


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
