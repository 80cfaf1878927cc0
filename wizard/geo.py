"""Places: postal codes, communes and départements (bundled, read-only, lazy).

The tables are derived from INSEE (COG) and La Poste open data by ``data/build_geography.py``.
Nothing is read at import time: the small département table is read on the first lookup, the
commune table (``communes.json``) on the first lookup that needs a commune or a postal code, and
the name and suggestion indexes are built on the first lookup that needs them.

A query resolves to exactly one département, or fails with a ``PlaceError`` that lists the
choices: this module never guesses between two places.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, overload

from .errors import DataError, PlaceError
from .record import Record, record
from .resources import data_root, read_tables
from .safe_text import visible

MAX_CHOICES = 20  # suggestions listed for an ambiguous place
# Placeholders an authority's name or note may use (filled by ``Geography.template_fields``).
TEMPLATE_FIELDS = {
    "of_name": "the département after 'de': 'de la Seine-Saint-Denis'",
    "name": "the département's name",
    "code": "the département's code",
    "town": "the préfecture's town",
    "postcode": "the postal code, when given",
    "commune": "the commune's name, when the place names one",
    "of_commune": "the commune after 'de': 'd'Athis-Mons', 'du Havre'",
    "insee": "the commune's INSEE code",
    "subprefecture": "the sous-préfecture's town, when the commune's arrondissement has one",
    "of_subprefecture": "the sous-préfecture's town after 'de'",
}


@record
class Departement(Record):
    code: str
    name: str
    of_name: str  # "de la Seine-Saint-Denis"
    prefecture: str  # the préfecture's town
    zone: str  # metro | drom | com
    prefecture_insee: str = ""
    single_commune: tuple[str, str] | None = None  # (INSEE, name) when it is one commune (Paris)


@record
class Arrondissement(Record):
    """An administrative arrondissement; its chef-lieu holds the préfecture or a sous-préfecture."""

    code: str
    departement: str
    name: str
    chef_lieu: str
    chef_lieu_insee: str


class Commune(NamedTuple):
    # A NamedTuple, not a dataclass: ~35,000 are built on load and tuples build fastest.
    insee: str
    name: str
    departement: str
    tncc: int  # INSEE "type de nom en clair": which article and preposition the name takes
    arrondissement: str | None
    postcodes: tuple[str, ...]

    @property
    def of_name(self) -> str:
        """The name after "de": "d'Athis-Mons", "du Havre", "de La Rochelle", "des Mureaux"."""
        return of_commune(self.name, self.tncc)


# INSEE TNCC -> (article the name starts with, preposition that replaces "de" + article).
_TNCC = {
    0: ("", "de "),
    1: ("", "d'"),
    2: ("Le ", "du "),
    3: ("", "de "),  # "de La Rochelle": the article stays, capitalised, as part of the name
    4: ("Les ", "des "),
    5: ("", "de "),  # "de L'Haÿ-les-Roses"
    6: ("Aux ", "des "),
    7: ("", "de "),
    8: ("", "de "),
}


def of_commune(name: str, tncc: int) -> str:
    """ "de" + a commune's name, following its TNCC ("du Havre", "d'Athis-Mons")."""
    article, prep = _TNCC.get(tncc, ("", "de "))
    if article and name.startswith(article):
        return prep + name[len(article) :]
    return prep + name


@record
class Place(Record):
    """A resolved place: always one département, sometimes a postal code and a commune."""

    query: str
    departement: str
    departement_name: str
    postcode: str | None = None
    insee: str | None = None  # the commune, when the input names exactly one
    commune: str | None = None
    district: str | None = None  # municipal arrondissement (Paris, Lyon, Marseille), if known

    def display(self, lang: str) -> str:
        """The place in words: "93200 (Saint-Denis, Seine-Saint-Denis, 93)", "Essonne (91)"."""
        parts = [p for p in (self.district or self.commune, self.departement_name) if p]
        parts = list(dict.fromkeys(parts))  # Paris is a commune and a département
        if self.district and self.departement_name == self.commune:
            parts = [self.district]
        where = ", ".join([*parts, self.departement])
        if self.postcode:
            return f"{self.postcode} ({where})"
        if len(parts) > 1 or self.commune:
            head, rest = parts[0], ", ".join([*parts[1:], self.departement])
            return f"{head} ({rest})"
        return f"{self.departement_name} ({self.departement})"


# Bytes kept by the fold: digits, lower-case letters and the record separator; the rest -> space.
_KEEP = bytes(c if (48 <= c <= 57 or 97 <= c <= 122 or c == 10) else 32 for c in range(256))
# Letters NFKD does not decompose ("Cœuvres" is typed "Coeuvres").
_LIGATURES = (("œ", "oe"), ("Œ", "Oe"), ("æ", "ae"), ("Æ", "Ae"), ("ß", "ss"))
# After _KEEP only [a-z0-9], spaces and newlines remain, so \b marks the token edges.
_SAINT = re.compile(rb"\b(st|ste|sts|stes)\b")
_SAINTS = {b"st": b"saint", b"ste": b"sainte", b"sts": b"saints", b"stes": b"saintes"}


def _fold_bytes(text: str) -> bytes:
    """Accents dropped, lower case, punctuation as spaces, "St"/"Ste" spelled out.

    Works on one name or on many joined by newlines (the bulk path used to index ~37,000
    names at C speed); both give the same result per name.
    """
    for letter, spelled in _LIGATURES:  # str.replace: far faster than translate on big text
        if letter in text:
            text = text.replace(letter, spelled)
    ascii_bytes = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").lower().translate(_KEEP)
    )
    return _SAINT.sub(lambda m: _SAINTS[m.group(1)], ascii_bytes)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "Côtes-d'Armor" -> "cotes d armor"."""
    return " ".join(_fold_bytes(text.replace("\n", " ")).decode().split())


def name_key(text: str) -> str:
    """The key names are matched on: ``fold`` without spaces ("st denis" == "Saint-Denis")."""
    return "".join(_fold_bytes(text.replace("\n", " ")).decode().split())


def name_keys(names: list[str]) -> list[str]:
    """``name_key`` of many names at once (one pass over one string)."""
    return _fold_bytes("\n".join(names)).replace(b" ", b"").decode().split("\n")


DEPT_CODE = re.compile(r"^(0?[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-8]|98[4-9])$")
POSTCODE = re.compile(r"^\d{5}$")
# "Athis-Mons (91)", "Athis-Mons (91200)", "Athis-Mons, 91", "Saint-Denis 93", "91200 Athis-Mons"
_QUALIFIED = re.compile(r"^(?P<name>.+?)[\s,]*\(\s*(?P<q>[^()]*?)\s*\)$")
_TRAILING = re.compile(r"^(?P<name>.+?)[\s,]+(?P<q>\d{5}|\d\d|2[AaBb]|97\d)$")
_LEADING = re.compile(r"^(?P<q>\d{5})[\s,]+(?P<name>.+)$")
_ARTICLES = ("le", "la", "les", "l")


class _Entry(NamedTuple):
    """One way a name or postal code leads to a commune (maybe one of its arrondissements)."""

    insee: str
    district: str | None = None  # municipal arrondissement's name
    district_postcodes: tuple[str, ...] = ()
    alias: str | None = None  # the former or delegated commune's name typed


def _same(entries: list[_Entry]) -> list[_Entry]:
    """Entries without repeats of one commune (or arrondissement) reached by two names."""
    seen: dict[tuple[str, str | None], _Entry] = {}
    for e in entries:
        seen.setdefault((e.insee, e.district), e)
    return list(seen.values())


class _Row:
    """One département's communes, from its ``communes.json`` row (see COLUMNS).

    The columns are split on first use: a postal-code lookup touches one or two départements,
    not the 101 of them.
    """

    __slots__ = ("dep", "raw", "tncc", "arrs", "pp", "offset", "size", "_split", "_postcodes")

    def __init__(self, row: dict[str, Any], offset: int) -> None:
        self.dep: str = row["d"]
        self.raw = row
        self.tncc: str = row["t"]
        self.arrs: str = row["r"]
        self.pp: str = row["pp"]
        self.offset = offset  # position of its first commune in the table's flat lists
        self.size = row["i"].count("|") + 1 if row["i"] else 0
        self._split: tuple[list[str], list[str], list[str]] | None = None
        self._postcodes: dict[str, list[str]] | None = None

    def _columns(self) -> tuple[list[str], list[str], list[str]]:
        if self._split is None:
            row = self.raw
            codes = row["i"].split("|") if row["i"] else []
            names = row["n"].split("|") if row["i"] else []
            posts = row["p"].split("|") if row["i"] else []
            if not len(codes) == len(names) == len(posts) == len(self.tncc):
                raise ValueError(f"communes.json: row {self.dep}: columns of different lengths")
            self._split = (codes, names, posts)
        return self._split

    @property
    def codes(self) -> list[str]:
        return self._columns()[0]

    @property
    def names(self) -> list[str]:
        return self._columns()[1]

    @property
    def posts(self) -> list[str]:
        return self._columns()[2]

    @property
    def raw_names(self) -> str:
        return str(self.raw["n"]) if self.raw["i"] else ""

    def find(self, insee: str) -> int | None:
        """Position of a commune in this row (codes are sorted), or None."""
        suffix = insee[len(self.dep) :]
        codes = self.codes
        j = bisect_left(codes, suffix)
        return j if j < len(codes) and codes[j] == suffix else None

    def postcodes_of(self, j: int) -> tuple[str, ...]:
        post = self.posts[j]
        if post == "-":
            return ()
        return tuple(self.pp + p if len(p) == 3 else p for p in post.split(","))

    @property
    def postcodes(self) -> dict[str, list[str]]:
        """Postal code -> INSEE codes of the communes of this row it serves (built on demand)."""
        if self._postcodes is None:
            index: dict[str, list[str]] = {}
            for code, post in zip(self.codes, self.posts, strict=True):
                if post == "-":
                    continue
                for p in post.split(","):
                    index.setdefault(self.pp + p if len(p) == 3 else p, []).append(self.dep + code)
            self._postcodes = index
        return self._postcodes


def _insee_dep(insee: str) -> str:
    """The département code of an INSEE commune code (2A/2B kept, 97x and 98x on three digits)."""
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


class Packed(Sequence[str]):
    """Strings joined by ``sep`` in one string, read by index: ``bisect`` and slices work on it
    as on a list, for a fraction of the memory of one Python string each."""

    def __init__(self, text: str, sep: str) -> None:
        self._text = text
        ends = array("I")
        if text:
            find = text.find
            at = find(sep)
            while at != -1:
                ends.append(at)
                at = find(sep, at + 1)
            ends.append(len(text))
        self._ends = ends  # where each string ends (its separator, or the end of the text)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        ends = self._ends
        if i < 0:
            i += len(ends)
        end = ends[i]  # IndexError past the end, as a list
        start = ends[i - 1] + 1 if i > 0 else 0
        return self._text[start:end]

    def has_empty(self) -> bool:
        """Whether one of the strings is empty."""
        ends, previous = self._ends, -1
        for end in ends:
            if end == previous + 1:
                return True
            previous = end
        return False


class _CommuneTable(Mapping[str, Commune]):
    """Every commune, split out of ``communes.json`` at C speed, one row per département.

    ``Commune`` values are built on access. Postal codes are indexed one département row at a
    time, when a code that may be in it is looked up; names all at once, on the first name.
    """

    def __init__(
        self, rows: list[dict[str, Any]], load_index: Callable[[], dict[str, str]] | None = None
    ) -> None:
        self._load_index = load_index  # names.json, read on the first name lookup
        self.rows: dict[str, _Row] = {}
        offset = 0
        for raw in rows:
            row = _Row(raw, offset)
            self.rows[row.dep] = row
            offset += row.size
        self.size = offset
        self.districts: dict[str, _Entry] = {}  # municipal arrondissement INSEE -> entry
        self._districts_of: dict[str, list[_Entry]] = {}  # commune INSEE -> its arrondissements
        for raw in rows:
            for code, name, post, parent in raw.get("m", ()):
                entry = _Entry(parent, name, tuple(post.split(",")))
                self.districts[code] = entry
                self._districts_of.setdefault(parent, []).append(entry)
        self._rows = rows

    @staticmethod
    def _row_named(raw: dict[str, Any], key: str) -> list[tuple[str, str]]:
        """One row's former names ("a") or La Poste localities ("l"), with their commune."""
        if not raw.get(key + "n"):
            return []
        with _malformed("geo/communes.json"):
            names, codes = raw[key + "n"].split("|"), raw[key + "i"].split("|")
            return [(n, raw["d"] + i) for n, i in zip(names, codes, strict=True)]

    def _named(self, key: str) -> list[tuple[str, str]]:
        return [pair for raw in self._rows for pair in self._row_named(raw, key)]

    @cached_property
    def aliases(self) -> list[tuple[str, str]]:
        """(former or delegated commune name, commune INSEE): split on the first name lookup."""
        return self._named("a")

    @cached_property
    def localities(self) -> list[tuple[str, str]]:
        """(La Poste locality name, commune INSEE): split on the first name lookup."""
        return self._named("l")

    def _locate(self, insee: str) -> tuple[_Row, int] | None:
        row = self.rows.get(_insee_dep(insee)) if isinstance(insee, str) else None
        if row is None:
            return None
        j = row.find(insee)
        return None if j is None else (row, j)

    # Mapping interface: INSEE code -> Commune
    def __getitem__(self, insee: str) -> Commune:
        found = self._locate(insee)
        if found is None:
            raise KeyError(insee)
        row, j = found
        arr = row.arrs[j]
        return Commune(
            insee,
            row.names[j],
            row.dep,
            int(row.tncc[j]),
            None if arr == "-" else row.dep + arr,
            row.postcodes_of(j),
        )

    def __iter__(self) -> Iterator[str]:
        for row in self.rows.values():
            for code in row.codes:
                yield row.dep + code

    def __len__(self) -> int:
        return self.size

    def __contains__(self, insee: object) -> bool:
        return isinstance(insee, str) and self._locate(insee) is not None

    def name_of(self, insee: str) -> str:
        row, j = self._locate(insee) or (None, 0)
        if row is None:
            raise KeyError(insee)
        return row.names[j]

    @property
    def names(self) -> list[str]:
        """Every commune's name, in table order."""
        return [n for row in self.rows.values() for n in row.names]

    # ---- postal codes --------------------------------------------------------------------

    @cached_property
    def _routes(self) -> dict[str, list[str]]:
        """First two digits of a postal code -> the rows holding codes that start so."""
        routes: dict[str, list[str]] = {}
        for raw in self._rows:
            dep, others = raw["d"], raw.get("h")
            row = self.rows[dep]
            heads = {row.pp} if row.pp else set()
            if others is None:  # a table built without "h": find the codes outside "pp"
                heads |= {c[:2] for c in re.findall(r"\d{5}", row.raw["p"])}
            else:  # written by the build: no scan of every postal code
                heads.update(h for h in others.split(",") if h)
            for head in heads:
                routes.setdefault(head, []).append(dep)
        return routes

    def _rows_for(self, prefix: str) -> list[_Row]:
        if len(prefix) >= 2:
            heads = [prefix[:2]] if prefix[:2] in self._routes else []
        else:
            heads = [h for h in self._routes if h.startswith(prefix)]
        deps = dict.fromkeys(d for h in heads for d in self._routes[h])
        return [self.rows[d] for d in deps]

    def postcode(self, code: str) -> list[_Entry]:
        """Every commune (or municipal arrondissement) a postal code serves."""
        out: list[_Entry] = []
        for row in self._rows_for(code):
            for insee in row.postcodes.get(code, ()):
                districts = self._districts_of.get(insee)
                if districts:  # Paris, Lyon, Marseille: the code leads to an arrondissement
                    out += [e for e in districts if code in e.district_postcodes]
                else:
                    out.append(_Entry(insee))
        return out

    def postcodes_starting(self, prefix: str) -> list[str]:
        """Every postal code that starts with ``prefix``, sorted."""
        codes = {c for row in self._rows_for(prefix) for c in row.postcodes if c.startswith(prefix)}
        return sorted(codes)

    def all_postcodes(self) -> dict[str, list[_Entry]]:
        codes = {c for row in self.rows.values() for c in row.postcodes}
        return {c: self.postcode(c) for c in sorted(codes)}

    # ---- names ---------------------------------------------------------------------------

    @cached_property
    def sorted_names(self) -> tuple[Packed, Packed]:
        """(keys, references) sorted by key, for exact and prefix search.

        Built ahead of time by ``data/build_geography.py`` (``names.json``): loading it keeps
        two long strings and their offsets, not ~80,000 small strings, and folds no name at
        run time. A reference is an INSEE code (a commune), "a" and an index (a former or
        delegated name) or "d" and a municipal arrondissement's code; ``entry`` turns one into
        an entry.
        """
        # A names.json of the wrong shape is a DataError naming it (check-data reports it).
        with _malformed("geo/names.json"):
            index = build_name_index(self) if self._load_index is None else self._load_index()
            keys = Packed(index["keys"], "\n")
            refs = Packed(index["refs"], "|")
            if len(keys) != len(refs):
                raise ValueError("names.json: keys and references of different lengths")
            if refs.has_empty():
                raise ValueError("names.json: an empty reference")
        return keys, refs

    @cached_property
    def _alias_rows(self) -> tuple[list[int], list[dict[str, Any]]]:
        """Where each row's former names start in ``aliases`` (counted, not split)."""
        starts: list[int] = []
        rows: list[dict[str, Any]] = []
        at = 0
        for raw in self._rows:
            if raw.get("an"):
                starts.append(at)
                rows.append(raw)
                at += raw["an"].count("|") + 1
        return starts, rows

    def alias(self, i: int) -> tuple[str, str]:
        """``aliases[i]``, splitting only the row that holds it: a suggestion that meets a
        former name does not split all ~2,500 of them on a keystroke."""
        starts, rows = self._alias_rows
        k = bisect_right(starts, i) - 1
        if i < 0 or k < 0:
            raise IndexError(f"no former name {i}")
        return self._row_named(rows[k], "a")[i - starts[k]]  # IndexError past the last one

    def entry(self, ref: str) -> _Entry:
        if ref[0] == "a":
            name, insee = self.alias(int(ref[1:]))
            return _Entry(insee, alias=name)
        if ref[0] == "d":
            return self.districts[ref[1:]]
        return _Entry(ref)

    def named(self, key: str) -> list[_Entry]:
        """Every commune, former commune or municipal arrondissement whose name has this key."""
        keys, refs = self.sorted_names
        i = bisect_left(keys, key)
        j = bisect_right(keys, key, i)
        with _malformed("geo/names.json"):  # a reference to no alias or arrondissement
            return [self.entry(r) for r in refs[i:j]]


def build_name_index(table: _CommuneTable) -> dict[str, str]:
    """Every name key and what it leads to, sorted by key, as ``names.json`` stores them.

    Run by ``data/build_geography.py``, not at start-up. Within one key: the communes bearing
    the name in table order, then former or delegated names, La Poste localities (shown under
    their commune's name) and municipal arrondissements ("Paris 15e", "Lyon 3").
    """
    index: dict[str, list[str]] = {}
    joined = "|".join(r.raw_names for r in table.rows.values() if r.raw_names)
    keys = _fold_bytes(joined.replace("|", "\n")).replace(b" ", b"").decode().split("\n")
    insees = [row.dep + code for row in table.rows.values() for code in row.codes]
    for key, insee in zip(keys, insees, strict=True):
        index.setdefault(key, []).append(insee)
    for i, key in enumerate(name_keys([n for n, _ in table.aliases])):
        index.setdefault(key, []).append(f"a{i}")
    for key, (_, insee) in zip(
        name_keys([n for n, _ in table.localities]), table.localities, strict=True
    ):
        index.setdefault(key, []).append(insee)
    for code, entry in table.districts.items():
        for key in (name_key(entry.district or ""), *_district_keys(entry)):
            index.setdefault(key, []).append(f"d{code}")
    ordered = sorted(index)
    return {
        "keys": "\n".join(k for k in ordered for _ in index[k]),
        "refs": "|".join(r for k in ordered for r in index[k]),
    }


def _district_keys(entry: _Entry) -> list[str]:
    """ "Paris 15e Arrondissement" -> keys for "Paris 15", "Paris 15e", "Paris 15eme"."""
    m = re.match(r"^(.*?) (\d+)(er|e) Arrondissement$", entry.district or "")
    if not m:
        return []
    city, n = name_key(m.group(1)), m.group(2)
    keys = [city + n, city + n + "e", city + n + "eme", city + n + "arrondissement"]
    if n == "1":
        keys += [city + "1er", city + "1ere", city + "premier"]
    return keys


@contextmanager
def _malformed(file: str) -> Iterator[None]:
    """A geography table of the wrong shape is a DataError naming the file, not a KeyError."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise DataError(f"{file}: malformed ({type(exc).__name__}: {visible(exc, 100)})") from None


@dataclass
class Geography:
    """Lookup over the bundled geography; tables load on first use."""

    root: Path | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # ---- tables -------------------------------------------------------------------------

    def _tables(self, name: str) -> dict[str, list[dict[str, Any]]]:
        if name not in self._cache:
            root = self.root if self.root is not None else data_root()
            self._cache[name] = read_tables(root.joinpath("geo").joinpath(name))
        return self._cache[name]

    @cached_property
    def departements(self) -> dict[str, Departement]:
        with _malformed("geo/departements.json"):
            return self._departements()

    def _departements(self) -> dict[str, Departement]:
        rows = self._tables("departements.json")["departements"]
        return {
            r["code"]: Departement(
                r["code"],
                r["name"],
                r["of_name"],
                r["prefecture"],
                r["zone"],
                r.get("prefecture_insee", ""),
                tuple(r["single_commune"]) if r.get("single_commune") else None,
            )
            for r in rows
        }

    @cached_property
    def arrondissements(self) -> dict[str, Arrondissement]:
        rows = self._tables("departements.json").get("arrondissements", [])
        return {
            r["code"]: Arrondissement(
                r["code"], r["departement"], r["name"], r["chef_lieu"], r["chef_lieu_insee"]
            )
            for r in rows
        }

    @cached_property
    def meta(self) -> dict[str, Any]:
        """Where the geography comes from (source, licence, date, counts)."""
        return self._tables("departements.json")["meta"][0]

    @cached_property
    def communes(self) -> _CommuneTable:
        """Every commune by INSEE code (loads the commune table on first use)."""

        def load_index() -> dict[str, str]:
            index = self._tables("names.json")["names"][0]
            self._cache.pop("names.json", None)
            return index

        with _malformed("geo/communes.json"):
            table = _CommuneTable(self._tables("communes.json")["communes"], load_index)
        self._cache.pop("communes.json", None)  # the raw rows are no longer needed
        return table

    @cached_property
    def postcodes(self) -> dict[str, tuple[str, ...]]:
        """Postal code -> the département codes it serves."""
        return {
            pc: tuple(sorted({_insee_dep(e.insee) for e in entries}))
            for pc, entries in self.communes.all_postcodes().items()
        }

    @cached_property
    def _dep_names(self) -> dict[str, str]:
        return {name_key(d.name): d.code for d in self.departements.values()}

    # ---- public lookups -----------------------------------------------------------------

    def departement(self, code: str) -> Departement:
        return self.departements[code]

    def commune(self, insee: str) -> Commune | None:
        return self.communes.get(insee)

    def communes_of_postcode(self, code: str) -> tuple[tuple[str, str], ...]:
        """(INSEE code, name) of every commune a postal code serves."""
        seen = dict.fromkeys(e.insee for e in self.communes.postcode(code))
        return tuple((i, self.communes.name_of(i)) for i in seen)

    def arrondissement_of(self, place: Place) -> Arrondissement | None:
        """The administrative arrondissement of a place, when the place pins it down."""
        if place.insee:
            codes = {self.communes[place.insee].arrondissement}
        elif place.postcode:
            codes = {
                self.communes[i].arrondissement
                for i, _ in self.communes_of_postcode(place.postcode)
            }
        else:
            return None
        if len(codes) != 1:
            return None
        code = codes.pop()
        return self.arrondissements.get(code) if code else None

    def template_fields(self, place: Place) -> dict[str, str]:
        """What an authority's name or note may say about a place (see ``TEMPLATE_FIELDS``).

        Fields the place does not pin down are absent (a town's name for a bare département).
        """
        dep = self.departements[place.departement]
        fields = {
            "of_name": dep.of_name,
            "name": dep.name,
            "code": dep.code,
            "town": dep.prefecture,
        }
        if place.postcode:
            fields["postcode"] = place.postcode
        if place.insee and place.insee in self.communes:
            c = self.communes[place.insee]
            fields.update(commune=c.name, of_commune=c.of_name, insee=c.insee)
        if place.insee or place.postcode:
            arr = self.arrondissement_of(place)
            if arr is not None and arr.chef_lieu_insee != dep.prefecture_insee:
                sub = self.communes.get(arr.chef_lieu_insee)
                fields["subprefecture"] = arr.chef_lieu
                fields["of_subprefecture"] = sub.of_name if sub else "de " + arr.chef_lieu
        return fields

    def place_for_insee(self, insee: str) -> Place | None:
        """The place naming the commune (or municipal arrondissement) with this INSEE code."""
        entry = self.communes.districts.get(insee)
        if entry is None:
            if insee not in self.communes or self._zone(insee) == "com":
                return None
            entry = _Entry(insee)
        return self._commune_place(self._label(entry), entry, None)

    def commune_choices(self, place: Place) -> tuple[str, ...]:
        """Inputs that name one commune within ``place`` (to ask for a commune when needed)."""
        if place.insee:
            return ()
        if place.postcode:
            entries = self.communes.postcode(place.postcode)
            return tuple(dict.fromkeys(self._postcode_label(place.postcode, e) for e in entries))
        dep = self.departements[place.departement]
        towns = [dep.prefecture_insee] + [
            a.chef_lieu_insee for a in self.arrondissements.values() if a.departement == dep.code
        ]
        return tuple(dict.fromkeys(self._label(_Entry(i)) for i in towns if i in self.communes))

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Inputs that complete ``prefix`` (postal codes, communes, départements), best first.

        Every suggestion resolves, as typed, to exactly one place.
        """
        text = prefix.strip() if isinstance(prefix, str) else ""
        if not text or limit <= 0 or len(text) > 100:
            return []
        out: list[str] = []
        code = text.upper()
        if DEPT_CODE.match(code) and not (code.isdigit() and len(code) == 1):
            dep = self.departements.get(code)
            if dep is not None and dep.zone != "com":
                out.append(self._dep_label(dep.code))
        if text.isdigit():
            for pc in self.communes.postcodes_starting(text):
                if len(out) >= limit:
                    break
                for e in self.communes.postcode(pc):
                    if self._zone(e.insee) != "com":
                        out.append(self._postcode_label(pc, e))
            return list(dict.fromkeys(out))[:limit]
        key = name_key(text)
        if not key:
            return out[:limit]
        keys, refs = self.communes.sorted_names
        i = bisect_left(keys, key)
        exact: list[str] = []
        exact_entries: list[_Entry] = []
        longer: list[tuple[int, str]] = []
        for k, code in self._dep_names.items():
            if k.startswith(key):
                label = self._dep_label(code)
                (exact.append(label) if k == key else longer.append((len(k), label)))
        while i < len(keys) and keys[i].startswith(key) and len(longer) < limit * 5:
            e = self.communes.entry(refs[i])
            if self._zone(e.insee) != "com":
                label = self._label(e)
                if keys[i] == key:
                    exact.append(label)
                    exact_entries.append(e)
                else:
                    longer.append((len(keys[i]), label))
            i += 1
        # "Évry": Évry-Courcouronnes (préfecture) is offered before the village of that name.
        bigger = self._better_known(text, exact_entries) if exact_entries else []
        out += bigger + exact + [label for _, label in sorted(longer)]
        return list(dict.fromkeys(out))[:limit]

    def resolve(self, query: Any) -> Place:
        """Resolve a postal code, a commune name or a département code or name to one place."""
        if not isinstance(query, str):
            raise PlaceError({"fr": "un lieu doit être du texte", "en": "a place must be text"})
        text = " ".join(query.split())
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
        key = name_key(text)
        m = _QUALIFIED.match(text)  # brackets qualify: "Marseille (13)" is not the 13th
        # ... unless they are part of the name itself: "Bors (Canton de Tude-et-Lavalette)".
        if (
            m
            and name_key(m.group("name"))
            and (self._is_qualifier(m.group("q")) or not self.communes.named(key))
        ):
            return self._from_name(text, name_key(m.group("name")), m.group("q"))
        if key in self._dep_names or self.communes.named(key):
            return self._from_name(text, key, None)
        for pattern in (_LEADING, _TRAILING):
            m = pattern.match(text)
            if m and name_key(m.group("name")):
                return self._from_name(text, name_key(m.group("name")), m.group("q"))
        for article in _ARTICLES:  # "Havre" for "Le Havre"
            if not key.startswith(article) and self.communes.named(article + key):
                return self._from_name(text, article + key, None)
        raise PlaceError(
            {
                "fr": f"lieu inconnu « {visible(text)} » : tapez un code postal (5 chiffres), "
                "le nom de la commune, ou le numéro ou le nom du département",
                "en": f"unknown place '{visible(text)}': type a postal code (5 digits), "
                "the commune's name, or the département's number or name",
            },
            self._near(key),
        )

    # ---- helpers ------------------------------------------------------------------------

    def _is_qualifier(self, text: str) -> bool:
        """Whether bracketed text picks a place: a postal code, a département code or name."""
        q = text.strip().upper()
        return bool(POSTCODE.match(q) or DEPT_CODE.match(q) or name_key(text) in self._dep_names)

    def _dep_of(self, insee: str) -> str:
        return _insee_dep(insee)

    def _zone(self, insee: str) -> str:
        return self.departements[self._dep_of(insee)].zone

    def _dep_label(self, code: str) -> str:
        return f"{self.departements[code].name} ({code})"

    def _name(self, e: _Entry) -> str:
        """The name the person would recognise: the district, the former name, or the commune."""
        return e.district or e.alias or self.communes.name_of(e.insee)

    def _label(self, e: _Entry) -> str:
        """How to type this commune so that it resolves to it: "Athis-Mons (91)"."""
        name, dep = self._name(e), self._dep_of(e.insee)
        departement = self.departements[dep]
        if name_key(name) == name_key(departement.name) and not departement.single_commune:
            # "Mayenne (53)" means the département; the town needs its postal code.
            codes = e.district_postcodes or self.communes[e.insee].postcodes
            if codes:
                return f"{codes[0]} {name}"
        return f"{name} ({dep})"

    def _postcode_label(self, pc: str, e: _Entry) -> str:
        return f"{pc} {self._name(e)}"

    def _near(self, key: str) -> tuple[str, ...]:
        if not key:
            return ()
        found = self.suggest(key, 5)
        if found:
            return tuple(found)
        import difflib  # only on this error path: it is slow to import

        keys, refs = self.communes.sorted_names
        lo, hi = bisect_left(keys, key[:2]), bisect_left(keys, key[:2] + "{")
        pool: dict[str, _Entry] = {}
        for k, ref in zip(keys[lo:hi], refs[lo:hi], strict=True):
            if k not in pool:
                pool[k] = self.communes.entry(ref)
        close = difflib.get_close_matches(key, list(pool), n=5, cutoff=0.75)
        return tuple(self._label(pool[k]) for k in close if self._zone(pool[k].insee) != "com")

    def _from_code(self, query: str, code: str) -> Place:
        dep = self.departements.get(code)
        if dep is None:
            raise PlaceError(
                {
                    "fr": f"département inconnu « {visible(code)} »",
                    "en": f"unknown département '{visible(code)}'",
                }
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
        if dep.single_commune:  # Paris: naming the département names the commune
            insee, name = dep.single_commune
            return Place(query, dep.code, dep.name, None, insee, name)
        return Place(query, dep.code, dep.name)

    def _commune_place(self, query: str, e: _Entry, postcode: str | None) -> Place:
        c = self.communes[e.insee]
        base = self._from_code(query, c.departement)  # raises for the COM
        if postcode is None:
            pcs = e.district_postcodes or c.postcodes
            postcode = pcs[0] if len(pcs) == 1 else None
        return Place(
            query, base.departement, base.departement_name, postcode, c.insee, c.name, e.district
        )

    def _from_name(self, query: str, key: str, qualifier: str | None) -> Place:
        entries = _same(self.communes.named(key))
        dep_code = self._dep_names.get(key)
        if qualifier is not None:
            q = qualifier.strip().upper()
            if POSTCODE.match(q):
                entries = [
                    e
                    for e in entries
                    if q in (e.district_postcodes or self.communes[e.insee].postcodes)
                ]
                dep_code = None
                if len(entries) == 1:
                    return self._commune_place(query, entries[0], q)
            else:
                if not DEPT_CODE.match(q):
                    q = self._dep_names.get(name_key(qualifier), "")
                q = q.zfill(2) if len(q) == 1 else q
                entries = [e for e in entries if self._dep_of(e.insee) == q]
                dep_code = dep_code if dep_code == q else None
                if not entries and dep_code is None:
                    raise PlaceError(
                        {
                            "fr": f"aucun lieu « {visible(query)} » : vérifiez le nom et le code "
                            "entre parenthèses",
                            "en": f"no place '{visible(query)}': check the name and the code in "
                            "brackets",
                        },
                        self._near(key),
                    )
        if not entries and dep_code is None:
            raise PlaceError(
                {
                    "fr": f"lieu inconnu « {visible(query)} »",
                    "en": f"unknown place '{visible(query)}'",
                },
                self._near(key),
            )
        # A name found both in the COM and elsewhere means the place elsewhere (the COM are
        # not covered); found only in the COM, the COM's own error explains why.
        if any(self._zone(e.insee) != "com" for e in entries) or dep_code is not None:
            entries = [e for e in entries if self._zone(e.insee) != "com"]
        deps_of = {self._dep_of(e.insee) for e in entries}
        if dep_code is not None and deps_of <= {dep_code}:
            # "Mayenne": the département and a town in it; the département is sure, the town not.
            return self._from_code(query, dep_code)
        # "Évry" is a small commune (89) and the first word of Évry-Courcouronnes, préfecture
        # of the Essonne: a person typing it may mean either, so ask (préfectures first).
        bigger = self._better_known(query, entries) if qualifier is None and not dep_code else []
        if dep_code is None and len(entries) == 1 and not bigger:
            return self._commune_place(query, entries[0], None)
        ordered = sorted(entries, key=lambda e: (e.insee, e.district or ""))  # by département
        choices = ([self._dep_label(dep_code)] if dep_code else []) + [
            self._label(e) for e in ordered
        ]
        choices = list(dict.fromkeys(choices))
        if len(choices) == 1 and not bigger:  # the same commune reached twice
            return self._commune_place(query, entries[0], None)
        if bigger:
            choices = [*bigger, *choices]
            shown = choices[:MAX_CHOICES]
            raise PlaceError(
                {
                    "fr": f"« {query} » peut désigner plusieurs communes : choisissez la vôtre",
                    "en": f"'{query}' may mean several communes: choose yours",
                },
                tuple(shown),
            )
        shown = choices[:MAX_CHOICES]
        more = len(choices) - len(shown)
        extra_fr = f" (et {more} autres)" if more else ""
        extra_en = f" (and {more} more)" if more else ""
        raise PlaceError(
            {
                "fr": f"plusieurs lieux s'appellent « {visible(query)} »{extra_fr} : précisez "
                "le département entre parenthèses, ou tapez le code postal",
                "en": f"several places are called '{visible(query)}'{extra_en}: add the "
                "département in brackets, or type the postal code",
            },
            tuple(shown),
        )

    @cached_property
    def _chefs_lieux(self) -> list[tuple[str, int, str]]:
        """(folded name, 0 for a préfecture / 1 for a sous-préfecture, INSEE code) of the towns
        people know best, for ``_better_known``."""
        out: dict[str, tuple[str, int, str]] = {}
        for dep in self.departements.values():
            if dep.zone != "com" and dep.prefecture_insee:
                out[dep.prefecture_insee] = (fold(dep.prefecture), 0, dep.prefecture_insee)
        for arr in self.arrondissements.values():
            if arr.chef_lieu_insee and arr.chef_lieu_insee not in out:
                if self.departements[arr.departement].zone != "com":
                    out[arr.chef_lieu_insee] = (fold(arr.chef_lieu), 1, arr.chef_lieu_insee)
        return sorted(out.values(), key=lambda t: (t[1], t[0]))

    def _better_known(self, query: str, entries: list[_Entry]) -> list[str]:
        """Préfecture and sous-préfecture towns whose name starts with the typed name as whole
        words ("Évry" -> "Évry-Courcouronnes (91)"), préfectures first; none when the typed
        name is itself such a town ("Cergy", "Lyon")."""
        typed = fold(query)
        if not typed:
            return []
        known = {insee for _, _, insee in self._chefs_lieux}
        if any(e.insee in known for e in entries):
            return []
        mine = {e.insee for e in entries}
        return [
            self._label(_Entry(insee))
            for name, _, insee in self._chefs_lieux
            if name.startswith(typed + " ") and insee not in mine
        ]

    def _from_postcode(self, query: str, code: str) -> Place:
        entries = _same(self.communes.postcode(code))
        if not entries:
            raise PlaceError(
                {
                    "fr": f"code postal inconnu « {visible(code)} » (les codes CEDEX ne sont pas "
                    "des adresses de domicile) : vérifiez-le ou tapez le nom de la commune",
                    "en": f"unknown postal code '{visible(code)}' (CEDEX codes are not home "
                    "addresses): check it or type the commune's name",
                },
                self._near_postcodes(code),
            )
        deps = sorted({self._dep_of(e.insee) for e in entries})
        if len(deps) > 1:
            names = ", ".join(self._dep_label(d) for d in deps)
            choices = [self._postcode_label(code, e) for e in entries]
            if len(choices) > MAX_CHOICES:
                choices = [self._dep_label(d) for d in deps]
            raise PlaceError(
                {
                    "fr": f"le code postal {code} couvre plusieurs départements ({names}) : "
                    "choisissez votre commune",
                    "en": f"postal code {code} covers several départements ({names}): "
                    "choose your commune",
                },
                tuple(choices),
            )
        if len(entries) == 1:
            return self._commune_place(query, entries[0], code)
        base = self._from_code(query, deps[0])
        return Place(query, base.departement, base.departement_name, code)

    def _near_postcodes(self, code: str) -> tuple[str, ...]:
        """A few existing postal codes close to an unknown one, and its département."""
        head = code[:3] if code.startswith(("97", "98")) else code[:2]
        codes = self.communes.postcodes_starting(head)
        same = sorted(codes, key=lambda c: (abs(int(c) - int(code)), c))[:3]
        out = []
        for pc in sorted(same):
            entries = [e for e in self.communes.postcode(pc) if self._zone(e.insee) != "com"]
            if len(entries) == 1:
                out.append(self._postcode_label(pc, entries[0]))
            elif entries:
                out.append(pc)
        if head == "20":
            out += [self._dep_label("2A"), self._dep_label("2B")]
        elif head in self.departements and self.departements[head].zone != "com":
            out.append(self._dep_label(head))
        return tuple(out)
