"""Places: département codes and names, postal codes -> département (bundled, read-only, lazy).

The tables are derived from INSEE and La Poste open data by ``data/build_geography.py``. The
postal-code table is loaded on the first lookup only, never at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .resources import data_root, read_tables
from .text import tr


class PlaceError(ValueError):
    """A place that cannot be resolved to one département; carries fr/en text and suggestions."""

    def __init__(self, message: dict[str, str], suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message["en"])
        self.message = message
        self.suggestions = suggestions

    def text(self, lang: str) -> str:
        return tr(self.message, lang)


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    of_name: str  # "de la Seine-Saint-Denis"
    prefecture: str  # the préfecture's town
    zone: str  # metro | drom | com


@dataclass(frozen=True)
class Place:
    """A resolved place: always one département, sometimes a postal code."""

    query: str
    departement: str
    departement_name: str
    postcode: str | None = None
    insee: str | None = None  # the commune, when the input names exactly one
    commune: str | None = None

    def display(self, lang: str) -> str:
        where = f"{self.departement_name}, {self.departement}"
        if self.commune:
            where = f"{self.commune}, {where}"
        if self.postcode:
            return f"{self.postcode} ({where})"
        return (
            f"{self.commune} ({self.departement_name}, {self.departement})"
            if self.commune
            else f"{self.departement_name} ({self.departement})"
        )


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Côtes-d'Armor" -> "cotes d armor"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_text = re.sub(r"\bst\b", "saint", re.sub(r"\bste\b", "sainte", ascii_text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


DEPT_CODE = re.compile(r"^(0?[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-8]|98[4-9])$")
POSTCODE = re.compile(r"^\d{5}$")


@dataclass
class Geography:
    """Lookup over the bundled geography; tables load on first use."""

    root: Traversable | Path | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def _tables(self, name: str) -> dict[str, list[dict[str, Any]]]:
        if name not in self._cache:
            root = self.root if self.root is not None else data_root()
            self._cache[name] = read_tables(root.joinpath("geo").joinpath(name))
        return self._cache[name]

    @cached_property
    def departements(self) -> dict[str, Departement]:
        rows = self._tables("departements.json")["departements"]
        return {
            r["code"]: Departement(r["code"], r["name"], r["of_name"], r["prefecture"], r["zone"])
            for r in rows
        }

    @cached_property
    def _postcode_rows(self) -> dict[str, dict[str, Any]]:
        return {r["code"]: r for r in self._tables("postcodes.json")["postcodes"]}

    @cached_property
    def postcodes(self) -> dict[str, tuple[str, ...]]:
        return {code: tuple(r["departements"]) for code, r in self._postcode_rows.items()}

    def place_for_insee(self, insee: str) -> Place | None:
        """A place naming the commune with this INSEE code, through one of its postal codes."""
        for code, row in self._postcode_rows.items():
            if any(i == insee for i, _ in row["communes"]):
                try:
                    place = self.resolve(code)
                except PlaceError:
                    continue
                if place.insee == insee:
                    return place
        return None

    def communes_of_postcode(self, code: str) -> tuple[tuple[str, str], ...]:
        """(INSEE code, name) of every commune a postal code serves."""
        row = self._postcode_rows.get(code)
        return tuple((i, n) for i, n in row["communes"]) if row else ()

    @cached_property
    def _by_folded_name(self) -> dict[str, str]:
        return {fold(d.name): d.code for d in self.departements.values()}

    @cached_property
    def meta(self) -> dict[str, Any]:
        return self._tables("departements.json")["meta"][0]

    def departement(self, code: str) -> Departement:
        return self.departements[code]

    def resolve(self, query: Any) -> Place:
        """Resolve a postal code, a département code or a département name to one département."""
        if not isinstance(query, str):
            raise PlaceError({"fr": "un lieu doit être du texte", "en": "a place must be text"})
        text = query.strip()
        if not text:
            raise PlaceError({"fr": "lieu vide", "en": "empty place"})
        if len(text) > 100:
            raise PlaceError(
                {
                    "fr": "lieu trop long (100 caractères au plus)",
                    "en": "place too long (at most 100 characters)",
                }
            )
        code = text.upper()
        if POSTCODE.match(code):
            return self._from_postcode(text, code)
        if DEPT_CODE.match(code):
            return self._from_code(text, code.zfill(2) if len(code) == 1 else code)
        key = fold(text)
        if key in self._by_folded_name:
            return self._from_code(text, self._by_folded_name[key])
        near = tuple(
            f"{d.name} ({d.code})"
            for k, d in ((fold(d.name), d) for d in self.departements.values())
            if key and (k.startswith(key) or key in k)
        )[:5]
        raise PlaceError(
            {
                "fr": f"lieu inconnu « {text} » : tapez un code postal (5 chiffres), "
                "un numéro ou un nom de département",
                "en": f"unknown place '{text}': type a postal code (5 digits), "
                "a département number or name",
            },
            near,
        )

    def _from_code(self, query: str, code: str) -> Place:
        dep = self.departements.get(code)
        if dep is None:
            raise PlaceError(
                {"fr": f"département inconnu « {code} »", "en": f"unknown département '{code}'"}
            )
        if dep.zone == "com":
            raise PlaceError(
                {
                    "fr": f"{dep.name} est une collectivité d'outre-mer : ses règles sont "
                    "différentes et ne sont pas couvertes ici",
                    "en": f"{dep.name} is an overseas collectivity with its own rules, "
                    "not covered here",
                }
            )
        return Place(query, dep.code, dep.name)

    def _from_postcode(self, query: str, code: str) -> Place:
        deps = self.postcodes.get(code)
        if not deps:
            prefix = code[:3] if code.startswith("97") or code.startswith("98") else code[:2]
            if prefix == "20":
                hints: tuple[str, ...] = ("Corse-du-Sud (2A)", "Haute-Corse (2B)")
            else:
                dep = self.departements.get(prefix)
                hints = (f"{dep.name} ({dep.code})",) if dep else ()
            raise PlaceError(
                {
                    "fr": f"code postal inconnu « {code} » (les codes CEDEX ne sont pas des "
                    "adresses de domicile) : vérifiez-le ou tapez le numéro du département",
                    "en": f"unknown postal code '{code}' (CEDEX codes are not home addresses): "
                    "check it or type the département number",
                },
                hints,
            )
        if len(deps) > 1:
            names = tuple(f"{self.departements[d].name} ({d})" for d in deps)
            raise PlaceError(
                {
                    "fr": f"le code postal {code} couvre plusieurs départements : "
                    f"{', '.join(names)} ; tapez le numéro du département",
                    "en": f"postal code {code} covers several départements: "
                    f"{', '.join(names)}; type the département number",
                },
                names,
            )
        place = self._from_code(query, deps[0])
        communes = self.communes_of_postcode(code)
        insee, commune = communes[0] if len(communes) == 1 else (None, None)
        return Place(query, place.departement, place.departement_name, code, insee, commune)
